/*
 * filesource.h: one stream that reads small file after small file. A run over
 * thousands of small logs would otherwise create and destroy a stdio stream
 * for each (an allocation, and a lock all threads share), and read each once
 * more to learn it has ended: a small regular file ends at the size it had
 * when it was opened. A larger file, or one that is not regular, gets a
 * stream of its own that reads straight into the caller's buffers.
 * Internal to libostdiag.
 */
#ifndef OSTD_FILESOURCE_H
#define OSTD_FILESOURCE_H

#include <stdbool.h>
#include <stdio.h>

struct file_source;

/* A source with no file open. Never returns NULL. */
struct file_source *file_source_new(void);

/*
 * Open path and return the stream that reads it (until file_source_close), or
 * NULL with errno set. A directory is not opened: NULL with errno EISDIR.
 * *regular tells whether path is a regular file.
 */
FILE *file_source_open(struct file_source *fs, const char *path,
    bool *regular);
void file_source_close(struct file_source *fs);
void file_source_free(struct file_source **fs);

#endif

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
#include <sys/types.h>

struct file_source;

/* A source with no file open. Never returns NULL. */
struct file_source *file_source_new(void);

/* How long a FIFO is waited for before it counts as having no writer. */
#define FIFO_WAIT_SECONDS 10
#define FIFO_WAIT_TEXT "10 s"

/*
 * Open path and return the stream that reads it (until file_source_close), or
 * NULL with errno set. A directory is not opened: NULL with errno EISDIR; nor
 * is a device or socket, which may never end: ENODEV; nor a FIFO that no
 * writer writes to or closes within FIFO_WAIT_SECONDS: ETIMEDOUT. *regular
 * tells whether path is a regular file.
 */
FILE *file_source_open(struct file_source *fs, const char *path,
    bool *regular);
/*
 * Has the regular file open shrunk since it was opened (someone cut it while
 * it was read)? Then *had and *now are its sizes then and now.
 */
bool file_source_shrank(struct file_source *fs, off_t *had, off_t *now);
void file_source_close(struct file_source *fs);
void file_source_free(struct file_source **fs);

#endif

/*
 * filesource.h: the source (ostdiag/source.h) a run reads its files through,
 * one after another. A small regular file ends at the size it had when it was
 * opened: no read is spent to learn that it has ended, which over thousands
 * of small logs is a read saved for each.
 * Internal to libostdiag.
 */
#ifndef OSTD_FILESOURCE_H
#define OSTD_FILESOURCE_H

#include <stdbool.h>

#include "ostdiag/source.h"

struct file_source;

/* A source with no file open. Never returns NULL. */
struct file_source *file_source_new(void);

/* How long a FIFO is waited for before it counts as having no writer. */
#define FIFO_WAIT_SECONDS 10
#define FIFO_WAIT_TEXT "10 s"

/*
 * Open path and return the source that reads it (until file_source_close), or
 * NULL with errno set. A directory is not opened: NULL with errno EISDIR; nor
 * is a device or socket, which may never end: ENODEV; nor a FIFO that no
 * writer writes to or closes within FIFO_WAIT_SECONDS: ETIMEDOUT. The
 * source's regular says whether path is a regular file.
 */
struct ostd_source *file_source_open(struct file_source *fs,
    const char *path);
/*
 * Has the regular file open shrunk since it was opened (someone cut it while
 * it was read)? Then *had and *now are its sizes then and now.
 */
bool file_source_shrank(struct file_source *fs, long long *had,
    long long *now);
void file_source_close(struct file_source *fs);
/*
 * The source of standard input, the same one each time: once it met its
 * end, naming "-" again reads nothing more.
 */
struct ostd_source *file_source_stdin(struct file_source *fs);
void file_source_free(struct file_source **fs);

#endif

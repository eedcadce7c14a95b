/*
 * platform.h: what the operating system does differently, in one place: how
 * files and directories are opened, read and told apart, what a terminal is
 * and how wide, what a closed pipe looks like, where temporary files go, how
 * aligned memory is given back. The rest of the library and the program call
 * these and nothing of the system's own for it; platform_posix.c implements
 * them for POSIX systems, and a Windows file can implement the same.
 * Internal to libostdiag.
 */
#ifndef OSTD_PLATFORM_H
#define OSTD_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* What a path names. */
enum platform_kind {
	PLATFORM_REGULAR,	/* a file whose reads never wait */
	PLATFORM_DIRECTORY,
	PLATFORM_LINK,		/* a symbolic link (only from platform_lstat) */
	PLATFORM_FIFO,
	PLATFORM_SOCKET,
	PLATFORM_DEVICE,	/* a character or block device */
	PLATFORM_OTHER
};

struct platform_stat {
	enum platform_kind kind;
	long long size;		/* of a regular file, in bytes */
};

/* What path names, following symbolic links: 0, or -1 with errno set. */
int platform_stat(const char *path, struct platform_stat *st);
/* The same, not following a symbolic link at the end of path. */
int platform_lstat(const char *path, struct platform_stat *st);
/* What the open descriptor fd reads: 0, or -1 with errno set. */
int platform_fstat(int fd, struct platform_stat *st);

/*
 * Open path to read it as an input, in binary: the descriptor, with what it
 * is in *st, or -1 with errno set. A directory is not opened (EISDIR), nor a
 * device or socket, which may never end (ENODEV), nor a FIFO that no writer
 * writes to or closes within wait_seconds (ETIMEDOUT). Reads of what is
 * returned block.
 */
int platform_open_input(const char *path, int wait_seconds,
    struct platform_stat *st);

/*
 * Read up to n bytes from fd into buf, again when a signal cut the read
 * short: how many, 0 at the end, -1 with errno set.
 */
ptrdiff_t platform_read(int fd, void *buf, size_t n);
void platform_close(int fd);

/* The descriptor of standard input, set to read bytes unchanged. */
int platform_stdin(void);

#endif

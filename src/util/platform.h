/*
 * platform.h: what the operating system does differently, in one place: how
 * files and directories are opened, read and told apart, what a terminal is
 * and how wide, what a closed pipe looks like, where temporary files go, how
 * aligned memory is given back, how the process is set up. The rest of the
 * library and the program call these and nothing of the system's own for
 * them; platform_posix.c implements them for POSIX systems, and a file for
 * Windows implements the same, chosen by the build (PLATFORM_SRC), with no
 * conditional compilation elsewhere.
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
	PLATFORM_CHAR_DEVICE,
	PLATFORM_BLOCK_DEVICE,
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
 * Open path to read it, in binary, without waiting (not even for a FIFO's
 * writer) and without making it the controlling terminal: the descriptor,
 * with what it is in *st, or -1 with errno set. Reads of anything but a
 * regular file may then fail with EAGAIN.
 */
int platform_open(const char *path, struct platform_stat *st);

/*
 * Open path to read it as an input: as platform_open, but a directory is not
 * opened (EISDIR), nor a device or socket, which may never end (ENODEV), nor
 * a FIFO that no writer writes to or closes within wait_seconds (ETIMEDOUT);
 * reads of what is returned block.
 */
int platform_open_input(const char *path, int wait_seconds,
    struct platform_stat *st);

/*
 * Read up to n bytes from fd into buf, again when a signal cut the read
 * short: how many, 0 at the end, -1 with errno set.
 */
ptrdiff_t platform_read(int fd, void *buf, size_t n);
/* The same at offset, leaving the descriptor's position alone. */
ptrdiff_t platform_read_at(int fd, void *buf, size_t n, long long offset);
void platform_close(int fd);

/* The descriptor of standard input, set to read bytes unchanged. */
int platform_stdin(void);

/* A directory being read. */
struct platform_dir;

/* Open the directory path to list it: NULL with errno set when it cannot be. */
struct platform_dir *platform_dir_open(const char *path);
/*
 * The name of the next entry, "." and ".." left out, valid until the next
 * call; NULL when there are no more (errno set when reading failed).
 */
const char *platform_dir_next(struct platform_dir *d);
void platform_dir_close(struct platform_dir **d);

/* Does c separate the parts of a path ('/', and on Windows '\\' too)? */
bool platform_is_separator(char c);
/* The last part of path: what follows its last separator, if anything does. */
const char *platform_base_name(const char *path);
/*
 * The path of name in the directory dir, allocated: joined with '/', or on
 * Windows with '\\' when dir holds a backslash and no '/', so that a path
 * keeps the one separator it was given with.
 */
char *platform_path_join(const char *dir, const char *name);

/*
 * Does the file name name (no directory) match the shell pattern pattern
 * (*, ?, [...])?
 */
bool platform_name_matches(const char *pattern, const char *name);

/*
 * Set the process up before anything else: standard input, output and error
 * open (a closed one would be taken by the next file opened; exits with
 * status 2 when it cannot be held), writing to a reader that went away ends
 * the run quietly, and output goes out byte for byte.
 */
void platform_start(void);

/* Is a closed pipe what the write that failed with error met? */
bool platform_broken_pipe(int error);

/* Is the descriptor fd a terminal? */
bool platform_is_terminal(int fd);
/* The columns of the terminal on fd; 0 when it is none or does not say. */
int platform_terminal_columns(int fd);
/*
 * Can the terminal on fd show colour as ANSI escape sequences (turned on
 * where the system asks for it)? False when fd is no terminal.
 */
bool platform_terminal_colour(int fd);

/* Processors online; at least 1. */
int platform_processors(void);

/* The directory temporary files go in: TMPDIR, else the system's. */
const char *platform_temp_dir(void);
/*
 * A new temporary file in dir, open to write and read, which goes away when
 * closed (or when the program ends), and which never takes the place of a
 * standard descriptor. NULL with errno set when it cannot be made.
 */
FILE *platform_temp_file(const char *dir);

/*
 * size bytes at an address that is a multiple of align (a power of two, a
 * multiple of sizeof(void *)), or NULL; given back with platform_aligned_free
 * only.
 */
void *platform_aligned_alloc(size_t align, size_t size);
void platform_aligned_free(void *p);

#endif

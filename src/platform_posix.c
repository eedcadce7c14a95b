/*
 * platform_posix.c: platform.h on POSIX systems (Linux, the BSDs, macOS).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include "platform.h"

/* The kind of file of mode. */
static enum platform_kind
kind_of(mode_t mode)
{
	if (S_ISREG(mode))
		return PLATFORM_REGULAR;
	if (S_ISDIR(mode))
		return PLATFORM_DIRECTORY;
	if (S_ISLNK(mode))
		return PLATFORM_LINK;
	if (S_ISFIFO(mode))
		return PLATFORM_FIFO;
	if (S_ISSOCK(mode))
		return PLATFORM_SOCKET;
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return PLATFORM_DEVICE;
	return PLATFORM_OTHER;
}

/* Fill st from sb; returns 0. */
static int
fill_stat(const struct stat *sb, struct platform_stat *st)
{
	st->kind = kind_of(sb->st_mode);
	st->size = (long long)sb->st_size;
	return 0;
}

int
platform_stat(const char *path, struct platform_stat *st)
{
	struct stat sb;

	return stat(path, &sb) != 0 ? -1 : fill_stat(&sb, st);
}

int
platform_lstat(const char *path, struct platform_stat *st)
{
	struct stat sb;

	return lstat(path, &sb) != 0 ? -1 : fill_stat(&sb, st);
}

int
platform_fstat(int fd, struct platform_stat *st)
{
	struct stat sb;

	return fstat(fd, &sb) != 0 ? -1 : fill_stat(&sb, st);
}

/* Give up on fd (closing it) with errno set to error; returns -1. */
static int
refuse(int fd, int error)
{
	close(fd);
	errno = error;
	return -1;
}

/*
 * Wait up to seconds for a FIFO's writer to write or go. False (errno set)
 * when none came.
 */
static bool
wait_for_writer(int fd, int seconds)
{
	struct pollfd pfd = { fd, POLLIN, 0 };
	int n;

	do
		n = poll(&pfd, 1, seconds * 1000);
	while (n < 0 && errno == EINTR);
	if (n == 0)
		errno = ETIMEDOUT;
	return n > 0;
}

int
platform_open_input(const char *path, int wait_seconds,
    struct platform_stat *st)
{
	int fd, flags;

	/* Not blocking: opening a FIFO would wait for a writer forever. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0)
		return -1;
	if (platform_fstat(fd, st) != 0)
		return refuse(fd, errno);
	if (st->kind == PLATFORM_DIRECTORY)
		return refuse(fd, EISDIR);
	if (st->kind == PLATFORM_DEVICE || st->kind == PLATFORM_SOCKET)
		return refuse(fd, ENODEV);
	if (st->kind == PLATFORM_FIFO && !wait_for_writer(fd, wait_seconds))
		return refuse(fd, errno);
	/* Reads block again from here. */
	if ((flags = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == -1)
		return refuse(fd, errno);
	return fd;
}

ptrdiff_t
platform_read(int fd, void *buf, size_t n)
{
	ssize_t got;

	do
		got = read(fd, buf, n);
	while (got < 0 && errno == EINTR);
	return (ptrdiff_t)got;
}

void
platform_close(int fd)
{
	close(fd);
}

int
platform_stdin(void)
{
	return STDIN_FILENO;
}

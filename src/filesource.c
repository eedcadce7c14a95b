/*
 * filesource.c: a stdio stream over a file descriptor that changes from one
 * small file to the next.
 */
#define _GNU_SOURCE		/* fopencookie */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "filesource.h"
#include "util.h"

/*
 * A stream made with fopencookie reads through its buffer, never straight into
 * the caller's: files up to SMALL_FILE bytes are read in one go through it.
 */
#define SMALL_FILE (64 * 1024)

struct file_source {
	FILE *fp;		/* reads fd through source_read */
	int fd;			/* -1: none open */
	off_t size;		/* of the regular file when opened */
	off_t pos;		/* bytes read */
	FILE *own;		/* a larger file's own stream, or NULL */
	int own_fd;		/* its descriptor */
	off_t opened_size;	/* of a regular file when opened; -1: not one */
};

static ssize_t
source_read(void *cookie, char *buf, size_t n)
{
	struct file_source *fs = cookie;
	ssize_t got;

	/*
	 * A regular file ends at the size it had when it was opened: no more
	 * is read, and no read is spent to learn that it ended. A size of 0
	 * proves nothing (files under /proc have content).
	 */
	if (fs->fd < 0 || (fs->size > 0 && fs->pos >= fs->size))
		return 0;
	if (fs->size > 0 && n > (size_t)(fs->size - fs->pos))
		n = (size_t)(fs->size - fs->pos);
	do
		got = read(fs->fd, buf, n);
	while (got < 0 && errno == EINTR);
	if (got > 0)
		fs->pos += got;
	return got;
}

struct file_source *
file_source_new(void)
{
	struct file_source *fs = xcalloc(1, sizeof(*fs));
	cookie_io_functions_t io = { source_read, NULL, NULL, NULL };

	fs->fd = -1;
	if ((fs->fp = fopencookie(fs, "rb", io)) == NULL) {
		fprintf(stderr, "ostdiag: out of memory (a stream)\n");
		exit(2);
	}
	setvbuf(fs->fp, NULL, _IOFBF, SMALL_FILE + 1);
	return fs;
}

/* Give up on fd (closing it) with errno set to error; returns NULL. */
static FILE *
refuse(int fd, int error)
{
	close(fd);
	errno = error;
	return NULL;
}

/*
 * Wait up to FIFO_WAIT_SECONDS for a FIFO's writer to write or go; then make
 * its reads block again. False (errno set) when none came.
 */
static bool
wait_for_writer(int fd)
{
	struct pollfd pfd = { fd, POLLIN, 0 };
	int n, flags;

	do
		n = poll(&pfd, 1, FIFO_WAIT_SECONDS * 1000);
	while (n < 0 && errno == EINTR);
	if (n == 0)
		errno = ETIMEDOUT;
	if (n <= 0)
		return false;
	flags = fcntl(fd, F_GETFL);
	return flags != -1 && fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != -1;
}

FILE *
file_source_open(struct file_source *fs, const char *path, bool *regular)
{
	struct stat sb;
	int fd, flags;

	file_source_close(fs);
	/* Not blocking: opening a FIFO would wait for a writer forever. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0)
		return NULL;
	if (fstat(fd, &sb) != 0)
		return refuse(fd, errno);
	if (S_ISDIR(sb.st_mode))
		return refuse(fd, EISDIR);
	if (S_ISCHR(sb.st_mode) || S_ISBLK(sb.st_mode) || S_ISSOCK(sb.st_mode))
		return refuse(fd, ENODEV);
	if (S_ISFIFO(sb.st_mode) ? !wait_for_writer(fd) :
	    ((flags = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == -1))
		return refuse(fd, errno);
	*regular = S_ISREG(sb.st_mode);
	fs->opened_size = *regular ? sb.st_size : -1;
	if (!*regular || sb.st_size > SMALL_FILE) {
		if ((fs->own = fdopen(fd, "rb")) == NULL)
			return refuse(fd, errno);
		fs->own_fd = fd;
		/* Whatever reads an input asks for blocks of 4 KiB or more. */
		setvbuf(fs->own, NULL, _IONBF, 0);
		return fs->own;
	}
	fs->fd = fd;
	fs->size = sb.st_size;
	fs->pos = 0;
	clearerr(fs->fp);
	return fs->fp;
}

bool
file_source_shrank(struct file_source *fs, off_t *had, off_t *now)
{
	struct stat sb;
	int fd = fs->own != NULL ? fs->own_fd : fs->fd;

	if (fd < 0 || fs->opened_size < 0 || fstat(fd, &sb) != 0)
		return false;
	*had = fs->opened_size;
	*now = sb.st_size;
	return sb.st_size < fs->opened_size;
}

void
file_source_close(struct file_source *fs)
{
	if (fs->own != NULL)
		fclose(fs->own);
	fs->own = NULL;
	if (fs->fd >= 0)
		close(fs->fd);
	fs->fd = -1;
	/* What a reader left unread of this file is not the next one's. */
	__fpurge(fs->fp);
	clearerr(fs->fp);
}

void
file_source_free(struct file_source **fsp)
{
	struct file_source *fs;

	if (fsp == NULL || (fs = *fsp) == NULL)
		return;
	file_source_close(fs);
	fclose(fs->fp);
	free(fs);
	*fsp = NULL;
}

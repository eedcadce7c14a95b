/*
 * source.c: the sources inputs are read through: a file descriptor, a buffer
 * in memory, and the end and error bookkeeping every source shares.
 */
#include <errno.h>
#include <string.h>

#include "ostdiag/source.h"
#include "util/platform.h"

/* Read a descriptor, as the platform does. */
static ptrdiff_t
fd_read(struct ostd_source *src, void *buf, size_t n)
{
	return platform_read(src->fd, buf, n);
}

/* Copy out the next bytes of a buffer. */
static ptrdiff_t
mem_read(struct ostd_source *src, void *buf, size_t n)
{
	size_t left = src->mem_len - src->mem_pos;

	if (n > left)
		n = left;
	if (n > 0)
		memcpy(buf, src->mem + src->mem_pos, n);
	src->mem_pos += n;
	return (ptrdiff_t)n;
}

void
ostd_source_fd(struct ostd_source *src, int fd)
{
	memset(src, 0, sizeof(*src));
	src->read = fd_read;
	src->fd = fd;
	src->regular = -1;
}

void
ostd_source_buffer(struct ostd_source *src, const void *buf, size_t len)
{
	memset(src, 0, sizeof(*src));
	src->read = mem_read;
	src->fd = -1;
	src->mem = buf;
	src->mem_len = len;
}

size_t
ostd_source_read(struct ostd_source *src, void *buf, size_t n)
{
	ptrdiff_t got;

	if (src->eof || src->error != 0 || n == 0)
		return 0;
	errno = 0;
	got = src->read(src, buf, n);
	if (got > 0)
		return (size_t)got;
	if (got == 0)
		src->eof = true;
	else
		src->error = errno != 0 ? errno : EIO;
	return 0;
}

size_t
ostd_source_read_full(struct ostd_source *src, void *buf, size_t n)
{
	size_t done = 0, got;

	while (done < n &&
	    (got = ostd_source_read(src, (char *)buf + done, n - done)) > 0)
		done += got;
	return done;
}

void
ostd_source_close(struct ostd_source *src)
{
	if (src == NULL)
		return;
	if (src->close != NULL)
		src->close(src);
	src->close = NULL;
	src->eof = true;
}

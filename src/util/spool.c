/*
 * spool.c: records kept in memory, then in a temporary file.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/platform.h"
#include "util/spool.h"

const char *
spool_dir(void)
{
	return platform_temp_dir();
}

FILE *
spool_tmpfile(void)
{
	return platform_temp_file(spool_dir());
}

/* Keep the first failure of s; returns false. */
static bool
fail(struct spool *s, int error)
{
	if (s->error == 0)
		s->error = error != 0 ? error : EIO;
	return false;
}

bool
spool_put(struct spool *s, const void *rec, size_t size)
{
	if (s->error != 0)
		return false;
	if (s->fp == NULL && size <= SPOOL_MEMORY - s->mem.len) {
		strbuf_add(&s->mem, (const char *)rec, size);
	} else {
		if (s->fp == NULL && (s->fp = spool_tmpfile()) == NULL)
			return fail(s, errno);
		if (fwrite(rec, size, 1, s->fp) != 1)
			return fail(s, errno);
	}
	s->n++;
	return true;
}

void
spool_rewind(struct spool *s)
{
	s->read_pos = 0;
	if (s->fp != NULL && s->error == 0 &&
	    (fflush(s->fp) != 0 || fseek(s->fp, 0, SEEK_SET) != 0))
		(void)fail(s, errno);
}

bool
spool_next(struct spool *s, void *rec, size_t size)
{
	if (s->mem.len - s->read_pos >= size) {
		memcpy(rec, s->mem.data + s->read_pos, size);
		s->read_pos += size;
		return true;
	}
	if (s->fp == NULL || s->error != 0)
		return false;
	if (fread(rec, size, 1, s->fp) == 1)
		return true;
	if (ferror(s->fp))
		(void)fail(s, errno);
	return false;
}

bool
spool_copy(struct spool *s, FILE *out)
{
	char buf[8192];
	size_t n;

	if (s->mem.len > 0)
		fwrite(s->mem.data, 1, s->mem.len, out);
	if (s->fp == NULL || s->error != 0)
		return s->error == 0;
	if (fflush(s->fp) != 0 || fseek(s->fp, 0, SEEK_SET) != 0)
		return fail(s, errno);
	while ((n = fread(buf, 1, sizeof(buf), s->fp)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			return true;	/* the caller sees ferror(out) */
	return ferror(s->fp) ? fail(s, errno) : true;
}

void
spool_close(struct spool *s)
{
	if (s->fp != NULL)
		fclose(s->fp);
	s->fp = NULL;
	strbuf_free(&s->mem);
	s->read_pos = 0;
	s->n = 0;
	s->error = 0;
}

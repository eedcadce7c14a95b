/*
 * spool.c: records kept in memory, then in a temporary file.
 */
#include <string.h>

#include "spool.h"

bool
spool_put(struct spool *s, const void *rec, size_t size)
{
	if (s->fp == NULL && size <= SPOOL_MEMORY - s->mem.len) {
		strbuf_add(&s->mem, (const char *)rec, size);
	} else {
		if (s->fp == NULL && (s->fp = tmpfile()) == NULL)
			return false;
		if (fwrite(rec, size, 1, s->fp) != 1)
			return false;
	}
	s->n++;
	return true;
}

void
spool_rewind(struct spool *s)
{
	s->read_pos = 0;
	if (s->fp != NULL)
		rewind(s->fp);
}

bool
spool_next(struct spool *s, void *rec, size_t size)
{
	if (s->mem.len - s->read_pos >= size) {
		memcpy(rec, s->mem.data + s->read_pos, size);
		s->read_pos += size;
		return true;
	}
	return s->fp != NULL && fread(rec, size, 1, s->fp) == 1;
}

void
spool_copy(struct spool *s, FILE *out)
{
	char buf[8192];
	size_t n;

	if (s->mem.len > 0)
		fwrite(s->mem.data, 1, s->mem.len, out);
	if (s->fp == NULL)
		return;
	rewind(s->fp);
	while ((n = fread(buf, 1, sizeof(buf), s->fp)) > 0)
		fwrite(buf, 1, n, out);
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
}

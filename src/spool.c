/*
 * spool.c: records kept in a temporary file.
 */
#include "spool.h"

bool
spool_put(struct spool *s, const void *rec, size_t size)
{
	if (s->fp == NULL && (s->fp = tmpfile()) == NULL)
		return false;
	if (fwrite(rec, size, 1, s->fp) != 1)
		return false;
	s->n++;
	return true;
}

void
spool_rewind(struct spool *s)
{
	if (s->fp != NULL)
		rewind(s->fp);
}

bool
spool_next(struct spool *s, void *rec, size_t size)
{
	return s->fp != NULL && fread(rec, size, 1, s->fp) == 1;
}

void
spool_close(struct spool *s)
{
	if (s->fp != NULL)
		fclose(s->fp);
	s->fp = NULL;
	s->n = 0;
}

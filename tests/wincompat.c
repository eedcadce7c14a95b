/*
 * wincompat.c: the POSIX functions the unit tests use that Windows' C
 * library lacks, linked into the tests' Windows builds only (make
 * check-win): open_memstream over a temporary file that fflush and fclose
 * (wrapped, -Wl,--wrap) read back into the caller's buffer, mkdtemp, setenv,
 * unsetenv, strndup, and system("rm -rf DIR") done in-process, as wine has
 * no rm.
 */
#include <windows.h>

#include <direct.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/platform.h"
#include "util/util.h"
#include "wincompat.h"

int __real_fclose(FILE *fp);
int __wrap_fclose(FILE *fp);
int __real_fflush(FILE *fp);
int __wrap_fflush(FILE *fp);
int __real_system(const char *command);
int __wrap_system(const char *command);

#define MEMSTREAMS 64

/* The streams open_memstream made, and where each tells its content. */
static struct memstream {
	FILE *fp;
	char **bufp;
	size_t *sizep;
} streams[MEMSTREAMS];

FILE *
open_memstream(char **bufp, size_t *sizep)
{
	FILE *fp;

	for (int i = 0; i < MEMSTREAMS; i++) {
		if (streams[i].fp != NULL)
			continue;
		if ((fp = platform_temp_file(platform_temp_dir())) == NULL)
			return NULL;
		streams[i] = (struct memstream){ fp, bufp, sizep };
		*bufp = xstrdup("");
		*sizep = 0;
		return fp;
	}
	errno = EMFILE;
	return NULL;
}

/* The stream of fp, or NULL when open_memstream did not make it. */
static struct memstream *
stream_of(FILE *fp)
{
	for (int i = 0; fp != NULL && i < MEMSTREAMS; i++)
		if (streams[i].fp == fp)
			return &streams[i];
	return NULL;
}

/* Copy what was written to m, up to where it is, into its buffer. */
static int
publish(struct memstream *m)
{
	long end = ftell(m->fp);
	char *buf;

	if (end < 0 || fseek(m->fp, 0, SEEK_SET) != 0)
		return EOF;
	buf = xmalloc((size_t)end + 1);
	if (fread(buf, 1, (size_t)end, m->fp) != (size_t)end) {
		free(buf);
		return EOF;
	}
	buf[end] = '\0';
	free(*m->bufp);
	*m->bufp = buf;
	*m->sizep = (size_t)end;
	return fseek(m->fp, end, SEEK_SET) != 0 ? EOF : 0;
}

int
__wrap_fflush(FILE *fp)
{
	struct memstream *m = stream_of(fp);

	if (__real_fflush(fp) != 0)
		return EOF;
	return m != NULL ? publish(m) : 0;
}

int
__wrap_fclose(FILE *fp)
{
	struct memstream *m = stream_of(fp);
	int rc = 0;

	if (m != NULL) {
		rc = __real_fflush(fp) != 0 || publish(m) != 0 ? EOF : 0;
		m->fp = NULL;
	}
	return __real_fclose(fp) != 0 ? EOF : rc;
}

char *
mkdtemp(char *template)
{
	size_t len = strlen(template);
	static unsigned serial;

	if (len < 6 || strcmp(template + len - 6, "XXXXXX") != 0) {
		errno = EINVAL;
		return NULL;
	}
	for (int tries = 0; tries < 100; tries++) {
		snprintf(template + len - 6, 7, "%06lu", (unsigned long)
		    ((GetCurrentProcessId() * 7919u + GetTickCount() +
		    serial++) % 1000000));
		if (_mkdir(template) == 0)
			return template;
		if (errno != EEXIST)
			return NULL;
	}
	return NULL;
}

int
setenv(const char *name, const char *value, int overwrite)
{
	if (!overwrite && getenv(name) != NULL)
		return 0;
	/* Windows keeps no empty variable: an empty value removes it. */
	return _putenv_s(name, value) == 0 ? 0 : -1;
}

int
unsetenv(const char *name)
{
	return _putenv_s(name, "") == 0 ? 0 : -1;
}

char *
strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *copy = xmalloc(len + 1);

	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

/* Remove path, a file or a directory with all it holds: 0, or -1. */
static int
remove_tree(const char *path)
{
	struct platform_stat st;
	struct platform_dir *d;
	const char *name;
	int rc = 0;

	if (platform_lstat(path, &st) != 0)
		return -1;
	if (st.kind != PLATFORM_DIRECTORY)
		return remove(path) == 0 ? 0 : -1;
	if ((d = platform_dir_open(path)) == NULL)
		return -1;
	while ((name = platform_dir_next(d)) != NULL) {
		char *sub = platform_path_join(path, name);

		rc |= remove_tree(sub);
		free(sub);
	}
	platform_dir_close(&d);
	return _rmdir(path) == 0 && rc == 0 ? 0 : -1;
}

int
__wrap_system(const char *command)
{
	if (command != NULL && strncmp(command, "rm -rf ", 7) == 0)
		return remove_tree(command + 7) == 0 ? 0 : 1;
	return __real_system(command);
}

/*
 * wincompat.h: the declarations of wincompat.c, the POSIX functions the unit
 * tests use that Windows' C library lacks; put before each test's own
 * includes in the tests' Windows builds (-include).
 */
#ifndef OSTD_WINCOMPAT_H
#define OSTD_WINCOMPAT_H

#include <stddef.h>
#include <stdio.h>

FILE *open_memstream(char **bufp, size_t *sizep);
char *mkdtemp(char *template);
int setenv(const char *name, const char *value, int overwrite);
int unsetenv(const char *name);
char *strndup(const char *s, size_t n);

#endif

/*
 * jsoncheck.c: exit 0 when standard input is one valid JSON document, 1 when it
 * is not. Used by the shell tests.
 */
#include <stdio.h>
#include <stdlib.h>

#include "jsonvalid.h"

int
main(void)
{
	size_t len = 0, cap = 1 << 16, n;
	char *buf = malloc(cap + 1);

	if (buf == NULL)
		return 2;
	while ((n = fread(buf + len, 1, cap - len, stdin)) > 0) {
		len += n;
		if (len == cap) {
			char *p = realloc(buf, cap * 2 + 1);

			if (p == NULL)
				return 2;
			buf = p;
			cap *= 2;
		}
	}
	buf[len] = '\0';
	if (strlen(buf) != len || !valid_json(buf)) {
		fputs("jsoncheck: not valid JSON\n", stderr);
		return 1;
	}
	free(buf);
	return 0;
}

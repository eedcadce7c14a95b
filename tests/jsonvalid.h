/*
 * jsonvalid.h: a strict JSON validator (RFC 8259 syntax, UTF-8 strings), enough
 * to check ostdiag's output. Used by the unit tests and by tests/jsoncheck.c.
 */
#ifndef OSTD_JSONVALID_H
#define OSTD_JSONVALID_H

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>


static const char *json_value(const char *p, int depth);

static const char *
ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static const char *
json_str(const char *p)
{
	if (*p++ != '"')
		return NULL;
	while (*p != '"') {
		unsigned char c = (unsigned char)*p;

		if (c < 0x20)
			return NULL;
		if (c == '\\') {
			p++;
			if (*p == 'u') {
				for (int i = 1; i <= 4; i++)
					if (!strchr("0123456789abcdefABCDEF", p[i]) ||
					    p[i] == '\0')
						return NULL;
				p += 5;
				continue;
			}
			if (!strchr("\"\\/bfnrt", *p) || *p == '\0')
				return NULL;
			p++;
			continue;
		}
		if (c >= 0x80) {	/* valid UTF-8 only */
			int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC2 ? 1 : -1;

			if (n < 0 || c > 0xF4)
				return NULL;
			for (int i = 1; i <= n; i++)
				if (((unsigned char)p[i] & 0xC0) != 0x80)
					return NULL;
			p += n + 1;
			continue;
		}
		p++;
	}
	return p + 1;
}

static const char *
json_value(const char *p, int depth)
{
	if (depth > 64)
		return NULL;
	p = ws(p);
	if (*p == '{' || *p == '[') {
		char close = *p == '{' ? '}' : ']';
		bool obj = *p == '{';

		p = ws(p + 1);
		if (*p == close)
			return p + 1;
		for (;;) {
			if (obj) {
				if ((p = json_str(ws(p))) == NULL)
					return NULL;
				p = ws(p);
				if (*p++ != ':')
					return NULL;
			}
			if ((p = json_value(p, depth + 1)) == NULL)
				return NULL;
			p = ws(p);
			if (*p == close)
				return p + 1;
			if (*p++ != ',')
				return NULL;
		}
	}
	if (*p == '"')
		return json_str(p);
	if (strncmp(p, "true", 4) == 0)
		return p + 4;
	if (strncmp(p, "false", 5) == 0)
		return p + 5;
	if (strncmp(p, "null", 4) == 0)
		return p + 4;
	if (*p == '-' || (*p >= '0' && *p <= '9')) {
		char *end;

		strtod(p, &end);
		return end;
	}
	return NULL;
}

static inline bool
valid_json(const char *doc)
{
	const char *end = json_value(doc, 0);

	return end != NULL && *ws(end) == '\0';
}

#endif

/*
 * txtheader.c: the "From: / Sent: / To: / Subject:" block Outlook writes at the
 * top of a message saved as text, and the English date forms of its Sent: line.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ostdiag/txtheader.h"
#include "input/textconv.h"
#include "util/util.h"

#define BLOCK_LINES_MAX 64	/* a header block is a handful of lines */
#define NAME_MAX_LEN 32

/* The line at s[i..n): its length without the line end (LF, CRLF or CR). */
static size_t
line_at(const char *s, size_t i, size_t n, size_t *len)
{
	size_t e = i;

	while (e < n && s[e] != '\n' && s[e] != '\r')
		e++;
	*len = e - i;
	if (e < n && s[e] == '\r')
		e++;
	if (e < n && s[e] == '\n')
		e++;
	return e;
}

/* The colon after the field name ("Subject", "Reply-To") starting line, or NULL. */
static const char *
name_end(const char *line, size_t len)
{
	for (size_t i = 0; i < len && i <= NAME_MAX_LEN; i++) {
		char c = line[i];

		if (c == ':')
			return i > 0 ? line + i : NULL;
		if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && c != '-' &&
		    !(c == ' ' && i > 0))
			return NULL;
	}
	return NULL;
}

/* Whether s[0..len) is word, ignoring case. */
static bool
is_word(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && ascii_strncaseeq(s, word, len);
}

/* A run of digits at s[*i]: its value (capped) and its number of digits. */
static int
number(const char *s, size_t n, size_t *i, int *digits)
{
	int v = 0;

	for (*digits = 0; *i < n && ascii_isdigit((unsigned char)s[*i]); (*i)++)
		if (++*digits <= 6)
			v = v * 10 + (s[*i] - '0');
	return v;
}

/* A written year (two digits mean 20xx) as a full year, or -1. */
static int
year_of(int v, int digits)
{
	if (digits == 2)
		return 2000 + v;
	return digits == 4 ? v : -1;
}

/* A numeric date a<sep>b<sep>c whose first number (digits da) is already read. */
static bool
numeric_date(const char *s, size_t n, size_t *i, int a, int da, int *y, int *m,
    int *d)
{
	char sep = s[*i];
	int b, c, db, dc;

	(*i)++;
	b = number(s, n, i, &db);
	if (db == 0 || db > 2 || *i >= n || s[*i] != sep)
		return false;
	(*i)++;
	c = number(s, n, i, &dc);
	if (da == 4 && sep == '-' && dc <= 2 && dc > 0) {
		*y = a;		/* ISO 8601: 2026-03-03 */
		*m = b;
		*d = c;
		return true;
	}
	if (da > 2 || (*y = year_of(c, dc)) < 0)
		return false;
	if (sep == '.' || (a > 12 && b <= 12)) {
		*d = a;		/* day first: 03.03.2026, 25/03/2026 */
		*m = b;
	} else {
		*m = a;		/* English (United States): month first */
		*d = b;
	}
	return true;
}

/* h:mm[:ss] whose hour (digits dh) is already read, at the ':' in s[*i]. */
static bool
clock_time(const char *s, size_t n, size_t *i, int *mi, int *sec)
{
	int dm, ds;

	(*i)++;
	*mi = number(s, n, i, &dm);
	if (dm != 2)
		return false;
	if (*i < n && s[*i] == ':' && *i + 1 < n &&
	    ascii_isdigit((unsigned char)s[*i + 1])) {
		(*i)++;
		*sec = number(s, n, i, &ds);
		if (ds != 2)
			return false;
	}
	return true;
}

/*
 * Read the value of a Sent: line as local time and return it as seconds since
 * 1970 as if it were UTC, or -1 when it is not a form we know.
 */
static long long
parse_sent(const char *s, size_t n)
{
	int y = -1, m = 0, d = 0, h = -1, mi = 0, sec = 0, ampm = 0;
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (ascii_isspace(c) || c == ',') {
			i++;
		} else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
			size_t k = i, wl;
			int mm;

			while (k < n && (((s[k] | 0x20) >= 'a' &&
			    (s[k] | 0x20) <= 'z') || s[k] == '.'))
				k++;
			wl = k - i;
			while (wl > 0 && s[i + wl - 1] == '.')
				wl--;	/* "Tue." */
			if (is_weekday_name(s + i, wl) || is_word(s + i, wl, "at")) {
				;
			} else if ((mm = month_from_name(s + i, wl)) != 0 && m == 0) {
				m = mm;
			} else if (is_word(s + i, wl, "am") ||
			    is_word(s + i, wl, "a.m")) {
				ampm = 1;
			} else if (is_word(s + i, wl, "pm") ||
			    is_word(s + i, wl, "p.m")) {
				ampm = 2;
			} else
				return -1;
			i = k;
		} else if (ascii_isdigit(c)) {
			int dv, v = number(s, n, &i, &dv);

			if (i < n && s[i] == ':' && h < 0 && dv <= 2) {
				h = v;
				if (!clock_time(s, n, &i, &mi, &sec))
					return -1;
			} else if (i + 1 < n && (s[i] == '/' || s[i] == '.' ||
			    s[i] == '-') && ascii_isdigit((unsigned char)s[i + 1]) &&
			    d == 0 && m == 0) {
				if (!numeric_date(s, n, &i, v, dv, &y, &m, &d))
					return -1;
			} else if (dv == 4 && y < 0) {
				y = v;
			} else if (dv <= 2 && d == 0) {
				d = v;
			} else
				return -1;
		} else
			return -1;
	}
	if (ampm != 0) {
		if (h < 1 || h > 12)
			return -1;
		h = h % 12 + (ampm == 2 ? 12 : 0);
	}
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 ||
	    d > days_in_month(y, m) || h < 0 || h > 23 || mi > 59 || sec > 59)
		return -1;
	return days_from_civil(y, m, d) * 86400 + h * 3600 + mi * 60 + sec;
}

/* Trim blanks around v[0..*n); returns the new start. */
static const char *
trim(const char *v, size_t *n)
{
	while (*n > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		(*n)--;
	}
	while (*n > 0 && (v[*n - 1] == ' ' || v[*n - 1] == '\t'))
		(*n)--;
	return v;
}

int
ostd_txt_header_read(const char *buf, size_t len, struct ostd_message *out,
    size_t *body_offset)
{
	const char *subject = NULL, *sent = NULL;
	size_t subject_len = 0, sent_len = 0, i = 0, end = len;
	unsigned lines = 0;

	memset(out, 0, sizeof(*out));
	out->date = -1;
	*body_offset = 0;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len) {
		size_t ll, next = line_at(buf, i, len, &ll);
		const char *line = buf + i, *colon, *v;
		size_t vl;

		if (ll == 0) {
			end = next;
			break;
		}
		if (++lines > BLOCK_LINES_MAX)
			return 0;
		if (line[0] == ' ' || line[0] == '\t') {
			if (lines == 1)
				return 0;
			i = next;	/* a wrapped value (a long To: line) */
			continue;
		}
		if ((colon = name_end(line, ll)) == NULL) {
			/* Not a field: a complete block ended without a blank. */
			end = i;
			break;
		}
		vl = ll - (size_t)(colon + 1 - line);
		v = trim(colon + 1, &vl);
		if (is_word(line, (size_t)(colon - line), "subject") &&
		    subject == NULL) {
			subject = v;
			subject_len = vl;
		} else if ((is_word(line, (size_t)(colon - line), "sent") ||
		    is_word(line, (size_t)(colon - line), "date")) && sent == NULL) {
			sent = v;
			sent_len = vl;
		}
		i = next;
	}
	if (subject == NULL || sent == NULL)
		return 0;
	{
		struct strbuf b;

		strbuf_init(&b, 0);
		charset_to_utf8(&b, subject, subject_len, OSTD_CS_UTF8);
		out->subject = strbuf_detach(&b);
	}
	out->date = parse_sent(sent, sent_len);
	*body_offset = end;
	return 1;
}

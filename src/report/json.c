/*
 * json.c: JSON string escaping with UTF-8 validation, and numbers.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "ostdiag/rules.h"
#include "report/json.h"
#include "util/util.h"

/* Does any byte of v equal zero? */
static inline bool
zero_byte(uint64_t v)
{
	return ((v - BYTES(0x01)) & ~v & BYTES(0x80)) != 0;
}

/*
 * Are the eight bytes v all printable ASCII that JSON takes as they are: none
 * below 0x20, none from 0x7F on, no quote and no backslash?
 */
static inline bool
plain8(uint64_t v)
{
	return ((v - BYTES(0x20)) & ~v & BYTES(0x80)) == 0 &&
	    ((v + BYTES(0x01)) & BYTES(0x80)) == 0 && (v & BYTES(0x80)) == 0 &&
	    !zero_byte(v ^ BYTES('"')) && !zero_byte(v ^ BYTES('\\'));
}

void
json_string(struct strbuf *out, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, run = 0;

	strbuf_addc(out, '"');
	while (i < len) {
		unsigned char c = s[i];
		size_t n;

		/* Plain printable ASCII goes out in runs, written at once. */
		if (i + 8 <= len && plain8(load_u64(s + i))) {
			i += 8;
			continue;
		}
		if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
			i++;
			continue;
		}
		n = c >= 0x80 ? utf8_sequence(s + i, len - i) : 0;
		/* C1 controls (U+0080 to U+009F) are escaped like C0. */
		if (n == 2 && c == 0xC2 && s[i + 1] < 0xA0) {
			strbuf_add(out, (const char *)s + run, i - run);
			strbuf_addf(out, "\\u%04x", s[i + 1]);
			i += 2;
			run = i;
			continue;
		}
		if (n > 0) {
			i += n;
			continue;
		}
		strbuf_add(out, (const char *)s + run, i - run);
		switch (c) {
		case '"':
			strbuf_adds(out, "\\\"");
			break;
		case '\\':
			strbuf_adds(out, "\\\\");
			break;
		case '\n':
			strbuf_adds(out, "\\n");
			break;
		case '\r':
			strbuf_adds(out, "\\r");
			break;
		case '\t':
			strbuf_adds(out, "\\t");
			break;
		default:
			if (c < 0x20 || c == 0x7F)
				strbuf_addf(out, "\\u%04x", c);
			else
				strbuf_adds(out, "\\ufffd");	/* not UTF-8 */
			break;
		}
		run = ++i;
	}
	strbuf_add(out, (const char *)s + run, i - run);
	strbuf_addc(out, '"');
}

void
json_str_or_null(struct strbuf *out, const char *s)
{
	if (s == NULL)
		strbuf_adds(out, "null");
	else
		json_string(out, s, strlen(s));
}

void
ostd_json_string(FILE *out, const char *s, size_t len)
{
	struct strbuf sb;

	strbuf_init(&sb, 0);
	json_string(&sb, s, len);
	fwrite(sb.data, 1, sb.len, out);
	strbuf_free(&sb);
}

void
json_str_array(struct strbuf *out, char *const *v, size_t n)
{
	strbuf_addc(out, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_addc(out, ',');
		json_str_or_null(out, v[i]);
	}
	strbuf_addc(out, ']');
}

void
json_steps(struct strbuf *out, const struct ostd_rule *r)
{
	strbuf_addc(out, '[');
	for (size_t i = 0; i < r->nfix; i++) {
		/* The caution first: it is to be read before the step. */
		strbuf_adds(out, i ? ",{\"caution\":" : "{\"caution\":");
		json_str_or_null(out, r->caution[i]);
		strbuf_adds(out, ",\"text\":");
		json_str_or_null(out, r->fix[i]);
		strbuf_adds(out, ostd_rule_step_is_practice(r, i) ?
		    ",\"source\":\"practice\"}" : ",\"source\":\"article\"}");
	}
	strbuf_addc(out, ']');
}

/*
 * fuzz_code.c: libFuzzer harness for the code parser and the line classifier.
 *
 * Checks, for any bytes:
 * - ostd_code_parse accepts only hex fields joined by '-', 1 to 4 fields of 1 to 8
 *   digits; what it accepts has a NUL-terminated normalized text that parses back
 *   to the same fields and the same text; the HRESULT helpers take any field 1;
 * - ostd_explain_parse_code takes the bytes as typed text without harm; what it
 *   accepts is a well-formed code, and ostd_explain_code describes it (with the
 *   built-in rules that can match it) without harm;
 * - ostd_explain takes the bytes (up to a NUL) as an argument, or as standard
 *   input, in text wrapped at 40 columns or in JSON, without harm; it refuses
 *   at most the arguments it was given;
 * - ostd_classify (on the bytes up to the first line end, as the parser hands
 *   them) returns a kind, section and head in range, text and argument spans that
 *   lie inside the input, and a well-formed code when it says there is one;
 * - ostd_parse_time never claims more bytes than it was given and returns a time
 *   of day.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ostdiag/ostdiag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ostd_ruleset *builtin;
static FILE *devnull;

/* Stop the run on a broken invariant, so libFuzzer keeps the input. */
static void
check(bool ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_code: invariant broken: %s\n", what);
		abort();
	}
}

static bool
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

/* A code the library produced: fields, terminated text, stable when re-parsed. */
static void
check_code(const struct ostd_code *c)
{
	struct ostd_code again;
	size_t len;

	check(c->nfields >= 1 && c->nfields <= OSTD_CODE_FIELDS, "nfields");
	check(memchr(c->text, '\0', sizeof(c->text)) != NULL,
	    "code text not terminated");
	len = strlen(c->text);
	check(ostd_code_parse(c->text, len, &again) == 0,
	    "normalized text does not parse");
	check(again.nfields == c->nfields, "round trip: nfields");
	check(memcmp(again.field, c->field, sizeof(c->field)) == 0,
	    "round trip: fields");
	check(strcmp(again.text, c->text) == 0, "round trip: text");
	ostd_code_has_hresult(c);
	(void)ostd_hresult_name(ostd_code_hresult(c));
	(void)ostd_hresult_meaning(ostd_code_hresult(c));
	(void)ostd_facility_name(ostd_hresult_facility(ostd_code_hresult(c)));
}

static void
fuzz_code_parse(const char *s, size_t len)
{
	struct ostd_code c;
	int fields = 1, digits = 0;
	bool shape = len > 0;

	/* The accepted shape, worked out independently of code.c. */
	for (size_t i = 0; i < len && shape; i++) {
		if (s[i] == '-') {
			shape = digits > 0 && i + 1 < len &&
			    ++fields <= OSTD_CODE_FIELDS;
			digits = 0;
		} else if (is_hex(s[i])) {
			shape = ++digits <= 8;
		} else {
			shape = false;
		}
	}
	if (ostd_code_parse(s, len, &c) == 0) {
		check(shape, "accepted a string that is not a code");
		check(c.nfields == fields, "wrong number of fields");
		check_code(&c);
	} else {
		check(!shape, "refused a well-formed code");
	}
}

static void
check_span(struct ostd_span sp, const char *s, size_t len, const char *what)
{
	if (sp.len == 0)
		return;
	check(sp.ptr >= s && sp.ptr + sp.len <= s + len, what);
}

static void
fuzz_classify(const char *s, size_t len)
{
	struct ostd_event ev;
	const char *eol;
	size_t n = len;
	int secs = -1;

	if ((eol = memchr(s, '\n', len)) != NULL)
		n = (size_t)(eol - s);
	if ((eol = memchr(s, '\r', n)) != NULL)
		n = (size_t)(eol - s);
	memset(&ev, 0, sizeof(ev));
	ostd_classify(s, n, &ev);
	check((unsigned)ev.kind < OSTD_EV_KIND_COUNT, "kind out of range");
	if (ev.kind == OSTD_EV_SCOPE)
		check((unsigned)ev.sub < OSTD_SCOPE_COUNT, "scope out of range");
	if (ev.kind == OSTD_EV_ERROR_HEAD)
		check(ev.sub > OSTD_HEAD_NONE && ev.sub < OSTD_HEAD_COUNT,
		    "head out of range");
	check_span(ev.text, s, n, "text span outside the input");
	check_span(ev.arg, s, n, "argument span outside the input");
	if (ev.has_code)
		check_code(&ev.code);
	(void)ostd_event_kind_name(ev.kind);

	size_t tl = ostd_parse_time(s, n, &secs);
	check(tl <= n && tl <= 8, "time claims too many bytes");
	if (tl != 0)
		check(secs >= 0 && secs < 24 * 3600, "time out of range");
}

static void
fuzz_explain_parse(const char *s, size_t len)
{
	char buf[256];
	struct ostd_code c;
	size_t n = len < sizeof(buf) - 1 ? len : sizeof(buf) - 1;

	memcpy(buf, s, n);
	buf[n] = '\0';
	if (ostd_explain_parse_code(buf, &c) == 0) {
		check_code(&c);
		ostd_explain_code(devnull, builtin, &c, false);
		ostd_explain_code(devnull, builtin, &c, true);
	}
}

/*
 * The bytes as what a user gives ostdiag explain: an argument, or standard
 * input ("-"), by the parity of the first byte, in text or JSON by the next.
 */
static void
fuzz_explain(const char *s, size_t len)
{
	char *arg = malloc(len + 1), dash[] = "-", *args[1];
	struct ostd_explain_options opts = { len > 1 && (s[1] & 1), 40 };
	struct ostd_source in;

	check(arg != NULL, "out of memory");
	memcpy(arg, s, len);
	arg[len] = '\0';
	args[0] = len > 0 && (s[0] & 1) ? dash : arg;
	ostd_source_buffer(&in, arg, len);
	check(ostd_explain(devnull, devnull, &in, builtin, args, 1, &opts) <= 1,
	    "more refusals than arguments");
	free(arg);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;

	if (builtin == NULL) {
		builtin = ostd_ruleset_new();
		ostd_ruleset_load_builtin(builtin);
		devnull = fopen("/dev/null", "w");
		check(devnull != NULL, "cannot open /dev/null");
	}
	fuzz_code_parse(s, size);
	fuzz_classify(s, size);
	fuzz_explain_parse(s, size);
	fuzz_explain(s, size);
	return 0;
}

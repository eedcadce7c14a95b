/*
 * fuzz_parser.c: libFuzzer harness for the log parser and the whole analysis.
 *
 * Checks that any bytes, split into lines at LF, CRLF and CR the way the reader
 * does, go through ostd_parser_line and ostd_parser_finish without a crash, leak or
 * undefined behaviour, and that every session handed out is consistent: block
 * counts within OSTD_BLOCKS_PER_SESSION, strings NUL-terminated, the messages
 * kept within OSTD_MESSAGE_MAX. Then runs ostd_analyze_buffer with the built-in
 * rules on the same bytes (which may also be taken for a saved message and
 * decoded), reporting through a callback (merging off) and through one of the
 * text, JSON, JSON Lines, checklist or HTML reports (merging on), and checks that
 * the JSON report is one valid JSON document, that every JSON Lines line is one,
 * and that the callback saw as many error findings as the summary counts errors.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ostdiag/ostdiag.h"
#include "../jsonvalid.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ostd_ruleset *builtin;

/* Stop the run on a broken invariant, so libFuzzer keeps the input. */
static void
check(bool ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_parser: invariant broken: %s\n", what);
		abort();
	}
}

/* Touch a string the parser allocated: it must be NUL-terminated. */
static size_t
str_len(const char *s)
{
	return s != NULL ? strlen(s) : 0;
}

/* Session callback: walk every field of every block. */
static int
on_session(const struct ostd_session *s, void *ctx)
{
	unsigned long *blocks = ctx;

	check(s->nblocks <= OSTD_BLOCKS_PER_SESSION, "too many blocks");
	check(s->index >= 1, "session index");
	check(s->first_line <= s->last_line || s->lines == 0, "session lines");
	str_len(s->version);
	str_len(s->mailbox);
	for (size_t i = 0; i < s->nblocks; i++) {
		const struct ostd_block *b = &s->blocks[i];

		check((unsigned)b->head < OSTD_HEAD_COUNT, "head out of range");
		check((unsigned)b->scope < OSTD_SCOPE_COUNT, "scope out of range");
		check(b->line >= s->first_line, "block before its session");
		check(str_len(b->message) <= OSTD_MESSAGE_MAX, "message too long");
		check(str_len(b->addinfo) <= OSTD_MESSAGE_MAX, "addinfo too long");
		str_len(b->head_text);
		str_len(b->subject);
		str_len(b->provider);
		str_len(b->help_url);
		str_len(b->scope_text);
		str_len(b->folder);
		str_len(b->evidence);
		if (b->has_code) {
			check(b->code.nfields >= 1 &&
			    b->code.nfields <= OSTD_CODE_FIELDS, "code fields");
			check(memchr(b->code.text, '\0', OSTD_CODE_TEXT) != NULL,
			    "code text not terminated");
		}
	}
	*blocks += s->nblocks;
	return 0;
}

/* Feed data to a parser line by line, splitting at LF, CRLF and CR. */
static void
parse_lines(const uint8_t *data, size_t size)
{
	unsigned long blocks = 0;
	struct ostd_parser *p = ostd_parser_new(on_session, &blocks);
	const char *s = (const char *)data;
	unsigned long lineno = 0;
	size_t i = 0;

	while (i < size) {
		size_t start = i;

		while (i < size && s[i] != '\n' && s[i] != '\r')
			i++;
		check(ostd_parser_line(p, ++lineno, s + start, i - start) == 0,
		    "parser_line status");
		if (i < size && s[i] == '\r' && i + 1 < size && s[i + 1] == '\n')
			i++;
		if (i < size)
			i++;
	}
	check(ostd_parser_finish(p) == 0, "parser_finish status");
	ostd_parser_free(&p);
}

struct tally {
	unsigned long errors;
};

/* Finding callback: count error findings and touch what they point to. */
static void
on_finding(const struct ostd_finding *f, void *ctx)
{
	struct tally *t = ctx;

	check(f->diag != NULL, "finding without diagnosis");
	check(f->diag->n <= OSTD_MAX_CANDIDATES, "too many candidates");
	check(f->diag->ntop <= f->diag->n, "ntop beyond n");
	for (size_t i = 0; i < f->diag->n; i++)
		check(f->diag->cand[i].rule != NULL, "candidate without rule");
	if (f->kind == OSTD_FINDING_ERROR) {
		check(f->block != NULL && f->block->head != OSTD_HEAD_NONE,
		    "error finding without error block");
		t->errors++;
	}
}

/* Every line of a JSON Lines report must be one JSON document. */
static void
check_jsonl(char *out)
{
	char *line = out;

	while (*line != '\0') {
		char *nl = strchr(line, '\n');

		if (nl != NULL)
			*nl = '\0';
		check(valid_json(line), "JSON Lines line is not valid JSON");
		if (nl == NULL)
			break;
		line = nl + 1;
	}
}

/* The whole analysis, as a callback and as one of the written reports. */
static void
analyze(const uint8_t *data, size_t size)
{
	struct tally t = { 0 };
	struct ostd_report *rep = ostd_report_new_fn(on_finding, &t);
	struct ostd_analyzer *a = ostd_analyzer_new(builtin, rep);
	static const enum ostd_format formats[] = { OSTD_FORMAT_TEXT,
		OSTD_FORMAT_JSON, OSTD_FORMAT_JSONL, OSTD_FORMAT_CHECKLIST,
		OSTD_FORMAT_HTML };
	enum ostd_format format = formats[size % 5];
	char *out = NULL, *err = NULL;
	size_t outlen = 0, errlen = 0;
	FILE *fo, *fe;
	int rc;

	ostd_analyzer_set_merge(a, false);
	rc = ostd_analyze_buffer(a, (const char *)data, size, "fuzz.log");
	check(rc == 0 || rc == -1, "analyze_buffer status");
	check(t.errors == ostd_analyzer_summary(a)->errors,
	    "error findings differ from the summary");
	ostd_analyzer_free(&a);
	ostd_report_free(&rep);

	fo = open_memstream(&out, &outlen);
	fe = open_memstream(&err, &errlen);
	check(fo != NULL && fe != NULL, "open_memstream");
	rep = ostd_report_new(format, fo, fe);
	a = ostd_analyzer_new(builtin, rep);
	ostd_report_begin(rep);
	ostd_analyze_buffer(a, (const char *)data, size, "fuzz.log");
	ostd_report_end(rep, ostd_analyzer_summary(a));
	ostd_analyzer_free(&a);
	ostd_report_free(&rep);
	fclose(fo);
	fclose(fe);
	if (format == OSTD_FORMAT_JSON)
		check(valid_json(out), "JSON report is not valid JSON");
	if (format == OSTD_FORMAT_JSONL)
		check_jsonl(out);
	free(out);
	free(err);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (builtin == NULL) {
		builtin = ostd_ruleset_new();
		ostd_ruleset_load_builtin(builtin);
	}
	parse_lines(data, size);
	analyze(data, size);
	return 0;
}

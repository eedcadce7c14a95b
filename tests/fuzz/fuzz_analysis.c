/*
 * fuzz_analysis.c: libFuzzer harness for the whole analysis and its reports.
 *
 * Runs ostd_analyze_buffer with the built-in rules on any bytes (which may also
 * be taken for a saved message and decoded), reporting through a callback
 * (merging off) and through one of the text, JSON, JSON Lines, checklist or HTML
 * reports (merging on), and checks that the JSON report is one valid JSON
 * document, that every JSON Lines line is one, that every finding points to a
 * diagnosis within its bounds, and that the callback saw as many error findings
 * as the summary counts errors.
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
		fprintf(stderr, "fuzz_analysis: invariant broken: %s\n", what);
		abort();
	}
}

struct tally {
	unsigned long errors;
};

/*
 * Finding callback: count error findings (task errors included) and touch
 * what they point to.
 */
static void
on_finding(const struct ostd_finding *f, void *ctx)
{
	struct tally *t = ctx;

	check(f->diag != NULL, "finding without diagnosis");
	check(f->diag->n <= OSTD_MAX_CANDIDATES, "too many candidates");
	check(f->diag->ntop <= f->diag->n, "ntop beyond n");
	for (size_t i = 0; i < f->diag->n; i++)
		check(f->diag->cand[i].rule != NULL, "candidate without rule");
	if (f->kind == OSTD_FINDING_ERROR || f->kind == OSTD_FINDING_TASK) {
		check(f->block != NULL && f->block->head != OSTD_HEAD_NONE,
		    "error finding without error block");
		check((f->kind == OSTD_FINDING_TASK) ==
		    (f->block->head == OSTD_HEAD_TASK),
		    "a task finding is not a task error, or the other way");
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
	analyze(data, size);
	return 0;
}

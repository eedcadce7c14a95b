/*
 * report_lines.c: the formats of one line an item, for editors, CI logs and
 * shell loops. "brief" writes a finding a line,
 *
 *   FILE:LINE: LEVEL: CODE NAME: TITLE [ID] (+N more)
 *
 * in the form compilers and linters use, so that an editor can jump to it;
 * the file lists (-l, -L) write the name of each input that has findings, or
 * that was read and has none, as grep -l and -L do.
 */
#include <stdlib.h>
#include <string.h>

#include "ostdiag/code.h"
#include "report/report_impl.h"
#include "util/util.h"
#include "util/visible.h"

/* The level of a finding: its best diagnosis's, an error when it has none. */
static const char *
finding_level(const struct ostd_finding *f)
{
	const struct ostd_diagnosis *d = f->diag;

	return ostd_level_name(d->n > 0 ? d->cand[0].rule->level :
	    OSTD_LEVEL_ERROR);
}

/*
 * What the finding is: its code and the code's name; with no code, the line
 * that opened the error ("Terminated in error"), or its kind.
 */
static void
what(struct strbuf *b, const struct ostd_finding *f)
{
	const struct ostd_block *blk = f->block;
	const char *name;

	if (blk == NULL || !blk->has_code) {
		if (blk != NULL && blk->head_text != NULL &&
		    f->kind != OSTD_FINDING_TEXT)
			strbuf_addf(b, "%.60s", blk->head_text);
		else
			strbuf_adds(b, finding_kind_name(f->kind));
		return;
	}
	strbuf_adds(b, blk->code.text);
	if (ostd_code_has_hresult(&blk->code) &&
	    (name = ostd_hresult_name(ostd_code_hresult(&blk->code))) != NULL)
		strbuf_addf(b, " %s", name);
}

static void
brief_finding(struct ostd_report *r, const struct ostd_finding *f)
{
	const struct ostd_diagnosis *d = f->diag;
	struct strbuf b;
	char *shown, *line;

	strbuf_init(&b, 0);
	shown = ostd_visible(f->file != NULL ? f->file : "-");
	strbuf_addf(&b, "%s:%lu: %s: ", shown, f->line, finding_level(f));
	free(shown);
	what(&b, f);
	if (d->n == 0) {
		strbuf_adds(&b, ": no rule recognizes it");
	} else {
		const struct ostd_candidate *c = &d->cand[0];

		/* A diagnosis for another era is marked, never shown as fitting. */
		strbuf_addf(&b, ": %s [%s", c->rule->title, c->rule->id);
		if (c->applies != OSTD_APPLIES_MATCHES)
			strbuf_addf(&b, "; %s", applicability_verdict(c));
		strbuf_addc(&b, ']');
		if (d->n > 1)
			strbuf_addf(&b, " (+%zu more)", d->n - 1);
	}
	if (f->count > 1)
		strbuf_addf(&b, " (%lu times, to line %lu)", f->count,
		    f->last_line);
	line = ostd_visible(b.data);
	fprintf(r->out, "%s\n", line);
	free(line);
	strbuf_free(&b);
}

/* No heading and no summary: every line is an item. */
static void
lines_begin(struct ostd_report *r)
{
	(void)r;
}

static void
lines_end(struct ostd_report *r, const struct ostd_summary *sum)
{
	(void)r;
	(void)sum;
}

const struct report_ops report_brief_ops = {
	.begin = lines_begin,
	.finding = brief_finding,
	.end = lines_end,
};

/* Print the name of rec's input when it is one the list wants. */
static void
list_file(struct ostd_report *r, const struct ostd_file_record *rec,
    bool with)
{
	char *shown;

	if (rec->failed || rec->skipped || (rec->findings > 0) != with)
		return;
	shown = ostd_visible(rec->path != NULL ? rec->path : rec->file);
	fprintf(r->out, "%s\n", shown);
	free(shown);
}

/* The file lists name inputs, not findings. */
static void
list_finding(struct ostd_report *r, const struct ostd_finding *f)
{
	(void)r;
	(void)f;
}

static void
with_file(struct ostd_report *r, const struct ostd_file_record *rec)
{
	list_file(r, rec, true);
}

static void
without_file(struct ostd_report *r, const struct ostd_file_record *rec)
{
	list_file(r, rec, false);
}

const struct report_ops report_files_with_ops = {
	.begin = lines_begin,
	.finding = list_finding,
	.file = with_file,
	.end = lines_end,
};

const struct report_ops report_files_without_ops = {
	.begin = lines_begin,
	.finding = list_finding,
	.file = without_file,
	.end = lines_end,
};

/*
 * report_checklist.c: a Markdown checklist to paste into a ticket: per finding,
 * the candidate diagnoses, the questions that confirm or rule out each one, and
 * the fix steps as boxes to tick.
 */
#include <stdlib.h>
#include <string.h>

#include "ostdiag/code.h"
#include "report/report_impl.h"
#include "util/util.h"
#include "util/visible.h"

/*
 * Write text on one line, with Markdown's active characters escaped, and
 * control characters shown escaped (visible.h).
 */
static void
md(FILE *out, const char *s)
{
	char esc[VISIBLE_ESCAPE_MAX];
	size_t len = s != NULL ? strlen(s) : 0;

	while (len > 0) {
		size_t n = visible_span(s, len);

		for (size_t i = 0; i < n; i++) {
			if (strchr("\\`*[]<|", s[i]) != NULL)
				putc('\\', out);
			putc(s[i], out);
		}
		if (n == len)
			break;
		(void)visible_escape((unsigned char)s[n], esc);
		fputs(esc, out);
		s += n + 1;
		len -= n + 1;
	}
}

static void
checklist_begin(struct ostd_report *r)
{
	fputs("# ostdiag checklist\n", r->out);
}

static void
heading(FILE *out, unsigned long n, const struct ostd_finding *f)
{
	const struct ostd_block *b = f->block;
	char tbuf[16];

	fprintf(out, "\n## %lu. ", n);
	if (b != NULL && b->has_code) {
		const char *name = ostd_code_has_hresult(&b->code) ?
		    ostd_hresult_name(ostd_code_hresult(&b->code)) : NULL;

		fprintf(out, "`%s`%s%s%s", b->code.text, name ? " (" : "",
		    name ? name : "", name ? ")" : "");
	} else if (f->kind == OSTD_FINDING_SYMPTOM) {
		fputs("Slow or hung synchronization", out);
	} else if (f->kind == OSTD_FINDING_TEXT) {
		fputs("Error message in the text", out);
	} else {
		fputs("Error without a code", out);
	}
	fprintf(out, "\n\n- where: `");
	md(out, f->file);
	fprintf(out, ":%lu`", f->line);
	if (f->time >= 0)
		fprintf(out, ", %s", ostd_format_time(f->time, tbuf));
	fprintf(out, ", session %u", f->session->index);
	if (f->count > 1) {
		fprintf(out, "; %lu times", f->count);
		if (f->sessions_total > 1)
			fprintf(out, " in %u of %u sessions", f->sessions_with,
			    f->sessions_total);
		if (f->last_file != NULL) {
			fputs(", the last at ", out);
			md(out, f->last_file);
			fprintf(out, ":%lu", f->last_line);
		} else {
			fprintf(out, ", the last at line %lu", f->last_line);
		}
	}
	fputc('\n', out);
	if (b != NULL && b->head != OSTD_HEAD_NONE) {
		fputs("- error: ", out);
		md(out, b->head_text);
		fputc('\n', out);
	}
	if (b != NULL && b->scope_text != NULL) {
		fputs("- in: ", out);
		md(out, b->scope_text);
		fputc('\n', out);
	}
	if (b != NULL && b->message != NULL) {
		fputs(b->head == OSTD_HEAD_NONE ? "- text: " : "- message: ", out);
		md(out, b->message);
		fputc('\n', out);
	}
}

static void
checklist_finding(struct ostd_report *r, const struct ostd_finding *f)
{
	FILE *out = r->out;
	const struct ostd_diagnosis *d = f->diag;
	char buf[512];

	heading(out, r->nfindings + 1, f);
	if (f->kind == OSTD_FINDING_SYMPTOM) {
		fputs("- symptom: ", out);
		md(out, symptom_words(f, buf, sizeof(buf)));
		fputc('\n', out);
	}
	if (d->n == 0) {
		fputs("\nNo rule recognizes this error.\n\n- [ ] Look the code "
		    "up: `ostdiag explain ", out);
		fputs(f->block != NULL && f->block->has_code ?
		    f->block->code.text : "CODE", out);
		fputs("`\n- [ ] Attach the whole synchronization log to the "
		    "ticket\n", out);
		return;
	}
	fprintf(out, "\n%s:", d->ntop > 1 ? "Equally likely diagnoses" :
	    "Diagnosis");
	for (size_t i = 0; i < d->ntop; i++) {
		fprintf(out, "%s %s", i ? "," : "", d->cand[i].rule->id);
	}
	fputs("\n", out);
	if (d->n > d->ntop) {
		fputs("Less likely:", out);
		for (size_t i = d->ntop; i < d->n; i++)
			fprintf(out, "%s %s%s", i > d->ntop ? "," : "",
			    d->cand[i].rule->id, d->cand[i].applies ==
			    OSTD_APPLIES_MISMATCH ? " (written for another "
			    "version)" : "");
		fputs("\n", out);
	}
	fputs("\n### Confirm\n\n", out);
	for (size_t i = 0; i < d->ntop; i++) {
		const struct ostd_rule *rule = d->cand[i].rule;

		for (size_t q = 0; q < rule->nask; q++) {
			fprintf(out, "- [ ] %s: ", rule->id);
			md(out, rule->ask[q]);
			fputc('\n', out);
		}
		if (rule->nask == 0) {
			fprintf(out, "- [ ] %s: the cause below matches what "
			    "the user and the server show\n", rule->id);
		}
	}
	for (size_t i = 0; i < d->ntop; i++) {
		const struct ostd_rule *rule = d->cand[i].rule;

		fprintf(out, "\n### Fix if %s applies: ", rule->id);
		md(out, rule->title);
		fputs("\n\n", out);
		fprintf(out, "*%s:* ", applicability_verdict(&d->cand[i]));
		md(out, applicability_words(f, &d->cand[i], buf, sizeof(buf)));
		fputs("\n\n*Source:* ", out);
		md(out, ostd_provenance_words(rule, buf, sizeof(buf)));
		fputs("\n\n", out);
		md(out, rule->cause);
		fputs("\n\n", out);
		if (rule->note != NULL) {
			fputs("*Not from the source:* ", out);
			md(out, rule->note);
			fputs("\n\n", out);
		}
		for (size_t k = 0; k < rule->nfix; k++) {
			if (rule->caution[k] != NULL) {
				fputs(k > 0 ? "\n> **Caution:** " :
				    "> **Caution:** ", out);
				md(out, rule->caution[k]);
				fputs("\n\n", out);
			}
			fprintf(out, "- [ ] %zu. %s", k + 1,
			    ostd_rule_step_is_practice(rule, k) ?
			    "*(general practice)* " : "");
			md(out, rule->fix[k]);
			fputs("\n", out);
		}
	}
}

/* The totals, in the words the text report ends with. */
static void
checklist_end(struct ostd_report *r, const struct ostd_summary *s)
{
	struct strbuf b;

	strbuf_init(&b, 0);
	report_counts(&b, s);
	fprintf(r->out, "\n---\n%s\n", b.data);
	strbuf_free(&b);
}

const struct report_ops report_checklist_ops = {
	.begin = checklist_begin,
	.finding = checklist_finding,
	.end = checklist_end,
};

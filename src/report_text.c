/*
 * report_text.c: findings for people, wrapped to 80 columns: where the error is,
 * what its code means, the best diagnoses with cause and numbered fix steps, and
 * the questions that decide between diagnoses that fit equally well.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ostdiag/code.h"
#include "report_impl.h"
#include "util.h"

#define WIDTH 80

/* Write s[0..n) with control characters shown as '?'. */
static void
put_clean(FILE *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		putc(c < 0x20 || c == 0x7F ? '?' : c, out);
	}
}

/*
 * Write text after a prefix (already counted as col columns), wrapping at WIDTH
 * and indenting continuation lines by indent columns.
 */
static void
wrap(FILE *out, int col, int indent, const char *text)
{
	const char *p = text;
	bool first = true;

	for (;;) {
		size_t wl;

		while (*p == ' ')
			p++;
		wl = strcspn(p, " ");
		if (wl == 0)
			break;
		if (!first && col + 1 + (int)wl > WIDTH) {
			fprintf(out, "\n%*s", indent, "");
			col = indent;
		} else if (!first) {
			putc(' ', out);
			col++;
		}
		put_clean(out, p, wl);
		col += (int)wl;
		p += wl;
		first = false;
	}
	putc('\n', out);
}

/* "label: text", wrapped under the text. */
static void
field(FILE *out, int indent, const char *label, const char *text)
{
	int col;

	if (text == NULL)
		return;
	col = fprintf(out, "%*s%-10s", indent, "", label);
	wrap(out, col, indent + 10, text);
}

static void
describe_code(FILE *out, const struct ostd_code *c)
{
	uint32_t hr = ostd_code_hresult(c);
	const char *name = ostd_hresult_name(hr);
	const char *meaning = ostd_hresult_meaning(hr);
	const char *fac = ostd_facility_name(ostd_hresult_facility(hr));
	char *text;

	if (!ostd_code_has_hresult(c))
		text = xasprintf("%s (a short code without an HRESULT)", c->text);
	else if (meaning != NULL)
		text = xasprintf("%s (%s%s%s)", c->text, name ? name : "",
		    name ? ": " : "", meaning);
	else
		text = xasprintf("%s (unknown HRESULT 0x%08X: %s, facility %s "
		    "%u, code 0x%04X)", c->text, (unsigned)hr,
		    ostd_hresult_severity(hr) ? "failure" : "success/warning",
		    fac ? fac : "", ostd_hresult_facility(hr),
		    ostd_hresult_code(hr));
	field(out, 2, "code:", text);
	free(text);
}

static void
print_where(FILE *out, const struct ostd_finding *f)
{
	const struct ostd_session *s = f->session;
	const char *ctx = finding_context(f);
	char tbuf[16];
	struct strbuf b;
	int col;

	strbuf_init(&b, 0);
	strbuf_addf(&b, "%s", finding_kind_name(f->kind));
	if (f->time >= 0)
		strbuf_addf(&b, " at %s", ostd_format_time(f->time, tbuf));
	/* Pasted text outside any synchronization has no session worth naming. */
	if (f->kind != OSTD_FINDING_TEXT || s->scopes > 0 || s->errors > 0)
		strbuf_addf(&b, ", session %u", s->index);
	if (s->mailbox != NULL)
		strbuf_addf(&b, " (mailbox '%s')", s->mailbox);
	if (ctx != NULL)
		strbuf_addf(&b, ", in: %s", ctx);
	col = fprintf(out, "%s:%lu: ", f->file, f->line);
	wrap(out, col, 4, b.data);
	strbuf_free(&b);
}

/* "repeats: 14 times in 14 of 15 sessions, the last at line 88 (16:40:11)" */
static void
print_repeats(FILE *out, const struct ostd_finding *f)
{
	struct strbuf b;
	char tbuf[16];

	if (f->count <= 1)
		return;
	strbuf_init(&b, 0);
	strbuf_addf(&b, "%lu times", f->count);
	if (f->sessions_total > 1)
		strbuf_addf(&b, " in %u of %u sessions", f->sessions_with,
		    f->sessions_total);
	strbuf_addf(&b, ", the last at line %lu", f->last_line);
	if (f->last_time >= 0)
		strbuf_addf(&b, " (%s)", ostd_format_time(f->last_time, tbuf));
	field(out, 2, "repeats:", b.data);
	strbuf_free(&b);
}

static void
print_block(FILE *out, const struct ostd_finding *f)
{
	const struct ostd_block *b = f->block;
	char buf[256];

	print_repeats(out, f);
	if (f->kind == OSTD_FINDING_SYMPTOM) {
		field(out, 2, "symptom:", symptom_words(f, buf, sizeof(buf)));
		return;
	}
	if (f->kind == OSTD_FINDING_TEXT) {
		field(out, 2, "text:", b->message);
		return;
	}
	field(out, 2, "error:", b->head_text);
	if (b->has_code)
		describe_code(out, &b->code);
	else
		field(out, 2, "code:", "none given");
	field(out, 2, "message:", b->message);
	field(out, 2, "provider:", b->provider);
	field(out, 2, "details:", b->addinfo);
}

static void
print_rule(FILE *out, const struct ostd_candidate *c)
{
	const struct ostd_rule *r = c->rule;
	int col;

	col = fprintf(out, "\n  * %s ", r->id);
	wrap(out, col, 4, r->title);
	if (r->article != NULL && strcmp(r->article, r->id) != 0)
		field(out, 4, "article:", r->article);
	field(out, 4, "applies:", r->products);
	field(out, 4, "fixed in:", r->fixed_in);
	field(out, 4, "cause:", r->cause);
	fprintf(out, "    fix:\n");
	for (size_t i = 0; i < r->nfix; i++) {
		col = fprintf(out, "%6zu. ", i + 1);
		wrap(out, col, col, r->fix[i]);
	}
	if (r->nsee > 0) {
		struct strbuf b;

		strbuf_init(&b, 0);
		for (size_t i = 0; i < r->nsee; i++)
			strbuf_addf(&b, "%s%s", i ? " " : "", r->see[i]);
		field(out, 4, "see also:", b.data);
		strbuf_free(&b);
	}
}

static void
print_diagnoses(FILE *out, const struct ostd_finding *f)
{
	const struct ostd_diagnosis *d = f->diag;
	size_t i;

	if (d->n == 0) {
		fprintf(out, "\n  No rule recognizes this error: it is "
		    "unrecognized.\n");
		return;
	}
	if (d->ntop > 1)
		fprintf(out, "\n  %zu diagnoses fit equally well; the "
		    "questions below tell them apart.\n", d->ntop);
	for (i = 0; i < d->ntop; i++)
		print_rule(out, &d->cand[i]);
	if (d->ntop > 1 || d->cand[0].rule->nask > 0) {
		fprintf(out, "\n  to confirm:\n");
		for (i = 0; i < d->ntop; i++) {
			const struct ostd_rule *r = d->cand[i].rule;

			for (size_t q = 0; q < r->nask; q++) {
				int col = fprintf(out, "    - [%s] ", r->id);
				wrap(out, col, 6, r->ask[q]);
			}
		}
	}
	if (d->n > d->ntop) {
		struct strbuf b;

		strbuf_init(&b, 0);
		for (i = d->ntop; i < d->n; i++)
			strbuf_addf(&b, "%s%s (%s, score %d)", i > d->ntop ?
			    "; " : "", d->cand[i].rule->id,
			    d->cand[i].rule->title, d->cand[i].score);
		fputc('\n', out);
		field(out, 2, "less likely:", b.data);
		strbuf_free(&b);
	}
}

static void
text_begin(struct ostd_report *r)
{
	(void)r;
}

static void
text_finding(struct ostd_report *r, const struct ostd_finding *f)
{
	if (r->nfindings > 0)
		fputc('\n', r->out);
	print_where(r->out, f);
	print_block(r->out, f);
	print_diagnoses(r->out, f);
}

static void
text_note(struct ostd_report *r, const char *file, unsigned long line,
    const char *message)
{
	fflush(r->out);
	if (line > 0)
		fprintf(r->err, "ostdiag: %s:%lu: %s\n", file, line, message);
	else
		fprintf(r->err, "ostdiag: %s: %s\n", file, message);
}

static const char *
plural(unsigned long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void
text_end(struct ostd_report *r, const struct ostd_summary *s)
{
	if (r->nfindings > 0)
		fputc('\n', r->out);
	fprintf(r->out, "%lu %s, %lu %s, %lu %s: %lu %s, %lu diagnosed, %lu "
	    "unrecognized\n", s->files, plural(s->files, "file", "files"),
	    s->sessions, plural(s->sessions, "session", "sessions"), s->errors,
	    plural(s->errors, "error", "errors"), s->findings,
	    plural(s->findings, "finding", "findings"), s->diagnosed,
	    s->unrecognized);
}

const struct report_ops report_text_ops = {
	text_begin, text_finding, text_note, text_end, NULL,
};

/*
 * report_html.c: one self-contained HTML file to attach to a ticket: the summary,
 * each finding with its diagnoses, fix steps and questions as check boxes, and the
 * session timeline drawn as SVG with the errors marked. The markup is also
 * well-formed XML, so it can be checked with an XML parser.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ostdiag/code.h"
#include "ostdiag/ostdiag.h"
#include "report_impl.h"
#include "spool.h"
#include "util.h"
#include "visible.h"

#define TIMELINE_ROWS 500	/* sessions drawn at most */

struct html_state {
	struct spool files;	/* file records, listed at the end */
	struct spool sessions;	/* session records, drawn at the end */
	int first_time, last_time;	/* span of the drawn sessions */
};

static const char style[] =
    "body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:60em;"
    "padding:0 1em;color:#1d1d1f}"
    "h1{font-size:1.5em}h2{font-size:1.15em;margin:0}"
    "section.finding{border:1px solid #ccd;border-radius:6px;padding:.8em 1em;"
    "margin:1em 0}"
    "section.unrecognized{border-color:#c60}"
    "table.where td{padding:0 1em 0 0;vertical-align:top}"
    "table.where td:first-child{color:#556}"
    "code{font-family:ui-monospace,monospace}"
    ".diag{margin:.8em 0 0 0;padding:.5em .8em;background:#f6f7fb;"
    "border-radius:4px}"
    ".diag h3{font-size:1em;margin:0 0 .3em 0}"
    ".id{color:#805b00}"
    "ul.check{list-style:none;padding-left:.2em}"
    "ol.fix li,ul.check li{margin:.2em 0}"
    "p.caution{margin:.3em 0;padding:.2em .5em;border-left:3px solid #c00;"
    "background:#fdecec}"
    "p.applies.mismatch{color:#a00}"
    "pre.log{background:#222;color:#ddd;padding:.5em;overflow-x:auto}"
    "svg text{font:11px sans-serif}"
    ".summary{background:#eef3ee;padding:.5em 1em;border-radius:4px}";

/*
 * Write text with HTML's special characters escaped, and control characters
 * and bytes that are not UTF-8 shown escaped (visible.h): the page is
 * well-formed XML whatever the input held. With lines, the newlines and tabs
 * of a block of log lines stay as they are.
 */
static void
esc_text(FILE *out, const char *s, bool lines)
{
	char buf[VISIBLE_ESCAPE_MAX];
	size_t len = s != NULL ? strlen(s) : 0, n;

	while (len > 0) {
		n = visible_span(s, len);
		for (size_t i = 0; i < n; i++) {
			switch (s[i]) {
			case '&':
				fputs("&amp;", out);
				break;
			case '<':
				fputs("&lt;", out);
				break;
			case '>':
				fputs("&gt;", out);
				break;
			case '"':
				fputs("&quot;", out);
				break;
			case '\'':
				fputs("&#39;", out);
				break;
			default:
				putc(s[i], out);
				break;
			}
		}
		if (n == len)
			break;
		if (lines && (s[n] == '\n' || s[n] == '\t')) {
			putc(s[n], out);
		} else {
			(void)visible_escape((unsigned char)s[n], buf);
			fputs(buf, out);
		}
		s += n + 1;
		len -= n + 1;
	}
}

/* One line of text, escaped. */
static void
esc(FILE *out, const char *s)
{
	esc_text(out, s, false);
}

static struct html_state *
state(struct ostd_report *r)
{
	if (r->state == NULL) {
		struct html_state *st = xcalloc(1, sizeof(*st));

		st->first_time = -1;
		st->last_time = -1;
		r->state = st;
	}
	return r->state;
}

static void
html_free_state(void *p)
{
	struct html_state *st = p;

	if (st == NULL)
		return;
	spool_close(&st->sessions);
	spool_close(&st->files);
	free(st);
}

static void
html_begin(struct ostd_report *r)
{
	(void)state(r);
	fprintf(r->out, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/"
	    "xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
	    "<meta name=\"generator\" content=\"ostdiag %s\"/>\n"
	    "<title>ostdiag report</title>\n<style>%s</style>\n</head>\n"
	    "<body>\n<h1>OST synchronization report</h1>\n", OSTDIAG_VERSION,
	    style);
}

static void
row(FILE *out, const char *label, const char *text)
{
	if (text == NULL)
		return;
	fprintf(out, "<tr><td>%s</td><td>", label);
	esc(out, text);
	fputs("</td></tr>\n", out);
}

static void
code_row(FILE *out, const struct ostd_code *c)
{
	uint32_t hr = ostd_code_hresult(c);
	const char *name = ostd_code_has_hresult(c) ? ostd_hresult_name(hr) :
	    NULL;
	const char *meaning = ostd_code_has_hresult(c) ?
	    ostd_hresult_meaning(hr) : NULL;

	fputs("<tr><td>code</td><td><code>", out);
	esc(out, c->text);
	fputs("</code>", out);
	if (name != NULL || meaning != NULL) {
		fputs(" ", out);
		esc(out, name != NULL ? name : "");
		if (meaning != NULL) {
			fputs(name != NULL ? ": " : "", out);
			esc(out, meaning);
		}
	}
	fputs("</td></tr>\n", out);
}

static void
diagnosis(FILE *out, const struct ostd_finding *f,
    const struct ostd_candidate *c)
{
	const struct ostd_rule *rule = c->rule;
	char buf[512];

	fputs("<div class=\"diag\">\n<h3><span class=\"id\">", out);
	esc(out, rule->id);
	fputs("</span> ", out);
	esc(out, rule->title);
	fprintf(out, "</h3>\n<p class=\"applies %s\"><b>",
	    ostd_applicability_name(c->applies));
	esc(out, applicability_verdict(c));
	fputs(":</b> ", out);
	esc(out, applicability_words(f, c, buf, sizeof(buf)));
	fputs("<br/><b>Source:</b> ", out);
	esc(out, ostd_provenance_words(rule, buf, sizeof(buf)));
	if (rule->fixed_in != NULL) {
		fputs("<br/><b>Fixed in:</b> ", out);
		esc(out, rule->fixed_in);
	}
	fputs("</p>\n<p>", out);
	esc(out, rule->cause);
	if (rule->note != NULL) {
		fputs("</p>\n<p class=\"note\"><b>Not from the source:</b> ",
		    out);
		esc(out, rule->note);
	}
	fputs("</p>\n<ol class=\"fix\">\n", out);
	for (size_t i = 0; i < rule->nfix; i++) {
		fputs("<li>", out);
		if (rule->caution[i] != NULL) {
			fputs("<p class=\"caution\"><b>Caution:</b> ", out);
			esc(out, rule->caution[i]);
			fputs("</p>", out);
		}
		fputs("<label><input type=\"checkbox\"/> ", out);
		if (ostd_rule_step_is_practice(rule, i))
			fputs("<i>(general practice)</i> ", out);
		esc(out, rule->fix[i]);
		fputs("</label></li>\n", out);
	}
	fputs("</ol>\n</div>\n", out);
}

static void
html_finding(struct ostd_report *r, const struct ostd_finding *f)
{
	FILE *out = r->out;
	const struct ostd_block *b = f->block;
	const struct ostd_diagnosis *d = f->diag;
	char tbuf[16], tsbuf[32], buf[256], *where;

	fprintf(out, "<section class=\"finding%s\" id=\"finding-%lu\">\n<h2>",
	    d->n == 0 ? " unrecognized" : "", r->nfindings + 1);
	if (b != NULL && b->has_code) {
		fputs("<code>", out);
		esc(out, b->code.text);
		fputs("</code> ", out);
	}
	esc(out, b != NULL && b->head != OSTD_HEAD_NONE ? b->head_text :
	    f->kind == OSTD_FINDING_SYMPTOM ? "Slow or hung synchronization" :
	    "Error message in the text");
	fputs("</h2>\n<table class=\"where\">\n", out);
	where = xasprintf("%s:%lu%s%s, session %u", f->file, f->line,
	    f->time >= 0 ? " at " : "", f->timestamp >= 0 ?
	    ostd_format_timestamp(f->timestamp, ' ', tsbuf) :
	    ostd_format_time(f->time, tbuf), f->session->index);
	row(out, "where", where);
	free(where);
	if (f->count > 1) {
		where = xasprintf("%lu times in %u of %u sessions, the last at "
		    "%s%s%lu", f->count, f->sessions_with, f->sessions_total,
		    f->last_file != NULL ? f->last_file : "line ",
		    f->last_file != NULL ? ":" : "", f->last_line);
		row(out, "repeats", where);
		free(where);
	}
	row(out, "mailbox", f->session->mailbox);
	if (b != NULL) {
		row(out, "in", b->scope_text);
		if (b->has_code)
			code_row(out, &b->code);
		row(out, b->head == OSTD_HEAD_NONE ? "text" : "message",
		    b->message);
		row(out, "provider", b->provider);
		row(out, "details", b->addinfo);
	}
	if (f->kind == OSTD_FINDING_SYMPTOM)
		row(out, "symptom", symptom_words(f, buf, sizeof(buf)));
	fputs("</table>\n", out);
	if (d->n == 0) {
		fputs("<p>No rule recognizes this error.</p>\n</section>\n", out);
		return;
	}
	if (d->ntop > 1)
		fprintf(out, "<p>%zu diagnoses fit equally well; the questions "
		    "tell them apart.</p>\n", d->ntop);
	fputs("<ul class=\"check\">\n", out);
	for (size_t i = 0; i < d->ntop; i++)
		for (size_t q = 0; q < d->cand[i].rule->nask; q++) {
			fputs("<li><label><input type=\"checkbox\"/> <span "
			    "class=\"id\">", out);
			esc(out, d->cand[i].rule->id);
			fputs("</span>: ", out);
			esc(out, d->cand[i].rule->ask[q]);
			fputs("</label></li>\n", out);
		}
	fputs("</ul>\n", out);
	for (size_t i = 0; i < d->ntop; i++)
		diagnosis(out, f, &d->cand[i]);
	if (d->n > d->ntop) {
		fputs("<p>Less likely:", out);
		for (size_t i = d->ntop; i < d->n; i++) {
			fputs(i > d->ntop ? ", " : " ", out);
			esc(out, d->cand[i].rule->id);
			if (d->cand[i].applies == OSTD_APPLIES_MISMATCH)
				fputs(" (written for another version)", out);
		}
		fputs("</p>\n", out);
	}
	if (b != NULL && b->evidence != NULL) {
		fputs("<details><summary>log lines</summary><pre class=\"log\">",
		    out);
		esc_text(out, b->evidence, true);
		fputs("</pre></details>\n", out);
	}
	fputs("</section>\n", out);
}

static void
html_session(struct ostd_report *r, const struct ostd_session_record *rec)
{
	struct html_state *st = state(r);

	if (st->sessions.n >= TIMELINE_ROWS)
		return;
	report_keep(r, &st->sessions, rec, sizeof(*rec));
	if (st->sessions.error != 0)
		return;
	if (rec->start_time >= 0 && (st->first_time < 0 ||
	    rec->start_time < st->first_time))
		st->first_time = rec->start_time;
	if (rec->end_time >= 0 && rec->end_time > st->last_time)
		st->last_time = rec->end_time;
}

/* x coordinate of a time of day on the timeline. */
static double
xpos(const struct html_state *st, int t)
{
	double span = st->last_time - st->first_time;

	if (span <= 0)
		span = 1;
	return 170.0 + 600.0 * (t - st->first_time) / span;
}

static void
timeline(struct ostd_report *r)
{
	struct html_state *st = state(r);
	struct ostd_session_record rec;
	char t1[16], t2[16];
	unsigned long i = 0;

	fputs("<h2>Sessions</h2>\n", r->out);
	if (st->sessions.n == 0) {
		fputs("<p>No synchronization sessions.</p>\n", r->out);
		return;
	}
	fprintf(r->out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "class=\"timeline\" width=\"800\" height=\"%lu\" role=\"img\" "
	    "aria-label=\"session timeline\">\n", 30 + 18 * st->sessions.n);
	fprintf(r->out, "<text x=\"170\" y=\"12\">%s</text><text x=\"770\" "
	    "y=\"12\" text-anchor=\"end\">%s</text>\n",
	    ostd_format_time(st->first_time, t1),
	    ostd_format_time(st->last_time, t2));
	spool_rewind(&st->sessions);
	while (spool_next(&st->sessions, &rec, sizeof(rec))) {
		double y = 22 + 18.0 * (double)i++;
		const char *colour = rec.end == OSTD_END_TERMINATED ? "#b00" :
		    rec.end == OSTD_END_UNFINISHED ? "#d80" : rec.errors > 0 ?
		    "#c66" : "#6a6";

		fprintf(r->out, "<g class=\"session\"><title>session %u: ",
		    rec.index);
		esc(r->out, rec.file);
		fprintf(r->out, ":%lu, %lu errors, %s</title>\n", rec.first_line,
		    rec.errors, rec.end == OSTD_END_DONE ? "Done" :
		    rec.end == OSTD_END_TERMINATED ? "terminated in error" :
		    "never reached Done");
		fprintf(r->out, "<text x=\"0\" y=\"%.0f\">session %u %s</text>\n",
		    y + 10, rec.index, ostd_format_time(rec.start_time, t1));
		if (rec.start_time >= 0 && rec.end_time >= 0) {
			double x1 = xpos(st, rec.start_time);
			double x2 = xpos(st, rec.end_time);

			fprintf(r->out, "<rect x=\"%.1f\" y=\"%.0f\" width=\"%.1f\" "
			    "height=\"12\" fill=\"%s\"/>\n", x1, y,
			    x2 - x1 < 2 ? 2 : x2 - x1, colour);
		}
		for (size_t k = 0; k < rec.nerror_times; k++)
			fprintf(r->out, "<circle class=\"error\" cx=\"%.1f\" "
			    "cy=\"%.0f\" r=\"4\" fill=\"#d00\"/>\n",
			    xpos(st, rec.error_times[k]), y + 6);
		fputs("</g>\n", r->out);
	}
	report_check_spool(r, &st->sessions);
	fputs("</svg>\n", r->out);
}

static void
html_file(struct ostd_report *r, const struct ostd_file_record *rec)
{
	struct html_state *st = state(r);

	report_keep(r, &st->files, rec, sizeof(*rec));
}

/* The table of inputs and of findings per diagnosis, for several files. */
static void
file_table(struct ostd_report *r, const struct ostd_summary *s)
{
	struct html_state *st = state(r);
	struct ostd_file_record rec;

	if (st->files.n < 2)
		return;
	fputs("<h2>Files</h2>\n<table class=\"files\">\n<tr><th>file</th>"
	    "<th>format</th><th>sessions</th><th>errors</th><th>findings</th>"
	    "</tr>\n", r->out);
	spool_rewind(&st->files);
	while (spool_next(&st->files, &rec, sizeof(rec))) {
		fputs("<tr><td>", r->out);
		esc(r->out, rec.file);
		fprintf(r->out, "</td><td>%s</td>", rec.format != NULL ?
		    rec.format : "-");
		if (rec.skipped || rec.failed) {
			fprintf(r->out, "<td colspan=\"3\">%s: ", rec.skipped ?
			    "skipped" : "failed");
			esc(r->out, rec.reason);
			fputs("</td></tr>\n", r->out);
		} else
			fprintf(r->out, "<td>%lu</td><td>%lu</td><td>%lu</td>"
			    "</tr>\n", rec.sessions, rec.errors, rec.findings);
	}
	report_check_spool(r, &st->files);
	fputs("</table>\n<h2>Findings per diagnosis</h2>\n<table>\n", r->out);
	for (size_t i = 0; i < s->nby_diagnosis; i++) {
		fputs("<tr><td>", r->out);
		esc(r->out, s->by_diagnosis[i].id[0] ? s->by_diagnosis[i].id :
		    "(unrecognized)");
		fprintf(r->out, "</td><td>%lu</td></tr>\n",
		    s->by_diagnosis[i].occurrences);
	}
	fputs("</table>\n", r->out);
}

static void
html_end(struct ostd_report *r, const struct ostd_summary *s)
{
	timeline(r);
	file_table(r, s);
	fprintf(r->out, "<p class=\"summary\">%lu file(s), %lu session(s), %lu "
	    "error(s): %lu finding(s), %lu diagnosed, %lu unrecognized</p>\n"
	    "</body>\n</html>\n", s->files, s->sessions, s->errors, s->findings,
	    s->diagnosed, s->unrecognized);
}

const struct report_ops report_html_ops = {
	.begin = html_begin,
	.finding = html_finding,
	.session = html_session,
	.file = html_file,
	.end = html_end,
	.free_state = html_free_state,
};

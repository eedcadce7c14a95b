/*
 * report_html.c: one self-contained HTML page to attach to a ticket. It opens
 * with what was read (the inputs, with the date of a message or the times of
 * a log) and the summary: a clear all-clear when nothing was found, the
 * inputs that could not be read or were skipped when there are any, and a
 * list of the findings. Then each finding with its diagnoses, fix steps and
 * questions as check boxes; a finding whose diagnosis an earlier one showed in
 * full points to it instead of repeating it. Then the sessions of each input
 * on a time axis, with their errors marked, and the rules and reference
 * entries the findings cite, which their ids link to.
 * The page needs no script and no other file, prints to A4, and is also
 * well-formed XML, so it can be checked with an XML parser. Findings are kept
 * (spool.h) until the end, when the summary that opens the page is known.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ostdiag/code.h"
#include "ostdiag/report.h"
#include "ostdiag/rules.h"
#include "ostdiag/version.h"
#include "kb/idindex.h"
#include "report/report_impl.h"
#include "util/platform.h"
#include "util/spool.h"
#include "util/util.h"
#include "util/visible.h"

#define TIMELINE_MAX 500	/* sessions drawn at most */
#define TITLE_INPUTS 3		/* inputs named in the title */
#define HEADING_INPUTS 8	/* inputs named under the heading */
#define FAILED_LISTED 50	/* inputs that failed listed at the top */
#define SKIPPED_LISTED 20	/* inputs skipped listed at the top */
#define REF_BACKLINKS 8		/* findings a reference entry links back to */
#define TABLE_OPEN 30		/* sessions of an input listed unfolded */
#define DAY 86400L

/* An input as the page keeps it: its record, and its sessions' times. */
struct html_file {
	struct ostd_file_record rec;
	int first_time, last_time;	/* times of day, -1 when unknown */
};

/* A rule or reference entry the findings cite, copied from its rule. */
struct html_ref {
	char *id, *title;
	char *article;		/* when it is not the id, or NULL */
	char *text;		/* its summary, or else its cause */
	bool reference;		/* a reference entry rather than a diagnosis */
	bool not_held;		/* ostdiag has no copy of its source's text */
	unsigned long cited[REF_BACKLINKS];	/* findings that cite it */
	size_t ncited;
	unsigned long nciting;	/* findings that cite it, all of them */
	unsigned long last;	/* the last finding that cited it, or 0 */
};

struct html_state {
	struct strbuf buf;		/* markup being made */
	struct spool findings;		/* the findings' markup, in order */
	struct spool index;		/* a table row per finding */
	struct spool notes;		/* notes' markup */
	struct spool files;		/* struct html_file */
	struct spool sessions;		/* the first TIMELINE_MAX sessions */
	unsigned long nsessions;	/* every session */
	unsigned long ended[3];		/* sessions by enum ostd_session_end */
	int span_first, span_last;	/* of sessions since the last file */
	char *held_file, *held_message;	/* a note that may repeat a reason */
	struct html_ref *refs;
	size_t nrefs, caprefs;
	struct id_index ref_ids;	/* id to its place in refs */
	struct ostd_ruleset *builtin;	/* to look up ids no finding holds */
	struct id_index shown;		/* diagnoses shown in full: by whom */
	char **shown_keys;		/* the names shown borrows */
	size_t nshown, capshown;
};

static const char style[] =
    ":root{color-scheme:light}"
    "body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:62em;"
    "padding:1.2em 1.2em 3em;color:#1d1d1f;background:#fff}"
    "a{color:#0b57d0}"
    "header .kicker{margin:0;color:#5f6368;font-size:.85em;"
    "letter-spacing:.04em;text-transform:uppercase}"
    "h1{font-size:1.5em;margin:.1em 0 .3em}"
    "h1 .when{font-weight:normal;color:#444}"
    "ul.inputs{margin:.2em 0 1em;padding-left:1.2em;color:#333}"
    "h2{font-size:1.2em;margin:1.8em 0 .6em;padding-bottom:.2em;"
    "border-bottom:1px solid #dadce0}"
    "h3{font-size:1.02em;margin:.2em 0}"
    ".verdict{margin:1em 0;padding:.8em 1.1em;border-radius:6px;"
    "border:1px solid;border-left-width:8px}"
    ".verdict p{margin:.3em 0}"
    ".verdict .big{font-size:1.45em;font-weight:700;margin:0}"
    ".verdict.clean{background:#e8f5ea;border-color:#2e7d32}"
    ".verdict.clean .big{color:#1b5e20}"
    ".verdict.clean .big::before{content:\"\\2714\\00a0\"}"
    ".verdict.found{background:#fff5e6;border-color:#e37400}"
    ".verdict.found .big{color:#8a3c00}"
    ".verdict.caveat{background:#fff8e1;border-color:#c49000}"
    ".verdict.trouble{background:#fdecea;border-color:#c5221f}"
    ".verdict.trouble .big{color:#a50e0e}"
    ".verdict.trouble .big::before,.verdict.caveat .big::before{"
    "content:\"\\26a0\\00a0\"}"
    ".verdict ul{margin:.3em 0;padding-left:1.3em}"
    "p.counts{color:#333}"
    "table.grid{border-collapse:collapse;margin:.4em 0 1em;font-size:.92em}"
    "table.grid th{text-align:left;font-weight:600;color:#444;"
    "border-bottom:2px solid #dadce0}"
    "table.grid th,table.grid td{padding:.25em .7em .25em 0;"
    "vertical-align:top}"
    "table.grid td{border-bottom:1px solid #eceef1}"
    "table.grid td.n,table.grid th.n{text-align:right;"
    "font-variant-numeric:tabular-nums}"
    "table.grid .id,.nowrap{white-space:nowrap}"
    "tr.failed td{color:#a50e0e}tr.skipped td{color:#6b5900}"
    "section.finding{border:1px solid #c9ccd6;border-radius:6px;"
    "padding:.8em 1em;margin:1.2em 0}"
    "section.finding.unrecognized{border-color:#e37400;"
    "border-left-width:6px}"
    "section.finding.same{border-style:dashed}"
    "section.finding h2{border:0;margin:0 0 .3em;padding:0;font-size:1.08em}"
    "section.finding h2 .n{color:#5f6368;font-weight:normal}"
    "table.where td{padding:0 1em 0 0;vertical-align:top}"
    "table.where td:first-child{color:#5f6368;white-space:nowrap}"
    "code{font-family:ui-monospace,monospace;font-size:.95em}"
    ".diag{margin:.8em 0 0 0;padding:.5em .9em;background:#f4f6fb;"
    "border-left:3px solid #9aa5c4;border-radius:4px}"
    ".diag h3{margin:0 0 .3em 0}"
    ".id{color:#805b00;font-weight:600}"
    "a.id{text-decoration:none;border-bottom:1px dotted #805b00}"
    "ul.check{list-style:none;padding-left:.2em}"
    "ol.fix li,ul.check li{margin:.2em 0}"
    "p.caution{margin:.3em 0;padding:.2em .5em;border-left:3px solid #c5221f;"
    "background:#fdecea}"
    "p.applies.mismatch{color:#a50e0e}"
    "p.same-as{margin:.6em 0 0;padding:.4em .8em;background:#f4f6fb;"
    "border-radius:4px}"
    "div.less ul{margin:.2em 0;padding-left:1.3em}"
    ".score{color:#5f6368}"
    "pre.log{background:#202124;color:#e8eaed;padding:.5em;overflow-x:auto;"
    "white-space:pre-wrap}"
    "figure.timeline{margin:.6em 0 1.2em}"
    "figure.timeline figcaption{color:#444;font-size:.9em}"
    "svg.timeline{width:100%;height:auto;display:block}"
    "svg text{font:11px system-ui,sans-serif;fill:#333}"
    "svg text.lane{fill:#5f6368}"
    "svg .errors text{fill:#fff;font-weight:700;font-size:10px}"
    "div.ref{border-top:1px solid #eceef1;padding:.5em 0}"
    "div.ref:target{background:#fff8e1}"
    "div.ref p{margin:.25em 0}"
    "p.meta,p.cited{color:#5f6368;font-size:.92em}"
    "footer{margin-top:2.5em;color:#5f6368;font-size:.85em}"
    "@media print{"
    "@page{size:A4;margin:14mm 13mm}"
    "body{font-size:10pt;max-width:none;padding:0;color:#000}"
    "a{color:#000;text-decoration:none}"
    "a.id{border-bottom:0}"
    ".diag,p.same-as,p.caution,div.ref:target{background:#fff}"
    ".verdict{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "pre.log{background:#fff;color:#000;border:1px solid #999}"
    "details>summary{list-style:none;font-weight:600;break-after:avoid}"
    ".screen{display:none}"
    "details.log::details-content{content-visibility:visible;display:block}"
    "section.finding{border-color:#999}"
    ".verdict,table.where,.diag h3,ol.fix li,ul.check li,p.caution,"
    "p.same-as,div.less,pre.log,figure.timeline,div.ref,table.grid tr{"
    "break-inside:avoid}"
    "h1,h2,h3{break-after:avoid}"
    "section.finding,div.ref{break-inside:auto}"
    "figure.timeline{max-width:100%}"
    "}";

/*
 * Append text with HTML's special characters escaped, and control characters
 * and bytes that are not UTF-8 shown escaped (visible.h): the page is
 * well-formed XML whatever the input held. With lines, the newlines and tabs
 * of a block of log lines stay as they are.
 */
static void
esc_text(struct strbuf *b, const char *s, bool lines)
{
	char buf[VISIBLE_ESCAPE_MAX];
	size_t len = s != NULL ? strlen(s) : 0, n;

	while (len > 0) {
		n = visible_span(s, len);
		for (size_t i = 0; i < n; i++) {
			switch (s[i]) {
			case '&':
				strbuf_adds(b, "&amp;");
				break;
			case '<':
				strbuf_adds(b, "&lt;");
				break;
			case '>':
				strbuf_adds(b, "&gt;");
				break;
			case '"':
				strbuf_adds(b, "&quot;");
				break;
			case '\'':
				strbuf_adds(b, "&#39;");
				break;
			default:
				strbuf_addc(b, s[i]);
				break;
			}
		}
		if (n == len)
			break;
		if (lines && (s[n] == '\n' || s[n] == '\t')) {
			strbuf_addc(b, s[n]);
		} else {
			(void)visible_escape((unsigned char)s[n], buf);
			strbuf_adds(b, buf);
		}
		s += n + 1;
		len -= n + 1;
	}
}

/* One line of text, escaped. */
static void
esc(struct strbuf *b, const char *s)
{
	esc_text(b, s, false);
}

/* Write b to the report and empty it. */
static void
emit(struct ostd_report *r, struct strbuf *b)
{
	if (b->len > 0)
		fwrite(b->data, 1, b->len, r->out);
	strbuf_reset(b);
}

/* "38 s", "4 min 12 s", "2 h 5 min", "3 d 2 h". */
static void
add_duration(struct strbuf *b, long secs)
{
	if (secs < 60)
		strbuf_addf(b, "%ld s", secs);
	else if (secs < 3600)
		strbuf_addf(b, "%ld min %ld s", secs / 60, secs % 60);
	else if (secs < DAY)
		strbuf_addf(b, "%ld h %ld min", secs / 3600, secs / 60 % 60);
	else
		strbuf_addf(b, "%ld d %ld h", secs / DAY, secs / 3600 % 24);
}

/* A time of day as HH:MM:SS, for seconds that may run past midnight. */
static const char *
clock_time(long t, char *buf)
{
	return ostd_format_time((int)((t % DAY + DAY) % DAY), buf);
}

/* The page's state, made on first use. */
static struct html_state *
state(struct ostd_report *r)
{
	if (r->state == NULL) {
		struct html_state *st = xcalloc(1, sizeof(*st));

		strbuf_init(&st->buf, 0);
		st->span_first = -1;
		st->span_last = -1;
		r->state = st;
	}
	return r->state;
}

/* Free the state and what it keeps. */
static void
html_free_state(void *p)
{
	struct html_state *st = p;

	if (st == NULL)
		return;
	strbuf_free(&st->buf);
	spool_close(&st->findings);
	spool_close(&st->index);
	spool_close(&st->notes);
	spool_close(&st->files);
	spool_close(&st->sessions);
	free(st->held_file);
	free(st->held_message);
	for (size_t i = 0; i < st->nrefs; i++) {
		free(st->refs[i].id);
		free(st->refs[i].title);
		free(st->refs[i].article);
		free(st->refs[i].text);
	}
	free(st->refs);
	id_index_free(&st->ref_ids);
	for (size_t i = 0; i < st->nshown; i++)
		free(st->shown_keys[i]);
	free(st->shown_keys);
	id_index_free(&st->shown);
	ostd_ruleset_free(&st->builtin);
	free(st);
}

/* Nothing is written before the end, when the summary is known. */
static void
html_begin(struct ostd_report *r)
{
	(void)state(r);
}

/* ---- the references the findings cite ---- */

/* The entry of id, or NULL. */
static struct html_ref *
ref_find(struct html_state *st, const char *id)
{
	size_t i = id_index_find(&st->ref_ids, id);

	return i != SIZE_MAX ? &st->refs[i] : NULL;
}

/* Fill ref with what rule says (the entry's old text is freed). */
static void
ref_take(struct html_ref *ref, const struct ostd_rule *rule)
{
	free(ref->title);
	free(ref->article);
	free(ref->text);
	ref->title = xstrdup(rule->title != NULL ? rule->title : "");
	ref->article = rule->article != NULL &&
	    strcmp(rule->article, rule->id) != 0 ? xstrdup(rule->article) :
	    NULL;
	ref->text = xstrdup(rule->summary != NULL ? rule->summary :
	    rule->cause != NULL ? rule->cause : "");
	ref->reference = ostd_rule_is_reference(rule);
	ref->not_held = rule->not_held;
}

/*
 * The entry of rule, made when it is new. A rule a finding holds is what the
 * run's rules say, so it replaces what an entry looked up earlier said.
 */
static struct html_ref *
ref_of_rule(struct html_state *st, const struct ostd_rule *rule, bool held)
{
	struct html_ref *ref = ref_find(st, rule->id);

	if (ref == NULL) {
		grow_array((void **)&st->refs, &st->caprefs, st->nrefs + 1,
		    sizeof(*st->refs));
		ref = &st->refs[st->nrefs];
		memset(ref, 0, sizeof(*ref));
		ref->id = xstrdup(rule->id);
		id_index_set(&st->ref_ids, ref->id, st->nrefs++);
		ref_take(ref, rule);
	} else if (held) {
		ref_take(ref, rule);
	}
	return ref;
}

/* Count finding n among those that cite ref (once). */
static void
ref_cite(struct html_ref *ref, unsigned long n)
{
	if (ref->last == n)
		return;
	if (ref->ncited < REF_BACKLINKS)
		ref->cited[ref->ncited++] = n;
	ref->nciting++;
	ref->last = n;
}

/*
 * The entry of an id that finding n cites (a see-also id, an article): one
 * met already, or a built-in rule of that id; NULL when there is none.
 */
static struct html_ref *
ref_of_id(struct html_state *st, const char *id, unsigned long n)
{
	struct html_ref *ref = ref_find(st, id);
	const struct ostd_rule *rule;

	if (ref == NULL) {
		if (st->builtin == NULL) {
			st->builtin = ostd_ruleset_new();
			ostd_ruleset_load_builtin(st->builtin);
		}
		if ((rule = ostd_ruleset_find(st->builtin, id)) == NULL)
			return NULL;
		ref = ref_of_rule(st, rule, false);
	}
	ref_cite(ref, n);
	return ref;
}

/* A link to the entry ref, or id as text when there is none. */
static void
ref_link(struct strbuf *b, const struct html_ref *ref, const char *id)
{
	if (ref == NULL) {
		strbuf_adds(b, "<span class=\"id\">");
		esc(b, id);
		strbuf_adds(b, "</span>");
		return;
	}
	strbuf_adds(b, "<a class=\"id\" href=\"#ref-");
	esc(b, ref->id);
	strbuf_adds(b, "\">");
	esc(b, ref->id);
	strbuf_adds(b, "</a>");
}

/* ---- findings ---- */

/* A row of a finding's table; none when text is NULL. */
static void
row(struct strbuf *b, const char *label, const char *text)
{
	if (text == NULL)
		return;
	strbuf_addf(b, "<tr><td>%s</td><td>", label);
	esc(b, text);
	strbuf_adds(b, "</td></tr>\n");
}

/* The row of a code: as written, with its HRESULT's name and meaning. */
static void
code_row(struct strbuf *b, const struct ostd_code *c)
{
	uint32_t hr = ostd_code_hresult(c);
	const char *name = ostd_code_has_hresult(c) ? ostd_hresult_name(hr) :
	    NULL;
	const char *meaning = ostd_code_has_hresult(c) ?
	    ostd_hresult_meaning(hr) : NULL;

	strbuf_adds(b, "<tr><td>code</td><td><code>");
	esc(b, c->text);
	strbuf_adds(b, "</code>");
	if (name != NULL || meaning != NULL) {
		strbuf_adds(b, " ");
		esc(b, name != NULL ? name : "");
		if (meaning != NULL) {
			strbuf_adds(b, name != NULL ? ": " : "");
			esc(b, meaning);
		}
	}
	strbuf_adds(b, "</td></tr>\n");
}

/* What a finding is called: its error line, or its kind. */
static const char *
finding_name(const struct ostd_finding *f)
{
	const struct ostd_block *b = f->block;

	return b != NULL && b->head != OSTD_HEAD_NONE ? b->head_text :
	    f->kind == OSTD_FINDING_SYMPTOM ? "Slow or hung synchronization" :
	    "Error message in the text";
}

/* One diagnosis in full: cause, source, fix steps, see-also links. */
static void
diagnosis(struct html_state *st, struct strbuf *b,
    const struct ostd_finding *f, const struct ostd_candidate *c,
    unsigned long n)
{
	const struct ostd_rule *rule = c->rule;
	char buf[512];

	strbuf_adds(b, "<div class=\"diag\">\n<h3>");
	ref_link(b, ref_find(st, rule->id), rule->id);
	strbuf_adds(b, " ");
	esc(b, rule->title);
	strbuf_addf(b, "</h3>\n<p class=\"applies %s\"><b>",
	    ostd_applicability_name(c->applies));
	esc(b, applicability_verdict(c));
	strbuf_adds(b, ":</b> ");
	esc(b, applicability_words(f, c, buf, sizeof(buf)));
	strbuf_adds(b, "</p>\n<p class=\"source\">");
	if (rule->article != NULL && strcmp(rule->article, rule->id) != 0) {
		strbuf_adds(b, "<b>Article:</b> ");
		ref_link(b, ref_of_id(st, rule->article, n), rule->article);
		strbuf_adds(b, "<br/>");
	}
	strbuf_adds(b, "<b>Source:</b> ");
	esc(b, ostd_provenance_words(rule, buf, sizeof(buf)));
	if (rule->fixed_in != NULL) {
		strbuf_adds(b, "<br/><b>Fixed in:</b> ");
		esc(b, rule->fixed_in);
	}
	strbuf_adds(b, "</p>\n<p>");
	esc(b, rule->cause);
	if (rule->note != NULL) {
		strbuf_adds(b, "</p>\n<p class=\"note\"><b>Not from the "
		    "source:</b> ");
		esc(b, rule->note);
	}
	strbuf_adds(b, "</p>\n<ol class=\"fix\">\n");
	for (size_t i = 0; i < rule->nfix; i++) {
		strbuf_adds(b, "<li>");
		if (rule->caution[i] != NULL) {
			strbuf_adds(b, "<p class=\"caution\"><b>Caution:</b> ");
			esc(b, rule->caution[i]);
			strbuf_adds(b, "</p>");
		}
		strbuf_adds(b, "<label><input type=\"checkbox\"/> ");
		if (ostd_rule_step_is_practice(rule, i))
			strbuf_adds(b, "<i>(general practice)</i> ");
		esc(b, rule->fix[i]);
		strbuf_adds(b, "</label></li>\n");
	}
	strbuf_adds(b, "</ol>\n");
	if (rule->nsee > 0) {
		strbuf_adds(b, "<p class=\"see\"><b>See also:</b>");
		for (size_t i = 0; i < rule->nsee; i++) {
			strbuf_adds(b, " ");
			ref_link(b, ref_of_id(st, rule->see[i], n),
			    rule->see[i]);
		}
		strbuf_adds(b, "</p>\n");
	}
	strbuf_adds(b, "</div>\n");
}

/* The questions that confirm the best diagnoses, as boxes to tick. */
static void
questions(struct strbuf *b, const struct ostd_diagnosis *d)
{
	size_t asked = 0;

	for (size_t i = 0; i < d->ntop; i++)
		asked += d->cand[i].rule->nask;
	if (asked == 0)
		return;
	strbuf_adds(b, "<p><b>To confirm:</b></p>\n<ul class=\"check\">\n");
	for (size_t i = 0; i < d->ntop; i++)
		for (size_t q = 0; q < d->cand[i].rule->nask; q++) {
			strbuf_adds(b, "<li><label><input type=\"checkbox\"/> "
			    "<span class=\"id\">");
			esc(b, d->cand[i].rule->id);
			strbuf_adds(b, "</span>: ");
			esc(b, d->cand[i].rule->ask[q]);
			strbuf_adds(b, "</label></li>\n");
		}
	strbuf_adds(b, "</ul>\n");
}

/* The candidates below the best, with title and score, as text shows them. */
static void
less_likely(struct html_state *st, struct strbuf *b,
    const struct ostd_diagnosis *d)
{
	if (d->n <= d->ntop)
		return;
	strbuf_adds(b, "<div class=\"less\"><b>Less likely:</b>\n<ul>\n");
	for (size_t i = d->ntop; i < d->n; i++) {
		const struct ostd_candidate *c = &d->cand[i];

		strbuf_adds(b, "<li>");
		ref_link(b, ref_find(st, c->rule->id), c->rule->id);
		strbuf_adds(b, " ");
		esc(b, c->rule->title);
		strbuf_addf(b, " <span class=\"score\">(score %d%s)</span>"
		    "</li>\n", c->score, c->applies == OSTD_APPLIES_MISMATCH ?
		    ", written for another version" : "");
	}
	strbuf_adds(b, "</ul></div>\n");
}

/*
 * The finding that showed the diagnoses of f in full, or 0 when none did yet
 * (then finding n does). Two findings show the same when their candidates
 * are the same, in the same rank, with the same words on whether each fits.
 */
static unsigned long
shown_before(struct html_state *st, const struct ostd_finding *f,
    unsigned long n)
{
	const struct ostd_diagnosis *d = f->diag;
	struct strbuf key;
	char buf[512];
	size_t at;

	if (d->n == 0)
		return 0;
	strbuf_init(&key, 0);
	for (size_t i = 0; i < d->n; i++)
		strbuf_addf(&key, "%s%s %d %s\n", i < d->ntop ? "best " : "",
		    d->cand[i].rule->id, (int)d->cand[i].applies,
		    applicability_words(f, &d->cand[i], buf, sizeof(buf)));
	if ((at = id_index_find(&st->shown, key.data)) != SIZE_MAX) {
		strbuf_free(&key);
		return (unsigned long)at;
	}
	grow_array((void **)&st->shown_keys, &st->capshown, st->nshown + 1,
	    sizeof(*st->shown_keys));
	st->shown_keys[st->nshown] = strbuf_detach(&key);
	id_index_set(&st->shown, st->shown_keys[st->nshown++], n);
	return 0;
}

/* "file:line at time, session n" of a finding. */
static void
where_words(struct strbuf *b, const struct ostd_finding *f)
{
	char tbuf[16], tsbuf[32];

	strbuf_addf(b, "%s:%lu", f->file, f->line);
	if (f->timestamp >= 0)
		strbuf_addf(b, " at %s", ostd_format_timestamp(f->timestamp,
		    ' ', tsbuf));
	else if (f->time >= 0)
		strbuf_addf(b, " at %s", ostd_format_time(f->time, tbuf));
	strbuf_addf(b, ", session %u", f->session->index);
}

/* "14 times in 14 of 15 sessions, the last at line 116 (16:00:02)" */
static void
repeat_words(struct strbuf *b, const struct ostd_finding *f)
{
	char tbuf[16];

	strbuf_addf(b, "%lu times", f->count);
	if (f->sessions_total > 1)
		strbuf_addf(b, " in %u of %u sessions", f->sessions_with,
		    f->sessions_total);
	/* The last may be in another log of the same Outlook data file. */
	if (f->last_file != NULL)
		strbuf_addf(b, ", the last at %s:%lu", f->last_file,
		    f->last_line);
	else
		strbuf_addf(b, ", the last at line %lu", f->last_line);
	if (f->last_time >= 0)
		strbuf_addf(b, " (%s)", ostd_format_time(f->last_time, tbuf));
}

/* Where a finding is and what its block says, as a table. */
static void
where_table(struct strbuf *b, const struct ostd_finding *f)
{
	const struct ostd_block *blk = f->block;
	struct strbuf w;
	char buf[256];

	strbuf_init(&w, 0);
	strbuf_adds(b, "<table class=\"where\">\n");
	where_words(&w, f);
	row(b, "where", w.data);
	if (f->count > 1) {
		strbuf_reset(&w);
		repeat_words(&w, f);
		row(b, "repeats", w.data);
	}
	strbuf_free(&w);
	row(b, "mailbox", f->session->mailbox);
	if (blk != NULL) {
		row(b, "in", blk->scope_text);
		if (blk->has_code)
			code_row(b, &blk->code);
		row(b, blk->head == OSTD_HEAD_NONE ? "text" : "message",
		    blk->message);
		row(b, "provider", blk->provider);
		row(b, "details", blk->addinfo);
	}
	if (f->kind == OSTD_FINDING_SYMPTOM)
		row(b, "symptom", symptom_words(f, buf, sizeof(buf)));
	strbuf_adds(b, "</table>\n");
}

/*
 * The row of finding n in the summary's list: where, what, the diagnoses (or
 * the finding that shows them), how often.
 */
static void
index_row(struct html_state *st, struct strbuf *b,
    const struct ostd_finding *f, unsigned long n, unsigned long same)
{
	const struct ostd_diagnosis *d = f->diag;
	char tbuf[16];

	strbuf_addf(b, "<tr><td class=\"n\"><a href=\"#finding-%lu\">%lu</a>"
	    "</td><td><span class=\"nowrap\">", n, n);
	esc(b, platform_base_name(f->file));
	strbuf_addf(b, ":%lu</span>", f->line);
	if (f->time >= 0)
		strbuf_addf(b, " %s", ostd_format_time(f->time, tbuf));
	strbuf_adds(b, "</td><td>");
	if (f->block != NULL && f->block->has_code) {
		strbuf_adds(b, "<code>");
		esc(b, f->block->code.text);
		strbuf_adds(b, "</code> ");
	}
	esc(b, finding_name(f));
	strbuf_adds(b, "</td><td>");
	if (d->n == 0)
		strbuf_adds(b, "<i>unrecognized</i>");
	for (size_t i = 0; i < d->ntop; i++) {
		strbuf_adds(b, i > 0 ? ", " : "");
		ref_link(b, ref_find(st, d->cand[i].rule->id),
		    d->cand[i].rule->id);
	}
	if (same > 0)
		strbuf_addf(b, " <span class=\"score\">(as <a href=\"#finding-"
		    "%lu\">finding %lu</a>)</span>", same, same);
	strbuf_addf(b, "</td><td class=\"n\">%lu</td></tr>\n", f->count);
}

/*
 * A finding: its markup and its row in the summary are kept for the end,
 * and the entries it cites noted.
 */
static void
html_finding(struct ostd_report *r, const struct ostd_finding *f)
{
	struct html_state *st = state(r);
	const struct ostd_block *blk = f->block;
	const struct ostd_diagnosis *d = f->diag;
	struct strbuf *b = &st->buf;
	unsigned long n = r->nfindings + 1, same;

	for (size_t i = 0; i < d->n; i++)
		ref_cite(ref_of_rule(st, d->cand[i].rule, true), n);
	same = shown_before(st, f, n);

	strbuf_reset(b);
	strbuf_addf(b, "<section class=\"finding%s%s\" id=\"finding-%lu\">\n"
	    "<h2><span class=\"n\">%lu.</span> ", d->n == 0 ?
	    " unrecognized" : "", same > 0 ? " same" : "", n, n);
	if (blk != NULL && blk->has_code) {
		strbuf_adds(b, "<code>");
		esc(b, blk->code.text);
		strbuf_adds(b, "</code> ");
	}
	esc(b, finding_name(f));
	strbuf_adds(b, "</h2>\n");
	where_table(b, f);
	if (d->n == 0) {
		strbuf_adds(b, "<p>No rule recognizes this error: it is "
		    "unrecognized.</p>\n");
	} else if (same > 0) {
		strbuf_addf(b, "<p class=\"same-as\">Same diagnosis as <a "
		    "href=\"#finding-%lu\">finding %lu</a> above:", same, same);
		for (size_t i = 0; i < d->ntop; i++) {
			strbuf_adds(b, i > 0 ? "; " : " ");
			ref_link(b, ref_find(st, d->cand[i].rule->id),
			    d->cand[i].rule->id);
			strbuf_adds(b, " ");
			esc(b, d->cand[i].rule->title);
		}
		strbuf_adds(b, ". Its cause, fix steps and questions are "
		    "there.</p>\n");
	} else {
		if (d->ntop > 1)
			strbuf_addf(b, "<p>%zu diagnoses fit equally well; the "
			    "questions tell them apart.</p>\n", d->ntop);
		questions(b, d);
		for (size_t i = 0; i < d->ntop; i++)
			diagnosis(st, b, f, &d->cand[i], n);
		less_likely(st, b, d);
	}
	if (blk != NULL && blk->evidence != NULL) {
		strbuf_adds(b, "<details class=\"log\"><summary>log lines"
		    "</summary><pre class=\"log\">");
		esc_text(b, blk->evidence, true);
		strbuf_adds(b, "</pre></details>\n");
	}
	strbuf_adds(b, "</section>\n");
	report_keep(r, &st->findings, b->data, b->len);
	strbuf_reset(b);
	index_row(st, b, f, n, same);
	report_keep(r, &st->index, b->data, b->len);
	strbuf_reset(b);
}

/* ---- notes, inputs and sessions as they come ---- */

/* A note as an item of the list of notes. */
static void
note_markup(struct strbuf *b, const char *file, unsigned long line,
    const char *message)
{
	strbuf_adds(b, "<li><code>");
	esc(b, file);
	if (line > 0)
		strbuf_addf(b, ":%lu", line);
	strbuf_adds(b, "</code>: ");
	esc(b, message);
	strbuf_adds(b, "</li>\n");
}

/* Keep the note held back, if any. */
static void
release_note(struct ostd_report *r, struct html_state *st)
{
	if (st->held_file == NULL)
		return;
	strbuf_reset(&st->buf);
	note_markup(&st->buf, st->held_file, 0, st->held_message);
	report_keep(r, &st->notes, st->buf.data, st->buf.len);
	strbuf_reset(&st->buf);
	free(st->held_file);
	free(st->held_message);
	st->held_file = NULL;
	st->held_message = NULL;
}

/*
 * A problem with an input. One about a whole input is held back until its
 * record comes: the list of inputs that failed or were skipped says it then.
 */
static void
html_note(struct ostd_report *r, const char *file, unsigned long line,
    const char *message)
{
	struct html_state *st = state(r);

	release_note(r, st);
	if (line == 0) {
		st->held_file = xstrdup(file);
		st->held_message = xstrdup(message);
		return;
	}
	note_markup(&st->buf, file, line, message);
	report_keep(r, &st->notes, st->buf.data, st->buf.len);
	strbuf_reset(&st->buf);
}

/*
 * An input is done: kept with the times its sessions spanned; a note that
 * only said why it failed or was skipped is dropped, as the list of inputs
 * says it.
 */
static void
html_file(struct ostd_report *r, const struct ostd_file_record *rec)
{
	struct html_state *st = state(r);
	struct html_file hf;

	if (st->held_file != NULL && (rec->failed || rec->skipped) &&
	    strcmp(st->held_file, rec->file) == 0 &&
	    strcmp(st->held_message, rec->reason) == 0) {
		free(st->held_file);
		free(st->held_message);
		st->held_file = NULL;
		st->held_message = NULL;
	}
	release_note(r, st);
	memset(&hf, 0, sizeof(hf));
	hf.rec = *rec;
	hf.first_time = st->span_first;
	hf.last_time = st->span_last;
	st->span_first = -1;
	st->span_last = -1;
	report_keep(r, &st->files, &hf, sizeof(hf));
}

/* A session: counted, its times kept for its input, and kept to be drawn. */
static void
html_session(struct ostd_report *r, const struct ostd_session_record *rec)
{
	struct html_state *st = state(r);

	st->nsessions++;
	if ((unsigned)rec->end < 3)
		st->ended[rec->end]++;
	if (rec->start_time >= 0 && st->span_first < 0)
		st->span_first = rec->start_time;
	if (rec->end_time >= 0)
		st->span_last = rec->end_time;
	if (st->sessions.n < TIMELINE_MAX)
		report_keep(r, &st->sessions, rec, sizeof(*rec));
}

/* ---- the head of the page ---- */

/* When an input is from: its message's date, or its log's times; "" none. */
static void
when_words(struct strbuf *b, const struct html_file *hf)
{
	char t1[32], t2[16];

	if (hf->rec.date >= 0) {
		strbuf_addf(b, "message of %s", ostd_format_timestamp(
		    hf->rec.date, ' ', t1));
	} else if (hf->first_time >= 0 && hf->last_time >= 0 &&
	    hf->first_time != hf->last_time) {
		strbuf_addf(b, "%s to %s", ostd_format_time(hf->first_time, t1),
		    ostd_format_time(hf->last_time, t2));
	} else if (hf->first_time >= 0 || hf->last_time >= 0) {
		strbuf_addf(b, "at %s", ostd_format_time(hf->first_time >= 0 ?
		    hf->first_time : hf->last_time, t1));
	}
}

/*
 * Call fn on the first max inputs: those that were read, then those that
 * could not be, then those skipped; the number of inputs.
 */
static unsigned long
first_inputs(struct ostd_report *r, size_t max,
    void (*fn)(struct strbuf *b, const struct html_file *hf, size_t i),
    struct strbuf *b)
{
	struct html_state *st = state(r);
	struct html_file hf;
	size_t shown = 0;

	for (int pass = 0; pass < 3; pass++) {
		spool_rewind(&st->files);
		while (shown < max && spool_next(&st->files, &hf,
		    sizeof(hf)))
			if ((hf.rec.skipped ? 2 : hf.rec.failed) == pass)
				fn(b, &hf, shown++);
	}
	report_check_spool(r, &st->files);
	return st->files.n;
}

/* "orgforms.log" in the title. */
static void
title_input(struct strbuf *b, const struct html_file *hf, size_t i)
{
	strbuf_adds(b, i > 0 ? ", " : "");
	esc(b, platform_base_name(hf->rec.file));
}

/* An input under the heading, with when it is from or why it was not read. */
static void
heading_input(struct strbuf *b, const struct html_file *hf, size_t i)
{
	struct strbuf w;

	(void)i;
	strbuf_init(&w, 0);
	strbuf_adds(b, "<li><code>");
	esc(b, hf->rec.file);
	strbuf_adds(b, "</code>");
	if (hf->rec.failed || hf->rec.skipped) {
		strbuf_addf(b, ": %s (", hf->rec.failed ? "could not be read" :
		    "skipped");
		esc(b, hf->rec.reason);
		strbuf_adds(b, ")");
	} else {
		when_words(&w, hf);
		if (w.len > 0) {
			strbuf_adds(b, ", ");
			esc(b, w.data);
		}
	}
	strbuf_adds(b, "</li>\n");
	strbuf_free(&w);
}

/* The only input, if there is exactly one. */
static bool
only_input(struct ostd_report *r, struct html_file *hf)
{
	struct html_state *st = state(r);
	bool got;

	if (st->files.n != 1)
		return false;
	spool_rewind(&st->files);
	got = spool_next(&st->files, hf, sizeof(*hf));
	report_check_spool(r, &st->files);
	return got;
}

/*
 * The head, with a title that names the inputs (one with its date or times),
 * and the heading that names them again in full.
 */
static void
write_head(struct ostd_report *r)
{
	struct html_state *st = state(r);
	struct strbuf *b = &st->buf;
	struct html_file one;
	struct strbuf when;
	bool single = only_input(r, &one);
	unsigned long n;

	strbuf_init(&when, 0);
	if (single)
		when_words(&when, &one);
	strbuf_addf(b, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/"
	    "xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
	    "<meta name=\"generator\" content=\"ostdiag %s\"/>\n"
	    "<meta name=\"viewport\" content=\"width=device-width\"/>\n<title>",
	    OSTDIAG_VERSION);
	if (single) {
		esc(b, platform_base_name(one.rec.file));
		if (when.len > 0) {
			strbuf_adds(b, ", ");
			esc(b, when.data);
		}
	} else if (st->files.n == 0) {
		strbuf_adds(b, "no input");
	} else {
		strbuf_addf(b, "%lu inputs: ", st->files.n);
		n = first_inputs(r, TITLE_INPUTS, title_input, b);
		if (n > TITLE_INPUTS)
			strbuf_addf(b, " and %lu more", n - TITLE_INPUTS);
	}
	strbuf_addf(b, " \xe2\x80\x93 ostdiag report</title>\n<style>%s"
	    "</style>\n</head>\n<body>\n<header>\n<p class=\"kicker\">ostdiag "
	    "%s \xc2\xb7 OST synchronization report</p>\n<h1>", style,
	    OSTDIAG_VERSION);
	if (single) {
		esc(b, one.rec.file);
		if (when.len > 0) {
			strbuf_adds(b, " <span class=\"when\">");
			esc(b, when.data);
			strbuf_adds(b, "</span>");
		}
		strbuf_adds(b, "</h1>\n");
	} else if (st->files.n == 0) {
		strbuf_adds(b, "No input</h1>\n");
	} else {
		strbuf_addf(b, "%lu inputs</h1>\n<ul class=\"inputs\">\n",
		    st->files.n);
		n = first_inputs(r, HEADING_INPUTS, heading_input, b);
		if (n > HEADING_INPUTS)
			strbuf_addf(b, "<li>and %lu more, listed under <a "
			    "href=\"#inputs\">Inputs</a></li>\n",
			    n - HEADING_INPUTS);
		strbuf_adds(b, "</ul>\n");
	}
	strbuf_adds(b, "</header>\n");
	strbuf_free(&when);
	emit(r, b);
}

/* ---- the summary ---- */

/* The inputs that failed (or were skipped), as list items; how many. */
static unsigned long
problem_inputs(struct ostd_report *r, struct strbuf *b, bool failed,
    unsigned long max)
{
	struct html_state *st = state(r);
	struct html_file hf;
	unsigned long n = 0;

	spool_rewind(&st->files);
	while (spool_next(&st->files, &hf, sizeof(hf))) {
		if (!(failed ? hf.rec.failed : hf.rec.skipped))
			continue;
		if (n++ >= max)
			continue;
		strbuf_adds(b, "<li><code>");
		esc(b, hf.rec.file);
		strbuf_adds(b, "</code>: ");
		esc(b, hf.rec.reason);
		strbuf_adds(b, "</li>\n");
	}
	report_check_spool(r, &st->files);
	if (n > max)
		strbuf_addf(b, "<li>and %lu more, listed under <a href=\""
		    "#inputs\">Inputs</a></li>\n", n - max);
	return n;
}

/* How the sessions ended, when not all reached Done: "1 never reached Done". */
static void
unfinished_words(struct strbuf *b, const struct html_state *st)
{
	if (st->ended[OSTD_END_UNFINISHED] > 0)
		strbuf_addf(b, "%lu %s never reached Done",
		    st->ended[OSTD_END_UNFINISHED], report_plural(
		    st->ended[OSTD_END_UNFINISHED], "session", "sessions"));
	if (st->ended[OSTD_END_TERMINATED] > 0)
		strbuf_addf(b, "%s%lu %s in error", b->len > 0 ? ", " : "",
		    st->ended[OSTD_END_TERMINATED], report_plural(
		    st->ended[OSTD_END_TERMINATED], "session ended",
		    "sessions ended"));
}

/*
 * The verdict at the top: the inputs that could not be read first, then
 * what was found, or a clear all-clear; one not to be taken for an
 * all-clear when some inputs were skipped or a session never ended.
 */
static void
verdict(struct ostd_report *r, const struct ostd_summary *s)
{
	struct html_state *st = state(r);
	struct strbuf *b = &st->buf;
	struct strbuf w;
	unsigned long read = s->files - s->files_failed - s->files_skipped;

	strbuf_init(&w, 0);
	if (s->files_failed > 0) {
		strbuf_addf(b, "<div class=\"verdict trouble\" id=\"failed\">\n"
		    "<p class=\"big\">%lu %s could not be read</p>\n<ul>\n",
		    s->files_failed, report_plural(s->files_failed, "input",
		    "inputs"));
		problem_inputs(r, b, true, FAILED_LISTED);
		strbuf_addf(b, "</ul>\n<p>%s</p>\n</div>\n", read == 0 ?
		    "Nothing else was read: this page says nothing about "
		    "those inputs." : "What follows comes from the other "
		    "inputs only; it says nothing about those above.");
	}
	if (s->files_skipped > 0) {
		strbuf_addf(b, "<div class=\"verdict caveat\" id=\"skipped\">\n"
		    "<p class=\"big\">%lu %s skipped</p>\n<p>Not read, as "
		    "not synchronization logs or not files to read:</p>\n"
		    "<ul>\n",
		    s->files_skipped, report_plural(s->files_skipped,
		    "input was", "inputs were"));
		problem_inputs(r, b, false, SKIPPED_LISTED);
		strbuf_adds(b, "</ul>\n</div>\n");
	}
	if (s->errors > 0 || s->findings > 0) {
		strbuf_addf(b, "<div class=\"verdict found\">\n<p class="
		    "\"big\">%lu %s found</p>\n", s->errors > 0 ? s->errors :
		    s->findings, s->errors > 0 ? report_plural(s->errors,
		    "error", "errors") : report_plural(s->findings, "finding",
		    "findings"));
		strbuf_addf(b, "<p>%lu %s: %lu diagnosed, %lu unrecognized%s.",
		    s->findings, report_plural(s->findings, "finding",
		    "findings"), s->diagnosed, s->unrecognized, s->findings >
		    0 ? " (listed below)" : "");
		if (s->filtered > 0)
			strbuf_addf(b, " %lu left out by filters.",
			    s->filtered);
		strbuf_adds(b, "</p>\n</div>\n");
	} else if (read > 0) {
		bool partial = s->files_failed + s->files_skipped > 0;

		unfinished_words(&w, st);
		strbuf_addf(b, "<div class=\"verdict %s\" id=\"clean\">\n<p "
		    "class=\"big\">No errors found%s</p>\n<p>ostdiag read ",
		    partial || w.len > 0 ? "caveat" : "clean", partial ?
		    (read == 1 ? " in the input read" : " in the inputs read") :
		    "");
		if (partial)
			strbuf_addf(b, "%lu of %lu inputs", read, s->files);
		else
			strbuf_addf(b, "%lu %s", read, report_plural(read,
			    "input", "inputs"));
		strbuf_addf(b, ": %lu %s in %lu %s, and found no error in %s."
		    "</p>\n", s->sessions, report_plural(s->sessions, "session",
		    "sessions"), s->lines, report_plural(s->lines, "line",
		    "lines"), read == 1 ? "it" : "them");
		if (w.len > 0)
			strbuf_addf(b, "<p>But %s: the log may stop before the "
			    "end of a synchronization.</p>\n", w.data);
		else if (s->sessions > 0)
			strbuf_addf(b, "<p>%s reached Done.</p>\n",
			    s->sessions == 1 ? "The session" :
			    "Every session");
		strbuf_adds(b, "</div>\n");
	} else if (s->files_failed == 0) {
		strbuf_adds(b, "<div class=\"verdict trouble\">\n<p class=\""
		    "big\">Nothing was read</p>\n<p>No input held a "
		    "synchronization log.</p>\n</div>\n");
	}
	strbuf_free(&w);
}

/* A table of every input, for a run over several. */
static void
input_table(struct ostd_report *r)
{
	struct html_state *st = state(r);
	struct strbuf *b = &st->buf;
	struct strbuf w;
	struct html_file hf;

	if (st->files.n < 2)
		return;
	strbuf_init(&w, 0);
	strbuf_adds(b, "<h3 id=\"inputs\">Inputs</h3>\n<table class=\"grid "
	    "files\">\n<thead><tr><th>input</th><th>format</th><th>from</th>"
	    "<th class=\"n\">sessions</th><th class=\"n\">errors</th>"
	    "<th class=\"n\">findings</th></tr></thead>\n<tbody>\n");
	spool_rewind(&st->files);
	while (spool_next(&st->files, &hf, sizeof(hf))) {
		strbuf_addf(b, "<tr%s><td><code>", hf.rec.failed ?
		    " class=\"failed\"" : hf.rec.skipped ?
		    " class=\"skipped\"" : "");
		esc(b, hf.rec.file);
		strbuf_adds(b, "</code></td><td>");
		esc(b, hf.rec.format != NULL ? hf.rec.format : "-");
		if (hf.rec.skipped || hf.rec.failed) {
			strbuf_addf(b, "</td><td colspan=\"4\">%s: ",
			    hf.rec.skipped ? "skipped" : "could not be read");
			esc(b, hf.rec.reason);
			strbuf_adds(b, "</td></tr>\n");
			continue;
		}
		strbuf_reset(&w);
		when_words(&w, &hf);
		strbuf_adds(b, "</td><td>");
		esc(b, w.data != NULL ? w.data : "");
		strbuf_addf(b, "</td><td class=\"n\">%lu</td><td class=\"n\">"
		    "%lu</td><td class=\"n\">%lu</td></tr>\n", hf.rec.sessions,
		    hf.rec.errors, hf.rec.findings);
		emit(r, b);
	}
	report_check_spool(r, &st->files);
	strbuf_adds(b, "</tbody></table>\n");
	strbuf_free(&w);
	emit(r, b);
}

/* Findings per diagnosis, for a run over several inputs. */
static void
diagnosis_table(struct ostd_report *r, const struct ostd_summary *s)
{
	struct html_state *st = state(r);
	struct strbuf *b = &st->buf;

	if (st->files.n < 2 || s->nby_diagnosis == 0)
		return;
	strbuf_adds(b, "<h3>Findings per diagnosis</h3>\n<table class=\"grid\">"
	    "\n<thead><tr><th>diagnosis</th><th class=\"n\">findings</th>"
	    "<th class=\"n\">occurrences</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < s->nby_diagnosis; i++) {
		const char *id = s->by_diagnosis[i].id;

		strbuf_adds(b, "<tr><td>");
		if (id[0] != '\0') {
			const struct html_ref *ref = ref_find(st, id);

			ref_link(b, ref, id);
			if (ref != NULL) {
				strbuf_adds(b, " ");
				esc(b, ref->title);
			}
		} else {
			strbuf_adds(b, "<i>unrecognized</i>");
		}
		strbuf_addf(b, "</td><td class=\"n\">%lu</td><td class=\"n\">"
		    "%lu</td></tr>\n", s->by_diagnosis[i].findings,
		    s->by_diagnosis[i].occurrences);
	}
	strbuf_adds(b, "</tbody></table>\n");
	emit(r, b);
}

/*
 * The summary: the verdict, the totals, problems with the inputs, the
 * inputs, and a row per finding.
 */
static void
write_summary(struct ostd_report *r, const struct ostd_summary *s)
{
	struct html_state *st = state(r);
	struct strbuf *b = &st->buf;

	strbuf_adds(b, "<section class=\"summary\" id=\"summary\">\n<h2>Summary"
	    "</h2>\n");
	verdict(r, s);
	strbuf_adds(b, "<p class=\"counts\">");
	report_counts(b, s);
	strbuf_addf(b, "; %lu %s read.</p>\n", s->lines,
	    report_plural(s->lines, "line", "lines"));
	if (st->notes.n > 0) {
		strbuf_adds(b, "<h3>Notes on the inputs</h3>\n<ul class="
		    "\"notes\">\n");
		emit(r, b);
		if (!spool_copy(&st->notes, r->out))
			report_check_spool(r, &st->notes);
		strbuf_adds(b, "</ul>\n");
	}
	emit(r, b);
	input_table(r);
	if (st->index.n > 0) {
		strbuf_adds(b, "<h3>Findings</h3>\n<table class=\"grid "
		    "index\">\n<thead><tr><th class=\"n\">#</th><th>where</th>"
		    "<th>error</th><th>diagnosis</th><th class=\"n\">times</th>"
		    "</tr></thead>\n<tbody>\n");
		emit(r, b);
		if (!spool_copy(&st->index, r->out))
			report_check_spool(r, &st->index);
		strbuf_adds(b, "</tbody></table>\n");
	}
	emit(r, b);
	diagnosis_table(r, s);
	strbuf_adds(b, "</section>\n");
	emit(r, b);
}

/* ---- the timeline ---- */

/* Geometry of a timeline, in the units of its viewBox. */
#define TL_WIDTH 800
#define TL_LEFT 76		/* the plot; the lanes' names are before it */
#define TL_RIGHT 770
#define TL_MARK_Y 16		/* middle of the error marks */
#define TL_MARK_R 7		/* their radius */
#define TL_BIN 24		/* errors closer than this are one mark */
#define TL_BAR_Y 31		/* top of the session bars */
#define TL_BAR_H 14
#define TL_BAR_MIN 6		/* the narrowest bar */
#define TL_LABEL_Y 58		/* session numbers */
#define TL_AXIS_Y 66
#define TL_LEGEND_Y 98
#define TL_CHAR 6.2		/* width of a character of 11px text, about */
#define TL_MIN_SPAN 60		/* seconds the axis spans at least */

/* How a session ended, worst last; its colour and its words in the legend. */
enum tl_kind {
	TL_DONE, TL_DONE_ERRORS, TL_UNFINISHED, TL_TERMINATED, TL_KINDS
};

static const struct {
	const char *fill, *words;
} tl_kinds[TL_KINDS] = {
	{ "#4c9a5f", "Done, no errors" },
	{ "#e3a21a", "Done, with errors" },
	{ "#9aa0ad", "never reached Done" },
	{ "#a50e0e", "terminated in error" },
};

#define TL_ERROR_FILL "#d93025"

/* A session of the input being drawn, its times unwrapped past midnight. */
struct tl_session {
	const struct ostd_session_record *rec;
	long start, end;	/* -1 when unknown */
};

/* An error mark: errors of one session at one time. */
struct tl_mark {
	long t;
	unsigned long count;
	unsigned session;
	bool later;		/* holds the session's errors whose times are
				 * not kept */
};

/* How a session ended, as the timeline colours it. */
static enum tl_kind
tl_kind(const struct ostd_session_record *rec)
{
	return rec->end == OSTD_END_TERMINATED ? TL_TERMINATED :
	    rec->end == OSTD_END_UNFINISHED ? TL_UNFINISHED :
	    rec->errors > 0 ? TL_DONE_ERRORS : TL_DONE;
}

/* Time of day t, read after the time last (or -1): past midnight if need be. */
static long
unwrap(long last, int t)
{
	long base = last >= 0 ? last / DAY * DAY : 0, at = base + t;

	if (last >= 0 && at < last - DAY / 2)
		at += DAY;
	return at;
}

/* x of time t on the axis from t0 to t1. */
static double
tl_x(long t0, long t1, long t)
{
	return TL_LEFT + (double)(TL_RIGHT - TL_LEFT) * (double)(t - t0) /
	    (double)(t1 - t0);
}

/* Sessions by start, then number. */
static int
by_start(const void *a, const void *b)
{
	const struct tl_session *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->rec->index < y->rec->index ? -1 : x->rec->index >
	    y->rec->index;
}

/* Error marks by time, then session. */
static int
by_time(const void *a, const void *b)
{
	const struct tl_mark *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->session < y->session ? -1 : x->session > y->session;
}

/* "1" or "1-3": the sessions a bar stands for. */
static void
session_range(struct strbuf *b, unsigned first, unsigned last)
{
	if (first == last)
		strbuf_addf(b, "%u", first);
	else
		strbuf_addf(b, "%u\xe2\x80\x93%u", first, last);
}

/* The axis: grid lines and labelled ticks at round times. */
static void
tl_axis(struct strbuf *b, long t0, long t1)
{
	static const long steps[] = { 1, 2, 5, 10, 15, 30, 60, 120, 300, 600,
		900, 1800, 3600, 7200, 10800, 21600, 43200, DAY };
	long step = DAY, t;
	char tbuf[16];

	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if ((t1 - t0) / steps[i] <= 8) {
			step = steps[i];
			break;
		}
	if ((t1 - t0) / step > 8)	/* days: a whole number of them */
		step = ((t1 - t0) / 8 / DAY + 1) * DAY;
	strbuf_addf(b, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" "
	    "y2=\"%d\" stroke=\"#5f6368\"/>\n", TL_LEFT, TL_AXIS_Y, TL_RIGHT,
	    TL_AXIS_Y);
	t = t0 >= 0 ? (t0 + step - 1) / step * step : t0 / step * step;
	for (; t <= t1; t += step) {
		double x = tl_x(t0, t1, t);

		clock_time(t, tbuf);
		if (step % 60 == 0)
			tbuf[5] = '\0';
		strbuf_addf(b, "<g class=\"tick\"><line x1=\"%.1f\" y1=\"4\" "
		    "x2=\"%.1f\" y2=\"%d\" stroke=\"#e6e8ec\"/><line "
		    "x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
		    "stroke=\"#5f6368\"/><text x=\"%.1f\" y=\"%d\" "
		    "text-anchor=\"middle\">%s</text></g>\n",
		    x, x, TL_AXIS_Y, x, TL_AXIS_Y, x, TL_AXIS_Y + 5, x,
		    TL_AXIS_Y + 17, tbuf);
	}
}

/*
 * The session bars. Bars closer than two units are drawn as one, in the
 * colour of the worst of them, numbered by the sessions they stand for. Which
 * kinds were drawn is set in kinds.
 */
static void
tl_bars(struct strbuf *b, struct tl_session *s, size_t n, long t0, long t1,
    bool kinds[TL_KINDS])
{
	double label_end = -1e9;
	size_t i = 0;
	char t1buf[16], t2buf[16];

	while (i < n) {
		double x1 = tl_x(t0, t1, s[i].start), x2, w, mid;
		size_t j = i;
		enum tl_kind worst = TL_DONE;
		unsigned long errors = 0;
		long end = s[i].end;
		struct strbuf label;

		x2 = tl_x(t0, t1, s[i].end);
		if (x2 < x1 + TL_BAR_MIN)
			x2 = x1 + TL_BAR_MIN;
		for (; j < n; j++) {
			double a = tl_x(t0, t1, s[j].start);
			double z = tl_x(t0, t1, s[j].end);

			if (j > i && a > x2 + 2)
				break;
			if (z < a + TL_BAR_MIN)
				z = a + TL_BAR_MIN;
			if (z > x2)
				x2 = z;
			if (s[j].end > end)
				end = s[j].end;
			if (tl_kind(s[j].rec) > worst)
				worst = tl_kind(s[j].rec);
			errors += s[j].rec->errors;
		}
		kinds[worst] = true;
		strbuf_addf(b, "<g class=\"session\" data-sessions=\"%zu\">"
		    "<title>", j - i);
		strbuf_adds(b, j - i > 1 ? "sessions " : "session ");
		session_range(b, s[i].rec->index, s[j - 1].rec->index);
		strbuf_addf(b, ": %s to %s, %lu %s%s%s</title>",
		    clock_time(s[i].start, t1buf), clock_time(end, t2buf),
		    errors, report_plural(errors, "error", "errors"),
		    j - i > 1 ? "; the worst: " : ", ", tl_kinds[worst].words);
		strbuf_addf(b, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" "
		    "height=\"%d\" rx=\"2\" fill=\"%s\"%s/>", x1, TL_BAR_Y,
		    x2 - x1, TL_BAR_H, tl_kinds[worst].fill,
		    worst == TL_UNFINISHED ? " stroke=\"#5f6368\" "
		    "stroke-dasharray=\"2 2\"" : "");
		strbuf_init(&label, 0);
		session_range(&label, s[i].rec->index, s[j - 1].rec->index);
		/* A number only where it does not run into the one before. */
		w = TL_CHAR * (double)label.len;
		mid = (x1 + x2) / 2;
		if (mid - w / 2 > label_end + 4) {
			strbuf_addf(b, "<text class=\"n\" x=\"%.1f\" y=\"%d\" "
			    "text-anchor=\"middle\">%s</text>", mid, TL_LABEL_Y,
			    label.data);
			label_end = mid + w / 2;
		}
		strbuf_free(&label);
		strbuf_adds(b, "</g>\n");
		i = j;
	}
}

/* Width of the mark of count errors: a dot, or a pill that holds the number. */
static double
mark_width(unsigned long count)
{
	double w = 8;

	if (count == 1)
		return 2 * TL_MARK_R;
	for (; count > 0; count /= 10)
		w += 7;
	return w > 2 * TL_MARK_R ? w : 2 * TL_MARK_R;
}

/* A mark as drawn: the errors of marks first to last, around x. */
struct tl_cluster {
	size_t first, last;	/* in the sorted marks */
	unsigned long count;
	double weighted;	/* sum of x times count, for the middle */
};

/* Where a mark stands: the middle of its errors. */
static double
cluster_x(const struct tl_cluster *c)
{
	return c->weighted / (double)c->count;
}

/* Do the marks of a and b (a to the left) touch? */
static bool
clusters_touch(const struct tl_cluster *a, const struct tl_cluster *b)
{
	return cluster_x(a) + mark_width(a->count) / 2 + 2 >
	    cluster_x(b) - mark_width(b->count) / 2;
}

/* One mark: a dot or a pill in the middle of its errors, with their number. */
static void
tl_mark(struct strbuf *b, const struct tl_mark *m, const struct tl_cluster *c)
{
	double x = cluster_x(c), w = mark_width(c->count);
	unsigned first = m[c->first].session, last = first;
	bool later = false;
	char t1buf[16], t2buf[16];

	for (size_t k = c->first; k <= c->last; k++) {
		if (m[k].session < first)
			first = m[k].session;
		if (m[k].session > last)
			last = m[k].session;
		later = later || m[k].later;
	}
	strbuf_addf(b, "<g class=\"errors\" data-count=\"%lu\" transform="
	    "\"translate(%.1f %d)\"><title>%lu %s %s %s", c->count, x,
	    TL_MARK_Y, c->count, report_plural(c->count, "error", "errors"),
	    m[c->last].t != m[c->first].t ? "from" : "at",
	    clock_time(m[c->first].t, t1buf));
	if (m[c->last].t != m[c->first].t)
		strbuf_addf(b, " to %s", clock_time(m[c->last].t, t2buf));
	strbuf_adds(b, first != last ? ", sessions " : ", session ");
	session_range(b, first, last);
	if (later)
		strbuf_adds(b, " (a session's errors past its first 8 are "
		    "counted at the time of its 8th, the last kept)");
	strbuf_addf(b, "</title><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" "
	    "height=\"%d\" rx=\"%d\" fill=\"%s\"/>", -w / 2, -TL_MARK_R, w,
	    2 * TL_MARK_R, TL_MARK_R, TL_ERROR_FILL);
	if (c->count > 1)
		strbuf_addf(b, "<text x=\"0\" y=\"3.5\" text-anchor=\"middle\">"
		    "%lu</text>", c->count);
	strbuf_adds(b, "</g>\n");
}

/*
 * The error marks. Errors less than TL_BIN units apart make one mark, in
 * their middle, with their number; marks that would still touch are made
 * one, until none does: no two marks overlap.
 */
static void
tl_marks(struct strbuf *b, struct tl_mark *m, size_t n, long t0, long t1)
{
	struct tl_cluster *stack;
	size_t top = 0, i = 0;

	if (n == 0)
		return;
	stack = xcalloc(n, sizeof(*stack));
	qsort(m, n, sizeof(*m), by_time);
	while (i < n) {
		double x0 = tl_x(t0, t1, m[i].t);
		struct tl_cluster c = { i, i, 0, 0 };

		for (; i < n && tl_x(t0, t1, m[i].t) - x0 < TL_BIN; i++) {
			c.last = i;
			c.count += m[i].count;
			c.weighted += tl_x(t0, t1, m[i].t) * (double)m[i].count;
		}
		while (top > 0 && clusters_touch(&stack[top - 1], &c)) {
			top--;
			c.first = stack[top].first;
			c.count += stack[top].count;
			c.weighted += stack[top].weighted;
		}
		stack[top++] = c;
	}
	for (size_t k = 0; k < top; k++)
		tl_mark(b, m, &stack[k]);
	free(stack);
}

/* One key of the legend at *x of row *row; wraps to the next row. */
static void
tl_key(struct strbuf *b, double *x, int *row, const char *swatch,
    const char *words)
{
	double w = 20 + TL_CHAR * (double)strlen(words) + 16;
	int y;

	if (*x + w > TL_RIGHT && *x > TL_LEFT) {
		*x = TL_LEFT;
		(*row)++;
	}
	y = TL_LEGEND_Y + 16 * *row;
	strbuf_addf(b, "<g class=\"key\" transform=\"translate(%.1f %d)\">%s"
	    "<text x=\"18\" y=\"4\">%s</text></g>\n", *x, y, swatch, words);
	*x += w;
}

/* The legend: the error mark, and the colours of the kinds drawn. */
static int
tl_legend(struct strbuf *b, bool errors, const bool kinds[TL_KINDS])
{
	char swatch[256];
	double x = TL_LEFT;
	int row = 0;

	strbuf_addf(b, "<g class=\"legend\"><text class=\"lane\" x=\"0\" "
	    "y=\"%d\">key</text>\n", TL_LEGEND_Y + 4);
	if (errors) {
		snprintf(swatch, sizeof(swatch), "<circle cx=\"6\" cy=\"0\" "
		    "r=\"6\" fill=\"%s\"/>", TL_ERROR_FILL);
		tl_key(b, &x, &row, swatch, "errors (a number: how many at "
		    "about that time)");
	}
	for (int k = 0; k < TL_KINDS; k++) {
		if (!kinds[k])
			continue;
		snprintf(swatch, sizeof(swatch), "<rect x=\"0\" y=\"-6\" "
		    "width=\"12\" height=\"12\" rx=\"2\" fill=\"%s\"%s/>",
		    tl_kinds[k].fill, k == TL_UNFINISHED ?
		    " stroke=\"#5f6368\" stroke-dasharray=\"2 2\"" : "");
		tl_key(b, &x, &row, swatch, tl_kinds[k].words);
	}
	strbuf_adds(b, "</g>\n");
	return row + 1;
}

/* The table of the sessions of one input. */
static void
session_table(struct strbuf *b, const struct tl_session *s, size_t n)
{
	char t1[16], t2[16];

	strbuf_adds(b, "<table class=\"grid sessions\">\n<thead><tr><th "
	    "class=\"n\">session</th><th class=\"n\">line</th><th>start</th>"
	    "<th>end</th><th class=\"n\">duration</th><th>mailbox</th><th "
	    "class=\"n\">folders</th><th class=\"n\">items down/up</th><th "
	    "class=\"n\">errors</th><th>ended</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		const struct ostd_session_record *rec = s[i].rec;

		strbuf_addf(b, "<tr><td class=\"n\">%u</td><td class=\"n\">%lu"
		    "</td><td>%s</td><td>%s</td><td class=\"n\">", rec->index,
		    rec->first_line, ostd_format_time(rec->start_time, t1),
		    ostd_format_time(rec->end_time, t2));
		if (rec->duration >= 0)
			add_duration(b, rec->duration);
		strbuf_adds(b, "</td><td>");
		esc(b, rec->mailbox);
		strbuf_addf(b, "</td><td class=\"n\">%lu</td><td class=\"n\">"
		    "%lu/%lu</td><td class=\"n\">%lu</td><td>%s</td></tr>\n",
		    rec->folders, rec->items_down, rec->items_up, rec->errors,
		    rec->end == OSTD_END_DONE ? "Done" : rec->end ==
		    OSTD_END_TERMINATED ? "terminated in error" :
		    "never reached Done");
	}
	strbuf_adds(b, "</tbody></table>\n");
}

/*
 * The times of the sessions of one input, unwrapped past midnight, into s
 * (-1 for a session without times), and their error marks into *m (*nm of
 * them).
 */
static void
unwrap_sessions(const struct ostd_session_record *recs, size_t n,
    struct tl_session *s, struct tl_mark **m, size_t *nm)
{
	size_t cap = 0;
	long last = -1;

	for (size_t i = 0; i < n; i++) {
		const struct ostd_session_record *rec = &recs[i];
		long at;

		s[i].rec = rec;
		s[i].start = rec->start_time >= 0 ? unwrap(last,
		    rec->start_time) : -1;
		if (s[i].start >= 0)
			last = s[i].start;
		s[i].end = rec->duration >= 0 && s[i].start >= 0 ?
		    s[i].start + rec->duration : rec->end_time >= 0 ?
		    unwrap(last, rec->end_time) : s[i].start;
		if (s[i].start < 0)
			s[i].start = s[i].end;
		if (s[i].start < 0)
			continue;
		at = s[i].start;
		for (size_t k = 0; k < rec->nerror_times; k++) {
			grow_array((void **)m, &cap, *nm + 1, sizeof(**m));
			at = unwrap(at, rec->error_times[k]);
			(*m)[*nm] = (struct tl_mark){ at, 1, rec->index,
			    false };
			(*nm)++;
		}
		if (rec->errors > rec->nerror_times && rec->nerror_times > 0) {
			(*m)[*nm - 1].count += rec->errors - rec->nerror_times;
			(*m)[*nm - 1].later = true;
		} else if (rec->errors > 0 && rec->nerror_times == 0) {
			grow_array((void **)m, &cap, *nm + 1, sizeof(**m));
			(*m)[*nm] = (struct tl_mark){ s[i].start, rec->errors,
			    rec->index, true };
			(*nm)++;
		}
		if (s[i].end < at)
			s[i].end = at;
		if (s[i].end > last)
			last = s[i].end;
	}
}

/* The drawing of the sessions s (all with times) and their marks m. */
static void
draw_sessions(struct strbuf *b, struct tl_session *s, size_t n,
    struct tl_mark *m, size_t nm)
{
	long t0 = s[0].start, t1 = s[0].end, first, end;
	bool kinds[TL_KINDS] = { false };
	struct strbuf body;
	char ta[16], tz[16];
	int height;

	qsort(s, n, sizeof(*s), by_start);
	for (size_t i = 0; i < n; i++) {
		if (s[i].start < t0)
			t0 = s[i].start;
		if (s[i].end > t1)
			t1 = s[i].end;
	}
	for (size_t i = 0; i < nm; i++)
		if (m[i].t > t1)
			t1 = m[i].t;
	first = t0;
	end = t1;
	if (t1 - t0 < TL_MIN_SPAN) {
		t0 -= (TL_MIN_SPAN - (t1 - t0)) / 2;
		t1 = t0 + TL_MIN_SPAN;
	}
	strbuf_init(&body, 0);
	tl_axis(&body, t0, t1);
	if (nm > 0)
		strbuf_addf(&body, "<text class=\"lane\" x=\"0\" y=\"%d\">"
		    "errors</text>", TL_MARK_Y + 4);
	strbuf_addf(&body, "<text class=\"lane\" x=\"0\" y=\"%d\">sessions"
	    "</text>\n", TL_BAR_Y + 11);
	tl_bars(&body, s, n, t0, t1, kinds);
	tl_marks(&body, m, nm, t0, t1);
	height = TL_LEGEND_Y + 16 * tl_legend(&body, nm > 0, kinds);
	strbuf_addf(b, "<figure class=\"timeline\">\n<svg xmlns=\"http://"
	    "www.w3.org/2000/svg\" class=\"timeline\" viewBox=\"0 0 %d %d\" "
	    "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"sessions "
	    "and errors on a time axis\">\n", TL_WIDTH, height, TL_WIDTH,
	    height);
	strbuf_add(b, body.data, body.len);
	strbuf_free(&body);
	strbuf_addf(b, "</svg>\n<figcaption>%s to %s (", clock_time(first, ta),
	    clock_time(end, tz));
	add_duration(b, end - first);
	strbuf_addf(b, "), %zu %s", n, report_plural(n, "session",
	    "sessions"));
	if (nm > 0)
		strbuf_adds(b, "<span class=\"screen\">; point at a mark for "
		    "its times</span>");
	strbuf_adds(b, ".</figcaption>\n</figure>\n");
}

/*
 * The sessions of one input, drawn on a time axis of their own (inputs are
 * from different days), with a legend, then as a table.
 */
static void
input_timeline(struct strbuf *b, const struct ostd_session_record *recs,
    size_t n, bool named)
{
	struct tl_session *s = xcalloc(n, sizeof(*s));
	struct tl_session *drawn = xcalloc(n, sizeof(*drawn));
	struct tl_mark *m = NULL;
	size_t nm = 0, nd = 0;

	unwrap_sessions(recs, n, s, &m, &nm);
	for (size_t i = 0; i < n; i++)
		if (s[i].start >= 0)
			drawn[nd++] = s[i];
	if (named) {
		strbuf_adds(b, "<h3><code>");
		esc(b, recs[0].file);
		strbuf_adds(b, "</code></h3>\n");
	}
	if (nd > 0)
		draw_sessions(b, drawn, nd, m, nm);
	if (nd < n)
		strbuf_addf(b, "<p>%zu %s no times: %s only in the table."
		    "</p>\n", n - nd, n - nd == 1 ? "session has" :
		    "sessions have", n - nd == 1 ? "it is" : "they are");
	if (n > TABLE_OPEN)
		strbuf_addf(b, "<details class=\"sessions\"><summary>Table of "
		    "the %zu sessions</summary>\n", n);
	session_table(b, s, n);
	if (n > TABLE_OPEN)
		strbuf_adds(b, "</details>\n");
	free(m);
	free(drawn);
	free(s);
}

/* The sessions, per input: a time axis each, and a table. */
static void
write_timeline(struct ostd_report *r)
{
	struct html_state *st = state(r);
	struct strbuf *b = &st->buf;
	struct ostd_session_record *recs;
	size_t n = 0, from = 0;
	bool several;

	strbuf_adds(b, "<section class=\"sessions\" id=\"sessions\">\n<h2>"
	    "Sessions</h2>\n");
	if (st->sessions.n == 0) {
		strbuf_adds(b, "<p>No synchronization sessions.</p>\n"
		    "</section>\n");
		emit(r, b);
		return;
	}
	recs = xcalloc(st->sessions.n, sizeof(*recs));
	spool_rewind(&st->sessions);
	while (n < st->sessions.n && spool_next(&st->sessions, &recs[n],
	    sizeof(*recs)))
		n++;
	report_check_spool(r, &st->sessions);
	several = n > 0 && strcmp(recs[0].file, recs[n - 1].file) != 0;
	if (st->nsessions > n)
		strbuf_addf(b, "<p>The first %zu of %lu sessions are shown."
		    "</p>\n", n, st->nsessions);
	for (size_t i = 1; i <= n; i++) {
		if (i < n && strcmp(recs[i].file, recs[from].file) == 0)
			continue;
		input_timeline(b, recs + from, i - from, several);
		emit(r, b);
		from = i;
	}
	free(recs);
	strbuf_adds(b, "</section>\n");
	emit(r, b);
}

/* Reference entries by id. */
static int
by_id(const void *a, const void *b)
{
	const struct html_ref *x = *(const struct html_ref *const *)a;
	const struct html_ref *y = *(const struct html_ref *const *)b;

	return strcmp(x->id, y->id);
}

/* Every rule and reference entry the findings cite, by id, with links back. */
static void
write_references(struct ostd_report *r)
{
	struct html_state *st = state(r);
	struct strbuf *b = &st->buf;
	struct html_ref **order;

	if (st->nrefs == 0)
		return;
	order = xcalloc(st->nrefs, sizeof(*order));
	for (size_t i = 0; i < st->nrefs; i++)
		order[i] = &st->refs[i];
	qsort(order, st->nrefs, sizeof(*order), by_id);
	strbuf_adds(b, "<section class=\"references\" id=\"references\">\n<h2>"
	    "References</h2>\n<p>The rules and reference entries of ostdiag's "
	    "knowledge base that the findings cite, by id. <code>ostdiag "
	    "explain ID</code> shows one in full.</p>\n");
	for (size_t i = 0; i < st->nrefs; i++) {
		const struct html_ref *ref = order[i];

		strbuf_adds(b, "<div class=\"ref\" id=\"ref-");
		esc(b, ref->id);
		strbuf_adds(b, "\">\n<h3><span class=\"id\">");
		esc(b, ref->id);
		strbuf_adds(b, "</span> ");
		esc(b, ref->title);
		strbuf_addf(b, "</h3>\n<p class=\"meta\">%s", ref->reference ?
		    "Reference entry" : "Diagnosis rule");
		if (ref->article != NULL) {
			strbuf_adds(b, "; article ");
			esc(b, ref->article);
		}
		if (ref->not_held)
			strbuf_adds(b, "; its text is not held by ostdiag");
		strbuf_adds(b, ".</p>\n<p>");
		esc(b, ref->text);
		strbuf_adds(b, "</p>\n<p class=\"cited\">Cited by");
		for (size_t k = 0; k < ref->ncited; k++) {
			bool last = k + 1 == ref->ncited &&
			    ref->nciting == ref->ncited;

			strbuf_addf(b, "%s<a href=\"#finding-%lu\">finding %lu"
			    "</a>", k == 0 ? " " : last ? " and " : ", ",
			    ref->cited[k], ref->cited[k]);
		}
		if (ref->nciting > ref->ncited)
			strbuf_addf(b, " and %lu more", ref->nciting -
			    (unsigned long)ref->ncited);
		strbuf_adds(b, ".</p>\n</div>\n");
		emit(r, b);
	}
	strbuf_adds(b, "</section>\n");
	emit(r, b);
	free(order);
}

/*
 * The page: head and heading, summary, the findings kept, the sessions and
 * the references.
 */
static void
html_end(struct ostd_report *r, const struct ostd_summary *s)
{
	struct html_state *st = state(r);
	struct strbuf *b = &st->buf;

	release_note(r, st);
	write_head(r);
	write_summary(r, s);
	if (st->findings.n > 0) {
		strbuf_addf(b, "<h2 id=\"findings\">%s</h2>\n",
		    report_plural(st->findings.n, "Finding", "Findings"));
		emit(r, b);
		if (!spool_copy(&st->findings, r->out))
			report_check_spool(r, &st->findings);
	}
	write_timeline(r);
	write_references(r);
	strbuf_addf(b, "<footer>Made by ostdiag %s. Each finding is a place "
	    "in the log; each diagnosis names where it comes from.</footer>\n"
	    "</body>\n</html>\n", OSTDIAG_VERSION);
	emit(r, b);
}

const struct report_ops report_html_ops = {
	.begin = html_begin,
	.finding = html_finding,
	.note = html_note,
	.session = html_session,
	.file = html_file,
	.end = html_end,
	.free_state = html_free_state,
};

/*
 * report_text.c: findings for people, wrapped to the terminal's width: where the
 * error is, what its code means, the best diagnoses with cause and numbered fix
 * steps, and the questions that decide between diagnoses that fit equally well.
 * Options: colour, quiet (summary only), verbose (the log lines quoted), and the
 * session timeline after the findings.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ostdiag/code.h"
#include "report/report_impl.h"
#include "util/spool.h"
#include "util/util.h"
#include "util/visible.h"
#include "util/wrap.h"

enum colour { C_NONE, C_BOLD, C_RED, C_YELLOW, C_CYAN, C_DIM };

static const char *const colour_codes[] = {
	"", "\033[1m", "\033[1;31m", "\033[33m", "\033[36m", "\033[2m",
};

struct text_state {
	struct spool timeline;	/* session records, written after the findings */
	struct spool files;	/* file records, for the table of a multi-file run */
};

static void
on(const struct ostd_report *r, enum colour c)
{
	if (r->opts.color && c != C_NONE)
		fputs(colour_codes[c], r->out);
}

static void
off(const struct ostd_report *r, enum colour c)
{
	if (r->opts.color && c != C_NONE)
		fputs("\033[0m", r->out);
}

/*
 * Write text after a prefix (already counted as col columns), wrapping at the
 * report's width and indenting continuation lines by indent columns (wrap.h).
 */
static void
wrap_in(const struct ostd_report *r, int col, int indent, const char *text,
    enum colour c)
{
	bool coloured = r->opts.color && c != C_NONE;

	text_wrap_in(r->out, r->opts.width, col, indent, text,
	    coloured ? colour_codes[c] : NULL, coloured ? "\033[0m" : NULL);
}

static void
wrap(const struct ostd_report *r, int col, int indent, const char *text)
{
	wrap_in(r, col, indent, text, C_NONE);
}

/* "FILE:LINE", the name with its control characters escaped (malloc'd). */
static char *
place(const char *file, unsigned long line)
{
	struct strbuf b;

	strbuf_init(&b, 0);
	strbuf_add_visible(&b, file, strlen(file));
	strbuf_addc(&b, ':');
	strbuf_add_uint(&b, line);
	return strbuf_detach(&b);
}

/* "label: text", wrapped under the text. */
static void
field_in(const struct ostd_report *r, int indent, const char *label,
    const char *text, enum colour c)
{
	int col;

	if (text == NULL)
		return;
	/* A label longer than the column still has a blank after it. */
	col = fprintf(r->out, "%*s", indent, "");
	on(r, c);
	col += fprintf(r->out, "%-10s%s", label, strlen(label) >= 10 ? " " : "");
	off(r, c);
	wrap_in(r, col, indent + 10, text, c);
}

static void
field(const struct ostd_report *r, int indent, const char *label,
    const char *text)
{
	field_in(r, indent, label, text, C_NONE);
}

static void
describe_code(const struct ostd_report *r, const struct ostd_code *c)
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
	field(r, 2, "code:", text);
	free(text);
}

static void
print_where(const struct ostd_report *r, const struct ostd_finding *f)
{
	const struct ostd_session *s = f->session;
	const char *ctx = finding_context(f);
	char tbuf[16], tsbuf[32], *where;
	struct strbuf b;
	int col;

	strbuf_init(&b, 0);
	strbuf_addf(&b, "%s", finding_kind_name(f->kind));
	if (f->timestamp >= 0)
		strbuf_addf(&b, " at %s", ostd_format_timestamp(f->timestamp, ' ',
		    tsbuf));
	else if (f->time >= 0)
		strbuf_addf(&b, " at %s", ostd_format_time(f->time, tbuf));
	/* Pasted text outside any synchronization has no session worth naming. */
	if (f->kind != OSTD_FINDING_TEXT || s->scopes > 0 || s->errors > 0)
		strbuf_addf(&b, ", session %u", s->index);
	if (s->mailbox != NULL)
		strbuf_addf(&b, " (mailbox '%s')", s->mailbox);
	if (ctx != NULL)
		strbuf_addf(&b, ", in: %s", ctx);
	where = place(f->file, f->line);
	on(r, C_BOLD);
	fprintf(r->out, "%s:", where);
	off(r, C_BOLD);
	col = text_columns(where, strlen(where)) + 1;
	free(where);
	col += fprintf(r->out, " ");
	wrap(r, col, 4, b.data);
	strbuf_free(&b);
}

/* "repeats: 14 times in 14 of 15 sessions, the last at line 88 (16:40:11)" */
static void
print_repeats(const struct ostd_report *r, const struct ostd_finding *f)
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
	strbuf_adds(&b, ", the last at ");
	if (f->last_file != NULL) {
		strbuf_add_visible(&b, f->last_file, strlen(f->last_file));
		strbuf_addc(&b, ':');
	} else {
		strbuf_adds(&b, "line ");
	}
	strbuf_add_uint(&b, f->last_line);
	if (f->last_time >= 0)
		strbuf_addf(&b, " (%s)", ostd_format_time(f->last_time, tbuf));
	field(r, 2, "repeats:", b.data);
	strbuf_free(&b);
}

/* The block's lines as read, with their numbers (-v). */
static void
print_evidence(const struct ostd_report *r, const struct ostd_block *b)
{
	const char *p;

	if (!r->opts.verbose || b == NULL || b->evidence == NULL)
		return;
	fprintf(r->out, "  log:\n");
	for (p = b->evidence; *p != '\0';) {
		const char *tab = strchr(p, '\t'), *nl;
		size_t n;

		if (tab == NULL)
			break;
		nl = strchr(tab, '\n');
		n = nl != NULL ? (size_t)(nl - tab - 1) : strlen(tab + 1);
		on(r, C_DIM);
		fprintf(r->out, "  %6.*s | ", (int)(tab - p), p);
		put_visible(r->out, tab + 1, n);
		off(r, C_DIM);
		putc('\n', r->out);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

static void
print_block(const struct ostd_report *r, const struct ostd_finding *f)
{
	const struct ostd_block *b = f->block;
	char buf[256];

	print_repeats(r, f);
	if (f->kind == OSTD_FINDING_SYMPTOM) {
		field(r, 2, "symptom:", symptom_words(f, buf, sizeof(buf)));
		return;
	}
	if (f->kind == OSTD_FINDING_TEXT) {
		field(r, 2, "text:", b->message);
		return;
	}
	field_in(r, 2, "error:", b->head_text, C_RED);
	if (b->has_code)
		describe_code(r, &b->code);
	else
		field(r, 2, "code:", "none given");
	field(r, 2, "message:", b->message);
	field(r, 2, "provider:", b->provider);
	field(r, 2, "details:", b->addinfo);
	print_evidence(r, b);
}

/*
 * The fix steps, numbered. A step's caution opens its item, before the step
 * itself; general practice is marked as such.
 */
static void
print_steps(const struct ostd_report *r, const struct ostd_rule *rule)
{
	bool practice = ostd_rule_has_practice(rule);

	fprintf(r->out, "    fix:%s\n", practice ? " (steps marked [practice] "
	    "are general practice, not from the source)" : "");
	for (size_t i = 0; i < rule->nfix; i++) {
		int col = fprintf(r->out, "%6zu. ", i + 1);

		if (rule->caution[i] != NULL) {
			on(r, C_RED);
			col += fprintf(r->out, "CAUTION: ");
			off(r, C_RED);
			wrap(r, col, 8, rule->caution[i]);
			col = fprintf(r->out, "%8s", "");
		}
		if (ostd_rule_step_is_practice(rule, i))
			col += fprintf(r->out, "[practice] ");
		wrap(r, col, 8, rule->fix[i]);
	}
}

static void
print_rule(const struct ostd_report *r, const struct ostd_finding *f,
    const struct ostd_candidate *c)
{
	const struct ostd_rule *rule = c->rule;
	char buf[512], *applies;
	int col;

	fputc('\n', r->out);
	on(r, C_YELLOW);
	col = fprintf(r->out, "  * %s", rule->id);
	off(r, C_YELLOW);
	col += fprintf(r->out, " ");
	wrap_in(r, col, 4, rule->title, C_BOLD);
	if (rule->article != NULL && strcmp(rule->article, rule->id) != 0)
		field(r, 4, "article:", rule->article);
	applies = xasprintf("%s: %s", applicability_verdict(c),
	    applicability_words(f, c, buf, sizeof(buf)));
	field_in(r, 4, "applies:", applies,
	    c->applies == OSTD_APPLIES_MISMATCH ? C_RED : C_NONE);
	free(applies);
	field(r, 4, "source:", ostd_provenance_words(rule, buf, sizeof(buf)));
	field(r, 4, "fixed in:", rule->fixed_in);
	field(r, 4, "cause:", rule->cause);
	if (rule->note != NULL) {
		applies = xasprintf("(ostdiag's, not the source's) %s",
		    rule->note);
		field(r, 4, "note:", applies);
		free(applies);
	}
	print_steps(r, rule);
	if (rule->nsee > 0) {
		struct strbuf b;

		strbuf_init(&b, 0);
		for (size_t i = 0; i < rule->nsee; i++)
			strbuf_addf(&b, "%s%s", i ? " " : "", rule->see[i]);
		field(r, 4, "see also:", b.data);
		strbuf_free(&b);
	}
}

static void
print_diagnoses(const struct ostd_report *r, const struct ostd_finding *f)
{
	const struct ostd_diagnosis *d = f->diag;
	size_t i;

	if (d->n == 0) {
		fprintf(r->out, "\n  No rule recognizes this error: it is "
		    "unrecognized.\n");
		return;
	}
	if (d->ntop > 1)
		fprintf(r->out, "\n  %zu diagnoses fit equally well; the "
		    "questions below tell them apart.\n", d->ntop);
	for (i = 0; i < d->ntop; i++)
		print_rule(r, f, &d->cand[i]);
	if (d->ntop > 1 || d->cand[0].rule->nask > 0) {
		fprintf(r->out, "\n  to confirm:\n");
		for (i = 0; i < d->ntop; i++) {
			const struct ostd_rule *rule = d->cand[i].rule;

			for (size_t q = 0; q < rule->nask; q++) {
				int col = fprintf(r->out, "    - [%s] ", rule->id);
				wrap(r, col, 6, rule->ask[q]);
			}
		}
	}
	if (d->n > d->ntop) {
		struct strbuf b;

		strbuf_init(&b, 0);
		for (i = d->ntop; i < d->n; i++)
			strbuf_addf(&b, "%s%s (%s, score %d%s)", i > d->ntop ?
			    "; " : "", d->cand[i].rule->id,
			    d->cand[i].rule->title, d->cand[i].score,
			    d->cand[i].applies == OSTD_APPLIES_MISMATCH ?
			    ", written for another version" : "");
		fputc('\n', r->out);
		field(r, 2, "less likely:", b.data);
		strbuf_free(&b);
	}
}

static struct text_state *
state(struct ostd_report *r)
{
	if (r->state == NULL)
		r->state = xcalloc(1, sizeof(struct text_state));
	return r->state;
}

static void
text_free_state(void *p)
{
	struct text_state *st = p;

	if (st == NULL)
		return;
	spool_close(&st->timeline);
	spool_close(&st->files);
	free(st);
}

static void
text_begin(struct ostd_report *r)
{
	(void)state(r);
}

static void
text_finding(struct ostd_report *r, const struct ostd_finding *f)
{
	if (r->opts.quiet)
		return;
	if (r->nfindings > 0)
		fputc('\n', r->out);
	print_where(r, f);
	print_block(r, f);
	print_diagnoses(r, f);
}

static const char *
end_words(enum ostd_session_end end)
{
	switch (end) {
	case OSTD_END_DONE:
		return "Done";
	case OSTD_END_TERMINATED:
		return "TERMINATED in error";
	default:
		return "never reached Done";
	}
}

/*
 * The timeline keeps a session record without the unused bytes of its
 * strings, which are most of it: the lengths of the strings, then the record
 * with each string cut to its length. The strings are the file, version,
 * mailbox and the names of the error places, in the order they lie in the
 * record.
 */
#define SESSION_STRINGS (3 + OSTD_RECORD_FOLDERS)

/* Where string i of a session record lies, and its size. */
static size_t
session_string(size_t i)
{
	static const size_t at[3] = {
		offsetof(struct ostd_session_record, file),
		offsetof(struct ostd_session_record, version),
		offsetof(struct ostd_session_record, mailbox),
	};

	return i < 3 ? at[i] : offsetof(struct ostd_session_record,
	    error_folders) + (i - 3) *
	    sizeof(((struct ostd_session_record *)NULL)->error_folders[0]);
}

static size_t
session_string_size(size_t i)
{
	const struct ostd_session_record *r = NULL;

	return i == 0 ? sizeof(r->file) : i == 1 ? sizeof(r->version) :
	    i == 2 ? sizeof(r->mailbox) : sizeof(r->error_folders[0].name);
}

static void
pack_session(struct strbuf *out, const struct ostd_session_record *rec)
{
	uint16_t lens[SESSION_STRINGS];
	const char *p = (const char *)rec;
	size_t at = 0;

	for (size_t i = 0; i < SESSION_STRINGS; i++)
		lens[i] = (uint16_t)strnlen(p + session_string(i),
		    session_string_size(i) - 1);
	strbuf_add(out, (const char *)lens, sizeof(lens));
	for (size_t i = 0; i < SESSION_STRINGS; i++) {
		size_t off = session_string(i);

		strbuf_add(out, p + at, off - at);
		strbuf_add(out, p + off, lens[i]);
		at = off + session_string_size(i);
	}
	strbuf_add(out, p + at, sizeof(*rec) - at);
}

/*
 * The timeline is printed after the findings; its records wait in a temporary
 * file so that memory does not grow with the number of sessions.
 */
static void
text_session(struct ostd_report *r, const struct ostd_session_record *rec)
{
	struct text_state *st = state(r);
	struct strbuf packed;

	if (!r->opts.timeline || r->opts.quiet)
		return;
	strbuf_init(&packed, 0);
	pack_session(&packed, rec);
	report_keep(r, &st->timeline, packed.data, packed.len);
	strbuf_free(&packed);
}

/* Read a packed session record back from s into rec; false at the end. */
static bool
next_session(struct spool *s, struct ostd_session_record *rec)
{
	uint16_t lens[SESSION_STRINGS];
	char *p = (char *)rec;
	size_t at = 0;

	if (!spool_next(s, lens, sizeof(lens)))
		return false;
	memset(rec, 0, sizeof(*rec));
	for (size_t i = 0; i < SESSION_STRINGS; i++) {
		size_t off = session_string(i), size = session_string_size(i);

		if (lens[i] >= size || !spool_next(s, p + at, off - at) ||
		    (lens[i] > 0 && !spool_next(s, p + off, lens[i])))
			return false;
		at = off + size;
	}
	return spool_next(s, p + at, sizeof(*rec) - at);
}

/* "session 3 at a.log:12: 09:12:03-09:12:41 (38 s), mailbox 'X', ..." */
static void
print_session(const struct ostd_report *r, const struct ostd_session_record *rec)
{
	char t1[16], t2[16], *where;
	struct strbuf b;
	int col;

	strbuf_init(&b, 0);
	strbuf_addf(&b, "%s-%s", rec->start_time >= 0 ?
	    ostd_format_time(rec->start_time, t1) : "?", rec->end_time >= 0 ?
	    ostd_format_time(rec->end_time, t2) : "?");
	if (rec->duration >= 0)
		strbuf_addf(&b, " (%d s)", rec->duration);
	if (rec->mailbox[0] != '\0')
		strbuf_addf(&b, ", mailbox '%s'", rec->mailbox);
	strbuf_addf(&b, ", %lu folders, %lu items down, %lu up, %lu errors, %s",
	    rec->folders, rec->items_down, rec->items_up, rec->errors,
	    end_words(rec->end));
	for (size_t i = 0; i < rec->nerror_folders; i++)
		strbuf_addf(&b, "%s%s: %lu", i ? "; " : "; errors in ",
		    rec->error_folders[i].name, rec->error_folders[i].errors);
	where = place(rec->file, rec->first_line);
	col = fprintf(r->out, "  session %u at %s: ", rec->index, where);
	free(where);
	wrap(r, col, 4, b.data);
	strbuf_free(&b);
}

static void
print_timeline(struct ostd_report *r)
{
	struct text_state *st = state(r);
	struct ostd_session_record rec;

	if (st->timeline.n == 0)
		return;
	spool_rewind(&st->timeline);
	fprintf(r->out, "%stimeline (%lu %s):\n", r->nfindings ? "\n" : "",
	    st->timeline.n, st->timeline.n == 1 ? "session" : "sessions");
	while (next_session(&st->timeline, &rec))
		print_session(r, &rec);
	report_check_spool(r, &st->timeline);
}

static void
text_file(struct ostd_report *r, const struct ostd_file_record *rec)
{
	struct text_state *st = state(r);

	report_keep(r, &st->files, rec, sizeof(*rec));
}

/* After a run over several files: a line per file, then findings per diagnosis. */
static void
print_files(struct ostd_report *r, const struct ostd_summary *s)
{
	struct text_state *st = state(r);
	struct ostd_file_record rec;

	if (st->files.n < 2 || r->opts.quiet)
		return;
	spool_rewind(&st->files);
	fprintf(r->out, "%s%-34s %-6s %8s %6s %8s\n", r->nfindings ? "\n" : "",
	    "file", "format", "sessions", "errors", "findings");
	while (spool_next(&st->files, &rec, sizeof(rec))) {
		char *name = ostd_visible(rec.file);
		int n = text_columns(name, strlen(name));

		fprintf(r->out, "%s%*s %-6s ", name, n < 34 ? 34 - n : 0, "",
		    rec.format != NULL ? rec.format : "-");
		free(name);
		if (rec.skipped || rec.failed)
			fprintf(r->out, "%s: %s\n", rec.skipped ? "skipped" :
			    "failed", rec.reason);
		else
			fprintf(r->out, "%8lu %6lu %8lu\n", rec.sessions,
			    rec.errors, rec.findings);
	}
	report_check_spool(r, &st->files);
	fprintf(r->out, "\n%-34s %8s %11s\n", "diagnosis", "findings",
	    "occurrences");
	for (size_t i = 0; i < s->nby_diagnosis; i++)
		fprintf(r->out, "%-34s %8lu %11lu\n", s->by_diagnosis[i].id[0] ?
		    s->by_diagnosis[i].id : "(unrecognized)",
		    s->by_diagnosis[i].findings, s->by_diagnosis[i].occurrences);
}

static const char *
plural(unsigned long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void
text_end(struct ostd_report *r, const struct ostd_summary *s)
{
	print_timeline(r);
	print_files(r, s);
	if (r->nfindings > 0 && !r->opts.quiet)
		fputc('\n', r->out);
	fprintf(r->out, "%lu %s, %lu %s, %lu %s: %lu %s, %lu diagnosed, %lu "
	    "unrecognized", s->files, plural(s->files, "file", "files"),
	    s->sessions, plural(s->sessions, "session", "sessions"), s->errors,
	    plural(s->errors, "error", "errors"), s->findings,
	    plural(s->findings, "finding", "findings"), s->diagnosed,
	    s->unrecognized);
	if (s->filtered > 0)
		fprintf(r->out, ", %lu left out by filters", s->filtered);
	if (s->files_failed > 0)
		fprintf(r->out, "; %lu %s failed", s->files_failed,
		    plural(s->files_failed, "file", "files"));
	if (s->files_skipped > 0)
		fprintf(r->out, "; %lu skipped", s->files_skipped);
	fputc('\n', r->out);
}

const struct report_ops report_text_ops = {
	.begin = text_begin,
	.finding = text_finding,
	.session = text_session,
	.file = text_file,
	.end = text_end,
	.free_state = text_free_state,
};

/*
 * report.c: the format-independent part of reporting: dispatch to the chosen
 * format, and the descriptions every format shares.
 */
#include <stdlib.h>
#include <string.h>

#include "ostdiag/report.h"
#include "report/report_impl.h"
#include "util/spool.h"
#include "util/util.h"
#include "util/visible.h"

int
ostd_format_from_name(const char *name)
{
	if (strcmp(name, "text") == 0)
		return OSTD_FORMAT_TEXT;
	if (strcmp(name, "json") == 0)
		return OSTD_FORMAT_JSON;
	if (strcmp(name, "jsonl") == 0)
		return OSTD_FORMAT_JSONL;
	if (strcmp(name, "checklist") == 0)
		return OSTD_FORMAT_CHECKLIST;
	if (strcmp(name, "html") == 0)
		return OSTD_FORMAT_HTML;
	if (strcmp(name, "brief") == 0)
		return OSTD_FORMAT_BRIEF;
	return -1;
}

struct ostd_report *
ostd_report_new(enum ostd_format format, FILE *out, FILE *err)
{
	struct ostd_report *r = xcalloc(1, sizeof(*r));

	switch (format) {
	case OSTD_FORMAT_JSON:
		r->ops = &report_json_ops;
		break;
	case OSTD_FORMAT_JSONL:
		r->ops = &report_jsonl_ops;
		break;
	case OSTD_FORMAT_CHECKLIST:
		r->ops = &report_checklist_ops;
		break;
	case OSTD_FORMAT_HTML:
		r->ops = &report_html_ops;
		break;
	case OSTD_FORMAT_BRIEF:
		r->ops = &report_brief_ops;
		break;
	case OSTD_FORMAT_FILES_WITH:
		r->ops = &report_files_with_ops;
		break;
	case OSTD_FORMAT_FILES_WITHOUT:
		r->ops = &report_files_without_ops;
		break;
	default:
		r->ops = &report_text_ops;
		break;
	}
	r->out = out;
	r->err = err;
	r->opts.width = 80;
	return r;
}

static void
fn_begin(struct ostd_report *r)
{
	(void)r;
}

static void
fn_finding(struct ostd_report *r, const struct ostd_finding *f)
{
	r->fn(f, r->fn_ctx);
}

static void
fn_end(struct ostd_report *r, const struct ostd_summary *sum)
{
	(void)r;
	(void)sum;
}

static const struct report_ops report_fn_ops = {
	.begin = fn_begin,
	.finding = fn_finding,
	.end = fn_end,
};

struct ostd_report *
ostd_report_new_fn(ostd_finding_fn fn, void *ctx)
{
	struct ostd_report *r = xcalloc(1, sizeof(*r));

	r->ops = &report_fn_ops;
	r->fn = fn;
	r->fn_ctx = ctx;
	return r;
}

void
ostd_report_free(struct ostd_report **rp)
{
	struct ostd_report *r;

	if (rp == NULL || (r = *rp) == NULL)
		return;
	if (r->ops->free_state != NULL)
		r->ops->free_state(r->state);
	free(r);
	*rp = NULL;
}

void
ostd_report_begin(struct ostd_report *r)
{
	r->ops->begin(r);
}

void
ostd_report_finding(struct ostd_report *r, const struct ostd_finding *f)
{
	r->ops->finding(r, f);
	r->nfindings++;
}

void
ostd_report_set_options(struct ostd_report *r,
    const struct ostd_report_options *opts)
{
	r->opts = *opts;
	if (r->opts.width <= 0)
		r->opts.width = 80;
}

void
ostd_report_file(struct ostd_report *r, const struct ostd_file_record *rec)
{
	if (r->ops->file != NULL)
		r->ops->file(r, rec);
}

void
ostd_report_session(struct ostd_report *r,
    const struct ostd_session_record *rec)
{
	if (r->ops->session != NULL)
		r->ops->session(r, rec);
}

bool
ostd_report_shows_sessions(const struct ostd_report *r)
{
	return r->ops->session != NULL &&
	    (r->opts.timeline || r->ops == &report_html_ops);
}

void
ostd_report_note(struct ostd_report *r, const char *file, unsigned long line,
    const char *message)
{
	/*
	 * People watching a run see problems with the input in every format,
	 * with what a terminal would act on in the name or message escaped.
	 */
	if (r->err != NULL) {
		struct strbuf b;

		if (r->out != NULL)
			fflush(r->out);
		strbuf_init(&b, 0);
		strbuf_adds(&b, "ostdiag: ");
		strbuf_add_visible(&b, file, strlen(file));
		if (line > 0) {
			strbuf_addc(&b, ':');
			strbuf_add_uint(&b, line);
		}
		strbuf_adds(&b, ": ");
		strbuf_add_visible(&b, message, strlen(message));
		strbuf_addc(&b, '\n');
		fwrite(b.data, 1, b.len, r->err);
		strbuf_free(&b);
	}
	if (r->ops->note != NULL)
		r->ops->note(r, file, line, message);
}

void
ostd_report_end(struct ostd_report *r, const struct ostd_summary *sum)
{
	r->ops->end(r, sum);
	if (r->out != NULL)
		fflush(r->out);
}

int
ostd_report_failed(const struct ostd_report *r)
{
	return r->spool_error != 0 || (r->out != NULL && ferror(r->out));
}

int
ostd_report_spool_error(const struct ostd_report *r)
{
	return r->spool_error;
}

const char *
ostd_report_spool_dir(void)
{
	return spool_dir();
}

void
report_keep(struct ostd_report *r, struct spool *s, const void *rec,
    size_t size)
{
	if (!spool_put(s, rec, size))
		report_check_spool(r, s);
}

void
report_check_spool(struct ostd_report *r, const struct spool *s)
{
	if (s->error != 0 && r->spool_error == 0)
		r->spool_error = s->error;
}

const char *
finding_kind_name(enum ostd_finding_kind kind)
{
	switch (kind) {
	case OSTD_FINDING_TEXT:
		return "text";
	case OSTD_FINDING_SYMPTOM:
		return "symptom";
	case OSTD_FINDING_TASK:
		return "task";
	default:
		return "error";
	}
}

const char *
finding_context(const struct ostd_finding *f)
{
	return f->block != NULL ? f->block->scope_text : NULL;
}

const char *
applicability_verdict(const struct ostd_candidate *c)
{
	switch (c->applies) {
	case OSTD_APPLIES_MATCHES:
		return "fits this log";
	case OSTD_APPLIES_MISMATCH:
		return "written for another version";
	default:
		return "may fit this log";
	}
}

const char *
applicability_words(const struct ostd_finding *f,
    const struct ostd_candidate *c, char *buf, size_t size)
{
	const struct ostd_rule *r = c->rule;
	const char *version = f->session != NULL ? f->session->version : NULL;
	char clients[160];
	int n;

	n = snprintf(buf, size, "written for %s and %s; ",
	    r->servers != NULL ? r->servers : "any server",
	    ostd_clients_words(r->clients, clients, sizeof(clients)));
	if (n < 0 || (size_t)n >= size)
		return buf;
	if (version != NULL && *version != '\0')
		snprintf(buf + n, size - (size_t)n, "this log is from Outlook "
		    "%s%s", version, c->applies == OSTD_APPLIES_MISMATCH ?
		    ". The code and its context match, but the cause and "
		    "steps may not apply to this version" : "");
	else if (f->diag->log_clients == OSTD_CLIENTS_BEFORE_2003)
		snprintf(buf + n, size - (size_t)n, "this log is from a client "
		    "older than Outlook 2003 (no version line; folders listed "
		    "as Synchronizing Folder)");
	else
		snprintf(buf + n, size - (size_t)n, "the log does not say "
		    "which client wrote it");
	return buf;
}

const char *
symptom_words(const struct ostd_finding *f, char *buf, size_t size)
{
	const struct ostd_session *s = f->session;
	struct strbuf b;

	strbuf_init(&b, 0);
	if (f->symptoms & OSTD_SYMPTOM_LONG_GAP)
		strbuf_addf(&b, "%s%d minutes without a line (before line %lu)",
		    b.len ? "; " : "", s->longest_stall / 60, s->stall_line);
	if (f->symptoms & OSTD_SYMPTOM_UNFINISHED)
		strbuf_addf(&b, "%sthe session never reached Done",
		    b.len ? "; " : "");
	if (f->symptoms & OSTD_SYMPTOM_REPEATED_TIMEOUT)
		strbuf_addf(&b, "%srepeated time-out or network errors",
		    b.len ? "; " : "");
	snprintf(buf, size, "%s", b.data ? b.data : "");
	strbuf_free(&b);
	return buf;
}

const char *
report_plural(unsigned long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void
report_counts(struct strbuf *b, const struct ostd_summary *s)
{
	strbuf_addf(b, "%lu %s, %lu %s, %lu %s: %lu %s, %lu diagnosed, %lu "
	    "unrecognized", s->files, report_plural(s->files, "file", "files"),
	    s->sessions, report_plural(s->sessions, "session", "sessions"),
	    s->errors, report_plural(s->errors, "error", "errors"), s->findings,
	    report_plural(s->findings, "finding", "findings"), s->diagnosed,
	    s->unrecognized);
	if (s->filtered > 0)
		strbuf_addf(b, ", %lu left out by filters", s->filtered);
	if (s->files_failed > 0)
		strbuf_addf(b, "; %lu %s failed", s->files_failed,
		    report_plural(s->files_failed, "file", "files"));
	if (s->files_skipped > 0)
		strbuf_addf(b, "; %lu skipped", s->files_skipped);
}

/*
 * report_json.c: findings for programs. "json" is one document per run:
 * {"schema_version", "findings": [...], "files": [...], "sessions": [...],
 * "notes": [...], "summary": {...}}; "jsonl" is one object per line (findings,
 * files, sessions, notes, then the summary), for log pipelines. Sessions are
 * listed with --timeline only: a large log has very many. Findings are written as they come;
 * sessions and notes of the JSON document wait in temporary files, so memory does
 * not grow with the input.
 */
#include <stdlib.h>
#include <string.h>

#include "ostdiag/code.h"
#include "ostdiag/report.h"
#include "ostdiag/version.h"
#include "report/json.h"
#include "report/report_impl.h"
#include "util/spool.h"
#include "util/util.h"

#define SCHEMA_VERSION 1

struct json_state {
	struct strbuf obj;	/* the object being written */
	struct spool sessions;	/* JSON objects, comma-separated */
	struct spool notes;
	struct spool files;
};

static struct json_state *
state(struct ostd_report *r)
{
	if (r->state == NULL)
		r->state = xcalloc(1, sizeof(struct json_state));
	return r->state;
}

static void
json_free_state(void *p)
{
	struct json_state *st = p;

	if (st == NULL)
		return;
	spool_close(&st->sessions);
	spool_close(&st->notes);
	spool_close(&st->files);
	strbuf_free(&st->obj);
	free(st);
}

static void
key(struct strbuf *out, const char *k, int first)
{
	/* Called for every field of every finding: no format to parse. */
	if (!first)
		strbuf_addc(out, ',');
	strbuf_addc(out, '"');
	strbuf_adds(out, k);
	strbuf_adds(out, "\":");
}

/* An HRESULT as a string: "0x8004010F". */
static void
hresult_string(struct strbuf *out, uint32_t hr)
{
	static const char hex[] = "0123456789ABCDEF";
	char buf[12] = "\"0x";

	for (int d = 0; d < 8; d++)
		buf[3 + d] = hex[hr >> (28 - 4 * d) & 0xF];
	buf[11] = '"';
	strbuf_add(out, buf, sizeof(buf));
}

static void
candidate(struct strbuf *out, const struct ostd_finding *f,
    const struct ostd_candidate *c, int tied)
{
	const struct ostd_rule *r = c->rule;
	char buf[512];
	int first = 1;

	key(out, "id", 1);
	json_str_or_null(out, r->id);
	key(out, "article", 0);
	json_str_or_null(out, r->article);
	key(out, "title", 0);
	json_str_or_null(out, r->title);
	key(out, "score", 0);
	strbuf_add_int(out, c->score);
	key(out, "best", 0);
	strbuf_adds(out, tied ? "true" : "false");
	key(out, "applicability", 0);
	json_str_or_null(out, ostd_applicability_name(c->applies));
	key(out, "applicability_text", 0);
	json_str_or_null(out, applicability_words(f, c, buf, sizeof(buf)));
	key(out, "level", 0);
	json_str_or_null(out, ostd_level_name(r->level));
	key(out, "group", 0);
	json_str_or_null(out, r->group);
	key(out, "evidence", 0);
	strbuf_addc(out, '[');
	for (unsigned i = 0; i < OSTD_EVIDENCE_KINDS; i++) {
		if (c->evidence & (1u << i)) {
			strbuf_adds(out, first ? "\"" : ",\"");
			strbuf_adds(out, ostd_evidence_name(1u << i));
			strbuf_addc(out, '"');
			first = 0;
		}
	}
	strbuf_addc(out, ']');
	key(out, "products", 0);
	json_str_or_null(out, r->products);
	key(out, "clients", 0);
	json_str_or_null(out, ostd_clients_range(r->clients, buf, sizeof(buf)));
	key(out, "servers", 0);
	json_str_or_null(out, r->servers);
	key(out, "provenance", 0);
	json_str_or_null(out, ostd_provenance_name(ostd_rule_provenance(r)));
	key(out, "source", 0);
	json_str_or_null(out, r->public_source);
	key(out, "fixed_in", 0);
	json_str_or_null(out, r->fixed_in);
	key(out, "cause", 0);
	json_str_or_null(out, r->cause);
	key(out, "note", 0);
	json_str_or_null(out, r->note);
	key(out, "fix", 0);
	json_str_array(out, r->fix, r->nfix);
	key(out, "steps", 0);
	json_steps(out, r);
	key(out, "questions", 0);
	json_str_array(out, r->ask, r->nask);
	key(out, "see", 0);
	json_str_array(out, r->see, r->nsee);
}

/* One finding as a JSON object. */
static void
finding_object(struct strbuf *out, const struct ostd_finding *f)
{
	const struct ostd_block *b = f->block;
	const struct ostd_session *s = f->session;
	const struct ostd_diagnosis *d = f->diag;
	char tbuf[16], sbuf[256], tsbuf[32];
	bool coded = b != NULL && b->has_code;
	bool has_hr = coded && ostd_code_has_hresult(&b->code);
	uint32_t hr = has_hr ? ostd_code_hresult(&b->code) : 0;

	strbuf_addc(out, '{');
	key(out, "kind", 1);
	json_str_or_null(out, finding_kind_name(f->kind));
	key(out, "file", 0);
	json_str_or_null(out, f->file);
	key(out, "line", 0);
	strbuf_add_uint(out, f->line);
	key(out, "time", 0);
	json_str_or_null(out, f->time >= 0 ? ostd_format_time(f->time, tbuf) :
	    NULL);
	key(out, "timestamp", 0);
	json_str_or_null(out, f->timestamp >= 0 ?
	    ostd_format_timestamp(f->timestamp, 'T', tsbuf) : NULL);
	key(out, "session", 0);
	strbuf_add_uint(out, s->index);
	key(out, "count", 0);
	strbuf_add_uint(out, f->count);
	key(out, "last_line", 0);
	strbuf_add_uint(out, f->last_line);
	key(out, "last_time", 0);
	json_str_or_null(out, f->last_time >= 0 ?
	    ostd_format_time(f->last_time, tbuf) : NULL);
	key(out, "sessions_with", 0);
	strbuf_add_uint(out, f->sessions_with);
	key(out, "sessions_total", 0);
	if (f->sessions_total > 0)
		strbuf_add_uint(out, f->sessions_total);
	else
		strbuf_adds(out, "null");
	key(out, "last_file", 0);
	json_str_or_null(out, f->last_file);
	key(out, "mailbox", 0);
	json_str_or_null(out, s->mailbox);
	key(out, "client_version", 0);
	json_str_or_null(out, s->version);
	key(out, "code", 0);
	json_str_or_null(out, coded ? b->code.text : NULL);
	key(out, "hresult", 0);
	if (has_hr)
		hresult_string(out, hr);
	else
		strbuf_adds(out, "null");
	key(out, "name", 0);
	json_str_or_null(out, has_hr ? ostd_hresult_name(hr) : NULL);
	key(out, "meaning", 0);
	json_str_or_null(out, has_hr ? ostd_hresult_meaning(hr) : NULL);
	key(out, "head", 0);
	json_str_or_null(out, b != NULL && b->head != OSTD_HEAD_NONE ?
	    ostd_head_name(b->head) : NULL);
	key(out, "head_text", 0);
	json_str_or_null(out, b != NULL ? b->head_text : NULL);
	key(out, "subject", 0);
	json_str_or_null(out, b != NULL ? b->subject : NULL);
	key(out, "message", 0);
	json_str_or_null(out, b != NULL ? b->message : NULL);
	key(out, "provider", 0);
	json_str_or_null(out, b != NULL ? b->provider : NULL);
	key(out, "details", 0);
	json_str_or_null(out, b != NULL ? b->addinfo : NULL);
	key(out, "context", 0);
	json_str_or_null(out, finding_context(f));
	key(out, "scope", 0);
	json_str_or_null(out, b != NULL && b->scope != OSTD_SCOPE_NONE ?
	    ostd_scope_name(b->scope) : NULL);
	key(out, "folder", 0);
	json_str_or_null(out, b != NULL ? b->folder : NULL);
	key(out, "symptom", 0);
	json_str_or_null(out, f->kind == OSTD_FINDING_SYMPTOM ?
	    symptom_words(f, sbuf, sizeof(sbuf)) : NULL);
	key(out, "diagnoses", 0);
	strbuf_addc(out, '[');
	for (size_t i = 0; i < d->n; i++) {
		if (i)
			strbuf_addc(out, ',');
		strbuf_addc(out, '{');
		candidate(out, f, &d->cand[i], i < d->ntop);
		strbuf_addc(out, '}');
	}
	strbuf_adds(out, "]}");
}

static void
session_object(struct strbuf *out, const struct ostd_session_record *rec)
{
	char tbuf[16];

	strbuf_adds(out, "{\"kind\":\"session\",\"file\":");
	json_str_or_null(out, rec->file);
	key(out, "session", 0);
	strbuf_add_uint(out, rec->index);
	key(out, "first_line", 0);
	strbuf_add_uint(out, rec->first_line);
	key(out, "last_line", 0);
	strbuf_add_uint(out, rec->last_line);
	key(out, "start", 0);
	json_str_or_null(out, rec->start_time >= 0 ?
	    ostd_format_time(rec->start_time, tbuf) : NULL);
	key(out, "end", 0);
	json_str_or_null(out, rec->end_time >= 0 ?
	    ostd_format_time(rec->end_time, tbuf) : NULL);
	key(out, "duration", 0);
	if (rec->duration >= 0)
		strbuf_add_int(out, rec->duration);
	else
		strbuf_adds(out, "null");
	key(out, "client_version", 0);
	json_str_or_null(out, rec->version[0] ? rec->version : NULL);
	key(out, "mailbox", 0);
	json_str_or_null(out, rec->mailbox[0] ? rec->mailbox : NULL);
	key(out, "outcome", 0);
	json_str_or_null(out, rec->end == OSTD_END_DONE ? "done" :
	    rec->end == OSTD_END_TERMINATED ? "terminated" : "unfinished");
	key(out, "folders", 0);
	strbuf_add_uint(out, rec->folders);
	key(out, "items_down", 0);
	strbuf_add_uint(out, rec->items_down);
	key(out, "items_up", 0);
	strbuf_add_uint(out, rec->items_up);
	key(out, "errors", 0);
	strbuf_add_uint(out, rec->errors);
	key(out, "longest_gap", 0);
	strbuf_add_int(out, rec->longest_gap);
	key(out, "errors_by_folder", 0);
	strbuf_addc(out, '[');
	for (size_t i = 0; i < rec->nerror_folders; i++) {
		strbuf_adds(out, i ? ",{\"folder\":" : "{\"folder\":");
		json_str_or_null(out, rec->error_folders[i].name);
		key(out, "errors", 0);
		strbuf_add_uint(out, rec->error_folders[i].errors);
		strbuf_addc(out, '}');
	}
	strbuf_adds(out, "]}");
}

static void
note_object(struct strbuf *out, const char *file, unsigned long line, const char *msg)
{
	strbuf_adds(out, "{\"kind\":\"note\",\"file\":");
	json_str_or_null(out, file);
	key(out, "line", 0);
	if (line > 0)
		strbuf_add_uint(out, line);
	else
		strbuf_adds(out, "null");	/* the whole file */
	key(out, "message", 0);
	json_str_or_null(out, msg);
	strbuf_addc(out, '}');
}

static void
file_object(struct strbuf *out, const struct ostd_file_record *rec)
{
	char buf[32];

	strbuf_adds(out, "{\"kind\":\"file\",\"file\":");
	json_str_or_null(out, rec->file);
	key(out, "format", 0);
	json_str_or_null(out, rec->format);
	key(out, "encoding", 0);
	json_str_or_null(out, rec->encoding);
	key(out, "subject", 0);
	json_str_or_null(out, rec->subject[0] ? rec->subject : NULL);
	key(out, "date", 0);
	json_str_or_null(out, rec->date >= 0 ?
	    ostd_format_timestamp(rec->date, 'T', buf) : NULL);
	key(out, "folder", 0);
	json_str_or_null(out, rec->folder[0] ? rec->folder : NULL);
	key(out, "sessions", 0);
	strbuf_add_uint(out, rec->sessions);
	key(out, "errors", 0);
	strbuf_add_uint(out, rec->errors);
	key(out, "findings", 0);
	strbuf_add_uint(out, rec->findings);
	key(out, "failed", 0);
	strbuf_adds(out, rec->failed ? "true" : "false");
	key(out, "skipped", 0);
	strbuf_adds(out, rec->skipped ? "true" : "false");
	key(out, "reason", 0);
	json_str_or_null(out, rec->reason[0] ? rec->reason : NULL);
	strbuf_addc(out, '}');
}

/* The summary's members, without braces. */
static void
summary_fields(struct strbuf *out, const struct ostd_summary *s)
{
	strbuf_addf(out, "\"files\":%lu,\"files_failed\":%lu,"
	    "\"files_skipped\":%lu,\"sessions\":%lu,\"errors\":%lu,"
	    "\"findings\":%lu,\"diagnosed\":%lu,\"unrecognized\":%lu,\"filtered\":%lu,"
	    "\"notes\":%lu,\"lines\":%lu,\"bytes\":%llu,\"by_diagnosis\":[",
	    s->files, s->files_failed, s->files_skipped, s->sessions,
	    s->errors, s->findings,
	    s->diagnosed, s->unrecognized, s->filtered, s->notes, s->lines,
	    s->bytes);
	for (size_t i = 0; i < s->nby_diagnosis; i++) {
		strbuf_adds(out, i ? ",{\"id\":" : "{\"id\":");
		json_str_or_null(out, s->by_diagnosis[i].id[0] ?
		    s->by_diagnosis[i].id : NULL);
		strbuf_addf(out, ",\"findings\":%lu,\"occurrences\":%lu}",
		    s->by_diagnosis[i].findings, s->by_diagnosis[i].occurrences);
	}
	strbuf_addc(out, ']');
}

/* The summary as an object of its own (the JSON document's "summary"). */
static void
summary_object(struct strbuf *out, const struct ostd_summary *s)
{
	strbuf_addc(out, '{');
	summary_fields(out, s);
	strbuf_addc(out, '}');
}

/* The report's object buffer, emptied for the next object. */
static struct strbuf *
object(struct ostd_report *r)
{
	struct strbuf *b = &state(r)->obj;

	strbuf_reset(b);
	return b;
}

/* Write the object built in b to fp, with end (a line end, or "") after it. */
static void
put_object(FILE *fp, const struct strbuf *b, const char *end)
{
	fwrite(b->data, 1, b->len, fp);
	fputs(end, fp);
}

/* Keep the object in b for the end, after a comma unless it is the first. */
static void
spool(struct ostd_report *r, struct spool *s, const struct strbuf *b)
{
	if (s->n > 0)
		report_keep(r, s, ",", 1);
	report_keep(r, s, b->data, b->len);
}

/* ---- json: one document ---- */

static void
json_begin(struct ostd_report *r)
{
	(void)state(r);
	fprintf(r->out, "{\"schema_version\":%d,\"tool\":\"ostdiag %s\","
	    "\"findings\":[", SCHEMA_VERSION, OSTDIAG_VERSION);
}

static void
json_finding(struct ostd_report *r, const struct ostd_finding *f)
{
	struct strbuf *b = object(r);

	if (r->nfindings > 0)
		strbuf_addc(b, ',');
	finding_object(b, f);
	put_object(r->out, b, "");
}

static void
json_file(struct ostd_report *r, const struct ostd_file_record *rec)
{
	struct json_state *st = state(r);
	struct strbuf *b = object(r);

	file_object(b, rec);
	spool(r, &st->files, b);
}

static void
json_session(struct ostd_report *r, const struct ostd_session_record *rec)
{
	struct json_state *st = state(r);
	struct strbuf *b;

	if (!r->opts.timeline)
		return;
	b = object(r);
	session_object(b, rec);
	spool(r, &st->sessions, b);
}

static void
json_note(struct ostd_report *r, const char *file, unsigned long line,
    const char *message)
{
	struct json_state *st = state(r);
	struct strbuf *b = object(r);

	note_object(b, file, line, message);
	spool(r, &st->notes, b);
}

static void
json_end(struct ostd_report *r, const struct ostd_summary *s)
{
	struct json_state *st = state(r);

	fputs("],\"files\":[", r->out);
	if (!spool_copy(&st->files, r->out))
		report_check_spool(r, &st->files);
	fputs("],\"sessions\":[", r->out);
	if (!spool_copy(&st->sessions, r->out))
		report_check_spool(r, &st->sessions);
	fputs("],\"notes\":[", r->out);
	if (!spool_copy(&st->notes, r->out))
		report_check_spool(r, &st->notes);
	fputs("],\"summary\":", r->out);
	summary_object(object(r), s);
	put_object(r->out, &st->obj, "}\n");
}

const struct report_ops report_json_ops = {
	.begin = json_begin,
	.finding = json_finding,
	.note = json_note,
	.session = json_session,
	.file = json_file,
	.end = json_end,
	.free_state = json_free_state,
};

/* ---- jsonl: one object per line ---- */

static void
jsonl_begin(struct ostd_report *r)
{
	fprintf(r->out, "{\"kind\":\"start\",\"schema_version\":%d,"
	    "\"tool\":\"ostdiag %s\"}\n", SCHEMA_VERSION, OSTDIAG_VERSION);
}

static void
jsonl_finding(struct ostd_report *r, const struct ostd_finding *f)
{
	struct strbuf *b = object(r);

	finding_object(b, f);
	put_object(r->out, b, "\n");
}

static void
jsonl_session(struct ostd_report *r, const struct ostd_session_record *rec)
{
	struct strbuf *b;

	if (!r->opts.timeline)
		return;
	b = object(r);
	session_object(b, rec);
	put_object(r->out, b, "\n");
}

static void
jsonl_file(struct ostd_report *r, const struct ostd_file_record *rec)
{
	struct strbuf *b = object(r);

	file_object(b, rec);
	put_object(r->out, b, "\n");
}

static void
jsonl_note(struct ostd_report *r, const char *file, unsigned long line,
    const char *message)
{
	struct strbuf *b = object(r);

	note_object(b, file, line, message);
	put_object(r->out, b, "\n");
}

static void
jsonl_end(struct ostd_report *r, const struct ostd_summary *s)
{
	struct strbuf *b = object(r);

	/* Flat, as every other record of the stream. */
	strbuf_adds(b, "{\"kind\":\"summary\",");
	summary_fields(b, s);
	put_object(r->out, b, "}\n");
}

const struct report_ops report_jsonl_ops = {
	.begin = jsonl_begin,
	.finding = jsonl_finding,
	.note = jsonl_note,
	.session = jsonl_session,
	.file = jsonl_file,
	.end = jsonl_end,
	.free_state = json_free_state,
};

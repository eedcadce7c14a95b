/*
 * report_json.c: one JSON document per run: {"schema_version", "findings": [...],
 * "notes": [...], "summary": {...}}. Findings are written as they come; notes are
 * kept (up to a cap) and written at the end.
 */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "ostdiag/code.h"
#include "report_impl.h"
#include "util.h"

#define SCHEMA_VERSION 1
#define NOTES_MAX 1000

struct json_state {
	struct strbuf notes;	/* JSON objects, comma-separated */
	unsigned long nnotes;
	unsigned long dropped;
};

static struct json_state *
state(struct ostd_report *r)
{
	if (r->state == NULL) {
		struct json_state *st = xcalloc(1, sizeof(*st));

		strbuf_init(&st->notes, 0);
		r->state = st;
	}
	return r->state;
}

static void
json_free_state(void *p)
{
	struct json_state *st = p;

	if (st == NULL)
		return;
	strbuf_free(&st->notes);
	free(st);
}

static void
json_begin(struct ostd_report *r)
{
	(void)state(r);
	fprintf(r->out, "{\"schema_version\":%d,\"findings\":[", SCHEMA_VERSION);
}

static void
key(FILE *out, const char *k, int first)
{
	fprintf(out, "%s\"%s\":", first ? "" : ",", k);
}

static void
str_array(FILE *out, char *const *v, size_t n)
{
	putc('[', out);
	for (size_t i = 0; i < n; i++) {
		if (i)
			putc(',', out);
		json_str_or_null(out, v[i]);
	}
	putc(']', out);
}

static void
candidate(FILE *out, const struct ostd_candidate *c, int tied)
{
	const struct ostd_rule *r = c->rule;
	int first = 1;

	key(out, "id", 1);
	json_str_or_null(out, r->id);
	key(out, "article", 0);
	json_str_or_null(out, r->article);
	key(out, "title", 0);
	json_str_or_null(out, r->title);
	key(out, "score", 0);
	fprintf(out, "%d", c->score);
	key(out, "best", 0);
	fputs(tied ? "true" : "false", out);
	key(out, "level", 0);
	json_str_or_null(out, ostd_level_name(r->level));
	key(out, "group", 0);
	json_str_or_null(out, r->group);
	key(out, "evidence", 0);
	putc('[', out);
	for (unsigned i = 0; i < OSTD_EVIDENCE_KINDS; i++) {
		if (c->evidence & (1u << i)) {
			fprintf(out, "%s\"%s\"", first ? "" : ",",
			    ostd_evidence_name(1u << i));
			first = 0;
		}
	}
	putc(']', out);
	key(out, "products", 0);
	json_str_or_null(out, r->products);
	key(out, "fixed_in", 0);
	json_str_or_null(out, r->fixed_in);
	key(out, "cause", 0);
	json_str_or_null(out, r->cause);
	key(out, "fix", 0);
	str_array(out, r->fix, r->nfix);
	key(out, "questions", 0);
	str_array(out, r->ask, r->nask);
	key(out, "see", 0);
	str_array(out, r->see, r->nsee);
}

static void
json_finding(struct ostd_report *r, const struct ostd_finding *f)
{
	FILE *out = r->out;
	const struct ostd_block *b = f->block;
	const struct ostd_session *s = f->session;
	const struct ostd_diagnosis *d = f->diag;
	char tbuf[16], sbuf[256];
	bool coded = b != NULL && b->has_code;
	bool has_hr = coded && ostd_code_has_hresult(&b->code);
	uint32_t hr = has_hr ? ostd_code_hresult(&b->code) : 0;

	if (r->nfindings > 0)
		putc(',', out);
	putc('{', out);
	key(out, "kind", 1);
	json_str_or_null(out, finding_kind_name(f->kind));
	key(out, "file", 0);
	json_str_or_null(out, f->file);
	key(out, "line", 0);
	fprintf(out, "%lu", f->line);
	key(out, "time", 0);
	json_str_or_null(out, f->time >= 0 ? ostd_format_time(f->time, tbuf) :
	    NULL);
	key(out, "session", 0);
	fprintf(out, "%u", s->index);
	key(out, "count", 0);
	fprintf(out, "%lu", f->count);
	key(out, "last_line", 0);
	fprintf(out, "%lu", f->last_line);
	key(out, "last_time", 0);
	json_str_or_null(out, f->last_time >= 0 ?
	    ostd_format_time(f->last_time, tbuf) : NULL);
	key(out, "sessions_with", 0);
	fprintf(out, "%u", f->sessions_with);
	key(out, "sessions_total", 0);
	if (f->sessions_total > 0)
		fprintf(out, "%u", f->sessions_total);
	else
		fputs("null", out);
	key(out, "mailbox", 0);
	json_str_or_null(out, s->mailbox);
	key(out, "client_version", 0);
	json_str_or_null(out, s->version);
	key(out, "code", 0);
	json_str_or_null(out, coded ? b->code.text : NULL);
	key(out, "hresult", 0);
	if (has_hr)
		fprintf(out, "\"0x%08X\"", (unsigned)hr);
	else
		fputs("null", out);
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
	putc('[', out);
	for (size_t i = 0; i < d->n; i++) {
		if (i)
			putc(',', out);
		putc('{', out);
		candidate(out, &d->cand[i], i < d->ntop);
		putc('}', out);
	}
	fputs("]}", out);
}

static void
json_note(struct ostd_report *r, const char *file, unsigned long line,
    const char *message)
{
	struct json_state *st = state(r);
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;

	/* People watching a JSON run see the problem too. */
	if (line > 0)
		fprintf(r->err, "ostdiag: %s:%lu: %s\n", file, line, message);
	else
		fprintf(r->err, "ostdiag: %s: %s\n", file, message);
	if (st->nnotes >= NOTES_MAX) {
		st->dropped++;
		return;
	}
	if ((mem = open_memstream(&buf, &len)) == NULL)
		return;
	fputs("{\"file\":", mem);
	json_str_or_null(mem, file);
	fprintf(mem, ",\"line\":%lu,\"message\":", line);
	json_str_or_null(mem, message);
	putc('}', mem);
	fclose(mem);
	if (st->nnotes++ > 0)
		strbuf_addc(&st->notes, ',');
	strbuf_add(&st->notes, buf, len);
	free(buf);
}

static void
json_end(struct ostd_report *r, const struct ostd_summary *s)
{
	struct json_state *st = state(r);

	fprintf(r->out, "],\"notes\":[%s]", st->notes.data ? st->notes.data : "");
	fprintf(r->out, ",\"summary\":{\"files\":%lu,\"files_failed\":%lu,"
	    "\"sessions\":%lu,\"errors\":%lu,\"findings\":%lu,"
	    "\"diagnosed\":%lu,\"unrecognized\":%lu,\"notes\":%lu,"
	    "\"notes_not_listed\":%lu,\"lines\":%lu,\"bytes\":%llu}}\n",
	    s->files, s->files_failed, s->sessions, s->errors, s->findings,
	    s->diagnosed, s->unrecognized, s->notes, st->dropped, s->lines,
	    s->bytes);
}

const struct report_ops report_json_ops = {
	json_begin, json_finding, json_note, json_end, json_free_state,
};

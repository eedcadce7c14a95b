/*
 * testutil.h: helpers shared by the cmocka tests: running the parser over a string
 * and keeping copies of what it produced.
 */
#ifndef OSTD_TESTUTIL_H
#define OSTD_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ostdiag/ostdiag.h"

#define MAX_SEEN 64

/* The log of the seed article Q168734. */
#define SEED_LOG \
	"11:43:26 Synchronizing Organization Forms\n" \
	"11:43:27 Error synchronizing folder\n" \
	"11:43:27 [8004010F-501-0-521]\n" \
	"11:43:27 The client operation failed.\n" \
	"11:43:27 Microsoft Exchange Server Information Store\n"

/* Fixtures: *state is a ruleset, empty or with the built-in rules. */
static inline int
empty_rules_setup(void **state)
{
	*state = ostd_ruleset_new();
	return 0;
}

static inline int
builtin_rules_setup(void **state)
{
	struct ostd_ruleset *rs = ostd_ruleset_new();

	ostd_ruleset_load_builtin(rs);
	*state = rs;
	return 0;
}

static inline int
rules_teardown(void **state)
{
	struct ostd_ruleset *rs = *state;

	ostd_ruleset_free(&rs);
	return 0;
}

/* A flattened copy of one block, with the session facts a test asks about. */
struct seen_block {
	unsigned session;
	unsigned long line;
	int time;
	enum ostd_head head;
	char code[OSTD_CODE_TEXT];
	char message[512];
	char subject[128];
	char provider[128];
	char folder[128];
	char addinfo[256];
	enum ostd_scope scope;
	enum ostd_session_end end;
	char mailbox[128];
	int client_major;
	int longest_gap;
	bool continued;
};

struct seen {
	struct seen_block b[MAX_SEEN];
	size_t n;
	unsigned sessions;	/* callbacks for new sessions */
	unsigned parts;		/* all callbacks */
};

static inline void
copy_str(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src != NULL ? src : "");
}

static inline int
collect_session(const struct ostd_session *s, void *ctx)
{
	struct seen *sn = ctx;

	sn->parts++;
	if (!s->continued)
		sn->sessions++;
	for (size_t i = 0; i < s->nblocks && sn->n < MAX_SEEN; i++) {
		const struct ostd_block *b = &s->blocks[i];
		struct seen_block *o = &sn->b[sn->n++];

		o->session = s->index;
		o->line = b->line;
		o->time = b->time;
		o->head = b->head;
		copy_str(o->code, sizeof(o->code), b->has_code ? b->code.text :
		    NULL);
		copy_str(o->message, sizeof(o->message), b->message);
		copy_str(o->subject, sizeof(o->subject), b->subject);
		copy_str(o->provider, sizeof(o->provider), b->provider);
		copy_str(o->folder, sizeof(o->folder), b->folder);
		copy_str(o->addinfo, sizeof(o->addinfo), b->addinfo);
		o->scope = b->scope;
		o->end = s->end;
		copy_str(o->mailbox, sizeof(o->mailbox), s->mailbox);
		o->client_major = s->client_major;
		o->longest_gap = s->longest_gap;
		o->continued = s->continued;
	}
	return 0;
}

/* Parse text (lines split on '\n' only) and collect every block. */
static inline void
parse_string(const char *text, struct seen *sn)
{
	struct ostd_parser *p = ostd_parser_new(collect_session, sn);
	const char *line = text;
	unsigned long n = 0;

	memset(sn, 0, sizeof(*sn));
	while (*line != '\0') {
		const char *nl = strchr(line, '\n');
		size_t len = nl != NULL ? (size_t)(nl - line) : strlen(line);

		assert_int_equal(ostd_parser_line(p, ++n, line, len), 0);
		line += len + (nl != NULL);
	}
	assert_int_equal(ostd_parser_finish(p), 0);
	ostd_parser_free(&p);
	assert_null(p);
}

/* How render_input runs the analyzer (always with the built-in rules). */
struct render {
	enum ostd_format format;
	bool merge;
	bool timeline;
	bool read_ahead;
	int status;		/* set: what the analysis returned */
};

/*
 * The report of one input as a string (the caller frees it): the source in,
 * or len bytes of text when in is NULL, named name.
 */
static inline char *
render_input(struct render *r, struct ostd_source *in, const char *text,
    size_t len, const char *name)
{
	struct ostd_report_options opts = { .timeline = r->timeline };
	struct ostd_ruleset *rs = ostd_ruleset_new();
	char *out = NULL, *errs = NULL;
	size_t outlen = 0, errlen = 0;
	FILE *fo = open_memstream(&out, &outlen);
	FILE *fe = open_memstream(&errs, &errlen);
	struct ostd_report *rep;
	struct ostd_analyzer *a;

	assert_non_null(fo);
	assert_non_null(fe);
	ostd_ruleset_load_builtin(rs);
	rep = ostd_report_new(r->format, fo, fe);
	ostd_report_set_options(rep, &opts);
	a = ostd_analyzer_new(rs, rep);
	ostd_analyzer_set_merge(a, r->merge);
	ostd_analyzer_set_read_ahead(a, r->read_ahead);
	ostd_report_begin(rep);
	r->status = in != NULL ? ostd_analyze_source(a, in, name) :
	    ostd_analyze_buffer(a, text, len, name);
	ostd_report_end(rep, ostd_analyzer_summary(a));
	ostd_analyzer_free(&a);
	ostd_report_free(&rep);
	ostd_ruleset_free(&rs);
	fclose(fo);
	fclose(fe);
	free(errs);
	return out;
}

#endif

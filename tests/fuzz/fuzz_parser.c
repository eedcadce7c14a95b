/*
 * fuzz_parser.c: libFuzzer harness for the line parser and block grouping.
 *
 * Checks that any bytes, split into lines at LF, CRLF and CR the way the reader
 * does, go through ostd_parser_line and ostd_parser_finish without a crash, leak or
 * undefined behaviour, and that every session handed out is consistent: block
 * counts within OSTD_BLOCKS_PER_SESSION, strings NUL-terminated, the messages
 * kept within OSTD_MESSAGE_MAX, and as many errors counted as error blocks
 * handed out. The same lines fed in two steps (ostd_line_entries, then
 * ostd_parser_event, as the read-ahead thread and the parser do) must give the
 * same sessions. fuzz_analysis runs the rest of the analysis on such input.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ostdiag/ostdiag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stop the run on a broken invariant, so libFuzzer keeps the input. */
static void
check(bool ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_parser: invariant broken: %s\n", what);
		abort();
	}
}

/* Touch a string the parser allocated: it must be NUL-terminated. */
static size_t
str_len(const char *s)
{
	return s != NULL ? strlen(s) : 0;
}

/* What a parser handed out, as a hash of the fields that matter. */
struct digest {
	uint64_t h;
	unsigned long blocks;
};

static void
mix(struct digest *d, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		d->h = (d->h ^ b[i]) * 0x100000001b3ULL;
}

static void
mix_str(struct digest *d, const char *s)
{
	mix(d, s != NULL ? s : "(null)", s != NULL ? strlen(s) + 1 : 7);
}

/* Session callback: walk every field of every block. */
static int
on_session(const struct ostd_session *s, void *ctx)
{
	struct digest *d = ctx;
	unsigned long errors = 0;

	check(s->nblocks <= OSTD_BLOCKS_PER_SESSION, "too many blocks");
	check(s->index >= 1, "session index");
	check(s->first_line <= s->last_line || s->lines == 0, "session lines");
	for (size_t i = 0; i < s->nblocks; i++) {
		const struct ostd_block *b = &s->blocks[i];

		check((unsigned)b->head < OSTD_HEAD_COUNT, "head out of range");
		if (b->head != OSTD_HEAD_NONE)
			errors++;
		check((unsigned)b->scope < OSTD_SCOPE_COUNT, "scope out of range");
		check(b->line >= s->first_line, "block before its session");
		check(str_len(b->message) <= OSTD_MESSAGE_MAX, "message too long");
		check(str_len(b->addinfo) <= OSTD_MESSAGE_MAX, "addinfo too long");
		mix(d, &b->line, sizeof(b->line));
		mix(d, &b->time, sizeof(b->time));
		mix(d, &b->head, sizeof(b->head));
		mix(d, &b->scope, sizeof(b->scope));
		mix_str(d, b->message);
		mix_str(d, b->addinfo);
		mix_str(d, b->head_text);
		mix_str(d, b->subject);
		mix_str(d, b->provider);
		mix_str(d, b->help_url);
		mix_str(d, b->scope_text);
		mix_str(d, b->folder);
		mix_str(d, b->evidence);
		mix_str(d, b->has_code ? b->code.text : NULL);
		if (b->has_code) {
			check(b->code.nfields >= 1 &&
			    b->code.nfields <= OSTD_CODE_FIELDS, "code fields");
			check(memchr(b->code.text, '\0', OSTD_CODE_TEXT) != NULL,
			    "code text not terminated");
		}
	}
	/* A session handed out in parts counts the errors of all its parts. */
	check(s->continued ? errors <= s->errors : errors == s->errors,
	    "errors miscounted");
	mix(d, &s->index, sizeof(s->index));
	mix(d, &s->first_line, sizeof(s->first_line));
	mix(d, &s->last_line, sizeof(s->last_line));
	mix(d, &s->errors, sizeof(s->errors));
	mix(d, &s->end, sizeof(s->end));
	mix_str(d, s->version);
	mix_str(d, s->mailbox);
	d->blocks += s->nblocks;
	return 0;
}

/*
 * Feed data to a parser line by line, splitting at LF, CRLF and CR: whole lines
 * when max_entries is 0, else in two steps with at most max_entries stored.
 */
static struct digest
parse_lines(const uint8_t *data, size_t size, size_t max_entries)
{
	struct digest d = { 0xcbf29ce484222325ULL, 0 };
	struct ostd_parser *p = ostd_parser_new(on_session, &d);
	struct ostd_event evs[8];
	const char *s = (const char *)data;
	unsigned long lineno = 0;
	size_t i = 0;

	while (i < size) {
		size_t start = i, n = 0;

		while (i < size && s[i] != '\n' && s[i] != '\r')
			i++;
		lineno++;
		if (max_entries > 0)
			n = ostd_line_entries(s + start, i - start, evs,
			    max_entries);
		if (n == 0)
			check(ostd_parser_line(p, lineno, s + start,
			    i - start) == 0, "parser_line status");
		for (size_t e = 0; e < n; e++)
			check(ostd_parser_event(p, lineno, &evs[e]) == 0,
			    "parser_event status");
		if (i < size && s[i] == '\r' && i + 1 < size && s[i + 1] == '\n')
			i++;
		if (i < size)
			i++;
	}
	check(ostd_parser_finish(p) == 0, "parser_finish status");
	ostd_parser_free(&p);
	return d;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct digest whole = parse_lines(data, size, 0);
	struct digest split = parse_lines(data, size,
	    size > 0 ? 1 + data[0] % 8 : 1);

	check(whole.h == split.h && whole.blocks == split.blocks,
	    "entries fed one by one differ from whole lines");
	return 0;
}

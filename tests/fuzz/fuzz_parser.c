/*
 * fuzz_parser.c: libFuzzer harness for the line parser and block grouping.
 *
 * Checks that any bytes, split into lines at LF, CRLF and CR the way the reader
 * does, go through ostd_parser_line and ostd_parser_finish without a crash, leak or
 * undefined behaviour, and that every session handed out is consistent: block
 * counts within OSTD_BLOCKS_PER_SESSION, strings NUL-terminated, the messages
 * kept within OSTD_MESSAGE_MAX, and as many errors counted as error blocks
 * handed out. fuzz_analysis runs the rest of the analysis on such input.
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

/* Session callback: walk every field of every block. */
static int
on_session(const struct ostd_session *s, void *ctx)
{
	unsigned long *blocks = ctx, errors = 0;

	check(s->nblocks <= OSTD_BLOCKS_PER_SESSION, "too many blocks");
	check(s->index >= 1, "session index");
	check(s->first_line <= s->last_line || s->lines == 0, "session lines");
	str_len(s->version);
	str_len(s->mailbox);
	for (size_t i = 0; i < s->nblocks; i++) {
		const struct ostd_block *b = &s->blocks[i];

		check((unsigned)b->head < OSTD_HEAD_COUNT, "head out of range");
		if (b->head != OSTD_HEAD_NONE)
			errors++;
		check((unsigned)b->scope < OSTD_SCOPE_COUNT, "scope out of range");
		check(b->line >= s->first_line, "block before its session");
		check(str_len(b->message) <= OSTD_MESSAGE_MAX, "message too long");
		check(str_len(b->addinfo) <= OSTD_MESSAGE_MAX, "addinfo too long");
		str_len(b->head_text);
		str_len(b->subject);
		str_len(b->provider);
		str_len(b->help_url);
		str_len(b->scope_text);
		str_len(b->folder);
		str_len(b->evidence);
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
	*blocks += s->nblocks;
	return 0;
}

/* Feed data to a parser line by line, splitting at LF, CRLF and CR. */
static void
parse_lines(const uint8_t *data, size_t size)
{
	unsigned long blocks = 0;
	struct ostd_parser *p = ostd_parser_new(on_session, &blocks);
	const char *s = (const char *)data;
	unsigned long lineno = 0;
	size_t i = 0;

	while (i < size) {
		size_t start = i;

		while (i < size && s[i] != '\n' && s[i] != '\r')
			i++;
		check(ostd_parser_line(p, ++lineno, s + start, i - start) == 0,
		    "parser_line status");
		if (i < size && s[i] == '\r' && i + 1 < size && s[i + 1] == '\n')
			i++;
		if (i < size)
			i++;
	}
	check(ostd_parser_finish(p) == 0, "parser_finish status");
	ostd_parser_free(&p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	parse_lines(data, size);
	return 0;
}

/* test_reader.c: line splitting, line ends, BOM, long lines, NUL bytes. */
#include "testutil.h"

#include <errno.h>

struct lines {
	char text[8][64];
	size_t len[8];
	bool cut[8];
	bool nul[8];
	size_t full[8];
	size_t n;
};

static void
read_all(const char *data, size_t len, struct lines *out)
{
	struct ostd_source src;
	struct ostd_reader *r;
	struct ostd_line line;
	int rc;

	ostd_source_buffer(&src, data, len);
	memset(out, 0, sizeof(*out));
	r = ostd_reader_new(&src);
	while ((rc = ostd_reader_next(r, &line)) == 1) {
		assert_true(out->n < 8);
		assert_int_equal(line.number, out->n + 1);
		memcpy(out->text[out->n], line.ptr, line.len < 63 ? line.len : 63);
		out->len[out->n] = line.len;
		out->cut[out->n] = line.cut;
		out->nul[out->n] = line.has_nul;
		out->full[out->n] = line.full_len;
		out->n++;
	}
	assert_int_equal(rc, 0);
	assert_int_equal(ostd_reader_bytes(r), len);
	ostd_reader_free(&r);
	assert_null(r);
}

static void
test_line_ends(void **state)
{
	static const char data[] = "a\nbb\r\nccc\rdddd\n\neee";
	struct lines l;

	(void)state;
	read_all(data, sizeof(data) - 1, &l);
	assert_int_equal(l.n, 6);
	assert_string_equal(l.text[0], "a");
	assert_string_equal(l.text[1], "bb");
	assert_string_equal(l.text[2], "ccc");
	assert_string_equal(l.text[3], "dddd");
	assert_string_equal(l.text[4], "");
	assert_string_equal(l.text[5], "eee");
}

static void
test_bom_skipped(void **state)
{
	static const char data[] = "\xEF\xBB\xBF" "Done\r\n";
	struct lines l;

	(void)state;
	read_all(data, sizeof(data) - 1, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.text[0], "Done");
}

static void
test_empty_input(void **state)
{
	struct ostd_source src;
	struct ostd_reader *r;
	struct ostd_line line;

	(void)state;
	ostd_source_buffer(&src, NULL, 0);
	r = ostd_reader_new(&src);
	assert_int_equal(ostd_reader_next(r, &line), 0);
	ostd_reader_free(&r);
}

/*
 * A source that gives at most one byte a read, as a slow pipe may, and fails
 * with EIO at fail_at (never when fail_at is past the end).
 */
struct trickle {
	const char *data;
	size_t len, pos, fail_at, reads;
};

static ptrdiff_t
trickle_read(struct ostd_source *src, void *buf, size_t n)
{
	struct trickle *t = src->state;

	assert_true(n > 0);
	t->reads++;
	if (t->pos == t->fail_at) {
		errno = EIO;
		return -1;
	}
	if (t->pos == t->len)
		return 0;
	*(char *)buf = t->data[t->pos++];
	return 1;
}

/* A reader of t, through a source that reads it a byte at a time. */
static struct ostd_reader *
trickle_reader(struct ostd_source *src, struct trickle *t)
{
	ostd_source_buffer(src, NULL, 0);
	src->read = trickle_read;
	src->state = t;
	return ostd_reader_new(src);
}

/* Lines come whole from reads of a byte each, a CRLF split between two. */
static void
test_short_reads(void **state)
{
	static const char data[] = "\xEF\xBB\xBF" "first\r\nsecond\rthird";
	struct trickle t = { data, sizeof(data) - 1, 0, SIZE_MAX, 0 };
	struct ostd_source src;
	struct ostd_reader *r;
	struct ostd_line line;

	(void)state;
	r = trickle_reader(&src, &t);
	assert_int_equal(ostd_reader_next(r, &line), 1);
	assert_int_equal(line.len, 5);
	assert_memory_equal(line.ptr, "first", 5);
	assert_int_equal(ostd_reader_next(r, &line), 1);
	assert_int_equal(line.len, 6);
	assert_memory_equal(line.ptr, "second", 6);
	assert_int_equal(ostd_reader_next(r, &line), 1);
	assert_int_equal(line.number, 3);
	assert_memory_equal(line.ptr, "third", 5);
	assert_int_equal(ostd_reader_next(r, &line), 0);
	/* The end, once met, is not asked for again. */
	assert_int_equal(ostd_reader_next(r, &line), 0);
	assert_int_equal(t.reads, sizeof(data) - 1 + 1);
	assert_int_equal(ostd_reader_bytes(r), sizeof(data) - 1);
	ostd_reader_free(&r);
}

/* A read error after two lines: they come, then -1 with the source's errno. */
static void
test_read_error(void **state)
{
	static const char data[] = "one\ntwo\nthree\n";
	struct trickle t = { data, sizeof(data) - 1, 0, 10, 0 };
	struct ostd_source src;
	struct ostd_reader *r;
	struct ostd_line line;

	(void)state;
	r = trickle_reader(&src, &t);
	assert_int_equal(ostd_reader_next(r, &line), 1);
	assert_int_equal(ostd_reader_next(r, &line), 1);
	assert_memory_equal(line.ptr, "two", 3);
	errno = 0;
	assert_int_equal(ostd_reader_next(r, &line), -1);
	assert_int_equal(errno, EIO);
	assert_int_equal(src.error, EIO);
	ostd_reader_free(&r);
}

static void
test_nul_bytes_flagged(void **state)
{
	static const char data[] = "ab\0cd\nok\n";
	struct lines l;

	(void)state;
	read_all(data, sizeof(data) - 1, &l);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.len[0], 5);
	assert_true(l.nul[0]);
	assert_false(l.nul[1]);
}

/*
 * Line ends and NULs anywhere in a block of sixteen bytes, and past it: a NUL
 * does not end a line, and a line after one is not flagged.
 */
static void
test_ends_at_every_offset(void **state)
{
	(void)state;
	for (size_t at = 0; at < 40; at++) {
		char data[64];
		struct lines l;

		memset(data, 'x', sizeof(data));
		data[at] = '\0';
		data[at + 1] = '\r';
		data[at + 2] = '\n';
		memcpy(data + at + 3, "12:00:00 Done\r", 14);
		read_all(data, at + 17, &l);
		assert_int_equal(l.n, 2);
		assert_int_equal(l.len[0], at + 1);
		assert_true(l.nul[0]);
		assert_int_equal(l.len[1], 13);
		assert_false(l.nul[1]);
		assert_memory_equal(l.text[1], "12:00:00 Done", 13);
	}
}

/*
 * A reader started over on another source keeps nothing of the last one: not
 * its line numbers, its byte count, its end, a pending CR, or a half line.
 */
static void
test_restart(void **state)
{
	static const char first[] = "a\r", second[] = "\nb\nc";
	struct ostd_source src1, src2;
	struct ostd_reader *r;
	struct ostd_line line;

	(void)state;
	ostd_source_buffer(&src1, first, sizeof(first) - 1);
	ostd_source_buffer(&src2, second, sizeof(second) - 1);
	r = ostd_reader_new(&src1);
	assert_int_equal(ostd_reader_next(r, &line), 1);
	assert_int_equal(line.number, 1);
	assert_int_equal(ostd_reader_next(r, &line), 0);
	ostd_reader_restart(r, &src2);
	assert_int_equal(ostd_reader_next(r, &line), 1);
	assert_int_equal(line.number, 1);
	assert_int_equal(line.len, 0);	/* the LF is a line of its own here */
	assert_int_equal(ostd_reader_next(r, &line), 1);
	assert_memory_equal(line.ptr, "b", 1);
	assert_int_equal(ostd_reader_next(r, &line), 1);
	assert_int_equal(line.number, 3);
	assert_memory_equal(line.ptr, "c", 1);
	assert_int_equal(ostd_reader_next(r, &line), 0);
	assert_int_equal(ostd_reader_bytes(r), sizeof(second) - 1);
	ostd_reader_free(&r);
}

/* A line over the cap is cut, flagged with its real length, and the next is intact. */
static void
test_long_line_cut(void **state)
{
	size_t big = OSTD_LINE_MAX * 3 + 17;
	char *data = malloc(big + 8);
	struct lines l;

	(void)state;
	assert_non_null(data);
	memset(data, 'x', big);
	memcpy(data + big, "\r\nDone\n", 7);
	read_all(data, big + 7, &l);
	assert_int_equal(l.n, 2);
	assert_true(l.cut[0]);
	assert_int_equal(l.len[0], OSTD_LINE_MAX);
	assert_int_equal(l.full[0], big);
	assert_false(l.cut[1]);
	assert_string_equal(l.text[1], "Done");
	free(data);
}

/* CRLF split across two reads is still one line end. */
static void
test_crlf_across_reads(void **state)
{
	size_t first = 256 * 1024;	/* the reader's block: CR ends it */
	char *data = malloc(first + 8);
	struct lines l;

	(void)state;
	assert_non_null(data);
	memset(data, 'y', first - 1);
	data[first - 1] = '\r';
	memcpy(data + first, "\nDone\n", 6);
	read_all(data, first + 6, &l);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.len[0], first - 1);
	assert_string_equal(l.text[1], "Done");
	free(data);
}

/* Read data with the UTF-8 check how; the lines into out, the tally into t. */
static void
read_checked(const char *data, size_t len, enum ostd_utf8_check how,
    struct lines *out, struct ostd_utf8_tally *t)
{
	struct ostd_source src;
	struct ostd_reader *r;
	struct ostd_line line;

	ostd_source_buffer(&src, data, len);
	r = ostd_reader_new(&src);
	memset(out, 0, sizeof(*out));
	ostd_reader_check_utf8(r, how);
	while (ostd_reader_next(r, &line) == 1 && out->n < 8) {
		memcpy(out->text[out->n], line.ptr, line.len < 63 ? line.len : 63);
		out->len[out->n++] = line.len;
	}
	*t = ostd_reader_utf8_tally(r);
	/* A restart trusts the text again and forgets the tally. */
	ostd_reader_restart(r, &src);
	assert_int_equal(ostd_reader_utf8_tally(r).bytes, 0);
	ostd_reader_free(&r);
}

/*
 * Lines past ASCII are checked: well-formed UTF-8 is left alone and counted,
 * a stray byte is read as Windows-1252 or replaced, as asked, wherever in the
 * input it comes (here past 16 bytes, and in the last line with no end).
 */
static void
test_utf8_checked(void **state)
{
	static const char data[] =
	    "plain ascii line here\n"
	    "Mailbox 'J\xc3\xbcrgen'\n"
	    "Folder 'Entw\xfcrfe' and more text after it\n"
	    "end \x80";
	struct lines l;
	struct ostd_utf8_tally t;

	(void)state;
	read_checked(data, sizeof(data) - 1, OSTD_UTF8_CP1252, &l, &t);
	assert_int_equal(l.n, 4);
	assert_string_equal(l.text[1], "Mailbox 'J\xc3\xbcrgen'");
	assert_string_equal(l.text[2],
	    "Folder 'Entw\xc3\xbcrfe' and more text after it");
	assert_string_equal(l.text[3], "end \xe2\x82\xac");
	assert_int_equal(t.bytes, 2);
	assert_int_equal(t.lines, 2);
	assert_int_equal(t.first_line, 3);
	assert_int_equal(t.multibyte, 1);

	read_checked(data, sizeof(data) - 1, OSTD_UTF8_REPLACE, &l, &t);
	assert_string_equal(l.text[2],
	    "Folder 'Entw\xef\xbf\xbdrfe' and more text after it");
	assert_int_equal(t.bytes, 2);

	/* Trusted: the bytes pass as they are, nothing counted. */
	read_checked(data, sizeof(data) - 1, OSTD_UTF8_TRUST, &l, &t);
	assert_int_equal(l.len[2], 40);
	assert_int_equal(t.bytes, 0);
	assert_int_equal(t.multibyte, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_bom_skipped),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_short_reads),
		cmocka_unit_test(test_read_error),
		cmocka_unit_test(test_nul_bytes_flagged),
		cmocka_unit_test(test_ends_at_every_offset),
		cmocka_unit_test(test_restart),
		cmocka_unit_test(test_long_line_cut),
		cmocka_unit_test(test_crlf_across_reads),
		cmocka_unit_test(test_utf8_checked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

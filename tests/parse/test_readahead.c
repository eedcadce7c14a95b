/*
 * test_readahead.c: lines read, split and classified on a second thread come
 * back in order and as the parser would split them; an analysis that reads
 * ahead reports exactly what one that does not reports.
 */
#include "testutil.h"

#include <errno.h>
#include <unistd.h>

#include "parse/readahead.h"
#include "util/util.h"

/* The bundled samples, in CRLF and LF, with odd lines between them. */
static const char *const samples[] = {
	"samples/orgforms.log", "samples/messy-2016.log", "samples/repeats.log",
	"samples/clean-2016.log", "samples/clean-outlook97.log",
	"samples/ticket-dialogs.log",
};

static void
add_file(struct strbuf *sb, const char *path, bool crlf)
{
	FILE *fp = fopen(path, "rb");
	int c;

	assert_non_null(fp);
	while ((c = getc(fp)) != EOF) {
		if (c == '\n' && crlf)
			strbuf_addc(sb, '\r');
		strbuf_addc(sb, (char)c);
	}
	fclose(fp);
}

/*
 * A log of at least size bytes: the samples over and over, a line with more
 * entries than a batch stores of one line, a line longer than a batch and a
 * line longer than OSTD_LINE_MAX.
 */
static char *
make_log(size_t size, size_t *len)
{
	struct strbuf sb;

	strbuf_init(&sb, 0);
	for (unsigned round = 0; sb.len < size; round++) {
		for (size_t i = 0; i < sizeof(samples) / sizeof(*samples); i++)
			add_file(&sb, samples[i], (round + i) % 2 == 0);
		if (round == 3) {
			for (int e = 0; e < 200; e++)
				strbuf_addf(&sb, " 10:%02d:%02d Done", e / 60,
				    e % 60);
			strbuf_addc(&sb, '\n');
		}
		if (round == 5) {
			for (size_t i = 0; i < 2 * READAHEAD_TEXT; i++)
				strbuf_addc(&sb, (char)('a' + i % 26));
			strbuf_addc(&sb, '\n');
		}
		if (round == 7) {
			for (size_t i = 0; i < OSTD_LINE_MAX + 10; i++)
				strbuf_addc(&sb, 'x');
			strbuf_add(&sb, "\r\n", 2);
		}
	}
	*len = sb.len;
	return strbuf_detach(&sb);
}

/* data in a temporary regular file, at its start. */
static FILE *
file_of(const char *data, size_t len)
{
	FILE *fp = tmpfile();

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fflush(fp), 0);
	rewind(fp);
	return fp;
}

/* Spans at the same place of their lines (got in line, want in ref). */
static void
assert_span_equal(struct ostd_span got, const char *line, struct ostd_span want,
    const char *ref)
{
	assert_int_equal(got.len, want.len);
	assert_int_equal(got.ptr == NULL, want.ptr == NULL);
	if (want.ptr != NULL)
		assert_int_equal(got.ptr - line, want.ptr - ref);
}

/* The entries of line l, unpacked, as the parser's own split finds them. */
static void
assert_entries_equal(const struct ahead_batch *b, const struct ahead_line *l,
    const char *ref, const struct ostd_event *want, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct ostd_event got;

		ahead_event(b, l, i, &got);
		assert_int_equal(got.kind, want[i].kind);
		assert_int_equal(got.time, want[i].time);
		assert_int_equal(got.indent, want[i].indent);
		assert_int_equal(got.sub, want[i].sub);
		assert_int_equal(got.count, want[i].count);
		assert_span_equal(got.text, ahead_text(b, l), want[i].text, ref);
		assert_span_equal(got.arg, ahead_text(b, l), want[i].arg, ref);
		assert_int_equal(got.has_code, want[i].has_code);
		if (want[i].has_code)
			assert_string_equal(got.code.text, want[i].code.text);
	}
}

struct tally {
	size_t lines, split, whole, batches;
	bool many_entries_whole;	/* the 200-entry line came unsplit */
};

/*
 * Read data through a read-ahead thread with split_when, checking every line
 * against a plain reader over the same bytes.
 */
static void
read_ahead_all(const char *data, size_t len, size_t split_when,
    struct tally *t)
{
	static struct ostd_event want[64];
	FILE *fp = file_of(data, len);
	struct ostd_source src, ref_src;
	struct ostd_reader *rd, *ref;
	struct readahead *ra;
	const struct ahead_batch *b;
	struct ostd_line line;
	int status = 1;

	ostd_source_fd(&src, fileno(fp));
	ostd_source_buffer(&ref_src, data, len);
	rd = ostd_reader_new(&src);
	ref = ostd_reader_new(&ref_src);
	ra = readahead_start(rd, split_when);
	assert_non_null(ra);
	memset(t, 0, sizeof(*t));
	while ((b = readahead_next(ra)) != NULL) {
		assert_int_equal(status, 1);	/* nothing after the last */
		t->batches++;
		for (size_t i = 0; i < b->nlines; i++) {
			const struct ahead_line *l = &b->lines[i];
			size_t n;

			assert_int_equal(ostd_reader_next(ref, &line), 1);
			assert_int_equal(b->first_number + i, line.number);
			assert_int_equal(b->first_number + i, ++t->lines);
			assert_int_equal(l->len, line.len);
			assert_memory_equal(ahead_text(b, l), line.ptr, line.len);
			assert_int_equal(l->cut, line.cut);
			if (l->cut)
				assert_int_equal(b->full_lens[i], line.full_len);
			n = ostd_line_entries(line.ptr, line.len, want, 64);
			if (l->nentries == 0) {
				t->whole++;
				t->many_entries_whole |= n == 0;
				continue;
			}
			t->split++;
			assert_int_equal(l->nentries, n);
			assert_entries_equal(b, l, line.ptr, want, n);
		}
		status = b->status;
	}
	assert_int_equal(status, 0);
	assert_int_equal(ostd_reader_next(ref, &line), 0);
	readahead_stop(&ra);
	assert_null(ra);
	assert_int_equal(ostd_reader_bytes(rd), len);
	ostd_reader_free(&rd);
	ostd_reader_free(&ref);
	fclose(fp);
}

static void
test_every_line_split_ahead(void **state)
{
	size_t len;
	char *data = make_log(4 * 1024 * 1024, &len);
	struct tally t;

	(void)state;
	read_ahead_all(data, len, 0, &t);
	assert_true(t.batches > 2 * READAHEAD_SLOTS);
	/* Only the line with more entries than a batch stores comes whole. */
	assert_int_equal(t.whole, 1);
	assert_true(t.many_entries_whole);
	assert_int_equal(t.split, t.lines - 1);
	free(data);
}

/*
 * Lines of every length from 0 to 80 bytes, each byte value in turn: a line's
 * last, partial 16 bytes are put together on their own.
 */
static void
test_every_line_length(void **state)
{
	struct strbuf sb;
	struct tally t;
	unsigned char c = 1;

	(void)state;
	strbuf_init(&sb, 0);
	for (int round = 0; round < 4; round++) {
		for (size_t len = 0; len <= 80; len++) {
			for (size_t i = 0; i < len; i++) {
				strbuf_addc(&sb, (char)c);
				/* Every byte but the line ends and NUL. */
				do
					c++;
				while (c == '\n' || c == '\r' || c == 0);
			}
			strbuf_addc(&sb, '\n');
		}
	}
	read_ahead_all(sb.data, sb.len, 0, &t);
	assert_int_equal(t.lines, 4 * 81);
	read_ahead_all(sb.data, sb.len, SIZE_MAX, &t);
	assert_int_equal(t.lines, 4 * 81);
	strbuf_free(&sb);
}

static void
test_no_line_split_ahead(void **state)
{
	size_t len;
	char *data = make_log(1024 * 1024, &len);
	struct tally t;

	(void)state;
	read_ahead_all(data, len, SIZE_MAX, &t);
	assert_int_equal(t.split, 0);
	assert_int_equal(t.whole, t.lines);
	free(data);
}

static void
test_empty_input(void **state)
{
	struct tally t;

	(void)state;
	read_ahead_all("", 0, 0, &t);
	assert_int_equal(t.lines, 0);
	assert_int_equal(t.batches, 1);
}

static void
test_stop_early(void **state)
{
	size_t len;
	char *data = make_log(4 * 1024 * 1024, &len);
	FILE *fp = file_of(data, len);
	struct ostd_source src;
	struct ostd_reader *rd;
	struct readahead *ra;
	const struct ahead_batch *b;

	(void)state;
	ostd_source_fd(&src, fileno(fp));
	rd = ostd_reader_new(&src);
	ra = readahead_start(rd, READAHEAD_BALANCED);
	assert_non_null(ra);
	b = readahead_next(ra);
	assert_non_null(b);
	assert_true(b->nlines > 0);
	assert_int_equal(b->first_number, 1);
	assert_int_equal(b->status, 1);
	readahead_stop(&ra);	/* the thread is still reading: it stops */
	assert_null(ra);
	assert_true(ostd_reader_bytes(rd) < len);
	ostd_reader_free(&rd);
	fclose(fp);
	free(data);
}

/* A source that fails with EIO after its first limit bytes. */
struct failing {
	const char *data;
	size_t len, pos, limit;
};

static ptrdiff_t
failing_read(struct ostd_source *src, void *buf, size_t size)
{
	struct failing *f = src->state;
	size_t n = f->limit - f->pos;

	if (n == 0) {
		errno = EIO;
		return -1;
	}
	if (n > size)
		n = size;
	memcpy(buf, f->data + f->pos, n);
	f->pos += n;
	return (ptrdiff_t)n;
}

static void
test_read_error_after_last_line(void **state)
{
	static const char data[] = "first\nsecond\nthird\nfourth\n";
	struct failing f = { data, sizeof(data) - 1, 0, 13 };	/* "first\nsecond\n" */
	struct ostd_source src;
	struct ostd_reader *rd;
	struct readahead *ra;
	const struct ahead_batch *b, *last = NULL;
	size_t lines = 0;

	(void)state;
	ostd_source_buffer(&src, NULL, 0);
	src.read = failing_read;
	src.state = &f;
	rd = ostd_reader_new(&src);
	ra = readahead_start(rd, 0);
	assert_non_null(ra);
	while ((b = readahead_next(ra)) != NULL) {
		lines += b->nlines;
		last = b;
		if (b->status != 1)
			break;
	}
	assert_non_null(last);
	assert_int_equal(lines, 2);
	assert_int_equal(last->status, -1);
	assert_int_equal(last->error, EIO);
	assert_int_equal(last->error_line, 2);
	assert_null(readahead_next(ra));
	readahead_stop(&ra);
	ostd_reader_free(&rd);
}

/* The JSON report of the file fp, read ahead or not. */
static char *
report_of(FILE *fp, bool read_ahead)
{
	struct render r = { OSTD_FORMAT_JSON, true, true, read_ahead, 0 };
	struct ostd_source src;
	char *out;

	rewind(fp);
	ostd_source_fd(&src, fileno(fp));
	out = render_input(&r, &src, NULL, 0, "big.log");
	assert_int_equal(r.status, 0);
	return out;
}

static void
test_same_report_read_ahead(void **state)
{
	size_t len;
	char *data = make_log(6 * 1024 * 1024, &len);
	FILE *fp = file_of(data, len);
	char *plain = report_of(fp, false);
	char *ahead = report_of(fp, true);

	(void)state;
	/* Findings from all over the input, the cut line's note among them. */
	assert_non_null(strstr(plain, "\"id\":\"Q168734\""));
	assert_non_null(strstr(plain, "is longer than"));
	assert_string_equal(ahead, plain);
	free(plain);
	free(ahead);
	fclose(fp);
	free(data);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_line_split_ahead),
		cmocka_unit_test(test_no_line_split_ahead),
		cmocka_unit_test(test_every_line_length),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_stop_early),
		cmocka_unit_test(test_read_error_after_last_line),
		cmocka_unit_test(test_same_report_read_ahead),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_recording.c: what an input read on another thread leaves for the
 * reporting one. A recording replayed reports exactly what reporting as the
 * input was read does; the arena that holds it and the cache-line allocator
 * behave as they promise.
 */
#include "testutil.h"

#include "util/arena.h"
#include "util/util.h"

/* Two logs that differ in every finding, session and line count. */
static const char second_log[] =
    "9:05:01 Synchronizer Version 11.0.8303\n"
    "9:05:01 Synchronizing Mailbox 'Ana Souza'\n"
    "9:05:02 Synchronizing Hierarchy\n"
    "9:05:03 Synchronizing server changes in folder 'Inbox'\n"
    "9:05:03 Error synchronizing folder\n"
    "9:05:03 [80004005-501-4B9-560]\n"
    "9:05:03 The client operation failed.\n"
    "9:05:04 Done\n";

/* A JSON report written to a string, and the analyzer that writes it. */
struct sink {
	char *out, *errs;
	size_t outlen, errlen;
	FILE *fo, *fe;
	struct ostd_report *rep;
	struct ostd_analyzer *a;
};

static void
sink_open(struct sink *s, const struct ostd_ruleset *rs)
{
	memset(s, 0, sizeof(*s));
	s->fo = open_memstream(&s->out, &s->outlen);
	s->fe = open_memstream(&s->errs, &s->errlen);
	assert_non_null(s->fo);
	assert_non_null(s->fe);
	s->rep = ostd_report_new(OSTD_FORMAT_JSON, s->fo, s->fe);
	s->a = ostd_analyzer_new(rs, s->rep);
	ostd_report_begin(s->rep);
}

/* Finish the report; returns its text (the caller frees it). */
static char *
sink_close(struct sink *s)
{
	ostd_report_end(s->rep, ostd_analyzer_summary(s->a));
	ostd_analyzer_free(&s->a);
	ostd_report_free(&s->rep);
	fclose(s->fo);
	fclose(s->fe);
	free(s->errs);
	return s->out;
}

/* The report of the named texts, analyzed one after another as they are read. */
static char *
direct_report(const struct ostd_ruleset *rs, const char *const *texts,
    const char *const *names, size_t n)
{
	struct sink s;

	sink_open(&s, rs);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(ostd_analyze_buffer(s.a, texts[i],
		    strlen(texts[i]), names[i]), 0);
	return sink_close(&s);
}

static void
test_replay_reports_as_read(void **state)
{
	const struct ostd_ruleset *rs = *state;
	const char *const texts[] = { SEED_LOG, second_log };
	const char *const names[] = { "seed.log", "second.log" };
	struct ostd_analyzer *rec = ostd_analyzer_new(rs, NULL);
	struct ostd_recording *r[2];
	char *want = direct_report(rs, texts, names, 2), *got;
	struct sink s;

	ostd_analyzer_start_recording(rec);
	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(ostd_analyze_buffer(rec, texts[i],
		    strlen(texts[i]), names[i]), 0);
		r[i] = ostd_analyzer_take_recording(rec);
		ostd_recording_set_status(r[i], 0);
	}
	ostd_analyzer_free(&rec);	/* the recordings outlive it */
	sink_open(&s, rs);
	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(ostd_analyzer_replay(s.a, r[i]), 0);
		ostd_recording_free(&r[i]);
		assert_null(r[i]);
	}
	got = sink_close(&s);
	assert_non_null(strstr(want, "Q168734"));
	assert_non_null(strstr(want, "second.log"));
	assert_string_equal(got, want);
	free(want);
	free(got);
}

/*
 * A bounded recording gives up an input that would outgrow it: it holds
 * nothing of it and stays within the bound; a small input after it is recorded
 * whole again.
 */
static void
test_recording_bound(void **state)
{
	const struct ostd_ruleset *rs = *state;
	struct ostd_analyzer *rec = ostd_analyzer_new(rs, NULL);
	struct ostd_recording *big, *small;
	struct strbuf log;
	const size_t limit = 64 * 1024;

	strbuf_init(&log, 0);
	strbuf_adds(&log, "9:14:02 Synchronizer Version 16.0.14326\n");
	for (int i = 0; i < 5000; i++)
		strbuf_addf(&log, "9:14:03 Synchronizing server changes in "
		    "folder 'F%d'\n9:14:03 Error synchronizing folder\n"
		    "9:14:03 [8004010F-501-0-521]\n", i);
	ostd_analyzer_start_recording(rec);
	ostd_analyzer_limit_recording(rec, limit);
	(void)ostd_analyze_buffer(rec, log.data, log.len, "distinct.log");
	big = ostd_analyzer_take_recording(rec);
	assert_true(ostd_recording_overflowed(big));
	assert_true(ostd_recording_bytes(big) <= limit);
	assert_int_equal(ostd_analyze_buffer(rec, SEED_LOG, strlen(SEED_LOG),
	    "seed.log"), 0);
	small = ostd_analyzer_take_recording(rec);
	assert_false(ostd_recording_overflowed(small));
	assert_true(ostd_recording_bytes(small) <= limit);
	ostd_recording_free(&small);
	ostd_recording_free(&big);
	ostd_analyzer_free(&rec);
	strbuf_free(&log);
}

static bool
all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != 0)
			return false;
	return true;
}

/* Objects from many blocks keep their contents; each comes zeroed and aligned. */
static void
test_arena_keeps_objects(void **state)
{
	struct arena ar = ARENA_INIT;
	unsigned char *obj[500];
	size_t size[500];

	(void)state;
	for (size_t i = 0; i < 500; i++) {
		size[i] = 1 + i * 37 % 700;
		obj[i] = arena_alloc(&ar, size[i]);
		assert_int_equal((uintptr_t)obj[i] % _Alignof(max_align_t), 0);
		assert_true(all_zero(obj[i], size[i]));
		memset(obj[i], (int)(i % 251) + 1, size[i]);
	}
	for (size_t i = 0; i < 500; i++)
		for (size_t k = 0; k < size[i]; k++)
			assert_int_equal(obj[i][k], i % 251 + 1);
	/* One object larger than any block. */
	obj[0] = arena_alloc(&ar, 200 * 1024);
	assert_true(all_zero(obj[0], 200 * 1024));
	assert_int_equal(obj[1][0], 2);
	assert_string_equal(arena_strdup(&ar, "Gesendete Elemente"),
	    "Gesendete Elemente");
	assert_null(arena_strdup(&ar, NULL));
	arena_free(&ar);
	assert_null(ar.head);
}

static void
test_cache_line_allocation(void **state)
{
	(void)state;
	for (size_t size = 1; size <= 300; size += 37) {
		unsigned char *p = xcalloc_lines(size);
		size_t whole = (size + CACHE_LINE - 1) / CACHE_LINE * CACHE_LINE;

		assert_int_equal((uintptr_t)p % CACHE_LINE, 0);
		/* Zeroed to the end of its last line, which is its own. */
		assert_true(all_zero(p, whole));
		free_lines(p);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_replay_reports_as_read,
		    builtin_rules_setup, rules_teardown),
		cmocka_unit_test_setup_teardown(test_recording_bound,
		    builtin_rules_setup, rules_teardown),
		cmocka_unit_test(test_arena_keeps_objects),
		cmocka_unit_test(test_cache_line_allocation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

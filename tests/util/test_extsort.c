/*
 * test_extsort.c: sorting in bounded memory. Records come back in order, equal
 * ones in the order they were added, whether they stayed in memory, went to
 * one run or to so many runs that they are merged in passes.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/extsort.h"

/* A record: a key, the order it was added in, and padding of some length. */
struct rec {
	uint32_t key;
	uint32_t added;
	char pad[40];
};

static int
by_key(const void *a, size_t alen, const void *b, size_t blen)
{
	struct rec ra, rb;

	assert_true(alen >= 8 && blen >= 8);
	memcpy(&ra, a, 8);
	memcpy(&rb, b, 8);
	return ra.key < rb.key ? -1 : ra.key > rb.key;
}

/* Sort n records with keys from a small range, in memory of the given size. */
static void
sort_and_check(size_t n, size_t memory, bool spills)
{
	struct extsort *x = extsort_new(by_key, memory);
	uint32_t seed = 12345, prev_key = 0, prev_added = 0;
	const void *got;
	size_t len, seen = 0;
	int rc;

	for (size_t i = 0; i < n; i++) {
		struct rec r;

		seed = seed * 1103515245u + 12345u;
		r.key = (seed >> 16) % 97;
		r.added = (uint32_t)i;
		memset(r.pad, 'a' + (int)(i % 26), sizeof(r.pad));
		/* Lengths differ: 8 to 48 bytes. */
		assert_true(extsort_add(x, &r, 8 + i % 41));
	}
	assert_int_equal(extsort_count(x), n);
	assert_int_equal(extsort_spilled(x), spills);
	while ((rc = extsort_next(x, &got, &len)) == 1) {
		struct rec r;

		memset(&r, 0, sizeof(r));
		memcpy(&r, got, len);
		assert_int_equal(len, 8 + r.added % 41);
		if (len > 8)
			assert_int_equal(r.pad[len - 9], 'a' + (int)(r.added % 26));
		if (seen > 0) {
			assert_true(r.key >= prev_key);
			if (r.key == prev_key)
				assert_true(r.added > prev_added);
		}
		prev_key = r.key;
		prev_added = r.added;
		seen++;
	}
	assert_int_equal(rc, 0);
	assert_int_equal(seen, n);
	assert_int_equal(extsort_error(x), 0);
	extsort_free(&x);
}

static void
test_in_memory(void **state)
{
	(void)state;
	sort_and_check(1000, 1 << 20, false);
}

static void
test_few_runs(void **state)
{
	(void)state;
	sort_and_check(5000, 16 * 1024, true);	/* about ten runs */
}

static void
test_merge_passes(void **state)
{
	(void)state;
	sort_and_check(100000, 16 * 1024, true);	/* hundreds of runs */
}

/* Nothing added: the end at once. */
static void
test_empty(void **state)
{
	struct extsort *x = extsort_new(by_key, 1024);
	const void *got;
	size_t len;

	(void)state;
	assert_int_equal(extsort_next(x, &got, &len), 0);
	extsort_free(&x);
}

/* A temporary file that cannot be made is an error, not a short result. */
static void
test_no_temporary_file(void **state)
{
	struct extsort *x = extsort_new(by_key, 64);
	struct rec r = { 1, 0, { 0 } };
	bool all = true;

	(void)state;
	setenv("TMPDIR", "/nonexistent/ostdiag-test", 1);
	for (int i = 0; i < 10; i++)
		all &= extsort_add(x, &r, sizeof(r));
	unsetenv("TMPDIR");
	assert_false(all);
	assert_int_equal(extsort_error(x), ENOENT);
	extsort_free(&x);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_in_memory),
		cmocka_unit_test(test_few_runs),
		cmocka_unit_test(test_merge_passes),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_no_temporary_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

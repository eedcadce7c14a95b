/*
 * test_pststore.c: the logs of an Outlook data file as the analyzer reads
 * them, from a reader made up here in place of libpff's: each log an input of
 * its own, in time order, their repeats merged together over all their
 * sessions, items of Conflicts noted, a store without logs failed (named) or
 * skipped (found), a body that cannot be read failed alone, and the same
 * report when the store is recorded on another thread and replayed.
 */
#include "testutil.h"

#include <unistd.h>

#include "ostdiag/pstfile.h"
#include "input/pstitem.h"
#include "util/util.h"

/* An error every log of the made-up store but the clean one has. */
#define FAILING_LOG(t) \
	t ":01 Synchronizer Version 16.0.17928\n" \
	t ":01 Synchronizing server changes in folder 'Inbox'\n" \
	t ":02 Error synchronizing folder\n" \
	t ":02 [80004005-501-4B9-560]\n" \
	t ":02 The client operation failed.\n" \
	t ":03 Done\n"

static const char clean_log[] =
    "10:00:01 Synchronizer Version 16.0.17928\n"
    "10:00:01 Synchronizing server changes in folder 'Inbox'\n"
    "10:00:02 Done\n";

/* A message of the made-up store. */
struct fake_item {
	const char *folder, *subject;
	long long date;
	enum ostd_pst_kind kind;
	const char *body;	/* NULL: it cannot be read */
};

/* The store the reader below serves. */
static const struct fake_item *store;
static size_t nstore;

/* 2026-03-02 09:00, 10:00 and 11:00 UTC, given out of order. */
static const struct fake_item three_logs[] = {
	{ "Sync Issues", "Synchronization Log:", 1772445600, OSTD_PST_LOG,
	  clean_log },
	{ "Sync Issues/Conflicts", "Team meeting", 1772445601,
	  OSTD_PST_CONFLICT, "Conflict in 'Team meeting'\n" },
	{ "Sync Issues", "Synchronization Log:", 1772449200, OSTD_PST_LOG,
	  FAILING_LOG("11:00") },
	{ "Deleted Items", "Synchronization Log:", 1772442000, OSTD_PST_LOG,
	  FAILING_LOG("09:00") },
};

static const struct fake_item no_logs[] = {
	{ "Sync Issues/Local Failures", "Team meeting", 1772445601,
	  OSTD_PST_LOCAL_FAILURE, "Item that failed to upload.\n" },
};

static const struct fake_item unreadable[] = {
	{ "Sync Issues", "Synchronization Log:", 1772442000, OSTD_PST_LOG,
	  NULL },
	{ "Sync Issues", "Synchronization Log:", 1772445600, OSTD_PST_LOG,
	  FAILING_LOG("10:00") },
};

struct ostd_pst {
	int unused;
};

bool
ostd_pst_supported(void)
{
	return true;
}

int
ostd_pst_open(const char *path, struct ostd_pst **p, char **err)
{
	(void)path;
	*p = xcalloc(1, sizeof(**p));
	*err = NULL;
	return 0;
}

int
ostd_pst_find(struct ostd_pst *p, struct ostd_pst_list *list, char **err)
{
	(void)p;
	*err = NULL;
	memset(list, 0, sizeof(*list));
	list->items = xcalloc(nstore + 1, sizeof(*list->items));
	for (size_t i = 0; i < nstore; i++) {
		struct ostd_pst_item *it = &list->items[list->n++];

		it->folder = xstrdup(store[i].folder);
		it->subject = xstrdup(store[i].subject);
		it->date = store[i].date;
		it->kind = store[i].kind;
		it->id = (uint32_t)i;
		list->logs += it->kind == OSTD_PST_LOG;
	}
	list->folders = 3;
	list->messages = nstore;
	pst_sort_items(list->items, list->n);
	return 0;
}

int
ostd_pst_body(struct ostd_pst *p, const struct ostd_pst_item *item,
    struct ostd_message *m, char **err)
{
	const char *body = store[item->id].body;

	(void)p;
	*err = NULL;
	if (body == NULL) {
		*err = xstrdup("cannot read the message: made unreadable");
		return -1;
	}
	m->subject = xstrdup(item->subject);
	m->date = item->date;
	return pst_text_from_plain(body, strlen(body), m, err);
}

void
ostd_pst_list_free(struct ostd_pst_list *list)
{
	for (size_t i = 0; i < list->n; i++) {
		free(list->items[i].folder);
		free(list->items[i].subject);
	}
	free(list->items);
	free(list->problem);
	memset(list, 0, sizeof(*list));
}

void
ostd_pst_close(struct ostd_pst **p)
{
	free(*p);
	*p = NULL;
}

/* A file that starts as an Outlook data file does; its path in path. */
static void
make_store_file(char path[64])
{
	int fd;

	snprintf(path, 64, "/tmp/ostdiag-store-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "!BDN\x0E\x2A\0\0SM\x17\0", 12), 12);
	close(fd);
}

/* The JSON report of the made-up store, read as found or named. */
static char *
report_store(const struct ostd_ruleset *rs, const char *path, bool found,
    bool recorded, int *rc)
{
	struct ostd_report *rep;
	struct ostd_analyzer *a;
	char *out = NULL, *errs = NULL;
	size_t outlen = 0, errlen = 0;
	FILE *fo = open_memstream(&out, &outlen);
	FILE *fe = open_memstream(&errs, &errlen);
	FILE *fp = fopen(path, "rb");
	struct ostd_source src;

	assert_non_null(fp);
	ostd_source_fd(&src, fileno(fp));
	src.regular = 1;
	rep = ostd_report_new(OSTD_FORMAT_JSON, fo, fe);
	a = ostd_analyzer_new(rs, rep);
	ostd_analyzer_set_found(a, found);
	ostd_report_begin(rep);
	if (recorded) {
		struct ostd_analyzer *rec = ostd_analyzer_new(rs, NULL);
		struct ostd_recording *r;

		ostd_analyzer_set_found(rec, found);
		ostd_analyzer_start_recording(rec);
		(void)ostd_analyze_source(rec, &src, path);
		r = ostd_analyzer_take_recording(rec);
		ostd_recording_set_status(r, 0);
		ostd_analyzer_free(&rec);	/* the recording outlives it */
		*rc = ostd_analyzer_replay(a, r);
		ostd_recording_free(&r);
	} else {
		*rc = ostd_analyze_source(a, &src, path);
	}
	fclose(fp);
	ostd_report_end(rep, ostd_analyzer_summary(a));
	ostd_analyzer_free(&a);
	ostd_report_free(&rep);
	fclose(fo);
	fclose(fe);
	free(errs);
	return out;
}

/* Is needle in hay, after from (when not NULL)? Returns where, or NULL. */
static const char *
after(const char *hay, const char *from, const char *needle)
{
	const char *start = from != NULL ? strstr(hay, from) : hay;

	return start != NULL ? strstr(start, needle) : NULL;
}

static void
test_logs_merged_in_time_order(void **state)
{
	const struct ostd_ruleset *rs = *state;
	char path[64], first[256], *got, *name;
	int rc;

	store = three_logs;
	nstore = sizeof(three_logs) / sizeof(three_logs[0]);
	make_store_file(path);
	got = report_store(rs, path, false, false, &rc);
	assert_int_equal(rc, 0);
	/* One finding for the error of two logs, at the first one. */
	snprintf(first, sizeof(first), "\"file\":\"%s:Deleted Items/"
	    "Synchronization Log:@2026-03-02T09:00:00\",\"line\":3", path);
	assert_non_null(strstr(got, first));
	assert_non_null(strstr(got, "\"count\":2"));
	assert_non_null(strstr(got, "\"sessions_with\":2,"
	    "\"sessions_total\":3"));
	/* Its last occurrence in the other log, named. */
	name = xasprintf("\"last_line\":3,\"last_time\":\"11:00:02\","
	    "\"sessions_with\":2,\"sessions_total\":3,\"last_file\":\"%s:"
	    "Sync Issues/Synchronization Log:@2026-03-02T11:00:00\"", path);
	assert_non_null(strstr(got, name));
	free(name);
	assert_null(strstr(got, "\"count\":1,"));
	/* The logs' records in time order, each with its folder and date. */
	name = xasprintf("\"file\":\"%s:Deleted Items/Synchronization Log:"
	    "@2026-03-02T09:00:00\",\"format\":\"pst\"", path);
	assert_non_null(after(got, "\"files\":", name));
	free(name);
	assert_non_null(after(got, "Log:@2026-03-02T09:00:00\",\"format\"",
	    "\"date\":\"2026-03-02T09:00:00\",\"folder\":\"Deleted Items\","
	    "\"sessions\":1,\"errors\":1,\"findings\":1"));
	assert_non_null(after(got, "Log:@2026-03-02T09:00:00\",\"format\"",
	    "Log:@2026-03-02T10:00:00\",\"format\""));
	assert_non_null(after(got, "Log:@2026-03-02T10:00:00\",\"format\"",
	    "\"folder\":\"Sync Issues\",\"sessions\":1,\"errors\":0,"
	    "\"findings\":0"));
	assert_non_null(after(got, "Log:@2026-03-02T10:00:00\",\"format\"",
	    "Log:@2026-03-02T11:00:00\",\"format\""));
	assert_non_null(after(got, "Log:@2026-03-02T11:00:00\",\"format\"",
	    "\"sessions\":1,\"errors\":1,\"findings\":0"));
	/* The conflict is noted, by its folder and subject. */
	assert_non_null(after(got, "\"notes\":", "Sync Issues/Conflicts/"
	    "Team meeting@2026-03-02T10:00:01\",\"line\":null,\"message\":"
	    "\"a conflict, not a log"));
	assert_non_null(strstr(got, "\"files\":3,\"files_failed\":0,"
	    "\"files_skipped\":0,\"sessions\":3,\"errors\":2,\"findings\":1"));
	free(got);
	unlink(path);
}

/* Recorded on another thread and replayed: the same report. */
static void
test_recorded_store_replays_the_same(void **state)
{
	const struct ostd_ruleset *rs = *state;
	char path[64], *want, *got;
	int rc;

	store = three_logs;
	nstore = sizeof(three_logs) / sizeof(three_logs[0]);
	make_store_file(path);
	want = report_store(rs, path, false, false, &rc);
	got = report_store(rs, path, false, true, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(got, want);
	free(want);
	free(got);
	unlink(path);
}

static void
test_store_without_logs(void **state)
{
	const struct ostd_ruleset *rs = *state;
	char path[64], *got, *want;
	int rc;

	store = no_logs;
	nstore = 1;
	make_store_file(path);
	got = report_store(rs, path, false, false, &rc);
	assert_int_equal(rc, -1);
	want = xasprintf("\"file\":\"%s\",\"format\":\"pst\"", path);
	assert_non_null(strstr(got, want));
	free(want);
	assert_non_null(strstr(got, "\"failed\":true,\"skipped\":false,"
	    "\"reason\":\"no synchronization log found in the Outlook data "
	    "file (3 folders and 1 messages searched)\""));
	assert_non_null(strstr(got, "a local failure, not a log"));
	free(got);
	/* Found in a folder, it is skipped. */
	got = report_store(rs, path, true, false, &rc);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(got, "\"failed\":false,\"skipped\":true"));
	free(got);
	unlink(path);
}

static void
test_unreadable_log_fails_alone(void **state)
{
	const struct ostd_ruleset *rs = *state;
	char path[64], *got;
	int rc;

	store = unreadable;
	nstore = 2;
	make_store_file(path);
	got = report_store(rs, path, false, false, &rc);
	assert_int_equal(rc, -1);
	assert_non_null(after(got, "Log:@2026-03-02T09:00:00\",\"format\"",
	    "\"failed\":true,\"skipped\":false,\"reason\":\"cannot read the "
	    "message: made unreadable\""));
	assert_non_null(after(got, "Log:@2026-03-02T10:00:00\",\"format\"",
	    "\"sessions\":1,\"errors\":1,\"findings\":1,\"failed\":false"));
	free(got);
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_logs_merged_in_time_order),
		cmocka_unit_test(test_recorded_store_replays_the_same),
		cmocka_unit_test(test_store_without_logs),
		cmocka_unit_test(test_unreadable_log_fails_alone),
	};

	return cmocka_run_group_tests(tests, builtin_rules_setup,
	    rules_teardown);
}

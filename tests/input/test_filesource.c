/*
 * test_filesource.c: one source reading file after file gives each file's
 * bytes, and only them, whatever the reader left unread of the one before.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

#include "input/filesource.h"

/* A temporary directory that tests write their files in. */
static char dir[] = "/tmp/ostd-fs-XXXXXX";

static int
make_dir(void **state)
{
	(void)state;
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
remove_dir(void **state)
{
	char cmd[64];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Write n bytes of a pattern seeded by seed to dir/name; returns its path. */
static char *
write_file(const char *name, size_t n, unsigned seed, char **data)
{
	char *path = malloc(strlen(dir) + strlen(name) + 2);
	char *buf = malloc(n + 1);
	FILE *fp;

	assert_non_null(path);
	assert_non_null(buf);
	sprintf(path, "%s/%s", dir, name);
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)('a' + (i * 7 + seed) % 26);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(buf, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
	*data = buf;
	return path;
}

/* Read src to its end: exactly the n bytes of want, and no error. */
static void
assert_reads(struct ostd_source *src, const char *want, size_t n)
{
	size_t cap = 1 << 20, len = 0, got;
	char *buf = malloc(cap);

	assert_non_null(buf);
	while ((got = ostd_source_read(src, buf + len, 4096)) > 0) {
		len += got;
		assert_true(len + 4096 <= cap);
	}
	assert_int_equal(src->error, 0);
	assert_int_equal(len, n);
	assert_memory_equal(buf, want, n);
	free(buf);
}

static void
test_files_one_after_another(void **state)
{
	static const size_t sizes[] = { 0, 1, 2945, 65536, 65537, 200000, 17 };
	struct file_source *fs = file_source_new();

	(void)state;
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		char name[16], *data, *path;
		struct ostd_source *src;

		snprintf(name, sizeof(name), "f%zu", i);
		path = write_file(name, sizes[i], (unsigned)i, &data);
		src = file_source_open(fs, path);
		assert_non_null(src);
		assert_int_equal(src->regular, 1);
		assert_reads(src, data, sizes[i]);
		file_source_close(fs);
		free(data);
		free(path);
	}
	file_source_free(&fs);
	assert_null(fs);
}

/* A reader that stops early leaves nothing for the next file. */
static void
test_unread_rest_is_dropped(void **state)
{
	struct file_source *fs = file_source_new();
	char *a, *b, *pa, *pb, head[10];
	struct ostd_source *src;

	(void)state;
	pa = write_file("a", 3000, 1, &a);
	pb = write_file("b", 500, 2, &b);
	src = file_source_open(fs, pa);
	assert_non_null(src);
	assert_int_equal(ostd_source_read_full(src, head, sizeof(head)),
	    sizeof(head));
	assert_memory_equal(head, a, sizeof(head));
	src = file_source_open(fs, pb);	/* closes a */
	assert_non_null(src);
	assert_reads(src, b, 500);
	file_source_free(&fs);
	free(a);
	free(b);
	free(pa);
	free(pb);
}

/* A small file ends at the size it had when it was opened. */
static void
test_read_to_size_at_open(void **state)
{
	struct file_source *fs = file_source_new();
	char *data, *path;
	struct ostd_source *src;
	FILE *more;

	(void)state;
	path = write_file("grows", 1000, 3, &data);
	src = file_source_open(fs, path);
	assert_non_null(src);
	more = fopen(path, "ab");
	assert_non_null(more);
	assert_true(fputs("later line\n", more) >= 0);
	assert_int_equal(fclose(more), 0);
	assert_reads(src, data, 1000);
	file_source_free(&fs);
	free(data);
	free(path);
}

static void
test_directory_and_missing_file(void **state)
{
	struct file_source *fs = file_source_new();
	char missing[64];

	(void)state;
	errno = 0;
	assert_null(file_source_open(fs, dir));
	assert_int_equal(errno, EISDIR);
	snprintf(missing, sizeof(missing), "%s/none", dir);
	errno = 0;
	assert_null(file_source_open(fs, missing));
	assert_int_equal(errno, ENOENT);
	file_source_free(&fs);
}

/* A device, which may never end, is refused. */
static void
test_device_refused(void **state)
{
	struct file_source *fs = file_source_new();

	(void)state;
	assert_null(file_source_open(fs, "/dev/zero"));
	assert_int_equal(errno, ENODEV);
	file_source_free(&fs);
}

/* A file cut while it is read is known to have shrunk; one left alone is not. */
static void
test_shrank(void **state)
{
	struct file_source *fs = file_source_new();
	/* One ending at its size when opened, one read to its end. */
	const size_t sizes[] = { 1000, 200 * 1024 };
	long long had, now;

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		char *data, *path = write_file("cut", sizes[i], 7, &data);
		char buf[100];
		struct ostd_source *src = file_source_open(fs, path);

		assert_non_null(src);
		assert_int_equal(ostd_source_read_full(src, buf, sizeof(buf)),
		    sizeof(buf));
		assert_false(file_source_shrank(fs, &had, &now));
		assert_int_equal(truncate(path, 500), 0);
		assert_true(file_source_shrank(fs, &had, &now));
		assert_int_equal(had, (long long)sizes[i]);
		assert_int_equal(now, 500);
		file_source_close(fs);
		free(data);
		free(path);
	}
	file_source_free(&fs);
}

/*
 * Standard input is one source for the whole run: read to its end once, it
 * gives nothing more when named again, even when more came since.
 */
static void
test_stdin_read_once(void **state)
{
	struct file_source *fs = file_source_new();
	struct ostd_source *src;
	char *data, *path, buf[64];
	int saved = dup(STDIN_FILENO), fd;
	FILE *more;

	(void)state;
	assert_true(saved >= 0);
	path = write_file("stdin", 40, 5, &data);
	fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(dup2(fd, STDIN_FILENO), STDIN_FILENO);
	close(fd);
	src = file_source_stdin(fs);
	assert_int_equal(src->regular, -1);	/* found out when it matters */
	assert_reads(src, data, 40);
	more = fopen(path, "ab");
	assert_non_null(more);
	assert_true(fputs("later line\n", more) >= 0);
	assert_int_equal(fclose(more), 0);
	assert_ptr_equal(file_source_stdin(fs), src);
	assert_int_equal(ostd_source_read(src, buf, sizeof(buf)), 0);
	assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
	close(saved);
	file_source_free(&fs);
	free(data);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_files_one_after_another),
		cmocka_unit_test(test_unread_rest_is_dropped),
		cmocka_unit_test(test_read_to_size_at_open),
		cmocka_unit_test(test_directory_and_missing_file),
		cmocka_unit_test(test_device_refused),
		cmocka_unit_test(test_shrank),
		cmocka_unit_test(test_stdin_read_once),
	};

	return cmocka_run_group_tests(tests, make_dir, remove_dir);
}

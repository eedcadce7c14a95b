/*
 * test_platform.c: what src/util/platform.h promises, on this system: files told
 * apart, inputs refused as they should be, directories listed, names matched,
 * temporary files that go away, aligned memory, terminals and pipes.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

#include "util/platform.h"

/* A temporary directory that tests make their files in. */
static char dir[] = "/tmp/ostd-platform-XXXXXX";

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

/* dir/name, in buf. */
static const char *
path_of(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", dir, name);
	return buf;
}

/* Write text to dir/name; its path goes in buf. */
static const char *
write_file(char *buf, size_t size, const char *name, const char *text)
{
	FILE *fp = fopen(path_of(buf, size, name), "wb");

	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
	return buf;
}

static void
test_kinds(void **state)
{
	char file[128], link[128], fifo[128], missing[128];
	struct platform_stat st;

	(void)state;
	write_file(file, sizeof(file), "k.log", "12345");
	assert_int_equal(symlink(file, path_of(link, sizeof(link), "k.link")),
	    0);
	assert_int_equal(mkfifo(path_of(fifo, sizeof(fifo), "k.fifo"), 0600),
	    0);
	assert_int_equal(platform_stat(file, &st), 0);
	assert_int_equal(st.kind, PLATFORM_REGULAR);
	assert_int_equal(st.size, 5);
	assert_int_equal(platform_stat(dir, &st), 0);
	assert_int_equal(st.kind, PLATFORM_DIRECTORY);
	assert_int_equal(platform_lstat(link, &st), 0);
	assert_int_equal(st.kind, PLATFORM_LINK);
	assert_int_equal(platform_stat(link, &st), 0);
	assert_int_equal(st.kind, PLATFORM_REGULAR);
	assert_int_equal(platform_stat(fifo, &st), 0);
	assert_int_equal(st.kind, PLATFORM_FIFO);
	assert_int_equal(platform_stat("/dev/null", &st), 0);
	assert_int_equal(st.kind, PLATFORM_CHAR_DEVICE);
	errno = 0;
	assert_int_equal(platform_stat(path_of(missing, sizeof(missing),
	    "none"), &st), -1);
	assert_int_equal(errno, ENOENT);
}

/* What an input may not be is refused with the errno platform.h names. */
static void
test_open_input_refusals(void **state)
{
	char fifo[128], file[128], buf[16];
	struct platform_stat st;
	int fd;

	(void)state;
	errno = 0;
	assert_int_equal(platform_open_input(dir, 0, &st), -1);
	assert_int_equal(errno, EISDIR);
	errno = 0;
	assert_int_equal(platform_open_input("/dev/null", 0, &st), -1);
	assert_int_equal(errno, ENODEV);
	/* A FIFO no program writes to: given up at once with no time. */
	assert_int_equal(mkfifo(path_of(fifo, sizeof(fifo), "o.fifo"), 0600),
	    0);
	errno = 0;
	assert_int_equal(platform_open_input(fifo, 0, &st), -1);
	assert_int_equal(errno, ETIMEDOUT);
	/* platform_open takes them all, and says what they are. */
	fd = platform_open(fifo, &st);
	assert_true(fd >= 0);
	assert_int_equal(st.kind, PLATFORM_FIFO);
	platform_close(fd);
	write_file(file, sizeof(file), "o.log", "abc");
	fd = platform_open_input(file, 0, &st);
	assert_true(fd >= 0);
	assert_int_equal(st.kind, PLATFORM_REGULAR);
	assert_int_equal(platform_read(fd, buf, sizeof(buf)), 3);
	assert_memory_equal(buf, "abc", 3);
	assert_int_equal(platform_read(fd, buf, sizeof(buf)), 0);
	platform_close(fd);
}

/* A read at an offset leaves the descriptor where it was. */
static void
test_read_at(void **state)
{
	char file[128], buf[8];
	struct platform_stat st;
	int fd;

	(void)state;
	write_file(file, sizeof(file), "r.log", "0123456789");
	fd = platform_open(file, &st);
	assert_true(fd >= 0);
	assert_int_equal(platform_read(fd, buf, 2), 2);
	assert_int_equal(platform_read_at(fd, buf, 3, 6), 3);
	assert_memory_equal(buf, "678", 3);
	assert_int_equal(platform_read(fd, buf, 2), 2);
	assert_memory_equal(buf, "23", 2);
	assert_int_equal(platform_read_at(fd, buf, 3, 10), 0);
	platform_close(fd);
}

/* A directory's entries, each once, without "." and "..". */
static void
test_directory_listing(void **state)
{
	char sub[128], file[128];
	struct platform_dir *d;
	const char *name;
	int a = 0, b = 0, other = 0;

	(void)state;
	assert_int_equal(mkdir(path_of(sub, sizeof(sub), "list"), 0700), 0);
	write_file(file, sizeof(file), "list/a.log", "a");
	write_file(file, sizeof(file), "list/b.txt", "b");
	d = platform_dir_open(sub);
	assert_non_null(d);
	while ((name = platform_dir_next(d)) != NULL) {
		if (strcmp(name, "a.log") == 0)
			a++;
		else if (strcmp(name, "b.txt") == 0)
			b++;
		else
			other++;
	}
	assert_int_equal(errno, 0);
	assert_int_equal(a, 1);
	assert_int_equal(b, 1);
	assert_int_equal(other, 0);
	platform_dir_close(&d);
	assert_null(d);
	platform_dir_close(&d);		/* NULL is let be */
	errno = 0;
	assert_null(platform_dir_open(path_of(sub, sizeof(sub), "none")));
	assert_int_equal(errno, ENOENT);
}

static void
test_name_matches(void **state)
{
	(void)state;
	assert_true(platform_name_matches("*.log", "sync.log"));
	assert_false(platform_name_matches("*.log", "sync.log.txt"));
	assert_true(platform_name_matches("sync-?.[lt]og", "sync-1.tog"));
	assert_false(platform_name_matches("sync-?.[lt]og", "sync-12.log"));
	assert_true(platform_name_matches("*", ".hidden"));
}

/* Paths are joined with '/'; a backslash is part of a name. */
static void
test_paths(void **state)
{
	char *p;

	(void)state;
	assert_true(platform_is_separator('/'));
	assert_false(platform_is_separator('\\'));
	assert_string_equal(p = platform_path_join("logs", "a.log"),
	    "logs/a.log");
	free(p);
	assert_string_equal(p = platform_path_join("a\\b", "c.log"),
	    "a\\b/c.log");
	free(p);
	assert_string_equal(platform_base_name("logs/sub/a.log"), "a.log");
	assert_string_equal(platform_base_name("logs\\a.log"), "logs\\a.log");
	assert_string_equal(platform_base_name("a.log"), "a.log");
	assert_string_equal(platform_base_name("logs/"), "logs/");
}

/* A temporary file in the directory asked, gone from it at once. */
static void
test_temp_file(void **state)
{
	char buf[8];
	struct platform_dir *d;
	FILE *fp;

	(void)state;
	fp = platform_temp_file(dir);
	assert_non_null(fp);
	assert_true(fileno(fp) > 2);
	assert_int_equal(fputs("spool", fp) >= 0, 1);
	assert_int_equal(fflush(fp), 0);
	assert_int_equal(platform_read_at(fileno(fp), buf, 5, 0), 5);
	assert_memory_equal(buf, "spool", 5);
	d = platform_dir_open(dir);
	assert_non_null(d);
	for (const char *name; (name = platform_dir_next(d)) != NULL;)
		assert_null(strstr(name, "ostdiag."));
	platform_dir_close(&d);
	assert_int_equal(fclose(fp), 0);
	errno = 0;
	assert_null(platform_temp_file("/nonexistent-ostdiag-dir"));
	assert_int_equal(errno, ENOENT);
}

/* With standard input closed, the file still does not become descriptor 0. */
static void
test_temp_file_above_standard(void **state)
{
	int saved = dup(STDIN_FILENO);
	FILE *fp;

	(void)state;
	assert_true(saved >= 0);
	assert_int_equal(close(STDIN_FILENO), 0);
	fp = platform_temp_file(dir);
	assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
	close(saved);
	assert_non_null(fp);
	assert_true(fileno(fp) > 2);
	assert_int_equal(fclose(fp), 0);
}

static void
test_temp_dir(void **state)
{
	(void)state;
	assert_int_equal(setenv("TMPDIR", dir, 1), 0);
	assert_string_equal(platform_temp_dir(), dir);
	assert_int_equal(setenv("TMPDIR", "", 1), 0);
	assert_string_equal(platform_temp_dir(), "/tmp");
	assert_int_equal(unsetenv("TMPDIR"), 0);
	assert_string_equal(platform_temp_dir(), "/tmp");
}

static void
test_aligned_memory(void **state)
{
	(void)state;
	/* Sizes that are no multiple of the alignment, and none at all. */
	for (size_t size = 0; size <= 200; size += 25) {
		unsigned char *p = platform_aligned_alloc(64, size);

		assert_non_null(p);
		assert_int_equal((uintptr_t)p % 64, 0);
		memset(p, 0xA5, size);
		platform_aligned_free(p);
	}
	assert_null(platform_aligned_alloc(64, SIZE_MAX - 10));
	platform_aligned_free(NULL);
}

/* A pipe is no terminal, has no width and takes no colour. */
static void
test_no_terminal(void **state)
{
	int fds[2];

	(void)state;
	assert_int_equal(pipe(fds), 0);
	assert_false(platform_is_terminal(fds[1]));
	assert_int_equal(platform_terminal_columns(fds[1]), 0);
	assert_false(platform_terminal_colour(fds[1]));
	close(fds[0]);
	close(fds[1]);
	assert_int_equal(platform_stdin(), STDIN_FILENO);
}

/* Writing to a pipe whose reader went: the error platform_broken_pipe knows. */
static void
test_broken_pipe(void **state)
{
	int fds[2];
	void (*was)(int) = signal(SIGPIPE, SIG_IGN);

	(void)state;
	assert_int_equal(pipe(fds), 0);
	close(fds[0]);
	errno = 0;
	assert_int_equal(write(fds[1], "x", 1), -1);
	assert_true(platform_broken_pipe(errno));
	close(fds[1]);
	signal(SIGPIPE, was);
	assert_false(platform_broken_pipe(EIO));
	assert_false(platform_broken_pipe(ENOSPC));
	assert_true(platform_processors() >= 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_open_input_refusals),
		cmocka_unit_test(test_read_at),
		cmocka_unit_test(test_directory_listing),
		cmocka_unit_test(test_name_matches),
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_temp_file),
		cmocka_unit_test(test_temp_file_above_standard),
		cmocka_unit_test(test_temp_dir),
		cmocka_unit_test(test_aligned_memory),
		cmocka_unit_test(test_no_terminal),
		cmocka_unit_test(test_broken_pipe),
	};

	return cmocka_run_group_tests(tests, make_dir, remove_dir);
}

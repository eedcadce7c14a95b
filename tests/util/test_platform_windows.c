/*
 * test_platform_windows.c: what src/util/platform.h promises, on Windows
 * (platform_windows.c, run under wine by make check-win): files, devices and
 * directories told apart, inputs refused with POSIX's errors, UTF-8 names
 * listed and opened, names matched as Windows' are, paths joined with the
 * separator they came with, temporary files that go away, aligned memory,
 * consoles, and what a closed pipe looks like.
 */
#include <windows.h>

#include <direct.h>
#include <errno.h>
#include <fcntl.h>
#include <io.h>

#include "testutil.h"

#include "util/platform.h"

/* A temporary directory that tests make their files in. */
static char dir[512];

static int
make_dir(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "%s/ostd-platform-XXXXXX",
	    platform_temp_dir());
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
remove_dir(void **state)
{
	char cmd[600];

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

/* Write text to dir/name through the system's UTF-16 call; its path in buf. */
static const char *
write_file(char *buf, size_t size, const char *name, const char *text)
{
	wchar_t w[600];
	HANDLE h;
	DWORD wrote;

	path_of(buf, size, name);
	assert_true(MultiByteToWideChar(CP_UTF8, 0, buf, -1, w, 600) > 0);
	h = CreateFileW(w, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
	    FILE_ATTRIBUTE_NORMAL, NULL);
	assert_true(h != INVALID_HANDLE_VALUE);
	assert_true(WriteFile(h, text, (DWORD)strlen(text), &wrote, NULL));
	assert_int_equal(wrote, strlen(text));
	CloseHandle(h);
	return buf;
}

static void
test_kinds(void **state)
{
	char file[600], missing[600];
	struct platform_stat st;

	(void)state;
	write_file(file, sizeof(file), "k.log", "12345");
	assert_int_equal(platform_stat(file, &st), 0);
	assert_int_equal(st.kind, PLATFORM_REGULAR);
	assert_int_equal(st.size, 5);
	assert_int_equal(platform_lstat(file, &st), 0);
	assert_int_equal(st.kind, PLATFORM_REGULAR);
	assert_int_equal(platform_stat(dir, &st), 0);
	assert_int_equal(st.kind, PLATFORM_DIRECTORY);
	assert_int_equal(platform_lstat(dir, &st), 0);
	assert_int_equal(st.kind, PLATFORM_DIRECTORY);
	assert_int_equal(platform_stat("NUL", &st), 0);
	assert_int_equal(st.kind, PLATFORM_CHAR_DEVICE);
	errno = 0;
	assert_int_equal(platform_stat(path_of(missing, sizeof(missing),
	    "none"), &st), -1);
	assert_int_equal(errno, ENOENT);
	errno = 0;
	assert_int_equal(platform_lstat(missing, &st), -1);
	assert_int_equal(errno, ENOENT);
	/* Not UTF-8: no such name. */
	errno = 0;
	assert_int_equal(platform_stat("\xff\xfe.log", &st), -1);
	assert_int_equal(errno, ENOENT);
}

/*
 * A directory is refused as on POSIX (EISDIR, where _open says EACCES), the
 * NUL device as a device; a file is read in binary, CR and ^Z as they are.
 */
static void
test_open_input(void **state)
{
	char file[600], buf[16];
	struct platform_stat st;
	int fd;

	(void)state;
	errno = 0;
	assert_int_equal(platform_open_input(dir, 0, &st), -1);
	assert_int_equal(errno, EISDIR);
	errno = 0;
	assert_int_equal(platform_open_input("NUL", 0, &st), -1);
	assert_int_equal(errno, ENODEV);
	/* platform_open takes a directory, and says what it is. */
	fd = platform_open(dir, &st);
	assert_true(fd >= 0);
	assert_int_equal(st.kind, PLATFORM_DIRECTORY);
	errno = 0;
	assert_true(platform_read(fd, buf, sizeof(buf)) < 0);
	assert_int_equal(errno, EISDIR);
	platform_close(fd);
	write_file(file, sizeof(file), "o.log", "a\r\n\x1a" "b");
	fd = platform_open_input(file, 0, &st);
	assert_true(fd >= 0);
	assert_int_equal(st.kind, PLATFORM_REGULAR);
	assert_int_equal(platform_read(fd, buf, sizeof(buf)), 5);
	assert_memory_equal(buf, "a\r\n\x1a" "b", 5);
	assert_int_equal(platform_read(fd, buf, sizeof(buf)), 0);
	platform_close(fd);
}

/* A read at an offset leaves the descriptor where it was. */
static void
test_read_at(void **state)
{
	char file[600], buf[8];
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
	assert_int_equal(platform_read(fd, buf, 2), 2);
	assert_memory_equal(buf, "45", 2);
	platform_close(fd);
}

/* Entries each once, without "." and "..", names in UTF-8 that open again. */
static void
test_directory_listing(void **state)
{
	static const char cyrillic[] = "\xd0\xb6\xd1\x83\xd1\x80\xd0\xbd\xd0\xb0"
	    "\xd0\xbb.log";	/* журнал.log */
	char sub[600], file[600], name_in_list[64];
	struct platform_dir *d;
	struct platform_stat st;
	const char *name;
	int a = 0, named = 0, other = 0;

	(void)state;
	assert_int_equal(_mkdir(path_of(sub, sizeof(sub), "list")), 0);
	write_file(file, sizeof(file), "list/a.log", "a");
	snprintf(name_in_list, sizeof(name_in_list), "list/%s", cyrillic);
	write_file(file, sizeof(file), name_in_list, "12");
	d = platform_dir_open(sub);
	assert_non_null(d);
	while ((name = platform_dir_next(d)) != NULL) {
		if (strcmp(name, "a.log") == 0)
			a++;
		else if (strcmp(name, cyrillic) == 0)
			named++;
		else
			other++;
	}
	assert_int_equal(errno, 0);
	assert_int_equal(a, 1);
	assert_int_equal(named, 1);
	assert_int_equal(other, 0);
	platform_dir_close(&d);
	assert_null(d);
	platform_dir_close(&d);		/* NULL is let be */
	snprintf(file, sizeof(file), "%s/%s", sub, cyrillic);
	assert_int_equal(platform_stat(file, &st), 0);
	assert_int_equal(st.size, 2);
	/* An empty directory lists nothing; a file is no directory. */
	assert_int_equal(_mkdir(path_of(sub, sizeof(sub), "empty")), 0);
	d = platform_dir_open(sub);
	assert_non_null(d);
	assert_null(platform_dir_next(d));
	assert_int_equal(errno, 0);
	platform_dir_close(&d);
	errno = 0;
	assert_null(platform_dir_open(path_of(sub, sizeof(sub), "none")));
	assert_int_equal(errno, ENOENT);
	errno = 0;
	assert_null(platform_dir_open(path_of(sub, sizeof(sub), "list/a.log")));
	assert_int_equal(errno, ENOTDIR);
}

/* The shell's patterns, letters of either case as Windows' names. */
static void
test_name_matches(void **state)
{
	(void)state;
	assert_true(platform_name_matches("*.log", "sync.log"));
	assert_true(platform_name_matches("*.log", "SYNC.LOG"));
	assert_false(platform_name_matches("*.log", "sync.log.txt"));
	assert_true(platform_name_matches("sync-?.[lt]og", "sync-1.tog"));
	assert_true(platform_name_matches("sync-?.[lt]og", "Sync-1.TOG"));
	assert_false(platform_name_matches("sync-?.[lt]og", "sync-12.log"));
	assert_true(platform_name_matches("[!a-c]*", "dz"));
	assert_false(platform_name_matches("[!a-c]*", "bz"));
	assert_true(platform_name_matches("[]x]", "]"));
	assert_true(platform_name_matches("a[b", "a[b"));
	assert_true(platform_name_matches("*", ".hidden"));
	assert_true(platform_name_matches("*a*b", "xxaybzb"));
	assert_false(platform_name_matches("*a*b", "xxaybz"));
	assert_true(platform_name_matches("", ""));
	assert_false(platform_name_matches("", "a"));
}

/* Paths keep the separator they were given with. */
static void
test_paths(void **state)
{
	char *p;

	(void)state;
	assert_true(platform_is_separator('/'));
	assert_true(platform_is_separator('\\'));
	assert_false(platform_is_separator(':'));
	assert_string_equal(p = platform_path_join("logs", "a.log"),
	    "logs/a.log");
	free(p);
	assert_string_equal(p = platform_path_join("C:\\logs\\2024", "a.log"),
	    "C:\\logs\\2024\\a.log");
	free(p);
	assert_string_equal(p = platform_path_join("C:/logs", "a.log"),
	    "C:/logs/a.log");
	free(p);
	assert_string_equal(p = platform_path_join("C:\\logs/2024", "a.log"),
	    "C:\\logs/2024/a.log");
	free(p);
	assert_string_equal(platform_base_name("C:\\logs\\a.log"), "a.log");
	assert_string_equal(platform_base_name("logs/sub\\a.log"), "a.log");
	assert_string_equal(platform_base_name("a.log"), "a.log");
	assert_string_equal(platform_base_name("logs\\"), "logs\\");
}

/* A temporary file in the directory asked, gone once closed. */
static void
test_temp_file(void **state)
{
	char buf[8];
	struct platform_dir *d;
	const char *name;
	int seen = 0;
	FILE *fp;

	(void)state;
	fp = platform_temp_file(dir);
	assert_non_null(fp);
	assert_true(_fileno(fp) > 2);
	assert_int_equal(fputs("spool\n", fp) >= 0, 1);
	assert_int_equal(fflush(fp), 0);
	/* Binary: no CR before the line end. */
	assert_int_equal(platform_read_at(_fileno(fp), buf, 7, 0), 6);
	assert_memory_equal(buf, "spool\n", 6);
	assert_int_equal(fclose(fp), 0);
	d = platform_dir_open(dir);
	assert_non_null(d);
	while ((name = platform_dir_next(d)) != NULL)
		seen += strstr(name, "ostdiag.") != NULL;
	platform_dir_close(&d);
	assert_int_equal(seen, 0);
	errno = 0;
	assert_null(platform_temp_file("Z:/nonexistent-ostdiag-dir"));
	assert_int_equal(errno, ENOENT);
}

/* TMPDIR first, else the system's directory, without a separator after. */
static void
test_temp_dir(void **state)
{
	const char *system_dir;
	size_t len;

	(void)state;
	assert_int_equal(_putenv_s("TMPDIR", dir), 0);
	assert_string_equal(platform_temp_dir(), dir);
	assert_int_equal(_putenv_s("TMPDIR", ""), 0);
	system_dir = platform_temp_dir();
	len = strlen(system_dir);
	assert_true(len > 0);
	assert_false(platform_is_separator(system_dir[len - 1]));
	assert_true(strcmp(system_dir, dir) != 0);
}

static void
test_aligned_memory(void **state)
{
	(void)state;
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

/* A pipe, a file and the NUL device are no console. */
static void
test_no_terminal(void **state)
{
	int fds[2], nul;
	char file[600];
	struct platform_stat st;

	(void)state;
	assert_int_equal(_pipe(fds, 64, _O_BINARY), 0);
	assert_false(platform_is_terminal(fds[1]));
	assert_int_equal(platform_terminal_columns(fds[1]), 0);
	assert_false(platform_terminal_colour(fds[1]));
	assert_int_equal(platform_fstat(fds[0], &st), 0);
	assert_int_equal(st.kind, PLATFORM_FIFO);
	_close(fds[0]);
	_close(fds[1]);
	/* _isatty says yes to NUL: platform_is_terminal does not. */
	nul = _open("NUL", _O_WRONLY);
	assert_true(nul >= 0);
	assert_false(platform_is_terminal(nul));
	assert_false(platform_terminal_colour(nul));
	_close(nul);
	write_file(file, sizeof(file), "t.log", "x");
	nul = platform_open(file, &st);
	assert_true(nul >= 0);
	assert_false(platform_is_terminal(nul));
	platform_close(nul);
	assert_int_equal(platform_stdin(), 0);
}

/* Writing to a pipe whose reader went: the error platform_broken_pipe knows. */
static void
test_broken_pipe(void **state)
{
	int fds[2];

	(void)state;
	assert_int_equal(_pipe(fds, 64, _O_BINARY), 0);
	_close(fds[0]);
	errno = 0;
	assert_int_equal(_write(fds[1], "x", 1), -1);
	assert_true(platform_broken_pipe(errno));
	_close(fds[1]);
	assert_true(platform_broken_pipe(EPIPE));
	assert_false(platform_broken_pipe(EIO));
	assert_false(platform_broken_pipe(ENOSPC));
	assert_true(platform_processors() >= 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_open_input),
		cmocka_unit_test(test_read_at),
		cmocka_unit_test(test_directory_listing),
		cmocka_unit_test(test_name_matches),
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_temp_file),
		cmocka_unit_test(test_temp_dir),
		cmocka_unit_test(test_aligned_memory),
		cmocka_unit_test(test_no_terminal),
		cmocka_unit_test(test_broken_pipe),
	};

	return cmocka_run_group_tests(tests, make_dir, remove_dir);
}

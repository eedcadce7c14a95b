/*
 * platform_posix.c: platform.h on POSIX systems (Linux, the BSDs, macOS).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/platform.h"
#include "util/util.h"

/* The kind of file of mode. */
static enum platform_kind
kind_of(mode_t mode)
{
	if (S_ISREG(mode))
		return PLATFORM_REGULAR;
	if (S_ISDIR(mode))
		return PLATFORM_DIRECTORY;
	if (S_ISLNK(mode))
		return PLATFORM_LINK;
	if (S_ISFIFO(mode))
		return PLATFORM_FIFO;
	if (S_ISSOCK(mode))
		return PLATFORM_SOCKET;
	if (S_ISCHR(mode))
		return PLATFORM_CHAR_DEVICE;
	if (S_ISBLK(mode))
		return PLATFORM_BLOCK_DEVICE;
	return PLATFORM_OTHER;
}

/* Fill st from sb; returns 0. */
static int
fill_stat(const struct stat *sb, struct platform_stat *st)
{
	st->kind = kind_of(sb->st_mode);
	st->size = (long long)sb->st_size;
	return 0;
}

int
platform_stat(const char *path, struct platform_stat *st)
{
	struct stat sb;

	return stat(path, &sb) != 0 ? -1 : fill_stat(&sb, st);
}

int
platform_lstat(const char *path, struct platform_stat *st)
{
	struct stat sb;

	return lstat(path, &sb) != 0 ? -1 : fill_stat(&sb, st);
}

int
platform_fstat(int fd, struct platform_stat *st)
{
	struct stat sb;

	return fstat(fd, &sb) != 0 ? -1 : fill_stat(&sb, st);
}

/* Give up on fd (closing it) with errno set to error; returns -1. */
static int
refuse(int fd, int error)
{
	close(fd);
	errno = error;
	return -1;
}

/*
 * Wait up to seconds for a FIFO's writer to write or go. False (errno set)
 * when none came.
 */
static bool
wait_for_writer(int fd, int seconds)
{
	struct pollfd pfd = { fd, POLLIN, 0 };
	int n;

	do
		n = poll(&pfd, 1, seconds * 1000);
	while (n < 0 && errno == EINTR);
	if (n == 0)
		errno = ETIMEDOUT;
	return n > 0;
}

int
platform_open(const char *path, struct platform_stat *st)
{
	int fd;

	/* Not blocking: opening a FIFO would wait for a writer forever. */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) < 0)
		return -1;
	if (platform_fstat(fd, st) != 0)
		return refuse(fd, errno);
	return fd;
}

int
platform_open_input(const char *path, int wait_seconds,
    struct platform_stat *st)
{
	int fd, flags;

	if ((fd = platform_open(path, st)) < 0)
		return -1;
	if (st->kind == PLATFORM_DIRECTORY)
		return refuse(fd, EISDIR);
	if (st->kind == PLATFORM_CHAR_DEVICE ||
	    st->kind == PLATFORM_BLOCK_DEVICE || st->kind == PLATFORM_SOCKET)
		return refuse(fd, ENODEV);
	if (st->kind == PLATFORM_FIFO && !wait_for_writer(fd, wait_seconds))
		return refuse(fd, errno);
	/* Reads block again from here. */
	if ((flags = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == -1)
		return refuse(fd, errno);
	return fd;
}

ptrdiff_t
platform_read(int fd, void *buf, size_t n)
{
	ssize_t got;

	do
		got = read(fd, buf, n);
	while (got < 0 && errno == EINTR);
	return (ptrdiff_t)got;
}

ptrdiff_t
platform_read_at(int fd, void *buf, size_t n, long long offset)
{
	ssize_t got;

	do
		got = pread(fd, buf, n, (off_t)offset);
	while (got < 0 && errno == EINTR);
	return (ptrdiff_t)got;
}

void
platform_close(int fd)
{
	close(fd);
}

int
platform_stdin(void)
{
	return STDIN_FILENO;
}

struct platform_dir {
	DIR *dir;
};

struct platform_dir *
platform_dir_open(const char *path)
{
	struct platform_dir *d;
	DIR *dir;

	if ((dir = opendir(path)) == NULL)
		return NULL;
	d = xmalloc(sizeof(*d));
	d->dir = dir;
	return d;
}

const char *
platform_dir_next(struct platform_dir *d)
{
	struct dirent *de;

	errno = 0;
	while ((de = readdir(d->dir)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			return de->d_name;
	return NULL;
}

void
platform_dir_close(struct platform_dir **dp)
{
	if (dp == NULL || *dp == NULL)
		return;
	closedir((*dp)->dir);
	free(*dp);
	*dp = NULL;
}

bool
platform_is_separator(char c)
{
	return c == '/';
}

const char *
platform_base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL && slash[1] != '\0' ? slash + 1 : path;
}

char *
platform_path_join(const char *dir, const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

bool
platform_name_matches(const char *pattern, const char *name)
{
	return fnmatch(pattern, name, 0) == 0;
}

void
platform_start(void)
{
	/*
	 * A closed standard input reads as empty; a closed standard output or
	 * error is opened for reading only, so that writing to it fails as it
	 * would have.
	 */
	for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		if (open("/dev/null", O_RDONLY) != fd)
			_exit(2);
	}
	/*
	 * A reader that goes away (ostdiag ... | head) ends the run quietly,
	 * even when the parent process ignored SIGPIPE.
	 */
	signal(SIGPIPE, SIG_DFL);
}

bool
platform_broken_pipe(int error)
{
	return error == EPIPE;
}

bool
platform_is_terminal(int fd)
{
	return isatty(fd) == 1;
}

int
platform_terminal_columns(int fd)
{
	struct winsize ws;

	if (isatty(fd) != 1 || ioctl(fd, TIOCGWINSZ, &ws) != 0)
		return 0;
	return ws.ws_col;
}

bool
platform_terminal_colour(int fd)
{
	return isatty(fd) == 1;
}

int
platform_processors(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > INT_MAX ? INT_MAX : (int)n;
}

const char *
platform_temp_dir(void)
{
	const char *dir = getenv("TMPDIR");

	return dir != NULL && *dir != '\0' ? dir : "/tmp";
}

FILE *
platform_temp_file(const char *dir)
{
	char *path = xasprintf("%s/ostdiag.XXXXXX", dir);
	int fd = mkstemp(path), saved;
	FILE *fp;

	if (fd == -1) {
		saved = errno;
		free(path);
		errno = saved;
		return NULL;
	}
	/* Unlinked at once: it goes away with its last descriptor. */
	(void)unlink(path);
	free(path);
	if (fd <= STDERR_FILENO) {
		int high = fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);

		saved = errno;
		(void)close(fd);
		if ((fd = high) == -1) {
			errno = saved;
			return NULL;
		}
	}
	if ((fp = fdopen(fd, "w+")) == NULL) {
		saved = errno;
		(void)close(fd);
		errno = saved;
	}
	return fp;
}

void *
platform_aligned_alloc(size_t align, size_t size)
{
	/* C11 asks for a size that is a multiple of the alignment. */
	size_t rounded = (size + align - 1) / align * align;

	if (rounded < size)
		return NULL;
	return aligned_alloc(align, rounded != 0 ? rounded : align);
}

void
platform_aligned_free(void *p)
{
	free(p);
}

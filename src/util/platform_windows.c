/*
 * platform_windows.c: platform.h on Windows (built with mingw-w64). Paths
 * arrive in UTF-8 (the program's manifest makes UTF-8 the process's code
 * page) and are handed to the system in UTF-16; descriptors are the C
 * runtime's, over the system's handles.
 */
#include <windows.h>

#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/platform.h"
#include "util/util.h"

#ifndef ENABLE_VIRTUAL_TERMINAL_PROCESSING
#define ENABLE_VIRTUAL_TERMINAL_PROCESSING 0x0004
#endif

/* Set errno for the system's error code error; returns -1. */
static int
fail_with(DWORD error)
{
	switch (error) {
	case ERROR_FILE_NOT_FOUND:
	case ERROR_PATH_NOT_FOUND:
	case ERROR_INVALID_NAME:
	case ERROR_INVALID_DRIVE:
	case ERROR_BAD_NETPATH:
	case ERROR_BAD_PATHNAME:
		errno = ENOENT;
		break;
	case ERROR_ACCESS_DENIED:
	case ERROR_SHARING_VIOLATION:
	case ERROR_LOCK_VIOLATION:
		errno = EACCES;
		break;
	case ERROR_NOT_ENOUGH_MEMORY:
	case ERROR_OUTOFMEMORY:
		errno = ENOMEM;
		break;
	case ERROR_DIRECTORY:
		errno = ENOTDIR;
		break;
	case ERROR_FILENAME_EXCED_RANGE:
		errno = ENAMETOOLONG;
		break;
	case ERROR_FILE_EXISTS:
	case ERROR_ALREADY_EXISTS:
		errno = EEXIST;
		break;
	case ERROR_TOO_MANY_OPEN_FILES:
		errno = EMFILE;
		break;
	case ERROR_BROKEN_PIPE:
	case ERROR_NO_DATA:
		errno = EPIPE;
		break;
	case ERROR_DISK_FULL:
	case ERROR_HANDLE_DISK_FULL:
		errno = ENOSPC;
		break;
	default:
		errno = EIO;
		break;
	}
	return -1;
}

/* path (UTF-8) in UTF-16, allocated; NULL with errno set if it is no UTF-8. */
static wchar_t *
wide(const char *path)
{
	int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, path, -1,
	    NULL, 0);
	wchar_t *w;

	if (n <= 0) {
		errno = ENOENT;
		return NULL;
	}
	w = xcalloc((size_t)n, sizeof(*w));
	if (MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, path, -1, w,
	    n) != n) {
		free(w);
		errno = ENOENT;
		return NULL;
	}
	return w;
}

/* w (UTF-16) in UTF-8, allocated; NULL when it cannot be said so. */
static char *
narrow(const wchar_t *w)
{
	int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
	char *s;

	if (n <= 0)
		return NULL;
	s = xmalloc((size_t)n);
	if (WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL) != n) {
		free(s);
		return NULL;
	}
	return s;
}

/* What the handle h is, into st: 0, or -1 with errno set. */
static int
handle_stat(HANDLE h, struct platform_stat *st)
{
	BY_HANDLE_FILE_INFORMATION info;

	st->size = 0;
	switch (GetFileType(h)) {
	case FILE_TYPE_CHAR:
		st->kind = PLATFORM_CHAR_DEVICE;
		return 0;
	case FILE_TYPE_PIPE:
		st->kind = PLATFORM_FIFO;
		return 0;
	case FILE_TYPE_DISK:
		break;
	default:
		if (GetLastError() != NO_ERROR)
			return fail_with(GetLastError());
		st->kind = PLATFORM_OTHER;
		return 0;
	}
	if (!GetFileInformationByHandle(h, &info))
		return fail_with(GetLastError());
	if (info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) {
		st->kind = PLATFORM_DIRECTORY;
		return 0;
	}
	st->kind = PLATFORM_REGULAR;
	st->size = (long long)(((uint64_t)info.nFileSizeHigh << 32) |
	    info.nFileSizeLow);
	return 0;
}

/*
 * A handle on path (directories too) with access, following a link at its
 * end unless flags says otherwise; INVALID_HANDLE_VALUE with errno set.
 */
static HANDLE
open_handle(const char *path, DWORD access, DWORD flags)
{
	wchar_t *w = wide(path);
	HANDLE h;

	if (w == NULL)
		return INVALID_HANDLE_VALUE;
	h = CreateFileW(w, access, FILE_SHARE_READ | FILE_SHARE_WRITE |
	    FILE_SHARE_DELETE, NULL, OPEN_EXISTING,
	    FILE_FLAG_BACKUP_SEMANTICS | flags, NULL);
	if (h == INVALID_HANDLE_VALUE)
		fail_with(GetLastError());
	free(w);
	return h;
}

int
platform_stat(const char *path, struct platform_stat *st)
{
	HANDLE h = open_handle(path, 0, 0);
	int rc;

	if (h == INVALID_HANDLE_VALUE)
		return -1;
	rc = handle_stat(h, st);
	CloseHandle(h);
	return rc;
}

/*
 * Is the reparse point at w a link (a symbolic link or a junction), not a
 * file the system keeps elsewhere (a cloud file, a deduplicated one)?
 */
static bool
is_link(const wchar_t *w)
{
	WIN32_FIND_DATAW found;
	HANDLE h = FindFirstFileW(w, &found);

	if (h == INVALID_HANDLE_VALUE)
		return false;
	FindClose(h);
	return found.dwReserved0 == IO_REPARSE_TAG_SYMLINK ||
	    found.dwReserved0 == IO_REPARSE_TAG_MOUNT_POINT;
}

int
platform_lstat(const char *path, struct platform_stat *st)
{
	wchar_t *w = wide(path);
	DWORD attributes;
	bool link;

	if (w == NULL)
		return -1;
	attributes = GetFileAttributesW(w);
	if (attributes == INVALID_FILE_ATTRIBUTES) {
		free(w);
		return fail_with(GetLastError());
	}
	link = (attributes & FILE_ATTRIBUTE_REPARSE_POINT) && is_link(w);
	free(w);
	if (link) {
		st->kind = PLATFORM_LINK;
		st->size = 0;
		return 0;
	}
	return platform_stat(path, st);
}

int
platform_fstat(int fd, struct platform_stat *st)
{
	HANDLE h = (HANDLE)_get_osfhandle(fd);

	if (h == INVALID_HANDLE_VALUE) {
		errno = EBADF;
		return -1;
	}
	return handle_stat(h, st);
}

/* Give up on fd (closing it) with errno set to error; returns -1. */
static int
refuse(int fd, int error)
{
	_close(fd);
	errno = error;
	return -1;
}

int
platform_open(const char *path, struct platform_stat *st)
{
	HANDLE h = open_handle(path, GENERIC_READ, 0);
	int fd;

	if (h == INVALID_HANDLE_VALUE)
		return -1;
	/* A handle, not _wopen: a directory opens too, as it does on POSIX. */
	if ((fd = _open_osfhandle((intptr_t)h, _O_RDONLY | _O_BINARY)) < 0) {
		CloseHandle(h);
		errno = EMFILE;
		return -1;
	}
	if (platform_fstat(fd, st) != 0)
		return refuse(fd, errno);
	return fd;
}

int
platform_open_input(const char *path, int wait_seconds,
    struct platform_stat *st)
{
	int fd;

	/* A named pipe's reads wait anyway: there is nothing to poll. */
	(void)wait_seconds;
	if ((fd = platform_open(path, st)) < 0)
		return -1;
	if (st->kind == PLATFORM_DIRECTORY)
		return refuse(fd, EISDIR);
	if (st->kind == PLATFORM_CHAR_DEVICE ||
	    st->kind == PLATFORM_BLOCK_DEVICE || st->kind == PLATFORM_SOCKET)
		return refuse(fd, ENODEV);
	return fd;
}

ptrdiff_t
platform_read(int fd, void *buf, size_t n)
{
	int got;

	if (n > INT_MAX)
		n = INT_MAX;
	do
		got = _read(fd, buf, (unsigned)n);
	while (got < 0 && errno == EINTR);
	/*
	 * A directory (standard input can be one) cannot be read, as on POSIX:
	 * the system says ERROR_INVALID_FUNCTION of a disk handle then.
	 */
	if (got < 0 && _doserrno == ERROR_INVALID_FUNCTION &&
	    GetFileType((HANDLE)_get_osfhandle(fd)) == FILE_TYPE_DISK)
		errno = EISDIR;
	return got;
}

ptrdiff_t
platform_read_at(int fd, void *buf, size_t n, long long offset)
{
	HANDLE h = (HANDLE)_get_osfhandle(fd);
	OVERLAPPED at = { 0 };
	LARGE_INTEGER zero = { 0 }, position;
	DWORD got;
	BOOL ok;

	if (h == INVALID_HANDLE_VALUE) {
		errno = EBADF;
		return -1;
	}
	if (n > INT_MAX)
		n = INT_MAX;
	/* A read at an offset moves the handle's position: it is put back. */
	if (!SetFilePointerEx(h, zero, &position, FILE_CURRENT))
		return fail_with(GetLastError());
	at.Offset = (DWORD)((uint64_t)offset & 0xffffffffu);
	at.OffsetHigh = (DWORD)((uint64_t)offset >> 32);
	ok = ReadFile(h, buf, (DWORD)n, &got, &at);
	if (!ok && GetLastError() != ERROR_HANDLE_EOF)
		return fail_with(GetLastError());
	if (!SetFilePointerEx(h, position, NULL, FILE_BEGIN))
		return fail_with(GetLastError());
	return ok ? (ptrdiff_t)got : 0;
}

void
platform_close(int fd)
{
	_close(fd);
}

int
platform_stdin(void)
{
	_setmode(0, _O_BINARY);
	return 0;
}

struct platform_dir {
	HANDLE find;
	WIN32_FIND_DATAW entry;
	bool pending;		/* entry is read and not yet handed out */
	char *name;		/* the last name handed out, in UTF-8 */
};

struct platform_dir *
platform_dir_open(const char *path)
{
	struct platform_dir *d;
	struct platform_stat st;
	char *pattern;
	wchar_t *w;
	DWORD error;

	/* FindFirstFile on a file lists the file: it is no directory. */
	if (platform_stat(path, &st) != 0)
		return NULL;
	if (st.kind != PLATFORM_DIRECTORY) {
		errno = ENOTDIR;
		return NULL;
	}
	pattern = platform_path_join(path, "*");
	w = wide(pattern);
	free(pattern);
	if (w == NULL)
		return NULL;
	d = xcalloc(1, sizeof(*d));
	d->find = FindFirstFileW(w, &d->entry);
	error = GetLastError();
	free(w);
	if (d->find == INVALID_HANDLE_VALUE && error != ERROR_FILE_NOT_FOUND) {
		free(d);
		fail_with(error);
		return NULL;
	}
	d->pending = d->find != INVALID_HANDLE_VALUE;
	return d;
}

const char *
platform_dir_next(struct platform_dir *d)
{
	errno = 0;
	for (;;) {
		if (!d->pending) {
			if (d->find == INVALID_HANDLE_VALUE ||
			    !FindNextFileW(d->find, &d->entry)) {
				if (d->find != INVALID_HANDLE_VALUE &&
				    GetLastError() != ERROR_NO_MORE_FILES)
					fail_with(GetLastError());
				return NULL;
			}
		}
		d->pending = false;
		if (wcscmp(d->entry.cFileName, L".") == 0 ||
		    wcscmp(d->entry.cFileName, L"..") == 0)
			continue;
		free(d->name);
		/* A name that is no UTF-16 cannot be said: it is left out. */
		if ((d->name = narrow(d->entry.cFileName)) != NULL)
			return d->name;
	}
}

void
platform_dir_close(struct platform_dir **dp)
{
	if (dp == NULL || *dp == NULL)
		return;
	if ((*dp)->find != INVALID_HANDLE_VALUE)
		FindClose((*dp)->find);
	free((*dp)->name);
	free(*dp);
	*dp = NULL;
}

bool
platform_is_separator(char c)
{
	return c == '/' || c == '\\';
}

const char *
platform_base_name(const char *path)
{
	const char *base = path;

	for (const char *p = path; *p != '\0'; p++)
		if (platform_is_separator(*p) && p[1] != '\0')
			base = p + 1;
	return base;
}

char *
platform_path_join(const char *dir, const char *name)
{
	bool backslash = strchr(dir, '\\') != NULL && strchr(dir, '/') == NULL;

	return xasprintf("%s%c%s", dir, backslash ? '\\' : '/', name);
}

/* The ASCII letter c in lower case; any other byte as it is. */
static unsigned char
fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/*
 * Does the bracket expression at *pattern (after its '[') take c? *pattern is
 * moved past its ']'; false with *pattern left alone when it has none.
 */
static bool
bracket_takes(const char **pattern, unsigned char c, bool *closed)
{
	const unsigned char *p = (const unsigned char *)*pattern;
	bool negated = *p == '!' || *p == '^', taken = false;

	if (negated)
		p++;
	for (bool first = true; *p != '\0' && (*p != ']' || first);
	    first = false) {
		unsigned char lo = fold(*p++), hi = lo;

		if (*p == '-' && p[1] != ']' && p[1] != '\0') {
			hi = fold(p[1]);
			p += 2;
		}
		if (fold(c) >= lo && fold(c) <= hi)
			taken = true;
	}
	*closed = *p == ']';
	if (*closed)
		*pattern = (const char *)p + 1;
	return taken != negated;
}

/*
 * The shell's matching (*, ?, [...], '\' is a path separator, not a quote),
 * ASCII letters matching either case as Windows' names do.
 */
bool
platform_name_matches(const char *pattern, const char *name)
{
	const char *star = NULL, *resume = NULL;

	while (*name != '\0') {
		const char *p = pattern;
		bool closed = false, taken;

		if (*p == '*') {
			star = ++pattern;
			resume = name;
			continue;
		}
		if (*p == '[') {
			p++;
			taken = bracket_takes(&p, (unsigned char)*name, &closed);
			if (!closed)	/* an unclosed '[' is a '[' */
				taken = *name == '[', p = pattern + 1;
		} else {
			taken = *p != '\0' && (*p == '?' ||
			    fold((unsigned char)*p) == fold((unsigned char)*name));
			p += *p != '\0';
		}
		if (taken) {
			pattern = p;
			name++;
		} else if (star != NULL) {
			pattern = star;
			name = ++resume;
		} else
			return false;
	}
	while (*pattern == '*')
		pattern++;
	return *pattern == '\0';
}

/* The console's code page before platform_start, 0 when there is none. */
static UINT console_code_page;

/* Give the console its code page back. */
static void
restore_console(void)
{
	SetConsoleOutputCP(console_code_page);
}

void
platform_start(void)
{
	/*
	 * A closed standard input reads as empty; a closed standard output or
	 * error is opened for reading only, so that writing to it fails as it
	 * would have.
	 */
	for (int fd = 0; fd <= 2; fd++) {
		intptr_t h = _get_osfhandle(fd);
		int nul;

		/* -2: the C runtime's mark of a standard handle there is none of. */
		if (h != -1 && h != -2)
			continue;
		if ((nul = _open("NUL", _O_RDONLY | _O_BINARY)) < 0)
			_exit(2);
		if (nul != fd && (_dup2(nul, fd) != 0 || _close(nul) != 0))
			_exit(2);
	}
	/* Bytes in and out unchanged: no CR added, no ^Z taken for the end. */
	for (int fd = 0; fd <= 2; fd++)
		_setmode(fd, _O_BINARY);
	/*
	 * A console shows what is written as UTF-8; its code page is the
	 * console's, shared with the shell, and put back at the end.
	 */
	if ((console_code_page = GetConsoleOutputCP()) != 0 &&
	    console_code_page != CP_UTF8 && SetConsoleOutputCP(CP_UTF8))
		atexit(restore_console);
	/* No dialog box when something fails: the error is the caller's. */
	SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX);
}

/*
 * A write to a pipe whose reader has gone fails with EPIPE, or with EINVAL
 * from the C runtime, which knows no other name for the system's
 * ERROR_NO_DATA.
 */
bool
platform_broken_pipe(int error)
{
	return error == EPIPE || error == EINVAL;
}

/* The console handle of fd, or NULL when fd is no console. */
static HANDLE
console_of(int fd)
{
	HANDLE h = (HANDLE)_get_osfhandle(fd);
	DWORD mode;

	if (h == INVALID_HANDLE_VALUE || GetFileType(h) != FILE_TYPE_CHAR ||
	    !GetConsoleMode(h, &mode))
		return NULL;
	return h;
}

bool
platform_is_terminal(int fd)
{
	/* _isatty says yes to NUL and to every other character device. */
	return console_of(fd) != NULL;
}

int
platform_terminal_columns(int fd)
{
	HANDLE h = console_of(fd);
	CONSOLE_SCREEN_BUFFER_INFO info;

	if (h == NULL || !GetConsoleScreenBufferInfo(h, &info))
		return 0;
	return info.srWindow.Right - info.srWindow.Left + 1;
}

bool
platform_terminal_colour(int fd)
{
	HANDLE h = console_of(fd);
	DWORD mode;

	return h != NULL && GetConsoleMode(h, &mode) &&
	    ((mode & ENABLE_VIRTUAL_TERMINAL_PROCESSING) ||
	    SetConsoleMode(h, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING));
}

int
platform_processors(void)
{
	SYSTEM_INFO info;

	GetSystemInfo(&info);
	return info.dwNumberOfProcessors < 1 ? 1 :
	    info.dwNumberOfProcessors > INT_MAX ? INT_MAX :
	    (int)info.dwNumberOfProcessors;
}

const char *
platform_temp_dir(void)
{
	static char *system_dir;
	const char *dir = getenv("TMPDIR");
	wchar_t w[MAX_PATH + 1];
	DWORD n;

	if (dir != NULL && *dir != '\0')
		return dir;
	if (system_dir != NULL)
		return system_dir;
	n = GetTempPathW(MAX_PATH + 1, w);
	if (n == 0 || n > MAX_PATH)
		return ".";
	/* Without the separator it ends with, as TMPDIR is given. */
	if (n > 1 && (w[n - 1] == L'\\' || w[n - 1] == L'/') &&
	    w[n - 2] != L':')
		w[n - 1] = L'\0';
	if ((system_dir = narrow(w)) == NULL)
		return ".";
	return system_dir;
}

FILE *
platform_temp_file(const char *dir)
{
	static volatile LONG serial;
	HANDLE h = INVALID_HANDLE_VALUE;
	int fd, saved;
	FILE *fp;

	for (int tries = 0; tries < 100 && h == INVALID_HANDLE_VALUE; tries++) {
		char *path = xasprintf("%s/ostdiag.%lu.%ld.%lu.tmp", dir,
		    (unsigned long)GetCurrentProcessId(),
		    (long)InterlockedIncrement(&serial),
		    (unsigned long)GetTickCount());
		wchar_t *w = wide(path);

		free(path);
		if (w == NULL)
			return NULL;
		/* Deleted by the system when its last handle closes. */
		h = CreateFileW(w, GENERIC_READ | GENERIC_WRITE,
		    FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
		    NULL, CREATE_NEW, FILE_ATTRIBUTE_TEMPORARY |
		    FILE_FLAG_DELETE_ON_CLOSE, NULL);
		free(w);
		if (h == INVALID_HANDLE_VALUE &&
		    GetLastError() != ERROR_FILE_EXISTS) {
			fail_with(GetLastError());
			return NULL;
		}
	}
	if (h == INVALID_HANDLE_VALUE) {
		errno = EEXIST;
		return NULL;
	}
	if ((fd = _open_osfhandle((intptr_t)h, _O_RDWR | _O_BINARY)) < 0) {
		CloseHandle(h);
		errno = EMFILE;
		return NULL;
	}
	/* Never a standard descriptor, which a closed one would free. */
	if (fd <= 2) {
		int low[3], nlow = 0;

		while (fd >= 0 && fd <= 2 && nlow < 3) {
			low[nlow++] = fd;
			fd = _dup(fd);
		}
		saved = errno;
		while (nlow > 0)
			_close(low[--nlow]);
		if (fd < 0 || fd <= 2) {
			if (fd >= 0)
				_close(fd);
			errno = fd < 0 ? saved : EMFILE;
			return NULL;
		}
	}
	if ((fp = _fdopen(fd, "w+b")) == NULL) {
		saved = errno;
		_close(fd);
		errno = saved;
	}
	return fp;
}

void *
platform_aligned_alloc(size_t align, size_t size)
{
	/* The C runtime's own padding would wrap around near SIZE_MAX. */
	if (size > SIZE_MAX / 2) {
		errno = ENOMEM;
		return NULL;
	}
	return _aligned_malloc(size != 0 ? size : align, align);
}

void
platform_aligned_free(void *p)
{
	_aligned_free(p);
}

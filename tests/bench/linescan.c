/*
 * linescan.c: the least work a program that looks at every line of a file can
 * do, for ostdiag's benchmark to show beside the analysis. It reads the file in
 * blocks of 1 MiB and finds each line's end with memchr, one call a line, as a
 * line-by-line reader must; it looks at nothing else. With -j N, N threads each
 * take an equal share of the file's bytes.
 *
 *   linescan [-j N] FILE
 *
 * Prints the number of line ends (newlines) in FILE.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BLOCK (1024 * 1024)
#define MAX_THREADS 64

struct share {
	int fd;
	off_t from, to;		/* the bytes [from, to) of the file */
	unsigned long lines;
	int error;		/* errno of a failed read, or 0 */
};

static void *
scan(void *arg)
{
	struct share *s = arg;
	char *buf = malloc(BLOCK);
	off_t at = s->from;

	if (buf == NULL) {
		s->error = ENOMEM;
		return NULL;
	}
	while (at < s->to) {
		size_t want = s->to - at < BLOCK ? (size_t)(s->to - at) : BLOCK;
		ssize_t n = pread(s->fd, buf, want, at);
		const char *p = buf, *end, *nl;

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			s->error = n < 0 ? errno : EIO;
			break;
		}
		end = buf + n;
		while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
			s->lines++;
			p = nl + 1;
		}
		at += n;
	}
	free(buf);
	return NULL;
}

int
main(int argc, char **argv)
{
	struct share shares[MAX_THREADS];
	pthread_t threads[MAX_THREADS];
	unsigned long lines = 0;
	struct stat st;
	int nthreads = 1, opt, fd, i;

	while ((opt = getopt(argc, argv, "j:")) != -1) {
		if (opt != 'j')
			return 2;
		nthreads = atoi(optarg);
		if (nthreads < 1 || nthreads > MAX_THREADS)
			errx(2, "-j takes 1 to %d", MAX_THREADS);
	}
	if (optind != argc - 1)
		errx(2, "usage: linescan [-j N] FILE");
	if ((fd = open(argv[optind], O_RDONLY)) < 0 || fstat(fd, &st) != 0)
		err(1, "%s", argv[optind]);
	for (i = 0; i < nthreads; i++) {
		shares[i] = (struct share){ .fd = fd,
		    .from = st.st_size / nthreads * i,
		    .to = i == nthreads - 1 ? st.st_size :
			st.st_size / nthreads * (i + 1) };
		if (pthread_create(&threads[i], NULL, scan, &shares[i]) != 0)
			errx(1, "cannot start a thread");
	}
	for (i = 0; i < nthreads; i++) {
		pthread_join(threads[i], NULL);
		if (shares[i].error != 0)
			errx(1, "%s: %s", argv[optind], strerror(shares[i].error));
		lines += shares[i].lines;
	}
	printf("%lu\n", lines);
	return 0;
}

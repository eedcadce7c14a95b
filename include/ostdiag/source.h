/*
 * ostdiag/source.h: where the library reads an input's bytes from. A source is
 * a read function with its state: over a file descriptor, over a buffer in
 * memory, or over another source it decodes (ostd_utf8_source in
 * ostdiag/encoding.h). Every read goes straight into the caller's buffer, so
 * an input of any size is read in the memory of that buffer.
 *
 * A source is a plain struct the caller owns (on its stack, or inside another
 * struct); ostd_source_close frees only what the source itself allocated,
 * never the descriptor or the buffer it reads.
 */
#ifndef OSTDIAG_SOURCE_H
#define OSTDIAG_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

struct ostd_source {
	/*
	 * Up to n > 0 bytes into buf: how many were read, 0 at the end of the
	 * input, -1 on a read error with errno set.
	 */
	ptrdiff_t (*read)(struct ostd_source *src, void *buf, size_t n);
	/* Free what the source holds (may be NULL). */
	void (*close)(struct ostd_source *src);
	void *state;		/* the read function's */
	int fd;			/* the descriptor read, or -1 */
	/*
	 * Whether the bytes come from a regular file, whose reads never wait
	 * for a writer: 1 yes, 0 no, -1 not known (found from fd on demand).
	 */
	int regular;
	const unsigned char *mem;	/* a buffer source's bytes */
	size_t mem_len, mem_pos;
	bool eof;		/* the end was met: no more reads */
	int error;		/* errno of the first failed read, 0: none */
};

/* A source that reads the descriptor fd (which stays the caller's). */
void ostd_source_fd(struct ostd_source *src, int fd);

/* A source that reads buf[0..len) (which must outlive it). */
void ostd_source_buffer(struct ostd_source *src, const void *buf, size_t len);

/*
 * Read up to n bytes into buf, as many as one read of the underlying input
 * gives: fewer than n do not mean the end. Returns how many; 0 at the end or
 * after an error (then src->error holds its errno). Once the end was met, no
 * more reads are tried: a terminal or a pipe is not asked twice.
 */
size_t ostd_source_read(struct ostd_source *src, void *buf, size_t n);

/* The same, reading on until n bytes, the end or an error. */
size_t ostd_source_read_full(struct ostd_source *src, void *buf, size_t n);

/* Free what src holds; src may be NULL. The source is left at its end. */
void ostd_source_close(struct ostd_source *src);

#endif

/*
 * cfb.h: a read-only reader of Compound File Binary files (MS-CFB), the container
 * of Outlook .msg files, over a buffer the caller holds in memory for as long as
 * the reader lives. Internal to libostdiag.
 *
 * Every function that can fail returns -1 and sets *err to an allocated message
 * that says what is wrong with the file ("truncated: sector 40 beyond end of
 * file"); the caller frees it. Nothing is read outside the buffer, however the
 * file lies about its sizes, chains or directory.
 */
#ifndef OSTD_CFB_H
#define OSTD_CFB_H

#include <stddef.h>
#include <stdint.h>

/* Largest file the reader accepts, and so the largest stream it returns. */
#define CFB_MAX_FILE	((size_t)64 << 20)

/* The root storage is always directory entry 0. */
#define CFB_ROOT	0u

enum cfb_type {
	CFB_UNUSED = 0,
	CFB_STORAGE = 1,
	CFB_STREAM = 2,
	CFB_ROOT_STORAGE = 5
};

/* One directory entry, its name converted to UTF-8. */
struct cfb_entry {
	uint32_t id;
	enum cfb_type type;
	char name[32 * 3 + 1];
	uint32_t left, right, child;	/* 0xFFFFFFFF: none */
	uint32_t start;			/* first sector (or mini sector) */
	uint64_t size;			/* stream size in bytes */
};

struct cfb;

/* Check the header and load the FAT, directory, mini FAT and mini stream. */
int cfb_open(const unsigned char *buf, size_t len, struct cfb **out,
    char **err);
void cfb_free(struct cfb **c);

/* The number of directory entries, and one of them by id (-1: no such id). */
uint32_t cfb_entries(const struct cfb *c);
int cfb_entry(const struct cfb *c, uint32_t id, struct cfb_entry *out);

/*
 * Call fn for every child of a storage (its red-black tree, in order). fn returns
 * 0 to go on, anything else to stop, which cfb_children then returns. A tree that
 * points outside the directory or reaches an entry twice is an error (-1).
 */
int cfb_children(const struct cfb *c, uint32_t storage,
    int (*fn)(const struct cfb_entry *e, void *ctx), void *ctx, char **err);

/*
 * Find a child of a storage by name, ASCII letters compared without case: 0 and
 * *id set when found, 1 when absent, -1 on a broken directory.
 */
int cfb_find(const struct cfb *c, uint32_t storage, const char *name,
    uint32_t *id, char **err);

/*
 * Read a whole stream into a new buffer (*data, *len; one NUL byte follows the
 * data, not counted). A stream longer than max is an error.
 */
int cfb_read(const struct cfb *c, uint32_t id, size_t max,
    unsigned char **data, size_t *len, char **err);

/* cfb_find then cfb_read: 0 read, 1 no such stream, -1 error. */
int cfb_read_named(const struct cfb *c, uint32_t storage, const char *name,
    size_t max, unsigned char **data, size_t *len, char **err);

#endif

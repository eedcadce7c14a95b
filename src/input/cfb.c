/*
 * cfb.c: reading Compound File Binary files (MS-CFB) from memory. The header
 * gives the sector size and where the FAT sectors are (its own DIFAT array, then
 * a chain of DIFAT sectors); the FAT chains the directory and every large stream;
 * the mini FAT chains 64-byte mini sectors inside the mini stream, which holds the
 * streams shorter than the cutoff. Everything the reader keeps is copied out of
 * the buffer once, with every sector number and size checked against the file.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input/cfb.h"
#include "util/bytes.h"
#include "util/util.h"

#define MAXREGSECT	0xFFFFFFFAu
#define DIFSECT		0xFFFFFFFCu
#define FATSECT		0xFFFFFFFDu
#define ENDOFCHAIN	0xFFFFFFFEu
#define FREESECT	0xFFFFFFFFu
#define NOSTREAM	0xFFFFFFFFu

#define HEADER_SIZE	512
#define DIRENT_SIZE	128
#define MINI_SHIFT	6
#define MINI_SIZE	(1u << MINI_SHIFT)
#define MINI_CUTOFF	4096
#define HEADER_DIFAT	109

static const unsigned char signature[8] = {
	0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1
};

struct cfb {
	const unsigned char *buf;
	size_t len;
	int v3;			/* 512-byte sectors: stream sizes are 32 bits */
	uint32_t ssz;		/* sector size */
	uint32_t nsect;		/* sectors that start inside the file */
	uint32_t *fat;
	uint32_t nfat;		/* FAT entries */
	unsigned char *dir;	/* the directory's sectors, in chain order */
	uint32_t ndir;		/* directory entries */
	uint32_t *minifat;
	uint32_t nminifat;	/* mini FAT entries */
	unsigned char *mini;	/* the mini stream */
	size_t minilen;
};

/* What a special FAT value means, for messages. */
static const char *
special_name(uint32_t v)
{
	switch (v) {
	case DIFSECT:
		return "a DIFAT sector";
	case FATSECT:
		return "a FAT sector";
	case FREESECT:
		return "a free sector";
	default:
		return "a reserved value";
	}
}

/* A bitmap of n bits, all clear. */
static unsigned char *
bitmap_new(uint32_t n)
{
	return xcalloc((size_t)n / 8 + 1, 1);
}

/* Set bit i; return whether it was already set. */
static int
bitmap_test_set(unsigned char *map, uint32_t i)
{
	unsigned char bit = (unsigned char)(1u << (i % 8));
	int was = (map[i / 8] & bit) != 0;

	map[i / 8] |= bit;
	return was;
}

/*
 * Follow a chain through tab (ntab entries) from start, collecting sectors into
 * *out. limit is the number of sectors that exist. With want > 0, stop after want
 * sectors (and fail if the chain is shorter); with want == 0, follow it to its end.
 * mini selects the wording of messages. A sector reached twice is a loop.
 */
static int
chain_follow(const uint32_t *tab, uint32_t ntab, uint32_t limit, uint32_t start,
    uint32_t want, const char *what, int mini, uint32_t **out, uint32_t *nout,
    char **err)
{
	const char *unit = mini ? "mini sector" : "sector";
	unsigned char *seen;
	uint32_t *list = NULL, n = 0, s = start;
	size_t cap = 0;

	*out = NULL;
	*nout = 0;
	if (s == ENDOFCHAIN && want == 0)
		return 0;
	seen = bitmap_new(limit);
	for (;;) {
		if (s == ENDOFCHAIN) {
			if (want == 0)
				break;
			*err = xasprintf("%s: %s chain ends after %u %ss, %u "
			    "needed", what, unit, n, unit, want);
			goto fail;
		}
		if (s > MAXREGSECT) {
			*err = xasprintf("%s: %s chain reaches %s (0x%08X) after "
			    "%u %ss", what, unit, special_name(s), s, n, unit);
			goto fail;
		}
		if (s >= limit) {
			if (mini)
				*err = xasprintf("%s: mini sector %u beyond the "
				    "end of the mini stream", what, s);
			else
				*err = xasprintf("%s: truncated: sector %u beyond "
				    "end of file", what, s);
			goto fail;
		}
		if (s >= ntab) {
			*err = xasprintf("%s: %s %u has no entry in the %s", what,
			    unit, s, mini ? "mini FAT" : "FAT");
			goto fail;
		}
		if (bitmap_test_set(seen, s)) {
			*err = xasprintf("%s: %s chain loops at %s %u", what, unit,
			    unit, s);
			goto fail;
		}
		grow_array((void **)&list, &cap, (size_t)n + 1, sizeof(*list));
		list[n++] = s;
		if (want != 0 && n == want)
			break;
		s = tab[s];
	}
	free(seen);
	*out = list;
	*nout = n;
	return 0;
fail:
	free(seen);
	free(list);
	return -1;
}

/*
 * Copy size bytes from the listed sectors of the file into dst, the last sector
 * only as far as needed.
 */
static int
copy_sectors(const struct cfb *c, const uint32_t *list, uint32_t n, size_t size,
    unsigned char *dst, const char *what, char **err)
{
	size_t done = 0;

	for (uint32_t i = 0; i < n && done < size; i++) {
		size_t off = ((size_t)list[i] + 1) * c->ssz;
		size_t take = size - done < c->ssz ? size - done : c->ssz;

		if (off > c->len || c->len - off < take) {
			*err = xasprintf("%s: truncated: sector %u beyond end of "
			    "file", what, list[i]);
			return -1;
		}
		memcpy(dst + done, c->buf + off, take);
		done += take;
	}
	return 0;
}

/* Check the fixed fields of the header. */
static int
check_header(struct cfb *c, char **err)
{
	const unsigned char *h = c->buf;
	uint32_t shift;

	if (c->len < 8 || memcmp(h, signature, sizeof(signature)) != 0) {
		*err = xstrdup("not a compound file (no D0 CF 11 E0 A1 B1 1A E1 "
		    "signature)");
		return -1;
	}
	if (c->len < HEADER_SIZE) {
		*err = xasprintf("truncated: %zu bytes, the header alone is %d",
		    c->len, HEADER_SIZE);
		return -1;
	}
	if (c->len > CFB_MAX_FILE) {
		*err = xasprintf("file of %zu bytes over the limit of %zu",
		    c->len, CFB_MAX_FILE);
		return -1;
	}
	if (le16(h + 28) != 0xFFFE) {
		*err = xasprintf("byte order mark 0x%04X, expected 0xFFFE",
		    le16(h + 28));
		return -1;
	}
	shift = le16(h + 30);
	if (shift != 9 && shift != 12) {
		*err = xasprintf("sector shift %u, expected 9 or 12", shift);
		return -1;
	}
	if (le16(h + 32) != MINI_SHIFT) {
		*err = xasprintf("mini sector shift %u, expected %d",
		    le16(h + 32), MINI_SHIFT);
		return -1;
	}
	if (le32(h + 56) != MINI_CUTOFF) {
		*err = xasprintf("mini stream cutoff %u, expected %d",
		    le32(h + 56), MINI_CUTOFF);
		return -1;
	}
	c->ssz = 1u << shift;
	c->v3 = shift == 9;
	c->nsect = c->len > c->ssz ?
	    (uint32_t)((c->len - c->ssz + c->ssz - 1) / c->ssz) : 0;
	return 0;
}

/* Collect the FAT's sector numbers from the header and the DIFAT chain. */
static int
load_difat(const struct cfb *c, uint32_t nfatsect, uint32_t *fatsect,
    char **err)
{
	const unsigned char *h = c->buf;
	uint32_t per = c->ssz / 4 - 1, got = 0, dif;
	unsigned char *seen;

	for (uint32_t i = 0; i < HEADER_DIFAT && got < nfatsect; i++)
		fatsect[got++] = le32(h + 76 + 4 * i);
	if (got == nfatsect)
		return 0;
	seen = bitmap_new(c->nsect);
	dif = le32(h + 68);
	while (got < nfatsect) {
		size_t off;

		if (dif > MAXREGSECT) {
			*err = xasprintf("DIFAT: chain ends after %u of %u FAT "
			    "sectors", got, nfatsect);
			goto fail;
		}
		if (dif >= c->nsect) {
			*err = xasprintf("DIFAT: truncated: sector %u beyond end "
			    "of file", dif);
			goto fail;
		}
		if (bitmap_test_set(seen, dif)) {
			*err = xasprintf("DIFAT: sector chain loops at sector %u",
			    dif);
			goto fail;
		}
		off = ((size_t)dif + 1) * c->ssz;
		if (c->len - off < c->ssz) {
			*err = xasprintf("DIFAT: truncated: sector %u beyond end "
			    "of file", dif);
			goto fail;
		}
		for (uint32_t i = 0; i < per && got < nfatsect; i++)
			fatsect[got++] = le32(c->buf + off + 4 * i);
		dif = le32(c->buf + off + 4 * per);
	}
	free(seen);
	return 0;
fail:
	free(seen);
	return -1;
}

/* Load the whole FAT. */
static int
load_fat(struct cfb *c, char **err)
{
	uint32_t nfatsect = le32(c->buf + 44), per = c->ssz / 4;
	uint32_t *fatsect;

	if (nfatsect == 0) {
		*err = xstrdup("header lists no FAT sectors");
		return -1;
	}
	if (nfatsect > c->nsect) {
		*err = xasprintf("header claims %u FAT sectors, the file has %u "
		    "sectors", nfatsect, c->nsect);
		return -1;
	}
	fatsect = xreallocarray(NULL, nfatsect, sizeof(*fatsect));
	if (load_difat(c, nfatsect, fatsect, err) == -1) {
		free(fatsect);
		return -1;
	}
	c->nfat = nfatsect * per;
	c->fat = xreallocarray(NULL, c->nfat, sizeof(*c->fat));
	for (uint32_t i = 0; i < nfatsect; i++) {
		uint32_t s = fatsect[i];
		size_t off = ((size_t)s + 1) * c->ssz;

		if (s > MAXREGSECT) {
			*err = xasprintf("DIFAT: FAT sector %u of %u is listed as "
			    "%s (0x%08X)", i, nfatsect, special_name(s), s);
			free(fatsect);
			return -1;
		}
		if (s >= c->nsect || c->len - off < c->ssz) {
			*err = xasprintf("FAT: truncated: sector %u beyond end of "
			    "file", s);
			free(fatsect);
			return -1;
		}
		for (uint32_t j = 0; j < per; j++)
			c->fat[i * per + j] = le32(c->buf + off + 4 * j);
	}
	free(fatsect);
	return 0;
}

/* Load the directory's sectors and check the root entry. */
static int
load_directory(struct cfb *c, char **err)
{
	uint32_t *list, n;
	size_t size;

	if (chain_follow(c->fat, c->nfat, c->nsect, le32(c->buf + 48), 0,
	    "directory", 0, &list, &n, err) == -1)
		return -1;
	if (n == 0) {
		*err = xstrdup("directory: empty sector chain");
		return -1;
	}
	size = (size_t)n * c->ssz;
	c->dir = xmalloc(size);
	if (copy_sectors(c, list, n, size, c->dir, "directory", err) == -1) {
		free(list);
		return -1;
	}
	free(list);
	c->ndir = (uint32_t)(size / DIRENT_SIZE);
	if (c->dir[66] != CFB_ROOT_STORAGE) {
		*err = xasprintf("directory entry 0 has type %u, not the root "
		    "storage", c->dir[66]);
		return -1;
	}
	return 0;
}

/* The size of a stream entry; version 3 files use only the low 32 bits. */
static uint64_t
entry_size(const struct cfb *c, const unsigned char *e)
{
	uint64_t lo = le32(e + 120), hi = le32(e + 124);

	return c->v3 ? lo : lo | hi << 32;
}

/* Load the mini FAT and the mini stream (the root entry's stream). */
static int
load_mini(struct cfb *c, char **err)
{
	uint32_t *list, n;
	uint64_t size = entry_size(c, c->dir);
	uint32_t start = le32(c->dir + 116);

	if (chain_follow(c->fat, c->nfat, c->nsect, le32(c->buf + 60), 0,
	    "mini FAT", 0, &list, &n, err) == -1)
		return -1;
	if (n > 0) {
		c->nminifat = n * (c->ssz / 4);
		c->minifat = xreallocarray(NULL, c->nminifat, sizeof(uint32_t));
		for (uint32_t i = 0; i < n; i++) {
			size_t off = ((size_t)list[i] + 1) * c->ssz;

			if (c->len - off < c->ssz) {
				*err = xasprintf("mini FAT: truncated: sector %u "
				    "beyond end of file", list[i]);
				free(list);
				return -1;
			}
			for (uint32_t j = 0; j < c->ssz / 4; j++)
				c->minifat[i * (c->ssz / 4) + j] =
				    le32(c->buf + off + 4 * j);
		}
	}
	free(list);
	if (size == 0)
		return 0;
	if (size > (uint64_t)c->nsect * c->ssz) {
		*err = xasprintf("mini stream claims %llu bytes, more than the "
		    "file holds", (unsigned long long)size);
		return -1;
	}
	if (chain_follow(c->fat, c->nfat, c->nsect, start,
	    (uint32_t)((size + c->ssz - 1) / c->ssz), "mini stream", 0, &list,
	    &n, err) == -1)
		return -1;
	c->minilen = (size_t)size;
	c->mini = xmalloc(c->minilen);
	if (copy_sectors(c, list, n, c->minilen, c->mini, "mini stream",
	    err) == -1) {
		free(list);
		return -1;
	}
	free(list);
	return 0;
}

int
cfb_open(const unsigned char *buf, size_t len, struct cfb **out, char **err)
{
	struct cfb *c = xcalloc(1, sizeof(*c));

	*out = NULL;
	*err = NULL;
	c->buf = buf;
	c->len = len;
	if (check_header(c, err) == -1 || load_fat(c, err) == -1 ||
	    load_directory(c, err) == -1 || load_mini(c, err) == -1) {
		cfb_free(&c);
		return -1;
	}
	*out = c;
	return 0;
}

void
cfb_free(struct cfb **cp)
{
	struct cfb *c;

	if (cp == NULL || (c = *cp) == NULL)
		return;
	free(c->fat);
	free(c->dir);
	free(c->minifat);
	free(c->mini);
	free(c);
	*cp = NULL;
}

uint32_t
cfb_entries(const struct cfb *c)
{
	return c->ndir;
}

/* Append code point cp to dst as UTF-8 (at most 4 bytes). */
static size_t
put_utf8(char *dst, uint32_t cp)
{
	if (cp < 0x80) {
		dst[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		dst[0] = (char)(0xC0 | cp >> 6);
		dst[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		dst[0] = (char)(0xE0 | cp >> 12);
		dst[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		dst[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	dst[0] = (char)(0xF0 | cp >> 18);
	dst[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	dst[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	dst[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Decode an entry's UTF-16LE name (at most 31 units before the NUL). */
static void
entry_name(const unsigned char *e, char *dst, size_t size)
{
	uint32_t units = le16(e + 64) / 2, n = 0;
	size_t o = 0;

	if (units > 32)
		units = 32;
	while (n < units) {
		uint32_t u = le16(e + 2 * n), cp = u;

		n++;
		if (u == 0)
			break;
		if (u >= 0xD800 && u < 0xDC00 && n < units) {
			uint32_t lo = le16(e + 2 * n);

			if (lo >= 0xDC00 && lo < 0xE000) {
				cp = 0x10000 + ((u - 0xD800) << 10) +
				    (lo - 0xDC00);
				n++;
			} else
				cp = 0xFFFD;
		} else if (u >= 0xD800 && u < 0xE000)
			cp = 0xFFFD;
		if (o + 4 >= size)
			break;
		o += put_utf8(dst + o, cp);
	}
	dst[o] = '\0';
}

int
cfb_entry(const struct cfb *c, uint32_t id, struct cfb_entry *out)
{
	const unsigned char *e;

	if (id >= c->ndir)
		return -1;
	e = c->dir + (size_t)id * DIRENT_SIZE;
	memset(out, 0, sizeof(*out));
	out->id = id;
	out->type = (enum cfb_type)e[66];
	entry_name(e, out->name, sizeof(out->name));
	out->left = le32(e + 68);
	out->right = le32(e + 72);
	out->child = le32(e + 76);
	out->start = le32(e + 116);
	out->size = entry_size(c, e);
	return 0;
}

int
cfb_children(const struct cfb *c, uint32_t storage,
    int (*fn)(const struct cfb_entry *e, void *ctx), void *ctx, char **err)
{
	struct cfb_entry e;
	unsigned char *seen;
	uint32_t *stack, sp = 0, cur;
	int rc = 0;

	*err = NULL;
	if (cfb_entry(c, storage, &e) == -1 || (e.type != CFB_STORAGE &&
	    e.type != CFB_ROOT_STORAGE)) {
		*err = xasprintf("directory entry %u is not a storage", storage);
		return -1;
	}
	seen = bitmap_new(c->ndir);
	stack = xreallocarray(NULL, c->ndir, sizeof(*stack));
	bitmap_test_set(seen, storage);
	cur = e.child;
	/* In-order walk; each entry is pushed once at most, so sp < ndir. */
	while (cur != NOSTREAM || sp > 0) {
		while (cur != NOSTREAM) {
			if (cur >= c->ndir) {
				*err = xasprintf("directory: entry %u out of "
				    "range (%u entries)", cur, c->ndir);
				goto fail;
			}
			if (bitmap_test_set(seen, cur)) {
				*err = xasprintf("directory: tree loops at entry "
				    "%u", cur);
				goto fail;
			}
			stack[sp++] = cur;
			cur = le32(c->dir + (size_t)cur * DIRENT_SIZE + 68);
		}
		cfb_entry(c, stack[--sp], &e);
		if (e.type == CFB_UNUSED || e.type == CFB_ROOT_STORAGE ||
		    (e.type != CFB_STORAGE && e.type != CFB_STREAM)) {
			*err = xasprintf("directory: entry %u in the tree has "
			    "type %u", e.id, (unsigned)e.type);
			goto fail;
		}
		if ((rc = fn(&e, ctx)) != 0)
			break;
		cur = e.right;
	}
	free(seen);
	free(stack);
	return rc;
fail:
	free(seen);
	free(stack);
	return -1;
}

struct find_ctx {
	const char *name;
	size_t len;
	uint32_t id;
};

/* cfb_children callback: stop at the entry named ctx->name. */
static int
find_cb(const struct cfb_entry *e, void *arg)
{
	struct find_ctx *f = arg;

	if (strlen(e->name) != f->len || !ascii_strncaseeq(e->name, f->name,
	    f->len))
		return 0;
	f->id = e->id;
	return 1;
}

int
cfb_find(const struct cfb *c, uint32_t storage, const char *name, uint32_t *id,
    char **err)
{
	struct find_ctx f = { name, strlen(name), NOSTREAM };
	int rc = cfb_children(c, storage, find_cb, &f, err);

	if (rc == -1)
		return -1;
	if (rc == 0)
		return 1;
	*id = f.id;
	return 0;
}

/* Read a stream that lives in the mini stream. */
static int
read_mini(const struct cfb *c, const struct cfb_entry *e, unsigned char *dst,
    char **err)
{
	uint32_t *list, n, limit;
	size_t size = (size_t)e->size, done = 0;

	limit = (uint32_t)((c->minilen + MINI_SIZE - 1) / MINI_SIZE);
	if (chain_follow(c->minifat, c->nminifat, limit, e->start,
	    (uint32_t)((size + MINI_SIZE - 1) / MINI_SIZE), e->name, 1, &list,
	    &n, err) == -1)
		return -1;
	for (uint32_t i = 0; i < n && done < size; i++) {
		size_t off = (size_t)list[i] * MINI_SIZE;
		size_t take = size - done < MINI_SIZE ? size - done : MINI_SIZE;

		if (off > c->minilen || c->minilen - off < take) {
			*err = xasprintf("%s: mini sector %u beyond the end of "
			    "the mini stream", e->name, list[i]);
			free(list);
			return -1;
		}
		memcpy(dst + done, c->mini + off, take);
		done += take;
	}
	free(list);
	return 0;
}

int
cfb_read(const struct cfb *c, uint32_t id, size_t max, unsigned char **data,
    size_t *len, char **err)
{
	struct cfb_entry e;
	unsigned char *buf;
	uint32_t *list, n;
	int rc;

	*data = NULL;
	*len = 0;
	*err = NULL;
	if (cfb_entry(c, id, &e) == -1 || e.type != CFB_STREAM) {
		*err = xasprintf("directory entry %u is not a stream", id);
		return -1;
	}
	if (e.size > max) {
		*err = xasprintf("%s: stream of %llu bytes over the limit of %zu",
		    e.name, (unsigned long long)e.size, max);
		return -1;
	}
	if (e.size < MINI_CUTOFF ? e.size > c->minilen :
	    e.size > (uint64_t)c->nsect * c->ssz) {
		*err = xasprintf("%s: stream claims %llu bytes, more than the "
		    "file holds", e.name, (unsigned long long)e.size);
		return -1;
	}
	buf = xmalloc((size_t)e.size + 1);
	if (e.size == 0)
		rc = 0;
	else if (e.size < MINI_CUTOFF)
		rc = read_mini(c, &e, buf, err);
	else if ((rc = chain_follow(c->fat, c->nfat, c->nsect, e.start,
	    (uint32_t)((e.size + c->ssz - 1) / c->ssz), e.name, 0, &list, &n,
	    err)) == 0) {
		rc = copy_sectors(c, list, n, (size_t)e.size, buf, e.name, err);
		free(list);
	}
	if (rc == -1) {
		free(buf);
		return -1;
	}
	buf[e.size] = '\0';
	*data = buf;
	*len = (size_t)e.size;
	return 0;
}

int
cfb_read_named(const struct cfb *c, uint32_t storage, const char *name,
    size_t max, unsigned char **data, size_t *len, char **err)
{
	uint32_t id;
	int rc;

	*data = NULL;
	*len = 0;
	if ((rc = cfb_find(c, storage, name, &id, err)) != 0)
		return rc;
	return cfb_read(c, id, max, data, len, err);
}

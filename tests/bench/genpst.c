/*
 * genpst.c: writes a Unicode Outlook data file (.pst, [MS-PST]) that holds
 * synchronization logs, for the benchmark and the tests of the .pst reader.
 *
 *   genpst [-f folder] [-p per] [-m mails] [-s size] [-l every] LOGS OUT
 *
 * The file has a message store, a root folder and a top folder with Deleted
 * Items and Sync Issues (named folder, default "Sync Issues", found by the
 * entry ids the top folder's PR_ADDITIONAL_REN_ENTRYIDS gives, as Outlook's
 * are), which holds Conflicts, Local Failures (one item each) and Server
 * Failures. LOGS messages titled "Synchronization Log:" are delivered an hour
 * apart from 2026-01-05 08:00 UTC: at most per (default 250) in Sync Issues,
 * the rest in subfolders of it, "Older 1", "Older 2", ... Each log is one
 * session; every third has the same Organization Forms error
 * (8004010F-501-0-521), every seventh a message error in Calendar. Bodies are
 * plain text, but every tenth log's is compressed RTF (LZFu, from position 4),
 * uncompressed RTF (MELA, 9) or HTML only (7).
 *
 * With -l every, one log in every so many is long, its body in the form its
 * place gives: its session downloads into a thousand folders (about 100 KB
 * of text). With -m, an Inbox below the top folder and its subfolders "Mail
 * 1", "Mail 2", ... hold as many ordinary messages, 80 a folder, listed with
 * their subjects in their folder's contents table as Outlook lists them, each
 * with a plain-text body of size bytes (default 65,536), which fill the file
 * as a mailbox's mail does; the one halfway forwards a log ("FW:
 * Synchronization Log:").
 *
 * A folder of logs holds at most 250 messages. A property too large for the
 * node's heap is a subnode of it, one data block of at most 8,176 bytes or a
 * tree of them (up to 8 MB). Blocks and B-tree pages carry their signatures
 * and CRCs; the allocation maps are left to be rebuilt (fAMapValid 0), as
 * readers other than Outlook do not use them. The file is written as it is
 * built: only its B-trees' entries are kept in memory.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PAGE		512
#define BLOCK_MAX	8176
#define ALLOC_MAX	3580
#define DATA_START	0x4800		/* past the header and the first maps */
#define PER_FOLDER_MAX	250
#define MAIL_PER_FOLDER	80	/* so that the table's subjects fit its heap */
#define TABLE_ROWS_MAX	390	/* rows of a table without subjects */
#define XBLOCK_MAX	1021	/* block ids in one data tree block */
#define SUBNODES_MAX	8	/* large properties of one node */
#define LONG_FOLDERS	1000	/* folders a long log's session downloads */

/* Node ids of the store's fixed nodes and the types of the others. */
#define NID_MESSAGE_STORE	0x21
#define NID_NAME_TO_ID_MAP	0x61
#define NID_ROOT_FOLDER		0x122
#define NID_TYPE_FOLDER		0x02
#define NID_TYPE_MESSAGE	0x04
#define NID_TYPE_HIERARCHY	0x0D
#define NID_TYPE_CONTENTS	0x0E
#define NID_TYPE_FAI		0x0F
#define NID_TYPE_LTP		0x1F

/* Property types. */
#define PT_LONG		0x0003
#define PT_BOOLEAN	0x000B
#define PT_UNICODE	0x001F
#define PT_SYSTIME	0x0040
#define PT_BINARY	0x0102
#define PT_MV_BINARY	0x1102

/* 2026-01-05 08:00:00 UTC, in seconds since 1970. */
#define FIRST_LOG	1767600000LL

static const unsigned char store_uid[16] = {
	0x53, 0x66, 0xe7, 0xdd, 0x90, 0x0f, 0xb7, 0x4d,
	0xb6, 0xe1, 0x30, 0xce, 0xdf, 0x3b, 0xc0, 0x77,
};

/* {00062008-0000-0000-C000-000000000046}, and a property of it. */
static const unsigned char psetid_common[16] = {
	0x08, 0x20, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00,
	0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46,
};
static const unsigned char named_entry[8] = {
	0x01, 0x85, 0x00, 0x00,	/* dispid 0x8501 */
	0x06, 0x00,		/* numeric, the first GUID of the stream */
	0x00, 0x00,		/* property 0x8000 */
};
static const unsigned char named_strings[8];

static void
die(const char *what)
{
	fprintf(stderr, "genpst: %s\n", what);
	exit(2);
}

static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n)) == NULL)
		die("out of memory");
	return p;
}

/* A growing byte buffer. */
struct buf {
	unsigned char *p;
	size_t len, cap;
};

static void
put(struct buf *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 4096;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

static void
le16(unsigned char *p, uint16_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void
le32(unsigned char *p, uint32_t v)
{
	le16(p, (uint16_t)v);
	le16(p + 2, (uint16_t)(v >> 16));
}

static void
le64(unsigned char *p, uint64_t v)
{
	le32(p, (uint32_t)v);
	le32(p + 4, (uint32_t)(v >> 32));
}

/* The CRC [MS-PST] uses: table 0xEDB88320, initial 0, no final inversion. */
static uint32_t
crc32(const unsigned char *p, size_t n)
{
	static uint32_t table[256];
	uint32_t crc = 0;

	if (table[1] == 0)
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i;

			for (int k = 0; k < 8; k++)
				c = c & 1 ? c >> 1 ^ 0xEDB88320u : c >> 1;
			table[i] = c;
		}
	for (size_t i = 0; i < n; i++)
		crc = table[(crc ^ p[i]) & 0xFF] ^ crc >> 8;
	return crc;
}

/* The signature of a block or page at ib with id bid. */
static uint16_t
signature(uint64_t ib, uint64_t bid)
{
	ib ^= bid;
	return (uint16_t)(ib >> 16 ^ ib);
}

/* The file being written, and its node and block B-trees' leaf entries. */
struct pst {
	FILE *out;
	uint64_t len;		/* bytes written */
	struct buf nbt;		/* 32-byte NBTENTRYs, by node id */
	struct buf bbt;		/* 24-byte BBTENTRYs, by block id */
	uint64_t next_bid;
};

/* Append p[0..n) to the file. */
static void
emit(struct pst *o, const void *p, size_t n)
{
	if (n > 0 && fwrite(p, 1, n, o->out) != n)
		die("cannot write the file");
	o->len += n;
}

static void
emit_zero(struct pst *o, size_t n)
{
	static const unsigned char zero[PAGE];

	while (n > 0) {
		size_t k = n < sizeof(zero) ? n : sizeof(zero);

		emit(o, zero, k);
		n -= k;
	}
}

/*
 * Write data[0..n) as a block, internal (a data tree's or subnodes' block)
 * or not; its block id.
 */
static uint64_t
write_block_of(struct pst *o, const unsigned char *data, size_t n,
    int internal)
{
	unsigned char trailer[16], entry[24];
	size_t size = (n + 16 + 63) / 64 * 64;
	uint64_t bid = o->next_bid | (internal ? 2 : 0), ib = o->len;

	if (n > BLOCK_MAX)
		die("a node is larger than one block");
	o->next_bid += 4;
	emit(o, data, n);
	emit_zero(o, size - n - 16);
	le16(trailer, (uint16_t)n);
	le16(trailer + 2, signature(ib, bid));
	le32(trailer + 4, crc32(data, n));
	le64(trailer + 8, bid);
	emit(o, trailer, 16);
	memset(entry, 0, sizeof(entry));
	le64(entry, bid);
	le64(entry + 8, ib);
	le16(entry + 16, (uint16_t)n);
	le16(entry + 18, 2);	/* references: the node and the tree */
	put(&o->bbt, entry, sizeof(entry));
	return bid;
}

static uint64_t
write_block(struct pst *o, const unsigned char *data, size_t n)
{
	return write_block_of(o, data, n, 0);
}

/* Write data[0..n) as one block or a tree of them; the block id to it. */
static uint64_t
write_data(struct pst *o, const unsigned char *data, size_t n)
{
	unsigned char x[8 + 8 * XBLOCK_MAX];
	size_t k = 0;

	if (n <= BLOCK_MAX)
		return write_block(o, data, n);
	if ((n + BLOCK_MAX - 1) / BLOCK_MAX > XBLOCK_MAX)
		die("a property is larger than one data tree");
	for (size_t at = 0; at < n; at += BLOCK_MAX, k++) {
		size_t len = n - at < BLOCK_MAX ? n - at : BLOCK_MAX;

		le64(x + 8 + 8 * k, write_block(o, data + at, len));
	}
	x[0] = 0x01;		/* XBLOCK */
	x[1] = 1;		/* one level */
	le16(x + 2, (uint16_t)k);
	le32(x + 4, (uint32_t)n);
	return write_block_of(o, x, 8 + 8 * k, 1);
}

/* A node's subnodes being built: SLENTRYs, by node id. */
struct subnodes {
	unsigned char e[SUBNODES_MAX * 24];
	int n;
};

/* Add data[0..n) as a subnode; its node id. */
static uint32_t
add_subnode(struct pst *o, struct subnodes *sub, const void *data, size_t n)
{
	uint32_t nid = (uint32_t)(0x100 + sub->n) << 5 | NID_TYPE_LTP;

	if (sub->n == SUBNODES_MAX)
		die("too many large properties");
	memset(sub->e + 24 * sub->n, 0, 24);
	le32(sub->e + 24 * sub->n, nid);
	le64(sub->e + 24 * sub->n + 8, write_data(o, data, n));
	sub->n++;
	return nid;
}

/* Write the subnodes' SLBLOCK; its block id, 0 when there are none. */
static uint64_t
write_subnodes(struct pst *o, const struct subnodes *sub)
{
	unsigned char b[8 + sizeof(sub->e)];

	if (sub->n == 0)
		return 0;
	memset(b, 0, 8);
	b[0] = 0x02;		/* SLBLOCK */
	b[1] = 0;
	le16(b + 2, (uint16_t)sub->n);
	memcpy(b + 8, sub->e, 24 * (size_t)sub->n);
	return write_block_of(o, b, 8 + 24 * (size_t)sub->n, 1);
}

/*
 * Add node nid (child of parent) whose data is data[0..n) and whose
 * subnodes' block is sub_bid (0: none).
 */
static void
add_node_with(struct pst *o, uint32_t nid, uint32_t parent,
    const unsigned char *data, size_t n, uint64_t sub_bid)
{
	unsigned char entry[32];

	memset(entry, 0, sizeof(entry));
	le32(entry, nid);
	le64(entry + 8, write_block(o, data, n));
	le64(entry + 16, sub_bid);
	le32(entry + 24, parent);
	put(&o->nbt, entry, sizeof(entry));
}

static void
add_node(struct pst *o, uint32_t nid, uint32_t parent,
    const unsigned char *data, size_t n)
{
	add_node_with(o, nid, parent, data, n, 0);
}

/* A heap-on-node being built: allocations after a 12-byte header. */
struct heap {
	unsigned char d[BLOCK_MAX];
	size_t len;
	uint16_t start[256];
	int n;
};

static void
heap_init(struct heap *h)
{
	memset(h, 0, sizeof(*h));
	h->len = 12;
}

/* Allocate a copy of p[0..n); its heap id. */
static uint32_t
heap_alloc(struct heap *h, const void *p, size_t n)
{
	if (n > ALLOC_MAX || h->len + n + 600 > BLOCK_MAX || h->n == 255)
		die("a node's heap is full");
	h->start[h->n++] = (uint16_t)h->len;
	memcpy(h->d + h->len, p, n);
	h->len += n;
	return (uint32_t)h->n << 5;
}

/* End the heap with its page map; its length in h->d. */
static size_t
heap_finish(struct heap *h, unsigned char client, uint32_t root)
{
	size_t end = h->len, map = end + (end & 1);

	h->d[end] = 0;
	le16(h->d + map, (uint16_t)h->n);
	le16(h->d + map + 2, 0);
	for (int i = 0; i < h->n; i++)
		le16(h->d + map + 4 + 2 * i, h->start[i]);
	le16(h->d + map + 4 + 2 * h->n, (uint16_t)end);
	h->len = map + 4 + 2 * (h->n + 1);
	le16(h->d, (uint16_t)map);
	h->d[2] = 0xEC;
	h->d[3] = client;
	le32(h->d + 4, root);
	le32(h->d + 8, 0);
	return h->len;
}

/* A B-tree-on-heap of records[0..n) of cbKey key and cbEnt data bytes. */
static uint32_t
heap_bth(struct heap *h, const void *records, size_t n, int key, int ent)
{
	unsigned char hdr[8];
	uint32_t root = n > 0 ? heap_alloc(h, records, n * (size_t)(key +
	    ent)) : 0;

	hdr[0] = 0xB5;
	hdr[1] = (unsigned char)key;
	hdr[2] = (unsigned char)ent;
	hdr[3] = 0;
	le32(hdr + 4, root);
	return heap_alloc(h, hdr, sizeof(hdr));
}

/* A property of a property context. */
struct prop {
	uint16_t id, type;
	const void *value;
	size_t len;
	uint32_t inline_value;
};

static int
by_prop_id(const void *x, const void *y)
{
	const struct prop *a = x, *b = y;

	return a->id - b->id;
}

/*
 * Add the property context of props[0..n) as node nid, child of parent; a
 * value too large for the heap is a subnode.
 */
static void
add_pc(struct pst *o, uint32_t nid, uint32_t parent, struct prop *props,
    size_t n)
{
	static struct heap h;
	struct subnodes sub;
	unsigned char rec[64 * 8];

	if (n > 64)
		die("too many properties");
	qsort(props, n, sizeof(*props), by_prop_id);
	heap_init(&h);
	sub.n = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t v = props[i].inline_value;

		if (props[i].value != NULL && props[i].len > ALLOC_MAX)
			v = add_subnode(o, &sub, props[i].value, props[i].len);
		else if (props[i].value != NULL)
			v = heap_alloc(&h, props[i].value, props[i].len);
		le16(rec + 8 * i, props[i].id);
		le16(rec + 8 * i + 2, props[i].type);
		le32(rec + 8 * i + 4, v);
	}
	add_node_with(o, nid, parent, h.d, heap_finish(&h, 0xBC,
	    heap_bth(&h, rec, n, 2, 6)), write_subnodes(o, &sub));
}

static size_t utf16(const char *, unsigned char *, size_t);

/*
 * Add a table context listing the nodes rows[0..n) as node nid; with
 * subjects (UTF-8, n of them) also their subjects, as Outlook's contents
 * tables list them.
 */
static void
add_tc(struct pst *o, uint32_t nid, const uint32_t *rows, size_t n,
    char *const *subjects)
{
	static struct heap h;
	static unsigned char matrix[TABLE_ROWS_MAX * 13],
	    index[TABLE_ROWS_MAX * 8];
	unsigned char info[22 + 3 * 8], *col = info + 22, text[512];
	uint32_t hid_rows = 0, hid_index;
	size_t size = subjects != NULL ? 13 : 9;

	if (n > TABLE_ROWS_MAX || (subjects != NULL && n > MAIL_PER_FOLDER))
		die("too many rows");
	heap_init(&h);
	/*
	 * Rows: PidTagLtpRowId, PidTagLtpRowVer, the subject's heap id, the
	 * cell-existence bits.
	 */
	for (size_t i = 0; i < n; i++) {
		le32(matrix + size * i, rows[i]);
		le32(matrix + size * i + 4, 1);
		if (subjects != NULL)
			le32(matrix + size * i + 8, heap_alloc(&h, text,
			    utf16(subjects[i], text, sizeof(text))));
		matrix[size * i + size - 1] = subjects != NULL ? 0xE0 : 0xC0;
	}
	if (n > 0)
		hid_rows = heap_alloc(&h, matrix, size * n);
	/* The row index: row id to row number, by row id. */
	for (size_t i = 0; i < n; i++) {
		size_t at = 0;

		for (size_t k = 0; k < n; k++)
			at += rows[k] < rows[i];
		le32(index + 8 * at, rows[i]);
		le32(index + 8 * at + 4, (uint32_t)i);
	}
	hid_index = heap_bth(&h, index, n, 4, 4);
	memset(info, 0, sizeof(info));
	info[0] = 0x7C;
	info[1] = subjects != NULL ? 3 : 2;	/* columns */
	le16(info + 2, (uint16_t)(size - 1));	/* end of the 4- and 8-byte */
	le16(info + 4, (uint16_t)(size - 1));	/* of the 2-byte ones */
	le16(info + 6, (uint16_t)(size - 1));	/* of the 1-byte ones */
	le16(info + 8, (uint16_t)size);		/* of the cell-existence bits */
	le32(info + 10, hid_index);
	le32(info + 14, hid_rows);
	le32(info + 18, 0);
	/* The columns, by property tag. */
	if (subjects != NULL) {
		le32(col, 0x0037u << 16 | PT_UNICODE);
		le16(col + 4, 8);
		col[6] = 4;
		col[7] = 2;
		col += 8;
	}
	le32(col, 0x67F2u << 16 | PT_LONG);
	le16(col + 4, 0);
	col[6] = 4;
	col[7] = 0;
	le32(col + 8, 0x67F3u << 16 | PT_LONG);
	le16(col + 12, 4);
	col[14] = 4;
	col[15] = 1;
	add_node(o, nid, 0, h.d, heap_finish(&h, 0x7C,
	    heap_alloc(&h, info, (size_t)(col + 16 - info))));
}

/* s (ASCII or Latin-1 in UTF-8 two-byte form) as UTF-16LE into out. */
static size_t
utf16(const char *s, unsigned char *out, size_t size)
{
	size_t n = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p != '\0' &&
	    n + 2 <= size; p++) {
		unsigned c = *p;

		if ((c & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80) {
			c = (c & 0x1F) << 6 | (p[1] & 0x3F);
			p++;
		}
		le16(out + n, (uint16_t)c);
		n += 2;
	}
	return n;
}

/* A folder of the file. */
struct folder {
	uint32_t nid, parent;
	char name[64];
	uint32_t *msgs, *subs;
	char **subjects;	/* of msgs, for the contents table; or NULL */
	size_t nmsgs, nsubs;
};

/* The node id of the next folder or message. */
static uint32_t
folder_nid(int k)
{
	return (uint32_t)(0x401 + k) << 5 | NID_TYPE_FOLDER;
}

static uint32_t
message_nid(size_t k)
{
	return (uint32_t)(0x10001 + k) << 5 | NID_TYPE_MESSAGE;
}

/* A folder's entry id, as the message store and folders give them. */
static void
entry_id(unsigned char id[24], uint32_t nid)
{
	memset(id, 0, 24);
	memcpy(id + 4, store_uid, 16);
	le32(id + 20, nid);
}

static void
add_folder_nodes(struct pst *o, const struct folder *f,
    const unsigned char *special, size_t special_len)
{
	unsigned char name[128];
	struct prop p[6];
	size_t n = 0;

	p[n++] = (struct prop){ 0x3001, PT_UNICODE, name, utf16(f->name, name,
	    sizeof(name)), 0 };
	p[n++] = (struct prop){ 0x3602, PT_LONG, NULL, 0,
	    (uint32_t)f->nmsgs };
	p[n++] = (struct prop){ 0x3603, PT_LONG, NULL, 0, 0 };
	p[n++] = (struct prop){ 0x360A, PT_BOOLEAN, NULL, 0, f->nsubs > 0 };
	p[n++] = (struct prop){ 0x3613, PT_UNICODE, "I\0P\0F\0.\0N\0o\0t\0e\0",
	    16, 0 };
	if (special != NULL)
		p[n++] = (struct prop){ 0x36D8, PT_MV_BINARY, special,
		    special_len, 0 };
	add_pc(o, f->nid, f->parent, p, n);
	add_tc(o, (f->nid & ~0x1Fu) | NID_TYPE_HIERARCHY, f->subs, f->nsubs,
	    NULL);
	add_tc(o, (f->nid & ~0x1Fu) | NID_TYPE_CONTENTS, f->msgs, f->nmsgs,
	    f->subjects);
	add_tc(o, (f->nid & ~0x1Fu) | NID_TYPE_FAI, NULL, 0, NULL);
}

/* A time of day of log i, s seconds after its start. */
static void
clock_of(long long t, int s, char out[16])
{
	time_t tt = (time_t)(t + s);
	struct tm tm;

	gmtime_r(&tt, &tm);
	snprintf(out, 16, "%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/*
 * The text of log i, which starts at t (UTC, read as the local time); a long
 * one downloads into LONG_FOLDERS folders more. out has room for a long one.
 */
static size_t
log_text(size_t i, long long t, int is_long, char *out, size_t size)
{
	char c[16];
	size_t n = 0;

#define LINE(s, ...) do { clock_of(t, s, c); \
	n += (size_t)snprintf(out + n, size - n, "%s " __VA_ARGS__); } while (0)
	LINE(0, "Synchronizer Version 16.0.17928\n", c);
	LINE(0, "Synchronizing Mailbox 'Test User'\n", c);
	LINE(1, "Synchronizing Hierarchy\n", c);
	LINE(1, "Done\n", c);
	if (i % 3 == 0) {
		LINE(2, "Synchronizing Organization Forms\n", c);
		LINE(3, "Error synchronizing folder\n", c);
		LINE(3, "\t [8004010F-501-0-521]\n", c);
		LINE(3, "\t The client operation failed.\n", c);
		LINE(3, "\t Microsoft Exchange Server Information Store\n", c);
	}
	if (i % 7 == 0) {
		LINE(4, "Synchronizing local changes in folder 'Calendar'\n", c);
		LINE(4, "Error synchronizing message 'Review %zu'\n", c, i);
		LINE(4, "\t [8004010F-501-8004010F-320]\n", c);
		LINE(4, "\t The client operation failed.\n", c);
	}
	LINE(5, "Synchronizing server changes in folder 'Inbox'\n", c);
	LINE(6, "\t %zu item(s) added to offline folder\n", c, i % 5 + 1);
	for (int k = 1; is_long && k <= LONG_FOLDERS; k++) {
		LINE(6, "Synchronizing server changes in folder 'Project %d'\n",
		    c, k);
		LINE(6, "\t %d item(s) added to offline folder\n", c,
		    k % 9 + 1);
	}
	LINE(6, "Done\n", c);
#undef LINE
	return n;
}

/* The text as RTF, one \par a line. */
static size_t
rtf_of(const char *text, char *out, size_t size)
{
	size_t n = (size_t)snprintf(out, size, "{\\rtf1\\ansi\\ansicpg1252"
	    "\\deff0{\\fonttbl{\\f0\\fswiss Tahoma;}}\\pard\\f0\\fs16 ");

	for (const char *p = text; *p != '\0' && n + 8 < size; p++) {
		if (*p == '\n')
			n += (size_t)snprintf(out + n, size - n, "\\par\r\n");
		else if (*p == '\t')
			n += (size_t)snprintf(out + n, size - n, "\\tab ");
		else if (*p == '\\' || *p == '{' || *p == '}')
			n += (size_t)snprintf(out + n, size - n, "\\%c", *p);
		else
			out[n++] = *p;
	}
	n += (size_t)snprintf(out + n, size - n, "}");
	return n;
}

/*
 * The stored form of RTF rtf[0..n): "MELA" (as it is) or "LZFu" compressed
 * with literals only, which any reader must expand.
 */
static size_t
stored_rtf(const char *rtf, size_t n, int compress, unsigned char *out)
{
	size_t o = 16, i = 0;
	unsigned pos = 207 + (unsigned)n;	/* the dictionary's write position */

	if (!compress) {
		memcpy(out + 16, rtf, n);
		le32(out, (uint32_t)n + 12);
		le32(out + 4, (uint32_t)n);
		memcpy(out + 8, "MELA", 4);
		le32(out + 12, 0);
		return n + 16;
	}
	for (;;) {
		size_t k = n - i < 8 ? n - i : 8;

		out[o++] = (unsigned char)(k < 8 ? 1u << k : 0);
		memcpy(out + o, rtf + i, k);
		o += k;
		i += k;
		if (k < 8) {
			out[o++] = (unsigned char)((pos % 4096) >> 4);
			out[o++] = (unsigned char)((pos % 4096) << 4);
			break;
		}
	}
	le32(out, (uint32_t)(o - 16 + 12));
	le32(out + 4, (uint32_t)n);
	memcpy(out + 8, "LZFu", 4);
	le32(out + 12, crc32(out + 16, o - 16));
	return o;
}

/* Add message nid (in folder parent) with subject, delivery and body. */
static void
add_message(struct pst *o, uint32_t nid, uint32_t parent, const char *subject,
    long long when, const char *text, int form)
{
	static unsigned char subj[512], ft[8];
	size_t room = 8 * strlen(text) + 4096, n = 0, len;
	unsigned char *body = xrealloc(NULL, room), *rtf_stored = xrealloc(NULL,
	    2 * room);
	char *rtf = xrealloc(NULL, room), *html = xrealloc(NULL, room);
	struct prop p[8];
	char marked[256];

	snprintf(marked, sizeof(marked), "\x01\x01%s", subject);
	p[n++] = (struct prop){ 0x001A, PT_UNICODE, "I\0P\0M\0.\0N\0o\0t\0e\0",
	    16, 0 };
	p[n++] = (struct prop){ 0x0037, PT_UNICODE, subj, utf16(marked, subj,
	    sizeof(subj)), 0 };
	le64(ft, (uint64_t)(when + 11644473600LL) * 10000000u);
	p[n++] = (struct prop){ 0x0E06, PT_SYSTIME, ft, 8, 0 };
	p[n++] = (struct prop){ 0x0E07, PT_LONG, NULL, 0, 1 };
	switch (form) {
	case 'l':	/* LZFu */
	case 'm':	/* MELA */
		len = rtf_of(text, rtf, room);
		p[n++] = (struct prop){ 0x1009, PT_BINARY, rtf_stored,
		    stored_rtf(rtf, len, form == 'l', rtf_stored), 0 };
		break;
	case 'h':
		len = (size_t)snprintf(html, room, "<html><body><pre>"
		    "%s</pre></body></html>", text);
		p[n++] = (struct prop){ 0x1013, PT_BINARY, html, len, 0 };
		break;
	default:
		p[n++] = (struct prop){ 0x1000, PT_UNICODE, body, utf16(text,
		    body, room), 0 };
		break;
	}
	add_pc(o, nid, parent, p, n);
	free(body);
	free(rtf_stored);
	free(rtf);
	free(html);
}

/* The little-endian 64-bit value at p. */
static uint64_t
rd64(const unsigned char *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* B-tree entries by their key, the first 8 bytes. */
static int
by_key(const void *x, const void *y)
{
	uint64_t a = rd64(x), b = rd64(y);

	return a < b ? -1 : a > b;
}

/*
 * Write the B-tree of leaf entries ents[0..n) of size each as pages of type
 * ptype; *root_bid and the returned offset are its root page's.
 */
static uint64_t
write_btree(struct pst *o, unsigned char ptype, unsigned char *ents, size_t n,
    size_t size, uint64_t *root_bid)
{
	unsigned char page[PAGE], *level = ents, *up = NULL;
	size_t count = n, esize = size;
	int depth = 0;

	qsort(ents, n, size, by_key);
	for (;;) {
		size_t per = 488 / esize, pages = count == 0 ? 1 :
		    (count + per - 1) / per, nup = 0;

		up = xrealloc(NULL, pages * 24);
		for (size_t pg = 0; pg < pages; pg++) {
			size_t first = pg * per, k = count - first < per ?
			    count - first : per;
			uint64_t bid = o->next_bid, ib;

			o->next_bid += 4;
			emit_zero(o, (PAGE - o->len % PAGE) % PAGE);
			ib = o->len;
			memset(page, 0, sizeof(page));
			if (count > 0)
				memcpy(page, level + first * esize, k * esize);
			page[488] = (unsigned char)k;
			page[489] = (unsigned char)per;
			page[490] = (unsigned char)esize;
			page[491] = (unsigned char)depth;
			page[496] = ptype;
			page[497] = ptype;
			le16(page + 498, signature(ib, bid));
			le32(page + 500, crc32(page, 496));
			le64(page + 504, bid);
			emit(o, page, sizeof(page));
			/* The entry one level up: first key, then the page. */
			if (count > 0)
				memcpy(up + 24 * nup, level + first * esize, 8);
			else
				memset(up + 24 * nup, 0, 8);
			le64(up + 24 * nup + 8, bid);
			le64(up + 24 * nup + 16, ib);
			nup++;
		}
		if (level != ents)
			free(level);
		if (nup == 1) {
			uint64_t ib;

			*root_bid = rd64(up + 8);
			ib = rd64(up + 16);
			free(up);
			return ib;
		}
		level = up;
		count = nup;
		esize = 24;
		depth++;
	}
}

static void
write_header(struct pst *o, uint64_t nbt_bid, uint64_t nbt_ib,
    uint64_t bbt_bid, uint64_t bbt_ib)
{
	unsigned char h[564];

	memset(h, 0, sizeof(h));
	memcpy(h, "!BDN", 4);
	memcpy(h + 8, "SM", 2);
	le16(h + 10, 23);		/* Unicode */
	le16(h + 12, 19);
	h[14] = 1;
	h[15] = 1;
	le64(h + 32, o->next_bid);	/* next page id */
	le32(h + 40, 1);
	for (int i = 0; i < 32; i++)
		le32(h + 44 + 4 * i, 0x20000);
	le64(h + 184, o->len);		/* end of file */
	le64(h + 192, 0x4400);		/* last allocation map */
	le64(h + 216, nbt_bid);
	le64(h + 224, nbt_ib);
	le64(h + 232, bbt_bid);
	le64(h + 240, bbt_ib);
	h[248] = 0;			/* maps to be rebuilt */
	memset(h + 256, 0xFF, 128);	/* no free-map pages */
	memset(h + 384, 0xFF, 128);
	h[512] = 0x80;
	h[513] = 0;			/* not encoded */
	le64(h + 516, o->next_bid);	/* next block id */
	le32(h + 4, crc32(h + 8, 471));
	le32(h + 524, crc32(h + 8, 516));
	if (fseeko(o->out, 0, SEEK_SET) != 0 ||
	    fwrite(h, 1, sizeof(h), o->out) != sizeof(h))
		die("cannot write the file's header");
}

/* The body of an ordinary message: size bytes as UTF-16, a NUL-ended text. */
static char *
mail_text(size_t size)
{
	static const char words[] = "Please find the figures for this week "
	    "below; the meeting notes follow in the next message.\n";
	size_t n = size / 2;
	char *t = xrealloc(NULL, n + 1);

	for (size_t k = 0; k < n; k++)
		t[k] = words[k % (sizeof(words) - 1)];
	t[n] = '\0';
	return t;
}

static size_t
number(const char *s)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);

	if (end == s || *end != '\0')
		die("usage: genpst [-f folder] [-p per] [-m mails] [-s size] "
		    "[-l every] LOGS OUT");
	return (size_t)v;
}

int
main(int argc, char **argv)
{
	static char text[LONG_FOLDERS * 128 + 2048];
	const char *sync_name = "Sync Issues";
	size_t logs, per = PER_FOLDER_MAX, nfolders, mails = 0, older,
	    mail_size = 65536, long_every = 0, inbox, nmailfolders;
	struct folder *f;
	struct pst o;
	unsigned char name[128], uid_id[24], top_id[24], del_id[24];
	unsigned char special[4 + 5 * 4 + 5 * 24];
	uint64_t nbt_bid, bbt_bid, nbt_ib, bbt_ib;
	struct prop p[8];
	char *mail = NULL;
	int c;

	while ((c = getopt(argc, argv, "f:p:m:s:l:")) != -1) {
		if (c == 'f')
			sync_name = optarg;
		else if (c == 'p' && (per = number(optarg)) > 0 &&
		    per <= PER_FOLDER_MAX)
			;
		else if (c == 'm')
			mails = number(optarg);
		else if (c == 's' && (mail_size = number(optarg)) >= 2 &&
		    mail_size <= (size_t)BLOCK_MAX * XBLOCK_MAX)
			;
		else if (c == 'l')
			long_every = number(optarg);
		else
			die("usage: genpst [-f folder] [-p per] [-m mails] "
			    "[-s size] [-l every] LOGS OUT");
	}
	if (argc - optind != 2)
		die("usage: genpst [-f folder] [-p per] [-m mails] [-s size] "
		    "[-l every] LOGS OUT");
	logs = number(argv[optind]);
	memset(&o, 0, sizeof(o));
	o.next_bid = 4;
	if ((o.out = fopen(argv[optind + 1], "wb")) == NULL)
		die("cannot write the file");
	emit_zero(&o, DATA_START);

	/*
	 * Folders: 0 root, 1 top, 2 Deleted Items, 3 Sync Issues, 4
	 * Conflicts, 5 Local Failures, 6 Server Failures, 7... Older N; with
	 * mails, then Inbox and its Mail N.
	 */
	older = logs > per ? (logs - per + per - 1) / per : 0;
	nmailfolders = (mails + MAIL_PER_FOLDER - 1) / MAIL_PER_FOLDER;
	if (older + 3 > PER_FOLDER_MAX || nmailfolders > TABLE_ROWS_MAX + 1)
		die("too many folders: fewer logs, fewer or larger mails");
	inbox = 7 + older;
	nfolders = inbox + nmailfolders;
	f = calloc(nfolders, sizeof(*f));
	if (f == NULL)
		die("out of memory");
	for (size_t k = 0; k < nfolders; k++) {
		f[k].nid = k == 0 ? NID_ROOT_FOLDER : folder_nid((int)k);
		f[k].msgs = calloc(PER_FOLDER_MAX + 1, sizeof(uint32_t));
		f[k].subs = calloc(nfolders, sizeof(uint32_t));
		if (f[k].msgs == NULL || f[k].subs == NULL)
			die("out of memory");
		if (k >= inbox && (f[k].subjects = calloc(MAIL_PER_FOLDER,
		    sizeof(char *))) == NULL)
			die("out of memory");
	}
	snprintf(f[0].name, sizeof(f[0].name), "%s", "");
	snprintf(f[1].name, sizeof(f[1].name), "%s", "Top of Outlook data file");
	snprintf(f[2].name, sizeof(f[2].name), "%s", "Deleted Items");
	snprintf(f[3].name, sizeof(f[3].name), "%s", sync_name);
	snprintf(f[4].name, sizeof(f[4].name), "%s", "Conflicts");
	snprintf(f[5].name, sizeof(f[5].name), "%s", "Local Failures");
	snprintf(f[6].name, sizeof(f[6].name), "%s", "Server Failures");
	f[0].parent = NID_ROOT_FOLDER;
	f[1].parent = f[0].nid;
	f[2].parent = f[3].parent = f[1].nid;
	for (size_t k = 4; k < inbox; k++) {
		f[k].parent = f[3].nid;
		if (k >= 7)
			snprintf(f[k].name, sizeof(f[k].name), "Older %zu", k - 6);
	}
	for (size_t k = inbox; k < nfolders; k++) {
		f[k].parent = k == inbox ? f[1].nid : f[inbox].nid;
		if (k == inbox)
			snprintf(f[k].name, sizeof(f[k].name), "%s", "Inbox");
		else
			snprintf(f[k].name, sizeof(f[k].name), "Mail %zu",
			    k - inbox);
	}
	for (size_t k = 1; k < nfolders; k++)
		for (size_t up = 0; up < nfolders; up++)
			if (f[up].nid == f[k].parent && up != k)
				f[up].subs[f[up].nsubs++] = f[k].nid;

	/* The logs, then one conflict and one local failure. */
	for (size_t i = 0; i < logs; i++) {
		size_t k = i < per ? 3 : 7 + (i - per) / per;
		long long when = FIRST_LOG + 3600LL * (long long)i;
		uint32_t nid = message_nid(i);
		int form = i % 10 == 4 ? 'l' : i % 10 == 9 ? 'm' :
		    i % 10 == 7 ? 'h' : 't';

		log_text(i, when - 7, long_every > 0 && i % long_every ==
		    i / long_every % long_every, text, sizeof(text));
		add_message(&o, nid, f[k].nid, "Synchronization Log:", when,
		    text, form);
		f[k].msgs[f[k].nmsgs++] = nid;
	}
	add_message(&o, message_nid(logs), f[4].nid, "Modification Resolution",
	    FIRST_LOG + 60, "Conflict in 'Team meeting'\n", 't');
	f[4].msgs[f[4].nmsgs++] = message_nid(logs);
	add_message(&o, message_nid(logs + 1), f[5].nid, "Team meeting",
	    FIRST_LOG + 61, "Item that failed to upload.\n", 't');
	f[5].msgs[f[5].nmsgs++] = message_nid(logs + 1);

	/*
	 * The ordinary mail, a day apart before the first log; the one
	 * halfway forwards a log.
	 */
	if (mails > 0)
		mail = mail_text(mail_size);
	for (size_t i = 0; i < mails; i++) {
		struct folder *in = &f[inbox + i / MAIL_PER_FOLDER];
		uint32_t nid = message_nid(logs + 2 + i);
		long long when = FIRST_LOG - 86400LL * (long long)(mails - i);
		char subject[64];

		if (i == mails / 2) {
			snprintf(subject, sizeof(subject), "%s",
			    "FW: Synchronization Log:");
			log_text(logs + i, when - 7, 0, text, sizeof(text));
			add_message(&o, nid, in->nid, subject, when, text, 't');
		} else {
			snprintf(subject, sizeof(subject), "Weekly figures %zu",
			    i + 1);
			add_message(&o, nid, in->nid, subject, when, mail, 't');
		}
		if ((in->subjects[in->nmsgs] = malloc(strlen(subject) +
		    3)) == NULL)
			die("out of memory");
		sprintf(in->subjects[in->nmsgs], "\x01\x01%s", subject);
		in->msgs[in->nmsgs++] = nid;
	}
	free(mail);

	/* The special folders' entry ids, on the top folder as on an Inbox. */
	le32(special, 5);
	for (int i = 0; i < 5; i++) {
		static const int folder_of[5] = { 4, 3, 5, 6, 2 };

		le32(special + 4 + 4 * i, (uint32_t)(4 + 5 * 4 + 24 * i));
		entry_id(special + 24 + 24 * i, f[folder_of[i]].nid);
	}
	for (size_t k = 0; k < nfolders; k++)
		add_folder_nodes(&o, &f[k], k == 1 ? special : NULL,
		    k == 1 ? sizeof(special) : 0);

	/* The message store and the (empty) named property map. */
	entry_id(top_id, f[1].nid);
	entry_id(del_id, f[2].nid);
	memcpy(uid_id, store_uid, 16);
	p[0] = (struct prop){ 0x0FF9, PT_BINARY, uid_id, 16, 0 };
	p[1] = (struct prop){ 0x3001, PT_UNICODE, name, utf16("Sync logs",
	    name, sizeof(name)), 0 };
	p[2] = (struct prop){ 0x35E0, PT_BINARY, top_id, 24, 0 };
	p[3] = (struct prop){ 0x35E3, PT_BINARY, del_id, 24, 0 };
	add_pc(&o, NID_MESSAGE_STORE, 0, p, 4);
	/* One named property, numeric, of PSETID_Common: readers want one. */
	p[0] = (struct prop){ 0x0001, PT_LONG, NULL, 0, 251 };
	p[1] = (struct prop){ 0x0002, PT_BINARY, psetid_common, 16, 0 };
	p[2] = (struct prop){ 0x0003, PT_BINARY, named_entry, 8, 0 };
	p[3] = (struct prop){ 0x0004, PT_BINARY, named_strings, 8, 0 };
	add_pc(&o, NID_NAME_TO_ID_MAP, 0, p, 4);

	nbt_ib = write_btree(&o, 0x81, o.nbt.p, o.nbt.len / 32, 32, &nbt_bid);
	bbt_ib = write_btree(&o, 0x80, o.bbt.p, o.bbt.len / 24, 24, &bbt_bid);
	write_header(&o, nbt_bid, nbt_ib, bbt_bid, bbt_ib);
	if (fclose(o.out) != 0)
		die("cannot write the file");
	for (size_t k = 0; k < nfolders; k++) {
		for (size_t i = 0; f[k].subjects != NULL && i < f[k].nmsgs;
		    i++)
			free(f[k].subjects[i]);
		free(f[k].subjects);
		free(f[k].msgs);
		free(f[k].subs);
	}
	free(f);
	free(o.nbt.p);
	free(o.bbt.p);
	return 0;
}

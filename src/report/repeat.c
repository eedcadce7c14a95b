/*
 * repeat.c: merging repeated findings. Entries are found by a hash of their key:
 * kind, error line kind, code, folder (or section line), and best diagnosis.
 *
 * A full table is written out, sorted by key, to a sorter (extsort.h); when it
 * is handed out, the entries of each key are merged in the order they were
 * written, then sorted again by when each was first seen. An entry written
 * out is [key length][key][struct spilled][the kept finding][its strings];
 * the pointers of the kept finding to rules and to the input's name hold
 * within the run, and those to its own parts are set again when read back.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report/kept.h"
#include "report/repeat.h"
#include "util/extsort.h"
#include "util/util.h"

#define BUCKETS 1024
#define SORTER_MEMORY (4 * 1024 * 1024)

struct entry {
	struct kept_finding kept;
	const char *last_file;	/* input of the last occurrence */
	char *key;
	unsigned long long seq;	/* when first seen, counting every entry */
	unsigned first_session, last_session;	/* as repeat_add numbers them */
	struct entry *next_in_bucket;
};

struct repeat_table {
	struct entry **order;	/* entries in the order first seen */
	size_t n, cap;
	size_t bytes;		/* held by the entries */
	unsigned long long seq;	/* entries made so far */
	struct strbuf key;	/* of the finding being added */
	struct extsort *out;	/* entries written out, by key; NULL: none */
	int error;
	struct entry *bucket[BUCKETS];
};

/* What an entry written out keeps besides its finding. */
struct spilled {
	unsigned long long seq;
	unsigned long count, last_line;
	const char *last_file;	/* valid within the run, as the finding's */
	int last_time;
	unsigned sessions_with, first_session, last_session;
};

static void
entry_free(struct entry *e)
{
	kept_finding_clear(&e->kept);
	free(e->key);
	free(e);
}

struct repeat_table *
repeat_new(void)
{
	return xcalloc(1, sizeof(struct repeat_table));
}

static unsigned hash(const char *s);

/* Empty the table; only the buckets in use are touched. */
static void
clear(struct repeat_table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		t->bucket[hash(t->order[i]->key)] = NULL;
		entry_free(t->order[i]);
	}
	t->n = 0;
	t->bytes = 0;
}

void
repeat_free(struct repeat_table **tp)
{
	if (tp == NULL || *tp == NULL)
		return;
	clear(*tp);
	extsort_free(&(*tp)->out);
	strbuf_free(&(*tp)->key);
	free((*tp)->order);
	free(*tp);
	*tp = NULL;
}

/* A number and a separator, for make_key. */
static void
add_number(struct strbuf *sb, long v)
{
	strbuf_add_int(sb, v);
	strbuf_addc(sb, '|');
}

static void
add_field(struct strbuf *sb, const char *s)
{
	if (s != NULL)
		strbuf_adds(sb, s);
	strbuf_addc(sb, '|');
}

/*
 * What makes two findings the same: kind, head, code, folder or section, the
 * text of loose text, symptoms and best diagnosis, written into key.
 */
static void
make_key(struct strbuf *key, const struct ostd_finding *f)
{
	const struct ostd_block *b = f->block;
	const char *where = NULL;

	if (b != NULL)
		where = b->folder != NULL ? b->folder : b->scope_text;
	strbuf_reset(key);
	add_number(key, (long)f->kind);
	add_number(key, b != NULL ? (long)b->head : -1);
	add_field(key, b != NULL && b->has_code ? b->code.text : NULL);
	add_field(key, where);
	add_field(key, f->kind == OSTD_FINDING_TEXT ? b->message : NULL);
	add_number(key, (long)f->symptoms);
	if (f->diag->n > 0)
		strbuf_adds(key, f->diag->cand[0].rule->id);
}

static unsigned
hash_n(const char *s, size_t len)
{
	return fnv1a(FNV_START, s, len) % BUCKETS;
}

static unsigned
hash(const char *s)
{
	return hash_n(s, strlen(s));
}

/* The strings of a kept finding, in the order they are written out. */
#define KEPT_STRINGS 11

static void
kept_strings(struct kept_finding *k, char **s[KEPT_STRINGS])
{
	struct ostd_block *b = &k->block;
	char **all[KEPT_STRINGS] = {
		&k->session.version, &k->session.mailbox, &b->head_text,
		&b->subject, &b->message, &b->provider, &b->help_url,
		&b->addinfo, &b->scope_text, &b->folder, &b->evidence,
	};

	memcpy(s, all, sizeof(all));
}

static size_t
kept_bytes(struct kept_finding *k)
{
	char **s[KEPT_STRINGS];
	size_t n = sizeof(struct entry);

	kept_strings(k, s);
	for (size_t i = 0; i < KEPT_STRINGS; i++)
		if (*s[i] != NULL)
			n += strlen(*s[i]) + 1;
	return n;
}

static void
copy_in(struct repeat_table *t, struct entry *e, const struct ostd_finding *f,
    unsigned session)
{
	kept_finding_init(&e->kept, f, NULL);
	e->kept.f.count = 1;
	e->kept.f.last_line = f->line;
	e->kept.f.last_time = f->time;
	e->kept.f.sessions_with = 1;
	e->last_file = f->file;
	e->first_session = e->last_session = session;
	e->seq = t->seq++;
	t->bytes += kept_bytes(&e->kept) + t->key.len + 1;
}

static bool
fail(struct repeat_table *t, int error)
{
	if (t->error == 0)
		t->error = error;
	return false;
}

/* Keys, then nothing: entries of a key keep the order they were written. */
static int
by_key(const void *a, size_t alen, const void *b, size_t blen)
{
	uint32_t ka, kb;
	int c;

	(void)alen;
	(void)blen;
	memcpy(&ka, a, sizeof(ka));
	memcpy(&kb, b, sizeof(kb));
	c = memcmp((const char *)a + sizeof(ka), (const char *)b + sizeof(kb),
	    ka < kb ? ka : kb);
	return c != 0 ? c : ka < kb ? -1 : ka > kb;
}

/* Where struct spilled starts in a record. */
static size_t
spilled_at(const void *rec)
{
	uint32_t k;

	memcpy(&k, rec, sizeof(k));
	return sizeof(k) + k;
}

static int
by_seq(const void *a, size_t alen, const void *b, size_t blen)
{
	struct spilled sa, sb;

	(void)alen;
	(void)blen;
	memcpy(&sa, (const char *)a + spilled_at(a), sizeof(sa));
	memcpy(&sb, (const char *)b + spilled_at(b), sizeof(sb));
	return sa.seq < sb.seq ? -1 : sa.seq > sb.seq;
}

/* Write entry e into rec, as the comment at the top says. */
static void
serialize(struct strbuf *rec, struct entry *e)
{
	uint32_t klen = (uint32_t)strlen(e->key);
	struct spilled sp;
	char **s[KEPT_STRINGS];

	memset(&sp, 0, sizeof(sp));
	sp.seq = e->seq;
	sp.count = e->kept.f.count;
	sp.last_line = e->kept.f.last_line;
	sp.last_file = e->last_file;
	sp.last_time = e->kept.f.last_time;
	sp.sessions_with = e->kept.f.sessions_with;
	sp.first_session = e->first_session;
	sp.last_session = e->last_session;
	strbuf_reset(rec);
	strbuf_add(rec, (const char *)&klen, sizeof(klen));
	strbuf_add(rec, e->key, klen);
	strbuf_add(rec, (const char *)&sp, sizeof(sp));
	strbuf_add(rec, (const char *)&e->kept, sizeof(e->kept));
	kept_strings(&e->kept, s);
	for (size_t i = 0; i < KEPT_STRINGS; i++) {
		uint32_t n = *s[i] != NULL ? (uint32_t)strlen(*s[i]) + 1 : 0;

		strbuf_add(rec, (const char *)&n, sizeof(n));
		strbuf_add(rec, *s[i] != NULL ? *s[i] : "", n);
	}
}

/*
 * The finding in a record written out, its strings pointing into the record
 * (valid while it is), with the counts of sp.
 */
static void
deserialize(struct kept_finding *k, const char *rec, const struct spilled *sp)
{
	const char *p = rec + spilled_at(rec) + sizeof(*sp);
	char **s[KEPT_STRINGS];

	memcpy(k, p, sizeof(*k));
	p += sizeof(*k);
	kept_strings(k, s);
	for (size_t i = 0; i < KEPT_STRINGS; i++) {
		uint32_t n;

		memcpy(&n, p, sizeof(n));
		p += sizeof(n);
		*s[i] = n > 0 ? (char *)p : NULL;
		p += n;
	}
	k->f.session = &k->session;
	k->f.block = k->f.block != NULL ? &k->block : NULL;
	k->f.diag = &k->diag;
	k->f.count = sp->count;
	k->f.last_line = sp->last_line;
	k->f.last_file = sp->last_file;
	k->f.last_time = sp->last_time;
	k->f.sessions_with = sp->sessions_with;
}

/* Write the table's entries out, sorted by key, and empty it. */
static bool
spill(struct repeat_table *t)
{
	struct strbuf rec;
	bool ok = true;

	if (t->out == NULL)
		t->out = extsort_new(by_key, SORTER_MEMORY);
	strbuf_init(&rec, 0);
	for (size_t i = 0; i < t->n && ok; i++) {
		serialize(&rec, t->order[i]);
		ok = extsort_add(t->out, rec.data, rec.len);
	}
	strbuf_free(&rec);
	clear(t);
	return ok || fail(t, extsort_error(t->out));
}

size_t
repeat_bytes(const struct repeat_table *t)
{
	/* Entries written out are all handed out at the end: no bound holds them. */
	return t->out != NULL ? SIZE_MAX : t->bytes;
}

bool
repeat_add(struct repeat_table *t, const struct ostd_finding *f,
    unsigned session)
{
	unsigned h;
	struct entry *e;

	if (t->error != 0)
		return false;
	make_key(&t->key, f);
	h = hash_n(t->key.data, t->key.len);
	for (e = t->bucket[h]; e != NULL; e = e->next_in_bucket) {
		if (strcmp(e->key, t->key.data) != 0)
			continue;
		e->kept.f.count++;
		e->kept.f.last_line = f->line;
		e->kept.f.last_time = f->time;
		e->last_file = f->file;
		if (session != e->last_session) {
			e->kept.f.sessions_with++;
			e->last_session = session;
		}
		return true;
	}
	if ((t->n >= REPEAT_TABLE_MAX || t->bytes >= REPEAT_TABLE_BYTES) &&
	    !spill(t))
		return false;
	e = xcalloc(1, sizeof(*e));
	e->key = xstrdup(t->key.data);
	copy_in(t, e, f, session);
	e->next_in_bucket = t->bucket[h];
	t->bucket[h] = e;
	grow_array((void **)&t->order, &t->cap, t->n + 1, sizeof(*t->order));
	t->order[t->n++] = e;
	return true;
}

/*
 * Merge the entries written out key by key (the first of a key keeps its
 * finding; counts add up, and a session at the seam is counted once) into a
 * sorter by when each was first seen.
 */
static struct extsort *
merge_keys(struct repeat_table *t)
{
	struct extsort *bys = extsort_new(by_seq, SORTER_MEMORY);
	struct strbuf group;
	struct spilled g, sp;
	const void *rec;
	size_t len;
	int got;

	strbuf_init(&group, 0);
	while ((got = extsort_next(t->out, &rec, &len)) == 1) {
		memcpy(&sp, (const char *)rec + spilled_at(rec), sizeof(sp));
		if (group.len > 0 && by_key(group.data, group.len, rec,
		    len) == 0) {
			g.count += sp.count;
			g.last_line = sp.last_line;
			g.last_file = sp.last_file;
			g.last_time = sp.last_time;
			g.sessions_with += sp.sessions_with -
			    (sp.first_session == g.last_session);
			g.last_session = sp.last_session;
			continue;
		}
		if (group.len > 0) {
			memcpy(group.data + spilled_at(group.data), &g,
			    sizeof(g));
			if (!extsort_add(bys, group.data, group.len))
				break;
		}
		strbuf_reset(&group);
		strbuf_add(&group, (const char *)rec, len);
		g = sp;
	}
	if (got == 0 && group.len > 0) {
		memcpy(group.data + spilled_at(group.data), &g, sizeof(g));
		(void)extsort_add(bys, group.data, group.len);
	}
	strbuf_free(&group);
	if (got < 0)
		(void)fail(t, extsort_error(t->out));
	else if (extsort_error(bys) != 0)
		(void)fail(t, extsort_error(bys));
	return bys;
}

/* last, when it names another input than file; else NULL. */
static const char *
other_file(const char *file, const char *last)
{
	if (last == NULL || last == file || (file != NULL &&
	    strcmp(file, last) == 0))
		return NULL;
	return last;
}

int
repeat_flush(struct repeat_table *t, unsigned sessions_total,
    void (*fn)(const struct ostd_finding *f, void *ctx), void *ctx)
{
	struct extsort *bys;
	struct kept_finding k;
	struct spilled sp;
	const void *rec;
	size_t len;
	int got;

	if (t->out == NULL) {
		for (size_t i = 0; i < t->n; i++) {
			struct ostd_finding *f = &t->order[i]->kept.f;

			f->sessions_total = sessions_total;
			f->last_file = other_file(f->file,
			    t->order[i]->last_file);
			fn(f, ctx);
		}
		clear(t);
		return 0;
	}
	if (t->n > 0)
		(void)spill(t);
	bys = merge_keys(t);
	extsort_free(&t->out);
	while (t->error == 0 && (got = extsort_next(bys, &rec, &len)) == 1) {
		memcpy(&sp, (const char *)rec + spilled_at(rec), sizeof(sp));
		deserialize(&k, rec, &sp);
		k.f.sessions_total = sessions_total;
		k.f.last_file = other_file(k.f.file, k.f.last_file);
		fn(&k.f, ctx);
	}
	if (t->error == 0 && extsort_error(bys) != 0)
		(void)fail(t, extsort_error(bys));
	extsort_free(&bys);
	got = t->error;
	t->error = 0;
	return got;
}

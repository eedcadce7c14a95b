/*
 * repeat.c: merging repeated findings. Entries are found by a hash of their key:
 * kind, error line kind, code, folder (or section line), and best diagnosis.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kept.h"
#include "repeat.h"
#include "util.h"

#define BUCKETS 1024

struct entry {
	struct kept_finding kept;
	char *key;
	unsigned last_session;
	struct entry *next_in_bucket;
};

struct repeat_table {
	struct entry **order;	/* entries in the order first seen */
	size_t n, cap;
	struct strbuf key;	/* of the finding being added */
	struct entry *bucket[BUCKETS];
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
}

void
repeat_free(struct repeat_table **tp)
{
	if (tp == NULL || *tp == NULL)
		return;
	clear(*tp);
	strbuf_free(&(*tp)->key);
	free((*tp)->order);
	free(*tp);
	*tp = NULL;
}

bool
repeat_full(const struct repeat_table *t)
{
	return t->n >= REPEAT_TABLE_MAX;
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

static void
copy_in(struct entry *e, const struct ostd_finding *f)
{
	kept_finding_init(&e->kept, f, NULL);
	e->kept.f.count = 1;
	e->kept.f.last_line = f->line;
	e->kept.f.last_time = f->time;
	e->kept.f.sessions_with = 1;
	e->last_session = f->session->index;
}

void
repeat_add(struct repeat_table *t, const struct ostd_finding *f)
{
	unsigned h;
	struct entry *e;

	make_key(&t->key, f);
	h = hash_n(t->key.data, t->key.len);
	for (e = t->bucket[h]; e != NULL; e = e->next_in_bucket) {
		if (strcmp(e->key, t->key.data) != 0)
			continue;
		e->kept.f.count++;
		e->kept.f.last_line = f->line;
		e->kept.f.last_time = f->time;
		if (f->session->index != e->last_session) {
			e->kept.f.sessions_with++;
			e->last_session = f->session->index;
		}
		return;
	}
	e = xcalloc(1, sizeof(*e));
	copy_in(e, f);
	e->key = xstrdup(t->key.data);
	e->next_in_bucket = t->bucket[h];
	t->bucket[h] = e;
	grow_array((void **)&t->order, &t->cap, t->n + 1, sizeof(*t->order));
	t->order[t->n++] = e;
}

void
repeat_flush(struct repeat_table *t, unsigned sessions_total,
    void (*fn)(const struct ostd_finding *f, void *ctx), void *ctx)
{
	for (size_t i = 0; i < t->n; i++) {
		t->order[i]->kept.f.sessions_total = sessions_total;
		fn(&t->order[i]->kept.f, ctx);
	}
	clear(t);
}

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
	free((*tp)->order);
	free(*tp);
	*tp = NULL;
}

bool
repeat_full(const struct repeat_table *t)
{
	return t->n >= REPEAT_TABLE_MAX;
}

/* What makes two findings the same. */
static char *
make_key(const struct ostd_finding *f)
{
	const struct ostd_block *b = f->block;
	const char *where = NULL;

	if (b != NULL)
		where = b->folder != NULL ? b->folder : b->scope_text;
	return xasprintf("%d|%d|%s|%s|%s|%u|%s", (int)f->kind,
	    b != NULL ? (int)b->head : -1,
	    b != NULL && b->has_code ? b->code.text : "",
	    where != NULL ? where : "",
	    f->kind == OSTD_FINDING_TEXT && b->message ? b->message : "",
	    f->symptoms, f->diag->n > 0 ? f->diag->cand[0].rule->id : "");
}

static unsigned
hash(const char *s)
{
	return fnv1a(FNV_START, s, strlen(s)) % BUCKETS;
}

static void
copy_in(struct entry *e, const struct ostd_finding *f)
{
	kept_finding_init(&e->kept, f);
	e->kept.f.count = 1;
	e->kept.f.last_line = f->line;
	e->kept.f.last_time = f->time;
	e->kept.f.sessions_with = 1;
	e->last_session = f->session->index;
}

void
repeat_add(struct repeat_table *t, const struct ostd_finding *f)
{
	char *key = make_key(f);
	unsigned h = hash(key);
	struct entry *e;

	for (e = t->bucket[h]; e != NULL; e = e->next_in_bucket) {
		if (strcmp(e->key, key) != 0)
			continue;
		e->kept.f.count++;
		e->kept.f.last_line = f->line;
		e->kept.f.last_time = f->time;
		if (f->session->index != e->last_session) {
			e->kept.f.sessions_with++;
			e->last_session = f->session->index;
		}
		free(key);
		return;
	}
	e = xcalloc(1, sizeof(*e));
	copy_in(e, f);
	e->key = key;
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

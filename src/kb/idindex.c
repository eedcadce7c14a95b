/*
 * idindex.c: an open-addressing hash table of names, probed linearly and kept
 * at most half full, hashed by FNV-1a over the names in lower case.
 */
#include <stdlib.h>
#include <string.h>

#include "kb/idindex.h"
#include "util/util.h"

/* The hash of name with ASCII capitals taken as small letters. */
static uint32_t
name_hash(const char *name)
{
	uint32_t h = FNV_START;

	for (; *name != '\0'; name++) {
		unsigned char c = (unsigned char)ascii_lower((unsigned char)*name);

		h = fnv1a(h, &c, 1);
	}
	return h;
}

/* Are a and b the same name, ASCII case aside? */
static int
name_eq(const char *a, const char *b)
{
	size_t n = strlen(a);

	return strlen(b) == n && ascii_strncaseeq(a, b, n);
}

/* The slot that holds name, or the free slot where it would go. */
static struct id_slot *
slot_of(const struct id_index *idx, const char *name)
{
	size_t mask = idx->nslots - 1, i = name_hash(name) & mask;

	while (idx->slots[i].name != NULL && !name_eq(idx->slots[i].name, name))
		i = (i + 1) & mask;
	return &idx->slots[i];
}

size_t
id_index_find(const struct id_index *idx, const char *name)
{
	const struct id_slot *s;

	if (idx->n == 0)
		return SIZE_MAX;
	s = slot_of(idx, name);
	return s->name != NULL ? s->place : SIZE_MAX;
}

/* Double the slots (16 to start with), putting every name in its new slot. */
static void
grow(struct id_index *idx)
{
	struct id_index bigger;

	bigger.nslots = idx->nslots ? idx->nslots * 2 : 16;
	bigger.slots = xcalloc(bigger.nslots, sizeof(*bigger.slots));
	bigger.n = idx->n;
	for (size_t i = 0; i < idx->nslots; i++)
		if (idx->slots[i].name != NULL)
			*slot_of(&bigger, idx->slots[i].name) = idx->slots[i];
	free(idx->slots);
	*idx = bigger;
}

void
id_index_set(struct id_index *idx, const char *name, size_t place)
{
	struct id_slot *s;

	if (2 * (idx->n + 1) > idx->nslots)
		grow(idx);
	s = slot_of(idx, name);
	if (s->name == NULL)
		idx->n++;
	s->name = name;
	s->place = place;
}

void
id_index_free(struct id_index *idx)
{
	free(idx->slots);
	memset(idx, 0, sizeof(*idx));
}

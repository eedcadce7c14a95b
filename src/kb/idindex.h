/*
 * idindex.h: an index from names to places (a ruleset's rule ids to their
 * places in it), where names compare without regard to ASCII case. Finding or
 * setting a name costs the same however many names are held. Internal to
 * libostdiag.
 */
#ifndef OSTD_IDINDEX_H
#define OSTD_IDINDEX_H

#include <stddef.h>
#include <stdint.h>

struct id_slot {
	const char *name;	/* NULL: free */
	size_t place;
};

/* All zero is an empty index. */
struct id_index {
	struct id_slot *slots;
	size_t nslots;		/* 0, or a power of two */
	size_t n;		/* names held, at most half of nslots */
};

/* The place of name, or SIZE_MAX when the index does not hold it. */
size_t id_index_find(const struct id_index *idx, const char *name);

/*
 * Put name at place. The index borrows name: a name it holds already is
 * replaced by this one (the caller frees the old), and keeps its slot.
 */
void id_index_set(struct id_index *idx, const char *name, size_t place);

/* Free what the index holds (not the names) and empty it. */
void id_index_free(struct id_index *idx);

#endif

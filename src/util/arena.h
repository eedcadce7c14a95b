/*
 * arena.h: a bump allocator for many small objects that are freed together.
 * Internal to libostdiag.
 */
#ifndef OSTD_ARENA_H
#define OSTD_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;	/* the block being filled, then older ones */
	size_t used;			/* bytes of head handed out */
	size_t next_size;		/* of the next block */
	size_t allocated;		/* bytes in all its blocks */
};

/* An empty arena; it allocates nothing until asked. */
#define ARENA_INIT { NULL, 0, 0, 0 }

/* size zeroed bytes, aligned for any object; never NULL (exits 2 on exhaustion). */
void *arena_alloc(struct arena *ar, size_t size);
/* A copy of s in ar, or NULL when s is NULL. */
char *arena_strdup(struct arena *ar, const char *s);
/* Free every block; ar is empty afterwards and may be used again. */
void arena_free(struct arena *ar);

#endif

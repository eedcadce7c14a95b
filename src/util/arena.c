/*
 * arena.c: a bump allocator. Blocks start small and double up to a limit, so an
 * arena of a few objects costs one small allocation and one of many costs few.
 */
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/util.h"

#define FIRST_BLOCK 2048
#define LARGEST_BLOCK (64 * 1024)
#define ALIGN alignof(max_align_t)

struct arena_block {
	struct arena_block *older;
	size_t size;		/* bytes in data */
	alignas(max_align_t) unsigned char data[];
};

void *
arena_alloc(struct arena *ar, size_t size)
{
	size_t need = (size + ALIGN - 1) / ALIGN * ALIGN;
	void *p;

	if (need < size)
		need = SIZE_MAX;	/* xmalloc below reports it */
	if (ar->head == NULL || ar->head->size - ar->used < need) {
		size_t bs = ar->next_size != 0 ? ar->next_size : FIRST_BLOCK;
		struct arena_block *b;

		if (bs < need)
			bs = need;
		if (bs > SIZE_MAX - sizeof(*b))
			bs = SIZE_MAX - sizeof(*b);
		b = xmalloc(sizeof(*b) + bs);
		b->older = ar->head;
		b->size = bs;
		ar->head = b;
		ar->allocated += sizeof(*b) + bs;
		ar->used = 0;
		if (ar->next_size < LARGEST_BLOCK)
			ar->next_size = ar->next_size != 0 ? ar->next_size * 2 :
			    FIRST_BLOCK * 2;
	}
	p = ar->head->data + ar->used;
	ar->used += need;
	return memset(p, 0, size);
}

char *
arena_strdup(struct arena *ar, const char *s)
{
	size_t n;

	if (s == NULL)
		return NULL;
	n = strlen(s) + 1;
	return memcpy(arena_alloc(ar, n), s, n);
}

static void
free_blocks(struct arena_block *b)
{
	while (b != NULL) {
		struct arena_block *older = b->older;

		free(b);
		b = older;
	}
}

void
arena_free(struct arena *ar)
{
	free_blocks(ar->head);
	ar->head = NULL;
	ar->used = 0;
	ar->next_size = 0;
	ar->allocated = 0;
}

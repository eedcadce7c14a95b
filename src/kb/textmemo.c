/*
 * textmemo.c: a direct-mapped table from strings to the text-pattern hits of
 * every rule of one set. A hit gives exactly what running the patterns would:
 * patterns do not change while the memo lives, and rules added to the set
 * since the last lookup empty the memo.
 */
#include <stdlib.h>
#include <string.h>

#include "kb/textmemo.h"
#include "util/util.h"

#define SLOTS 128

struct slot {
	char *text;		/* NULL: empty */
	size_t len;
	uint64_t *bits;		/* words of match bits, then as many of costly */
};

struct text_memo {
	const struct ostd_ruleset *rs;
	size_t rules;		/* in the set when the slots were filled */
	size_t words;		/* per bit set */
	struct slot slot[SLOTS];
};

struct text_memo *
text_memo_new(const struct ostd_ruleset *rs)
{
	struct text_memo *m = xcalloc(1, sizeof(*m));

	m->rs = rs;
	m->rules = ostd_ruleset_count(rs);
	m->words = m->rules / 64 + 1;
	return m;
}

static void
empty(struct text_memo *m)
{
	for (size_t i = 0; i < SLOTS; i++) {
		free(m->slot[i].text);
		free(m->slot[i].bits);
		m->slot[i].text = NULL;
		m->slot[i].bits = NULL;
	}
}

void
text_memo_forget(struct text_memo *m)
{
	empty(m);
}

void
text_memo_free(struct text_memo **mp)
{
	if (mp == NULL || *mp == NULL)
		return;
	empty(*mp);
	free(*mp);
	*mp = NULL;
}

/* Run every rule's text patterns on s, as match.c would, into the slot. */
static void
work_out(struct text_memo *m, struct slot *sl, const char *s, size_t len)
{
	uint64_t *match = sl->bits, *costly = sl->bits + m->words;

	memset(sl->bits, 0, 2 * m->words * sizeof(*sl->bits));
	for (size_t i = 0; i < ostd_ruleset_count(m->rs); i++) {
		const struct ostd_rule *r = ostd_ruleset_get(m->rs, i);

		for (size_t t = 0; t < r->ntexts; t++) {
			int rc = ostd_pattern_match(r->texts[t], s, len);

			if (rc < 0)
				costly[i / 64] |= (uint64_t)1 << (i % 64);
			if (rc > 0) {
				match[i / 64] |= (uint64_t)1 << (i % 64);
				break;
			}
		}
	}
}

struct text_hits
text_memo_lookup(struct text_memo *m, const char *s)
{
	size_t len = strlen(s);
	struct slot *sl = &m->slot[fnv1a(FNV_START, s, len) % SLOTS];
	struct text_hits h;

	if (ostd_ruleset_count(m->rs) != m->rules) {
		empty(m);
		m->rules = ostd_ruleset_count(m->rs);
		m->words = m->rules / 64 + 1;
	}
	if (sl->text == NULL || sl->len != len || memcmp(sl->text, s, len) != 0) {
		free(sl->text);
		sl->text = xstrndup(s, len);
		sl->len = len;
		if (sl->bits == NULL)
			sl->bits = xcalloc(2 * m->words, sizeof(*sl->bits));
		work_out(m, sl, s, len);
	}
	h.match = sl->bits;
	h.costly = sl->bits + m->words;
	return h;
}

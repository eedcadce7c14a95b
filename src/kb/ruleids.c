/*
 * ruleids.c: the names a ruleset answers to (its rules' ids and the articles
 * they cite, without regard to case) and, for a name it does not know, the
 * nearest of them in spelling, so that a mistyped --only or --exclude is
 * named with what was meant.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ostdiag/rules.h"
#include "util/util.h"

bool
ostd_ruleset_knows(const struct ostd_ruleset *rs, const char *name)
{
	for (size_t i = 0; i < ostd_ruleset_count(rs); i++) {
		const struct ostd_rule *r = ostd_ruleset_get(rs, i);

		if (strcasecmp(r->id, name) == 0 ||
		    (r->article != NULL && strcasecmp(r->article, name) == 0))
			return true;
	}
	return false;
}

/* The edit distance of a and b, ignoring case, at most limit + 1. */
static size_t
distance(const char *a, const char *b, size_t limit)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *row, best, d;

	if ((la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	row = xcalloc(lb + 1, sizeof(*row));
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = best = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = ascii_lower((unsigned char)a[i - 1]) !=
			    ascii_lower((unsigned char)b[j - 1]);

			row[j] = diag + cost;
			if (up + 1 < row[j])
				row[j] = up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
			if (row[j] < best)
				best = row[j];
		}
		if (best > limit) {
			free(row);
			return limit + 1;
		}
	}
	d = row[lb];
	free(row);
	return d <= limit ? d : limit + 1;
}

/* Put name, d into the sorted list near (n of max), unless it is there. */
static void
keep_near(const char **near, size_t *dist, size_t *n, size_t max,
    const char *name, size_t d)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcasecmp(near[i], name) == 0)
			return;
	for (i = *n; i > 0 && dist[i - 1] > d; i--) {
		if (i < max) {
			near[i] = near[i - 1];
			dist[i] = dist[i - 1];
		}
	}
	if (i < max) {
		near[i] = name;
		dist[i] = d;
		if (*n < max)
			(*n)++;
	}
}

size_t
ostd_ruleset_nearest(const struct ostd_ruleset *rs, const char *name,
    const char **near, size_t max)
{
	size_t dist[8], n = 0, limit = strlen(name) / 2 + 1;

	if (max > sizeof(dist) / sizeof(dist[0]))
		max = sizeof(dist) / sizeof(dist[0]);
	for (size_t i = 0; i < ostd_ruleset_count(rs) && max > 0; i++) {
		const struct ostd_rule *r = ostd_ruleset_get(rs, i);
		size_t d = distance(name, r->id, limit);

		if (d <= limit)
			keep_near(near, dist, &n, max, r->id, d);
		if (r->article != NULL &&
		    (d = distance(name, r->article, limit)) <= limit)
			keep_near(near, dist, &n, max, r->article, d);
	}
	return n;
}

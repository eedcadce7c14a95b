/*
 * kept.h: a finding copied with everything it points to, so that it outlives
 * the session it came from (repeated findings wait in a table; findings of an
 * input read on another thread wait to be reported in input order).
 * Internal to libostdiag.
 */
#ifndef OSTD_KEPT_H
#define OSTD_KEPT_H

#include "ostdiag/finding.h"
#include "util/arena.h"

struct kept_finding {
	struct ostd_finding f;		/* points into the members below */
	struct ostd_session session;	/* copy without its blocks */
	struct ostd_block block;
	struct ostd_diagnosis diag;
};

/*
 * Copy src into k (k must not move afterwards: f points into it). The strings
 * go to ar, or to the heap when ar is NULL; only then does kept_finding_clear
 * free them, and an arena's copy is freed with the arena.
 */
void kept_finding_init(struct kept_finding *k, const struct ostd_finding *src,
    struct arena *ar);
void kept_finding_clear(struct kept_finding *k);

#endif

/*
 * safety.h: reads a fix step for what it can lose or change, so that a rule
 * whose step deletes, purges, rebuilds or changes data without a caution, or
 * rebuilds the offline store before saving what only it holds, is refused when
 * it is read. Internal to libostdiag.
 */
#ifndef OSTD_SAFETY_H
#define OSTD_SAFETY_H

#include <stdbool.h>

/*
 * What a step can lose or change, in a few words ("deletes or renames the
 * offline folder file"), or NULL when it reads as harmless.
 */
const char *step_hazard(const char *step);

/* Does the step delete, rename or rebuild the OST (or its .scd)? */
bool step_rebuilds_ost(const char *step);

/* Does the step save offline-only items (Outbox, Drafts, Local Failures)? */
bool step_saves_offline_items(const char *step);

/* Does the step close Outlook (or the Exchange client)? */
bool step_closes_outlook(const char *step);

#endif

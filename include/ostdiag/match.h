/*
 * ostdiag/match.h: ranks the rules that fit an error block, a piece of pasted text,
 * or a session's symptoms. Every condition of a rule must hold for it to be a
 * candidate; its score adds up what matched, so a more specific rule outranks a
 * vaguer one. Candidates are sorted best first (ties by id).
 */
#ifndef OSTDIAG_MATCH_H
#define OSTDIAG_MATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "ostdiag/log.h"
#include "ostdiag/rules.h"

/* What matched, for the evidence shown with a diagnosis. */
enum ostd_evidence {
	OSTD_EVID_CODE = 1 << 0,	/* the whole code (or with wildcards) */
	OSTD_EVID_HRESULT = 1 << 1,	/* the HRESULT alone */
	OSTD_EVID_HEAD = 1 << 2,
	OSTD_EVID_SCOPE = 1 << 3,
	OSTD_EVID_FOLDER = 1 << 4,
	OSTD_EVID_MESSAGE = 1 << 5,
	OSTD_EVID_TEXT = 1 << 6,
	OSTD_EVID_SESSION = 1 << 7,
	OSTD_EVID_SYMPTOM = 1 << 8,
	OSTD_EVID_CLIENT = 1 << 9,		/* the client version is one it names */
	OSTD_EVID_CLIENT_OTHER = 1 << 10	/* the client version is not */
};
#define OSTD_EVIDENCE_KINDS 11

/* Name of one evidence bit ("code", "head", ...). */
const char *ostd_evidence_name(unsigned bit);

struct ostd_candidate {
	const struct ostd_rule *rule;
	int score;
	unsigned evidence;
};

#define OSTD_MAX_CANDIDATES 8

struct ostd_diagnosis {
	struct ostd_candidate cand[OSTD_MAX_CANDIDATES];
	size_t n;		/* candidates kept, best first */
	size_t ntop;		/* how many share the best score */
	const struct ostd_rule *costly;	/* a rule whose pattern hit its limits */
};

/* Symptoms a session shows (enum ostd_symptom bits). */
unsigned ostd_session_symptoms(const struct ostd_session *s);

/* Candidates for an error block of session s. */
void ostd_match_block(const struct ostd_ruleset *rs,
    const struct ostd_session *s, const struct ostd_block *b,
    struct ostd_diagnosis *out);

/* Candidates among text-only rules for a paragraph of loose text. */
void ostd_match_text(const struct ostd_ruleset *rs, const char *text,
    size_t len, struct ostd_diagnosis *out);

/* Candidates among symptom-only rules for a session. */
void ostd_match_session(const struct ostd_ruleset *rs,
    const struct ostd_session *s, struct ostd_diagnosis *out);

/* Is rule among the best of d: first, tied first, or in the group of one that is? */
bool ostd_diagnosis_leads(const struct ostd_diagnosis *d,
    const struct ostd_rule *rule);

#endif

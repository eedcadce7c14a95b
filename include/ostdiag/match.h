/*
 * ostdiag/match.h: ranks the rules that fit an error block, a piece of pasted text,
 * or a session's symptoms. Every condition of a rule must hold for it to be a
 * candidate; its score adds up what matched, so a more specific rule outranks a
 * vaguer one. Candidates are sorted best first: a rule written for another
 * client version than the log's below every other, then a rule resting on
 * field experience below a sourced one, then by score (ties by id).
 *
 * Stage 4 of 6, the knowledge base (src/kb/, with rules.h and the rule files
 * in src/kb/rules/). Takes: a session's blocks and a ruleset. Hands on:
 * ranked struct ostd_diagnosis candidates, and in finding.h the struct
 * ostd_finding the run fills and the report reads. Must not include: the
 * headers of report or run.
 */
#ifndef OSTDIAG_MATCH_H
#define OSTDIAG_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/* Does a rule apply to the client version the log shows? */
enum ostd_applicability {
	OSTD_APPLIES_UNKNOWN,	/* the log does not say */
	OSTD_APPLIES_MATCHES,
	OSTD_APPLIES_MISMATCH	/* written for other versions */
};

/* "matches", "unknown" or "mismatch". */
const char *ostd_applicability_name(enum ostd_applicability a);

/* Client versions of the era before Outlook 2003 (Exchange 4.0 to 2002). */
#define OSTD_CLIENTS_BEFORE_2003 0x7F0u	/* versions 4 to 10 */

/*
 * The client versions a session may come from, as bits like a rule's clients:
 * the Synchronizer Version's, or those of the era its folder lines show; 0
 * when the log does not say.
 */
uint32_t ostd_session_clients(const struct ostd_session *s);

/* Does rule apply to a log of the client versions log_clients? */
enum ostd_applicability ostd_rule_applies(const struct ostd_rule *rule,
    uint32_t log_clients);

struct ostd_candidate {
	const struct ostd_rule *rule;
	int score;
	unsigned evidence;
	enum ostd_applicability applies;
};

#define OSTD_MAX_CANDIDATES 8

struct ostd_diagnosis {
	struct ostd_candidate cand[OSTD_MAX_CANDIDATES];
	size_t n;		/* candidates kept, best first */
	size_t ntop;		/* how many share the best rank */
	const struct ostd_rule *costly;	/* a rule whose pattern hit its limits */
	uint32_t log_clients;	/* the log's client versions (0: unknown) */
};

/* Symptoms a session shows (enum ostd_symptom bits). */
unsigned ostd_session_symptoms(const struct ostd_session *s);

/* Candidates for an error block of session s. */
void ostd_match_block(const struct ostd_ruleset *rs,
    const struct ostd_session *s, const struct ostd_block *b,
    struct ostd_diagnosis *out);

/*
 * Candidates among text-only rules for a paragraph of loose text, found in a
 * log of the client versions log_clients (0: unknown).
 */
void ostd_match_text(const struct ostd_ruleset *rs, const char *text,
    size_t len, uint32_t log_clients, struct ostd_diagnosis *out);

/* Candidates among symptom-only rules for a session. */
void ostd_match_session(const struct ostd_ruleset *rs,
    const struct ostd_session *s, struct ostd_diagnosis *out);

/* Is rule among the best of d: first, tied first, or in the group of one that is? */
bool ostd_diagnosis_leads(const struct ostd_diagnosis *d,
    const struct ostd_rule *rule);

#endif

/*
 * match.c: scoring rules against error blocks, loose text and session symptoms.
 */
#include <stdlib.h>
#include <string.h>

#include "ostdiag/match.h"
#include "kb/textmemo.h"

#define LONG_GAP_SECONDS 600
#define REPEATED_TIMEOUTS 3

enum {
	SCORE_HEAD = 15,
	SCORE_SCOPE = 15,
	SCORE_FOLDER = 10,
	SCORE_MESSAGE = 20,
	SCORE_TEXT = 30,
	SCORE_SESSION = 10,
	SCORE_SYMPTOM = 10,
	SCORE_CLIENT = 5
};

static const char *const evidence_names[OSTD_EVIDENCE_KINDS] = {
	"code", "hresult", "head", "scope", "folder", "message", "text",
	"session", "symptom", "client", "client-other",
};

const char *
ostd_evidence_name(unsigned bit)
{
	for (unsigned i = 0; i < OSTD_EVIDENCE_KINDS; i++)
		if (bit == 1u << i)
			return evidence_names[i];
	return "?";
}

static bool
has_block_conditions(const struct ostd_rule *r)
{
	return r->ncodes > 0 || r->heads != 0 || r->scopes != 0 ||
	    r->folder != NULL || r->message != NULL ||
	    (r->session != OSTD_SESSION_ANY && r->ntexts == 0 &&
	    r->symptoms == 0);
}

const char *
ostd_applicability_name(enum ostd_applicability a)
{
	switch (a) {
	case OSTD_APPLIES_MATCHES:
		return "matches";
	case OSTD_APPLIES_MISMATCH:
		return "mismatch";
	default:
		return "unknown";
	}
}

uint32_t
ostd_session_clients(const struct ostd_session *s)
{
	if (s == NULL)
		return 0;
	if (s->client_major > 0 && s->client_major < 32)
		return 1u << s->client_major;
	/*
	 * No version line, and folders named the way clients before Outlook
	 * 2003 named them.
	 */
	if (s->version == NULL && s->folder_lines)
		return OSTD_CLIENTS_BEFORE_2003;
	return 0;
}

enum ostd_applicability
ostd_rule_applies(const struct ostd_rule *r, uint32_t log_clients)
{
	if (r->clients == 0)
		return OSTD_APPLIES_MATCHES;	/* written for every version */
	if (log_clients == 0)
		return OSTD_APPLIES_UNKNOWN;
	if ((log_clients & r->clients) == log_clients)
		return OSTD_APPLIES_MATCHES;
	if ((log_clients & r->clients) == 0)
		return OSTD_APPLIES_MISMATCH;
	return OSTD_APPLIES_UNKNOWN;	/* the era overlaps the rule's */
}

unsigned
ostd_session_symptoms(const struct ostd_session *s)
{
	unsigned sym = 0, timeouts = 0;

	/* A pause that ends in items or folders done is not a stall. */
	if (s->longest_stall >= LONG_GAP_SECONDS)
		sym |= OSTD_SYMPTOM_LONG_GAP;
	/*
	 * A session that synchronized something, then stops with no error and no
	 * Done: it hung or was cut off.
	 */
	if (s->end == OSTD_END_UNFINISHED && s->errors == 0 && s->scopes > 0 &&
	    !s->continued)
		sym |= OSTD_SYMPTOM_UNFINISHED;
	for (size_t i = 0; i < s->nblocks; i++) {
		uint32_t hr = s->blocks[i].code.field[0];

		if (s->blocks[i].head != OSTD_HEAD_NONE && s->blocks[i].has_code &&
		    (hr == 0x80040401u || hr == 0x80040115u))
			timeouts++;
	}
	if (timeouts >= REPEATED_TIMEOUTS)
		sym |= OSTD_SYMPTOM_REPEATED_TIMEOUT;
	return sym;
}

/*
 * A candidate's tier, lower first: rules written for the log's client (or
 * of unknown fit) before those written for another, and within each, rules
 * with a public source before field experience.
 */
static int
tier(const struct ostd_candidate *c)
{
	return (c->applies == OSTD_APPLIES_MISMATCH) * 2 +
	    (ostd_rule_provenance(c->rule) == OSTD_PROV_FIELD);
}

/* Does a rank before b? */
static bool
ranks_before(const struct ostd_candidate *a, const struct ostd_candidate *b)
{
	if (tier(a) != tier(b))
		return tier(a) < tier(b);
	if (a->score != b->score)
		return a->score > b->score;
	return strcmp(a->rule->id, b->rule->id) < 0;
}

static void
add_candidate(struct ostd_diagnosis *d, const struct ostd_rule *r, int score,
    unsigned evidence, enum ostd_applicability applies)
{
	struct ostd_candidate c = { r, score, evidence, applies };
	size_t i;

	if (score <= 0)
		return;		/* what matched is outweighed: no diagnosis */
	/* Insertion into the sorted array; the weakest falls off when full. */
	for (i = d->n; i > 0; i--) {
		const struct ostd_candidate *p = &d->cand[i - 1];

		if (ranks_before(p, &c))
			break;
		if (i < OSTD_MAX_CANDIDATES)
			d->cand[i] = *p;
	}
	if (i < OSTD_MAX_CANDIDATES) {
		d->cand[i] = c;
		if (d->n < OSTD_MAX_CANDIDATES)
			d->n++;
	}
}

static void
finish(struct ostd_diagnosis *d)
{
	d->ntop = 0;
	while (d->ntop < d->n && d->cand[d->ntop].score == d->cand[0].score &&
	    tier(&d->cand[d->ntop]) == tier(&d->cand[0]))
		d->ntop++;
}

/* Try pattern on s; record a rule that is too costly. 1 match, 0 not. */
static int
try_pattern(const struct ostd_pattern *pat, const char *s, size_t len,
    const struct ostd_rule *r, struct ostd_diagnosis *d)
{
	int rc;

	if (s == NULL)
		return 0;
	rc = ostd_pattern_match(pat, s, len);
	if (rc < 0) {
		d->costly = r;
		return 0;
	}
	return rc;
}

static int
any_text(const struct ostd_rule *r, const char *s, size_t len,
    struct ostd_diagnosis *d)
{
	for (size_t i = 0; i < r->ntexts; i++)
		if (try_pattern(r->texts[i], s, len, r, d))
			return 1;
	return 0;
}

static int
str_text(const struct ostd_rule *r, const char *s, struct ostd_diagnosis *d)
{
	return s != NULL && any_text(r, s, strlen(s), d);
}

/*
 * A rule written for the log's client version gains a little over one that
 * names none; one written for another is ranked below (see tier).
 */
static void
score_client(const struct ostd_rule *r, enum ostd_applicability applies,
    int *score, unsigned *ev)
{
	if (r->clients == 0 || applies == OSTD_APPLIES_UNKNOWN)
		return;
	if (applies == OSTD_APPLIES_MATCHES) {
		*score += SCORE_CLIENT;
		*ev |= OSTD_EVID_CLIENT;
	} else {
		*ev |= OSTD_EVID_CLIENT_OTHER;
	}
}

static bool
session_holds(const struct ostd_rule *r, const struct ostd_session *s)
{
	switch (r->session) {
	case OSTD_SESSION_TERMINATED:
		return s->end == OSTD_END_TERMINATED;
	case OSTD_SESSION_UNFINISHED:
		return s->end == OSTD_END_UNFINISHED;
	default:
		return true;
	}
}

/* The texts of a block that text patterns look at, in the order tried. */
#define BLOCK_TEXTS 3

static void
block_texts(const struct ostd_block *b, const char *texts[BLOCK_TEXTS])
{
	texts[0] = b->head_text;
	texts[1] = b->message;
	texts[2] = b->addinfo;
}

/*
 * Does a text pattern of r (rule i of its set) match a text of b? hits holds
 * what the memo knows of each text, or is NULL to run the patterns here.
 */
static bool
texts_match(const struct ostd_rule *r, size_t i, const struct ostd_block *b,
    const struct text_hits *hits, struct ostd_diagnosis *d)
{
	const char *texts[BLOCK_TEXTS];

	block_texts(b, texts);
	for (size_t k = 0; k < BLOCK_TEXTS; k++) {
		if (texts[k] == NULL)
			continue;
		if (hits == NULL) {
			if (str_text(r, texts[k], d))
				return true;
			continue;
		}
		if (text_hit(hits[k].costly, i))
			d->costly = r;
		if (text_hit(hits[k].match, i))
			return true;
	}
	return false;
}

static void
match_rule_block(const struct ostd_rule *r, size_t i,
    const struct ostd_session *s, const struct ostd_block *b, unsigned symptoms,
    const struct text_hits *hits, struct ostd_diagnosis *d)
{
	enum ostd_applicability applies = ostd_rule_applies(r, d->log_clients);
	int score = 0, cs, best = -1;
	unsigned ev = 0;

	/*
	 * A rule with no code of its own rests on its era's behaviour alone:
	 * it says nothing of a log from another.
	 */
	if (r->ncodes == 0 && r->symptoms != 0 &&
	    applies == OSTD_APPLIES_MISMATCH)
		return;
	if (r->ncodes > 0) {
		if (!b->has_code)
			return;
		for (size_t c = 0; c < r->ncodes; c++)
			if (ostd_code_pattern_match(&r->codes[c], &b->code, &cs) &&
			    cs > best)
				best = cs;
		if (best < 0)
			return;
		score += best;
		ev |= r->codes[0].nfields == 1 && best == 20 ? OSTD_EVID_HRESULT :
		    OSTD_EVID_CODE;
	}
	if (r->heads != 0) {
		if (!(r->heads & (1u << b->head)))
			return;
		score += SCORE_HEAD;
		ev |= OSTD_EVID_HEAD;
	}
	if (r->scopes != 0) {
		if (!(r->scopes & (1u << b->scope)))
			return;
		score += SCORE_SCOPE;
		ev |= OSTD_EVID_SCOPE;
	}
	if (r->session != OSTD_SESSION_ANY) {
		if (!session_holds(r, s))
			return;
		score += SCORE_SESSION;
		ev |= OSTD_EVID_SESSION;
	}
	if (r->symptoms != 0) {
		if ((symptoms & r->symptoms) != r->symptoms)
			return;
		score += SCORE_SYMPTOM;
		ev |= OSTD_EVID_SYMPTOM;
	}
	if (r->folder != NULL) {
		const char *f = b->folder != NULL ? b->folder : b->subject;

		if (f == NULL || !try_pattern(r->folder, f, strlen(f), r, d))
			return;
		score += SCORE_FOLDER;
		ev |= OSTD_EVID_FOLDER;
	}
	if (r->message != NULL) {
		if (b->message == NULL || !try_pattern(r->message, b->message,
		    strlen(b->message), r, d))
			return;
		score += SCORE_MESSAGE;
		ev |= OSTD_EVID_MESSAGE;
	}
	if (r->ntexts > 0) {
		if (!texts_match(r, i, b, hits, d))
			return;
		score += SCORE_TEXT;
		ev |= OSTD_EVID_TEXT;
	}
	score_client(r, applies, &score, &ev);
	add_candidate(d, r, score, ev, applies);
}

static void
match_block(const struct ostd_ruleset *rs, const struct ostd_session *s,
    const struct ostd_block *b, const struct text_hits *hits,
    struct ostd_diagnosis *out)
{
	unsigned symptoms = ostd_session_symptoms(s);

	memset(out, 0, sizeof(*out));
	out->log_clients = ostd_session_clients(s);
	for (size_t i = 0; i < ostd_ruleset_count(rs); i++) {
		const struct ostd_rule *r = ostd_ruleset_get(rs, i);

		if (has_block_conditions(r) || (r->ntexts > 0 && r->symptoms == 0))
			match_rule_block(r, i, s, b, symptoms, hits, out);
	}
	finish(out);
}

void
ostd_match_block(const struct ostd_ruleset *rs, const struct ostd_session *s,
    const struct ostd_block *b, struct ostd_diagnosis *out)
{
	match_block(rs, s, b, NULL, out);
}

void
match_block_memo(const struct ostd_ruleset *rs, const struct ostd_session *s,
    const struct ostd_block *b, struct text_memo *memo,
    struct ostd_diagnosis *out)
{
	struct text_hits hits[BLOCK_TEXTS] = { { NULL, NULL } };
	const char *texts[BLOCK_TEXTS];

	block_texts(b, texts);
	for (size_t k = 0; k < BLOCK_TEXTS; k++)
		if (texts[k] != NULL)
			hits[k] = text_memo_lookup(memo, texts[k]);
	match_block(rs, s, b, hits, out);
}

void
ostd_match_text(const struct ostd_ruleset *rs, const char *text, size_t len,
    uint32_t log_clients, struct ostd_diagnosis *out)
{
	memset(out, 0, sizeof(*out));
	out->log_clients = log_clients;
	for (size_t i = 0; i < ostd_ruleset_count(rs); i++) {
		const struct ostd_rule *r = ostd_ruleset_get(rs, i);

		if (r->ntexts == 0 || has_block_conditions(r) || r->symptoms != 0)
			continue;
		if (any_text(r, text, len, out)) {
			enum ostd_applicability applies =
			    ostd_rule_applies(r, log_clients);
			int score = SCORE_TEXT;
			unsigned ev = OSTD_EVID_TEXT;

			score_client(r, applies, &score, &ev);
			add_candidate(out, r, score, ev, applies);
		}
	}
	finish(out);
}

void
ostd_match_session(const struct ostd_ruleset *rs, const struct ostd_session *s,
    struct ostd_diagnosis *out)
{
	unsigned symptoms = ostd_session_symptoms(s);

	memset(out, 0, sizeof(*out));
	out->log_clients = ostd_session_clients(s);
	if (symptoms == 0)
		return;
	for (size_t i = 0; i < ostd_ruleset_count(rs); i++) {
		const struct ostd_rule *r = ostd_ruleset_get(rs, i);
		int score = SCORE_SYMPTOM;
		unsigned ev = OSTD_EVID_SYMPTOM;
		enum ostd_applicability applies;

		if (r->symptoms == 0 || has_block_conditions(r) ||
		    (symptoms & r->symptoms) != r->symptoms)
			continue;
		if (r->ntexts > 0)
			continue;	/* needs text: matched with the text */
		/* Symptoms alone say nothing of another era's client. */
		applies = ostd_rule_applies(r, out->log_clients);
		if (applies == OSTD_APPLIES_MISMATCH)
			continue;
		score_client(r, applies, &score, &ev);
		add_candidate(out, r, score, ev, applies);
	}
	finish(out);
}

bool
ostd_diagnosis_leads(const struct ostd_diagnosis *d, const struct ostd_rule *r)
{
	for (size_t i = 0; i < d->ntop; i++) {
		const struct ostd_rule *top = d->cand[i].rule;

		if (top == r)
			return true;
		if (r->group != NULL && top->group != NULL &&
		    strcmp(r->group, top->group) == 0) {
			for (size_t j = 0; j < d->n; j++)
				if (d->cand[j].rule == r)
					return true;
		}
	}
	return false;
}

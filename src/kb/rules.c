/*
 * rules.c: the ruleset and the rule-file reader. A rule file is a list of
 * "key: value" lines with indented continuations and an indented example block.
 * Every field is checked when the file is read, and patterns are compiled then, so
 * a broken rule is refused at start with the file and line at fault.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <errno.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ostdiag/log.h"
#include "ostdiag/rules.h"
#include "kb/builtin_rules.h"
#include "kb/idindex.h"
#include "kb/safety.h"
#include "util/platform.h"
#include "util/util.h"
#include "util/visible.h"

#define RULE_FILE_MAX (1024 * 1024)
#define TITLE_MAX 72

/*
 * What changes of a pattern as it is used, apart from it (a pattern is const to
 * those who match it). A built-in pattern gets its code when it first runs.
 */
struct pattern_state {
	pcre2_code *code;	/* NULL until first needed */
	unsigned long input;	/* of the watch when limit_hits was counted */
	unsigned limit_hits;	/* matches that gave up on that input */
};

/*
 * What one load of the built-in rules made, freed with the ruleset: the rules,
 * their patterns and the arrays their lists point into, each kind in one
 * block. Each pattern is compiled from its source when it first runs.
 */
struct builtin_load {
	struct ostd_rule *rules;
	struct ostd_pattern *patterns;
	struct pattern_state *states;	/* the patterns' */
	struct ostd_pattern **texts;	/* the rules' arrays of text patterns */
	char **lists;	/* the rules' arrays of fix, caution, ask and see */
	size_t npatterns;
};

/*
 * What every pattern of a ruleset matches with. pcre2 keeps the frames of a
 * backtracking match (20 KiB to start with) in the match data, so match data
 * of its own for each pattern would hold a megabyte after a few lines.
 */
struct matcher {
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	const struct ostd_limit_watch *watch;	/* or NULL */
};

struct ostd_pattern {
	const char *source;
	size_t len;
	bool owns_source;	/* not a built-in rule's */
	const struct matcher *matcher;	/* set when its rule joins a ruleset */
	const struct ostd_rule *rule;	/* the same */
	unsigned long line;	/* in the rule's file; 0: the rule's line */
	struct pattern_state *state;
	bool in_load;		/* its memory is the load's */
};

struct ostd_ruleset {
	struct ostd_rule **rules;
	size_t n, cap;
	struct id_index ids;	/* each id's first place in rules */
	struct matcher *matcher;
	struct builtin_load **loads;	/* of the built-in rules */
	size_t nloads, loads_cap;
};

/* Free pat, or only its code when it is a built-in pattern (its load's). */
static void
pattern_free(struct ostd_pattern *pat)
{
	if (pat == NULL)
		return;
	pcre2_code_free(pat->state->code);
	pat->state->code = NULL;
	if (pat->in_load)
		return;
	if (pat->owns_source)
		free((char *)pat->source);
	free(pat->state);
	free(pat);
}

const char *
ostd_pattern_source(const struct ostd_pattern *pat)
{
	return pat->source;
}

static void
strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
rule_free(struct ostd_rule *r)
{
	if (r == NULL)
		return;
	pattern_free(r->folder);
	pattern_free(r->message);
	for (size_t i = 0; i < r->ntexts; i++)
		pattern_free(r->texts[i]);
	if (r->builtin)		/* the rest is its load's, or the program's */
		return;
	if (r->copy) {		/* the rest is the original's */
		free(r->texts);
		free(r);
		return;
	}
	free(r->texts);
	free(r->id);
	free(r->article);
	free(r->title);
	free(r->products);
	free(r->servers);
	free(r->fixed_in);
	free(r->category);
	free(r->group);
	free(r->codes);
	free(r->cause);
	free(r->note);
	free(r->public_source);
	free(r->summary);
	strv_free(r->fix, r->nfix);
	strv_free(r->caution, r->nfix);
	strv_free(r->ask, r->nask);
	strv_free(r->see, r->nsee);
	free(r->example);
	free(r->source);
	free(r);
}

/* Free a load, after its rules. */
static void
builtin_load_free(struct builtin_load *load)
{
	free(load->rules);
	free(load->patterns);
	free(load->states);
	free(load->texts);
	free(load->lists);
	free(load);
}

struct ostd_ruleset *
ostd_ruleset_new(void)
{
	struct ostd_ruleset *rs = xcalloc(1, sizeof(*rs));
	struct matcher *m = xcalloc(1, sizeof(*m));

	/* No pattern captures anything that is read: one pair will do. */
	m->md = pcre2_match_data_create(1, NULL);
	m->mctx = pcre2_match_context_create(NULL);
	if (m->md == NULL || m->mctx == NULL) {
		fprintf(stderr, "ostdiag: out of memory (pcre2 match data)\n");
		exit(2);
	}
	pcre2_set_match_limit(m->mctx, OSTD_MATCH_STEPS);
	pcre2_set_depth_limit(m->mctx, OSTD_MATCH_DEPTH);
	pcre2_set_heap_limit(m->mctx, OSTD_MATCH_HEAP_KIB);
	rs->matcher = m;
	return rs;
}

void
ostd_ruleset_free(struct ostd_ruleset **rsp)
{
	struct ostd_ruleset *rs;

	if (rsp == NULL || (rs = *rsp) == NULL)
		return;
	for (size_t i = 0; i < rs->n; i++)
		rule_free(rs->rules[i]);
	free(rs->rules);
	id_index_free(&rs->ids);
	for (size_t i = 0; i < rs->nloads; i++)
		builtin_load_free(rs->loads[i]);
	free(rs->loads);
	pcre2_match_data_free(rs->matcher->md);
	pcre2_match_context_free(rs->matcher->mctx);
	free(rs->matcher);
	free(rs);
	*rsp = NULL;
}

size_t
ostd_ruleset_count(const struct ostd_ruleset *rs)
{
	return rs->n;
}

const struct ostd_rule *
ostd_ruleset_get(const struct ostd_ruleset *rs, size_t i)
{
	return i < rs->n ? rs->rules[i] : NULL;
}

const struct ostd_rule *
ostd_ruleset_find(const struct ostd_ruleset *rs, const char *id)
{
	size_t i = id_index_find(&rs->ids, id);

	return i != SIZE_MAX ? rs->rules[i] : NULL;
}

bool
ostd_rule_is_reference(const struct ostd_rule *r)
{
	return r->ncodes == 0 && r->heads == 0 && r->scopes == 0 &&
	    r->folder == NULL && r->message == NULL && r->ntexts == 0 &&
	    r->symptoms == 0 && r->session == OSTD_SESSION_ANY;
}

enum ostd_provenance
ostd_rule_provenance(const struct ostd_rule *r)
{
	if (r->article != NULL)
		return OSTD_PROV_ARTICLE;
	return r->public_source != NULL ? OSTD_PROV_SOURCE : OSTD_PROV_FIELD;
}

const char *
ostd_provenance_name(enum ostd_provenance p)
{
	switch (p) {
	case OSTD_PROV_ARTICLE:
		return "article";
	case OSTD_PROV_SOURCE:
		return "source";
	default:
		return "field-experience";
	}
}

const char *
ostd_provenance_words(const struct ostd_rule *r, char *buf, size_t size)
{
	switch (ostd_rule_provenance(r)) {
	case OSTD_PROV_ARTICLE:
		snprintf(buf, size, "article %s", r->article);
		break;
	case OSTD_PROV_SOURCE:
		snprintf(buf, size, "%s", r->public_source);
		break;
	default:
		snprintf(buf, size, "field experience: no public source; "
		    "ranked below sourced diagnoses");
		break;
	}
	return buf;
}

bool
ostd_rule_step_is_practice(const struct ostd_rule *r, size_t i)
{
	/* With no public source behind it, every step is practice. */
	if (ostd_rule_provenance(r) == OSTD_PROV_FIELD)
		return i < r->nfix;
	return i < OSTD_STEPS_MAX && (r->practice >> i & 1) != 0;
}

bool
ostd_rule_has_practice(const struct ostd_rule *r)
{
	for (size_t i = 0; i < r->nfix; i++)
		if (ostd_rule_step_is_practice(r, i))
			return true;
	return false;
}

/* The name of client major version v, or NULL when none is known. */
static const char *
client_name(int v)
{
	static const char *const names[] = {
		[4] = "Exchange client 4.0", [5] = "Exchange client 5.0",
		[8] = "Outlook 97/98", [9] = "Outlook 2000",
		[10] = "Outlook 2002", [11] = "Outlook 2003",
		[12] = "Outlook 2007", [14] = "Outlook 2010",
		[15] = "Outlook 2013", [16] = "Outlook 2016-2021 or Microsoft 365",
	};

	return v >= 0 && (size_t)v < sizeof(names) / sizeof(names[0]) ?
	    names[v] : NULL;
}

const char *
ostd_clients_words(uint32_t clients, char *buf, size_t size)
{
	size_t len = 0;
	int v = 1;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	if (clients == 0) {
		snprintf(buf, size, "any client");
		return buf;
	}
	/* Runs of set bits, each named by its ends. */
	while (v < 32) {
		int lo, hi;
		const char *a, *b;
		int n;

		if (!(clients & (1u << v))) {
			v++;
			continue;
		}
		lo = v;
		while (v + 1 < 32 && ((clients & (1u << (v + 1))) ||
		    (client_name(v + 1) == NULL && v + 2 < 32 &&
		    (clients & (1u << (v + 2))))))
			v++;
		hi = v++;
		a = client_name(lo);
		b = hi == 16 && lo != hi ? "Microsoft 365" : client_name(hi);
		if (lo == hi)
			n = a != NULL ? snprintf(buf + len, size - len, "%s%s",
			    len ? ", " : "", a) : snprintf(buf + len, size - len,
			    "%sclient version %d", len ? ", " : "", lo);
		else if (a != NULL && b != NULL)
			n = snprintf(buf + len, size - len, "%s%s to %s",
			    len ? ", " : "", a, b);
		else
			n = snprintf(buf + len, size - len, "%sclient versions "
			    "%d to %d", len ? ", " : "", lo, hi);
		if (n < 0 || (size_t)n >= size - len)
			break;
		len += (size_t)n;
	}
	return buf;
}

const char *
ostd_clients_range(uint32_t clients, char *buf, size_t size)
{
	size_t len = 0;

	if (size == 0)
		return buf;
	snprintf(buf, size, "any");
	for (int v = 1; v < 32 && clients != 0; v++) {
		int lo = v, n;

		if (!(clients & (1u << v)))
			continue;
		while (v + 1 < 32 && (clients & (1u << (v + 1))))
			v++;
		n = lo == v ? snprintf(buf + len, size - len, "%s%d",
		    len ? "," : "", lo) : snprintf(buf + len, size - len,
		    "%s%d-%d", len ? "," : "", lo, v);
		if (n < 0 || (size_t)n >= size - len)
			break;
		len += (size_t)n;
	}
	return buf;
}

const char *
ostd_level_name(enum ostd_level level)
{
	switch (level) {
	case OSTD_LEVEL_ERROR:
		return "error";
	case OSTD_LEVEL_WARNING:
		return "warning";
	default:
		return "info";
	}
}

/* Compile source; NULL with *errcode and *erroff set when it is no pattern. */
static pcre2_code *
compile(const char *source, size_t len, int *errcode, PCRE2_SIZE *erroff)
{
	return pcre2_compile((PCRE2_SPTR)source, len, PCRE2_CASELESS, errcode,
	    erroff, NULL);
}

/* The code of a built-in pattern, which runs for the first time. */
static pcre2_code *
builtin_code(const struct ostd_pattern *pat)
{
	pcre2_code *code;
	int errcode;
	PCRE2_SIZE erroff;

	if ((code = compile(pat->source, pat->len, &errcode, &erroff)) == NULL) {
		fprintf(stderr, "ostdiag: built-in pattern /%s/ does not "
		    "compile (error %d at offset %zu)\n", pat->source, errcode,
		    (size_t)erroff);
		exit(2);
	}
	return code;
}

void
ostd_ruleset_watch(const struct ostd_ruleset *rs,
    const struct ostd_limit_watch *w)
{
	rs->matcher->watch = w;
}

/* The limit a match went past, in words, from pcre2's error. */
static const char *
limit_words(int rc)
{
	_Static_assert(OSTD_MATCH_STEPS == 100000 && OSTD_MATCH_DEPTH == 1000 &&
	    OSTD_MATCH_HEAP_KIB == 1024, "limit_words names the limits");

	switch (rc) {
	case PCRE2_ERROR_MATCHLIMIT:
		return "more than 100,000 steps";
	case PCRE2_ERROR_DEPTHLIMIT:
		return "nesting deeper than 1,000";
	case PCRE2_ERROR_HEAPLIMIT:
		return "more than 1 MiB of memory";
	case PCRE2_ERROR_NOMEMORY:
		return "more memory than there was";
	default:
		return "an error of the pattern library";
	}
}

/* Count a match of pat that gave up with rc, and tell the watch. */
static void
gave_up(const struct ostd_pattern *pat, int rc)
{
	struct pattern_state *ps = pat->state;
	const struct ostd_limit_watch *w = pat->matcher->watch;
	struct ostd_limit_hit hit;

	ps->limit_hits++;
	if (w == NULL || w->hit == NULL)
		return;
	hit.rule = pat->rule;
	hit.pattern = pat->source;
	hit.line = pat->line != 0 ? pat->line :
	    pat->rule != NULL ? pat->rule->source_line : 0;
	hit.limit = limit_words(rc);
	hit.hits = ps->limit_hits;
	hit.retired = ps->limit_hits >= OSTD_LIMIT_RETIRE;
	w->hit(&hit, w->ctx);
}

int
ostd_pattern_match(const struct ostd_pattern *pat, const char *s, size_t len)
{
	struct pattern_state *ps = pat->state;
	const struct ostd_limit_watch *w = pat->matcher->watch;
	unsigned long input = w != NULL ? w->input : 0;
	int rc;

	if (ps->input != input) {
		ps->input = input;
		ps->limit_hits = 0;
	}
	if (ps->limit_hits >= OSTD_LIMIT_RETIRE)
		return -1;
	/* Only a built-in pattern (or a clone of one) waits for its code. */
	if (ps->code == NULL)
		ps->code = builtin_code(pat);
	rc = pcre2_match(ps->code, (PCRE2_SPTR)s, len, 0, 0,
	    pat->matcher->md, pat->matcher->mctx);

	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	gave_up(pat, rc);
	return -1;
}

bool
ostd_code_pattern_match(const struct ostd_code_pattern *cp,
    const struct ostd_code *code, int *score)
{
	int s;

	if (cp->nfields == 1) {
		if (code->field[0] != cp->field[0])
			return false;
		*score = 20;
		return true;
	}
	if (cp->nfields != code->nfields)
		return false;
	s = 50;
	for (int f = 0; f < cp->nfields; f++) {
		if (cp->wild & (1u << f)) {
			s -= 10;
			continue;
		}
		if (code->field[f] == cp->field[f])
			continue;
		/*
		 * Newer servers put their own HRESULT in field 3 where older ones
		 * wrote 0: a rule written for 0 still applies.
		 */
		if (f == 2 && cp->field[f] == 0 &&
		    (code->field[f] == code->field[0] ||
		    code->field[f] >= 0x80000000u)) {
			s -= 2;
			continue;
		}
		return false;
	}
	*score = s;
	return true;
}

/* ---- reading rule files ---- */

enum field_id {
	F_ID, F_ARTICLE, F_TITLE, F_PRODUCTS, F_CLIENTS, F_FIXED_IN, F_LEVEL,
	F_CATEGORY, F_GROUP, F_CODE, F_HEAD, F_SCOPE, F_FOLDER, F_MESSAGE,
	F_TEXT, F_SESSION, F_SYMPTOM, F_CAUSE, F_SUMMARY, F_FIX, F_ASK, F_SEE,
	F_EXAMPLE, F_SERVERS, F_PRACTICE, F_CAUTION, F_NOTE, F_SOURCE, F_HELD,
	F_COUNT
};

static const struct {
	const char *name;
	bool repeat;
} fields[F_COUNT] = {
	[F_ID] = { "id", false }, [F_ARTICLE] = { "article", false },
	[F_TITLE] = { "title", false }, [F_PRODUCTS] = { "products", false },
	[F_CLIENTS] = { "clients", false }, [F_FIXED_IN] = { "fixed-in", false },
	[F_LEVEL] = { "level", false }, [F_CATEGORY] = { "category", false },
	[F_GROUP] = { "group", false }, [F_CODE] = { "code", true },
	[F_HEAD] = { "head", false }, [F_SCOPE] = { "scope", false },
	[F_FOLDER] = { "folder", false }, [F_MESSAGE] = { "message", false },
	[F_TEXT] = { "text", true }, [F_SESSION] = { "session", false },
	[F_SYMPTOM] = { "symptom", false }, [F_CAUSE] = { "cause", false },
	[F_SUMMARY] = { "summary", false }, [F_FIX] = { "fix", true },
	[F_ASK] = { "ask", true }, [F_SEE] = { "see", false },
	[F_EXAMPLE] = { "example", false }, [F_SERVERS] = { "servers", false },
	[F_PRACTICE] = { "practice", true }, [F_CAUTION] = { "caution", true },
	[F_NOTE] = { "note", false }, [F_SOURCE] = { "source", false },
	[F_HELD] = { "held", false },
};

static const char *const categories[] = {
	"sync-error-code", "sync-message", "ost-open-error",
	"sync-hang-performance", "howto-info", "other",
};

/*
 * One value of a field as read: its text and the line it started on. While a
 * file is read, values are built one after another at the end of one buffer,
 * each after a NUL; text points into it once the file has been read.
 */
struct value {
	struct strbuf text;	/* read only: data is not the value's own */
	size_t off;		/* where the text starts in the buffer */
	unsigned long line;
};

/* One problem of a rule file: "name:line: message", and its line. */
struct problem {
	unsigned long line;
	size_t order;		/* found order, among problems of one line */
	char *message;
};

struct reader_state {
	const char *name;
	struct value *vals[F_COUNT];	/* per field, an array of values */
	size_t nvals[F_COUNT], caps[F_COUNT];
	struct strbuf texts;	/* every value's text, NUL after each */
	/* The file line of the example's first line; its lines run on from it. */
	unsigned long example_first;
	bool example_gap;	/* a comment line broke the example's run */
	struct problem *problems;	/* every problem found, in found order */
	size_t nproblems, problems_cap;
};

static char *
path_error(const char *path, unsigned long line, const char *fmt, ...)
    OSTD_PRINTF(3, 4);

/*
 * "PATH:LINE: message" (LINE 0: "PATH: message"), with the control
 * characters of both shown escaped (visible.h): a path or a line of a rule
 * file can hold what a terminal would act on.
 */
static char *
path_error(const char *path, unsigned long line, const char *fmt, ...)
{
	struct strbuf b;
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	strbuf_init(&b, 0);
	strbuf_add_visible(&b, path, strlen(path));
	if (line > 0) {
		strbuf_addc(&b, ':');
		strbuf_add_uint(&b, line);
	}
	strbuf_adds(&b, ": ");
	strbuf_add_visible(&b, msg, strlen(msg));
	free(msg);
	return strbuf_detach(&b);
}

static int
fail(struct reader_state *st, unsigned long line, const char *fmt, ...)
    OSTD_PRINTF(3, 4);

/*
 * Note a problem of the file at line, and go on reading: every problem of a
 * file is told in one run. Returns -1.
 */
static int
fail(struct reader_state *st, unsigned long line, const char *fmt, ...)
{
	struct problem *p;
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	grow_array((void **)&st->problems, &st->problems_cap,
	    st->nproblems + 1, sizeof(*st->problems));
	p = &st->problems[st->nproblems];
	p->line = line;
	p->order = st->nproblems++;
	p->message = path_error(st->name, line, "%s", msg);
	free(msg);
	return -1;
}

/* Problems by line, those of one line in the order they were found. */
static int
cmp_problems(const void *a, const void *b)
{
	const struct problem *p = a, *q = b;

	if (p->line != q->line)
		return p->line < q->line ? -1 : 1;
	return p->order < q->order ? -1 : p->order > q->order;
}

/* Every problem found, by line, one a line of text (allocated). */
static char *
problems_text(struct reader_state *st)
{
	struct strbuf b;

	qsort(st->problems, st->nproblems, sizeof(*st->problems),
	    cmp_problems);
	strbuf_init(&b, 0);
	for (size_t i = 0; i < st->nproblems; i++) {
		if (i > 0)
			strbuf_addc(&b, '\n');
		strbuf_adds(&b, st->problems[i].message);
	}
	return strbuf_detach(&b);
}

static int
field_lookup(const char *s, size_t len)
{
	for (int i = 0; i < F_COUNT; i++)
		if (strlen(fields[i].name) == len &&
		    memcmp(fields[i].name, s, len) == 0)
			return i;
	return -1;
}

static struct value *
add_value(struct reader_state *st, int f, unsigned long line)
{
	struct value *v;

	grow_array((void **)&st->vals[f], &st->caps[f], st->nvals[f] + 1,
	    sizeof(struct value));
	v = &st->vals[f][st->nvals[f]++];
	/* A NUL ends the value before, even an empty one. */
	strbuf_addc(&st->texts, '\0');
	strbuf_init(&v->text, 0);
	v->off = st->texts.len;
	v->line = line;
	return v;
}

/* Append to the value being read, the last one in st->texts. */
static void
value_add(struct reader_state *st, struct value *v, const char *s, size_t n)
{
	strbuf_add(&st->texts, s, n);
	v->text.len += n;
}

static void
value_addc(struct reader_state *st, struct value *v, char c)
{
	value_add(st, v, &c, 1);
}

/* Point every value at its text, now that the buffer no longer moves. */
static void
values_done(struct reader_state *st)
{
	for (int f = 0; f < F_COUNT; f++)
		for (size_t i = 0; i < st->nvals[f]; i++) {
			struct value *v = &st->vals[f][i];

			v->text.data = st->texts.data + v->off;
		}
}

static void
state_free(struct reader_state *st)
{
	for (int f = 0; f < F_COUNT; f++)
		free(st->vals[f]);
	strbuf_free(&st->texts);
	for (size_t i = 0; i < st->nproblems; i++)
		free(st->problems[i].message);
	free(st->problems);
}

/*
 * Does s[0..n) hold a control character other than a tab (C0, DEL, or a C1
 * character in UTF-8)? *col gets the column of the first, counted in bytes
 * from 1.
 */
static int
control_char(const char *s, size_t n, size_t *col)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t') || c == 0x7F || (c == 0xC2 &&
		    i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] < 0xA0)) {
			*col = i + 1;
			return 1;
		}
	}
	return 0;
}

/*
 * Split text into lines and collect field values. A line at fault is noted
 * and passed over (with the lines that continue it), and reading goes on;
 * only a NUL byte, the mark of a file that is no text, ends it. Returns -1
 * then, else 0.
 */
static int
read_fields(struct reader_state *st, const char *text, size_t len)
{
	size_t pos = 0, col;
	unsigned long lineno = 0;
	struct value *cur = NULL;
	int curf = -1;
	bool orphan = false;	/* continuations of a line at fault follow */
	bool comment = false;	/* a comment line inside the example */

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	/* Values, joined, are no longer than the text, plus a NUL a line. */
	grow_array((void **)&st->texts.data, &st->texts.cap, len + len / 2 + 2,
	    1);
	while (pos < len) {
		const char *line = text + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t n = nl != NULL ? (size_t)(nl - line) : len - pos;

		pos += n + (nl != NULL);
		lineno++;
		if (n > 0 && line[n - 1] == '\r')
			n--;
		if (memchr(line, '\0', n) != NULL) {
			fail(st, lineno, "NUL byte in rule file");
			return -1;
		}
		/* The line is read all the same, for what else is wrong. */
		if (control_char(line, n, &col) != 0)
			fail(st, lineno, "control character at column %zu: a "
			    "rule's text is shown on terminals, and only tabs "
			    "may be in it", col);
		if (line[0] == ' ' || line[0] == '\t') {
			if (cur == NULL) {
				if (!orphan)
					fail(st, lineno, "indented line does not "
					    "continue a field");
				continue;
			}
			if (curf == F_EXAMPLE) {
				if (n < 2 || line[0] != ' ' || line[1] != ' ') {
					fail(st, lineno, "example lines must be "
					    "indented by two spaces");
					continue;
				}
				if (cur->text.len > 0)
					value_addc(st, cur, '\n');
				else
					st->example_first = lineno;
				st->example_gap |= comment;
				value_add(st, cur, line + 2, n - 2);
				continue;
			}
			size_t i = 0;
			while (i < n && ascii_isspace((unsigned char)line[i]))
				i++;
			if (i == n)
				continue;
			if (cur->text.len > 0)
				value_addc(st, cur, ' ');
			value_add(st, cur, line + i, n - i);
			continue;
		}
		if (n == 0) {
			if (curf == F_EXAMPLE && cur->text.len > 0) {
				value_addc(st, cur, '\n');
				st->example_gap |= comment;
			}
			continue;
		}
		if (line[0] == '#') {
			comment |= curf == F_EXAMPLE && cur->text.len > 0;
			continue;
		}
		cur = NULL;
		curf = -1;
		orphan = true;
		const char *colon = memchr(line, ':', n);
		if (colon == NULL) {
			fail(st, lineno, "expected 'key: value'");
			continue;
		}
		int f = field_lookup(line, (size_t)(colon - line));
		if (f < 0) {
			fail(st, lineno, "unknown key '%.*s'",
			    (int)(colon - line), line);
			continue;
		}
		if (!fields[f].repeat && st->nvals[f] > 0) {
			fail(st, lineno, "'%s' given twice (first on line %lu)",
			    fields[f].name, st->vals[f][0].line);
			continue;
		}
		cur = add_value(st, f, lineno);
		curf = f;
		orphan = false;
		size_t i = (size_t)(colon - line) + 1;
		while (i < n && ascii_isspace((unsigned char)line[i]))
			i++;
		if (f == F_EXAMPLE) {
			if (i < n)
				fail(st, lineno, "example text goes on the "
				    "following lines, indented by two spaces");
			continue;
		}
		value_add(st, cur, line + i, n - i);
	}
	values_done(st);
	return 0;
}

static const struct value *
one(const struct reader_state *st, int f)
{
	return st->nvals[f] > 0 ? &st->vals[f][0] : NULL;
}

static char *
take(struct reader_state *st, int f)
{
	const struct value *v = one(st, f);

	if (v == NULL)
		return NULL;
	return xstrndup(v->text.data ? v->text.data : "", v->text.len);
}

static char **
take_all(struct reader_state *st, int f, size_t *n)
{
	char **v = xcalloc(st->nvals[f] + 1, sizeof(char *));

	for (size_t i = 0; i < st->nvals[f]; i++)
		v[i] = xstrndup(st->vals[f][i].text.data ?
		    st->vals[f][i].text.data : "", st->vals[f][i].text.len);
	*n = st->nvals[f];
	return v;
}

static int
compile_pattern(struct reader_state *st, const struct value *v,
    struct ostd_pattern **out)
{
	struct ostd_pattern *pat;
	pcre2_code *code = NULL;
	int errcode;
	PCRE2_SIZE erroff;
	PCRE2_UCHAR msg[256];

	if (v->text.len == 0)
		return fail(st, v->line, "empty pattern");
	if ((code = compile(v->text.data, v->text.len, &errcode,
	    &erroff)) == NULL) {
		pcre2_get_error_message(errcode, msg, sizeof(msg));
		return fail(st, v->line, "regex error at offset %zu: %s",
		    (size_t)erroff, (char *)msg);
	}
	pat = xcalloc(1, sizeof(*pat));
	pat->state = xcalloc(1, sizeof(*pat->state));
	pat->state->code = code;
	pat->source = xstrndup(v->text.data, v->text.len);
	pat->len = v->text.len;
	pat->line = v->line;
	pat->owns_source = true;
	*out = pat;
	return 0;
}

static int
parse_code_pattern(struct reader_state *st, const struct value *v,
    struct ostd_code_pattern *cp)
{
	const char *s = v->text.data ? v->text.data : "";
	size_t len = v->text.len, i = 0;
	struct ostd_code tmp;
	struct strbuf norm;

	memset(cp, 0, sizeof(*cp));
	strbuf_init(&norm, 0);
	while (i <= len) {
		size_t j = i;

		while (j < len && s[j] != '-')
			j++;
		if (cp->nfields == OSTD_CODE_FIELDS)
			goto bad;
		if (j - i == 1 && s[i] == '*') {
			if (cp->nfields == 0)
				goto bad;	/* the HRESULT itself is never a wildcard */
			cp->wild |= 1u << cp->nfields;
			cp->nfields++;
			strbuf_adds(&norm, cp->nfields > 1 ? "-*" : "*");
		} else {
			if (ostd_code_parse(s + i, j - i, &tmp) != 0)
				goto bad;
			cp->field[cp->nfields++] = tmp.field[0];
			if (cp->nfields > 1)
				strbuf_addc(&norm, '-');
			strbuf_adds(&norm, tmp.text);
		}
		i = j + 1;
	}
	snprintf(cp->text, sizeof(cp->text), "%s", norm.data ? norm.data : "");
	strbuf_free(&norm);
	return 0;
bad:
	strbuf_free(&norm);
	return fail(st, v->line, "bad code '%.*s' (want HHHHHHHH-h-h-h, fields "
	    "may be '*')", (int)len, s);
}

/* Parse space-separated names into a bit set using lookup. */
static int
parse_names(struct reader_state *st, const struct value *v, unsigned *bits,
    int (*lookup)(const char *, size_t), const char *what)
{
	const char *s = v->text.data ? v->text.data : "";
	size_t len = v->text.len, i = 0;

	*bits = 0;
	while (i < len) {
		size_t j;
		int k;

		while (i < len && ascii_isspace((unsigned char)s[i]))
			i++;
		j = i;
		while (j < len && !ascii_isspace((unsigned char)s[j]))
			j++;
		if (j == i)
			break;
		k = lookup(s + i, j - i);
		if (k <= 0)
			return fail(st, v->line, "unknown %s '%.*s'", what,
			    (int)(j - i), s + i);
		*bits |= 1u << k;
		i = j;
	}
	if (*bits == 0)
		return fail(st, v->line, "empty %s list", what);
	return 0;
}

static int
symptom_lookup(const char *s, size_t len)
{
	static const char *const names[] = { "", "long-gap", "unfinished",
		"repeated-timeout" };

	for (int i = 1; i < 4; i++)
		if (strlen(names[i]) == len && memcmp(names[i], s, len) == 0)
			return i;
	return -1;
}

static int
parse_clients(struct reader_state *st, const struct value *v, uint32_t *bits)
{
	const char *s = v->text.data ? v->text.data : "";
	char *end;
	long lo, hi;

	*bits = 0;
	if (strcmp(s, "any") == 0)
		return 0;	/* every version: no bit set */
	while (*s != '\0') {
		while (*s == ' ' || *s == ',')
			s++;
		if (*s == '\0')
			break;
		lo = strtol(s, &end, 10);
		if (end == s)
			goto bad;
		hi = lo;
		s = end;
		if (*s == '-') {
			s++;
			hi = strtol(s, &end, 10);
			if (end == s)
				goto bad;
			s = end;
		}
		if (lo < 1 || hi > 31 || lo > hi)
			goto bad;
		for (long k = lo; k <= hi; k++)
			*bits |= 1u << k;
	}
	if (*bits != 0)
		return 0;
bad:
	return fail(st, v->line, "bad clients '%s' (want 'any' or versions "
	    "1-31, e.g. '4-10' or '12,14-16')", v->text.data ? v->text.data : "");
}

static bool
valid_id(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (!(ascii_isdigit((unsigned char)*s) ||
		    (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    *s == '-' || *s == '_' || *s == '.'))
			return false;
	return true;
}

/* A copy of a value's text, or a failure when it is empty. */
static int
take_text(struct reader_state *st, const struct value *v, const char *what,
    char **out)
{
	if (v->text.len == 0)
		return fail(st, v->line, "empty %s", what);
	*out = xstrndup(v->text.data, v->text.len);
	return 0;
}

/*
 * The fix steps in file order: 'fix' (the source's procedure) and 'practice'
 * (advice beyond it) lines make one numbered list, and a 'caution' belongs to
 * the step that follows it. lines gets each step's line. An empty step or
 * caution is noted and kept as empty, so that the steps keep their numbers.
 */
static void
build_steps(struct reader_state *st, struct ostd_rule *r, unsigned long *lines)
{
	const struct value *fix = st->vals[F_FIX], *prac = st->vals[F_PRACTICE];
	const struct value *caut = st->vals[F_CAUTION];
	size_t nf = st->nvals[F_FIX], np = st->nvals[F_PRACTICE];
	size_t nc = st->nvals[F_CAUTION], i = 0, j = 0, k = 0;

	r->fix = xcalloc(nf + np + 1, sizeof(char *));
	r->caution = xcalloc(nf + np + 1, sizeof(char *));
	while (i < nf || j < np) {
		bool practice = i == nf || (j < np && prac[j].line < fix[i].line);
		const struct value *v = practice ? &prac[j++] : &fix[i++];
		const struct value *c = NULL;

		if (r->nfix == OSTD_STEPS_MAX) {
			fail(st, v->line, "more than %d fix steps",
			    OSTD_STEPS_MAX);
			return;
		}
		for (; k < nc && caut[k].line < v->line; k++) {
			if (c != NULL)
				fail(st, caut[k].line, "a second caution for "
				    "one step (the first on line %lu): say it "
				    "in one", c->line);
			else
				c = &caut[k];
		}
		lines[r->nfix] = v->line;
		if (take_text(st, v, "step", &r->fix[r->nfix]) != 0)
			r->fix[r->nfix] = xstrdup("");
		if (c != NULL && take_text(st, c, "caution",
		    &r->caution[r->nfix]) != 0)
			r->caution[r->nfix] = xstrdup("");
		if (practice)
			r->practice |= UINT64_C(1) << r->nfix;
		r->nfix++;
	}
	if (k < nc)
		fail(st, caut[k].line, "caution with no step after it (it goes "
		    "on the line before the step it warns of)");
}

/*
 * Refuse steps a help desk could lose data by: one that reads as deleting,
 * purging, rebuilding or changing data without a caution before it, and an
 * offline store rebuilt before what only it holds is saved (with Outlook open,
 * so before any step that closes it).
 */
static void
check_steps(struct reader_state *st, const struct ostd_rule *r,
    const unsigned long *lines)
{
	size_t saved = SIZE_MAX, closed = SIZE_MAX;

	for (size_t i = 0; i < r->nfix; i++) {
		const char *hazard = step_hazard(r->fix[i]);

		if (hazard != NULL && r->caution[i] == NULL)
			fail(st, lines[i], "step %zu %s, with no caution: put a "
			    "'caution:' line before it that says what can be "
			    "lost and how to keep it", i + 1, hazard);
		if (step_rebuilds_ost(r->fix[i]) && saved == SIZE_MAX)
			fail(st, lines[i], "step %zu rebuilds the offline folder "
			    "file, but no step before it saves what only that "
			    "file holds (Outbox, Drafts, Local Failures, changes "
			    "made offline)", i + 1);
		if (step_saves_offline_items(r->fix[i]) && saved == SIZE_MAX) {
			if (closed != SIZE_MAX)
				fail(st, lines[i], "step %zu saves offline items "
				    "after step %zu closes Outlook: save them "
				    "while Outlook is open, then close it", i + 1,
				    closed + 1);
			saved = i;
		}
		if (step_closes_outlook(r->fix[i]) && closed == SIZE_MAX)
			closed = i;
	}
}

/* Does the file give a condition (even one at fault): is it a rule? */
static bool
has_conditions(const struct reader_state *st)
{
	static const int conditions[] = { F_CODE, F_HEAD, F_SCOPE, F_FOLDER,
		F_MESSAGE, F_TEXT, F_SESSION, F_SYMPTOM };

	for (size_t i = 0; i < sizeof(conditions) / sizeof(conditions[0]); i++)
		if (st->nvals[conditions[i]] > 0)
			return true;
	return false;
}

/*
 * Build r from the fields read, noting every problem; each check goes on
 * whatever the others found. Returns -1 when the file has a problem, else 0.
 */
static int
build_rule(struct reader_state *st, struct ostd_rule *r)
{
	unsigned long lines[OSTD_STEPS_MAX];
	static const int required[] = { F_ID, F_TITLE, F_PRODUCTS, F_LEVEL,
		F_CATEGORY };
	const struct value *v;
	size_t i;

	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (one(st, required[i]) == NULL)
			fail(st, 1, "missing '%s'", fields[required[i]].name);
	r->id = take(st, F_ID);
	if (r->id != NULL && !valid_id(r->id))
		fail(st, one(st, F_ID)->line, "bad id '%s' (letters, digits, "
		    "'-', '_', '.')", r->id);
	r->title = take(st, F_TITLE);
	if (r->title != NULL && (strlen(r->title) == 0 ||
	    strlen(r->title) > TITLE_MAX))
		fail(st, one(st, F_TITLE)->line, "title must have 1 to %d "
		    "characters", TITLE_MAX);
	r->article = take(st, F_ARTICLE);
	if (r->article != NULL && strcmp(r->article, "-") == 0) {
		free(r->article);
		r->article = NULL;
	} else if (r->article == NULL && r->id != NULL &&
	    (r->id[0] == 'Q' || strncmp(r->id, "KB", 2) == 0)) {
		size_t n = strcspn(r->id, "-");
		r->article = xstrndup(r->id, n);
	}
	r->products = take(st, F_PRODUCTS);
	r->servers = take(st, F_SERVERS);
	r->note = take(st, F_NOTE);
	r->public_source = take(st, F_SOURCE);
	r->fixed_in = take(st, F_FIXED_IN);
	r->group = take(st, F_GROUP);
	r->cause = take(st, F_CAUSE);
	r->summary = take(st, F_SUMMARY);
	r->example = take(st, F_EXAMPLE);
	r->category = take(st, F_CATEGORY);
	if (r->category != NULL) {
		for (i = 0; i < sizeof(categories) / sizeof(categories[0]); i++)
			if (strcmp(r->category, categories[i]) == 0)
				break;
		if (i == sizeof(categories) / sizeof(categories[0]))
			fail(st, one(st, F_CATEGORY)->line, "unknown category "
			    "'%s'", r->category);
	}
	if ((v = one(st, F_LEVEL)) != NULL) {
		if (strcmp(v->text.data, "error") == 0)
			r->level = OSTD_LEVEL_ERROR;
		else if (strcmp(v->text.data, "warning") == 0)
			r->level = OSTD_LEVEL_WARNING;
		else if (strcmp(v->text.data, "info") == 0)
			r->level = OSTD_LEVEL_INFO;
		else
			fail(st, v->line, "level must be error, warning or "
			    "info");
	}
	if ((v = one(st, F_CLIENTS)) != NULL)
		parse_clients(st, v, &r->clients);

	r->codes = xcalloc(st->nvals[F_CODE] + 1, sizeof(*r->codes));
	for (i = 0; i < st->nvals[F_CODE]; i++)
		parse_code_pattern(st, &st->vals[F_CODE][i],
		    &r->codes[r->ncodes++]);
	if ((v = one(st, F_HEAD)) != NULL)
		parse_names(st, v, &r->heads, ostd_head_from_name, "head");
	if ((v = one(st, F_SCOPE)) != NULL)
		parse_names(st, v, &r->scopes, ostd_scope_from_name, "scope");
	if ((v = one(st, F_SYMPTOM)) != NULL)
		parse_names(st, v, &r->symptoms, symptom_lookup, "symptom");
	r->symptoms >>= 1;	/* bit 1 is OSTD_SYMPTOM_LONG_GAP (1 << 0) */
	if ((v = one(st, F_SESSION)) != NULL) {
		if (strcmp(v->text.data, "terminated") == 0)
			r->session = OSTD_SESSION_TERMINATED;
		else if (strcmp(v->text.data, "unfinished") == 0)
			r->session = OSTD_SESSION_UNFINISHED;
		else
			fail(st, v->line, "session must be terminated or "
			    "unfinished");
	}
	if ((v = one(st, F_FOLDER)) != NULL)
		compile_pattern(st, v, &r->folder);
	if ((v = one(st, F_MESSAGE)) != NULL)
		compile_pattern(st, v, &r->message);
	r->texts = xcalloc(st->nvals[F_TEXT] + 1, sizeof(*r->texts));
	for (i = 0; i < st->nvals[F_TEXT]; i++)
		compile_pattern(st, &st->vals[F_TEXT][i],
		    &r->texts[r->ntexts++]);
	build_steps(st, r, lines);
	check_steps(st, r, lines);
	r->ask = take_all(st, F_ASK, &r->nask);
	r->see = xcalloc(1, sizeof(char *));
	if ((v = one(st, F_SEE)) != NULL) {
		char *copy = xstrdup(v->text.data ? v->text.data : ""), *save;

		for (char *tok = strtok_r(copy, " ,;", &save); tok != NULL;
		    tok = strtok_r(NULL, " ,;", &save)) {
			r->see = xreallocarray(r->see, r->nsee + 2,
			    sizeof(char *));
			r->see[r->nsee++] = xstrdup(tok);
			r->see[r->nsee] = NULL;
		}
		free(copy);
		r->see_line = v->line;
	}
	if ((v = one(st, F_EXAMPLE)) != NULL) {
		r->example_line = v->line;
		r->example_first = st->example_gap ? 0 : st->example_first;
	}

	if ((v = one(st, F_HELD)) != NULL) {
		if (strcmp(v->text.data, "no") != 0 &&
		    strcmp(v->text.data, "yes") != 0)
			fail(st, v->line, "held must be yes or no");
		r->not_held = strcmp(v->text.data, "no") == 0;
	}
	if (!has_conditions(st)) {
		if (r->summary == NULL || *r->summary == '\0')
			fail(st, 1, "reference entry (no match conditions) "
			    "needs a 'summary'");
		return st->nproblems > 0 ? -1 : 0;
	}
	if (r->not_held)
		fail(st, one(st, F_HELD)->line, "'held' is for reference "
		    "entries: a rule with conditions cites what it knows");
	if (one(st, F_CLIENTS) == NULL)
		fail(st, 1, "rule needs 'clients': the client versions its "
		    "source was written for, or 'any'");
	if (r->servers == NULL || *r->servers == '\0')
		fail(st, 1, "rule needs 'servers': the servers its source was "
		    "written for");
	if (r->cause == NULL || *r->cause == '\0')
		fail(st, 1, "rule needs a 'cause'");
	if (r->nfix == 0)
		fail(st, 1, "rule needs at least one 'fix' step");
	if (r->example == NULL || *r->example == '\0')
		fail(st, 1, "rule needs an 'example' log");
	return st->nproblems > 0 ? -1 : 0;
}

/* pat, of rule r, is matched by rs from now on. */
static void
pattern_join(struct ostd_pattern *pat, const struct ostd_ruleset *rs,
    const struct ostd_rule *r)
{
	pat->matcher = rs->matcher;
	pat->rule = r;
}

/*
 * Add r to rs, in place of the first rule with the same id when that is among
 * the first limit (a rule file replaces a built-in rule, or a rule read
 * before). The id index finds that rule, so adding n rules costs n steps, not
 * n * n.
 */
static void
ruleset_put(struct ostd_ruleset *rs, struct ostd_rule *r, size_t limit)
{
	size_t i = id_index_find(&rs->ids, r->id);

	if (r->folder != NULL)
		pattern_join(r->folder, rs, r);
	if (r->message != NULL)
		pattern_join(r->message, rs, r);
	for (size_t k = 0; k < r->ntexts; k++)
		pattern_join(r->texts[k], rs, r);
	if (i != SIZE_MAX && i < limit) {
		/* The index lets go of the old id before it is freed. */
		id_index_set(&rs->ids, r->id, i);
		rule_free(rs->rules[i]);
		rs->rules[i] = r;
		return;
	}
	grow_array((void **)&rs->rules, &rs->cap, rs->n + 1, sizeof(*rs->rules));
	rs->rules[rs->n++] = r;
	if (i == SIZE_MAX)
		id_index_set(&rs->ids, r->id, rs->n - 1);
}

int
ostd_ruleset_load_text(struct ostd_ruleset *rs, const char *name,
    const char *text, size_t len, char **err)
{
	struct reader_state st;
	struct ostd_rule *r;

	memset(&st, 0, sizeof(st));
	st.name = name;
	r = xcalloc(1, sizeof(*r));
	if (read_fields(&st, text, len) != 0 || build_rule(&st, r) != 0) {
		*err = problems_text(&st);
		state_free(&st);
		rule_free(r);
		return -1;
	}
	r->source = xstrdup(name);
	r->source_line = one(&st, F_ID)->line;
	state_free(&st);
	ruleset_put(rs, r, rs->n);
	return 0;
}

/* A built-in string, or NULL. */
static char *
builtin_string(uint32_t off)
{
	return off != BUILTIN_NONE ? (char *)builtin_strings + off : NULL;
}

/*
 * A built-in rule's pattern, the next of load, which gets its code when it
 * first runs (NULL: none).
 */
static struct ostd_pattern *
builtin_pattern(struct builtin_load *load, uint32_t off)
{
	struct ostd_pattern *pat;

	if (off == BUILTIN_NONE)
		return NULL;
	pat = &load->patterns[load->npatterns];
	pat->state = &load->states[load->npatterns++];
	pat->source = builtin_strings + off;
	pat->len = strlen(pat->source);
	pat->in_load = true;
	return pat;
}

/* Fill v (n + 1 entries) with the strings of a built-in list, then NULL. */
static char **
builtin_list(char **v, uint32_t first, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		v[i] = builtin_string(builtin_lists[first + i]);
	v[n] = NULL;
	return v;
}

/*
 * The built-in rules were read when the program was built (embed_rules): each
 * is taken as it stands, its strings borrowed; its patterns and the arrays of
 * its lists are made for this ruleset.
 */
void
ostd_ruleset_load_builtin(struct ostd_ruleset *rs)
{
	size_t npatterns = 0, ntexts = 0, nptrs = 0, before = rs->n;
	struct builtin_load *load = xcalloc(1, sizeof(*load));
	struct ostd_pattern **texts;
	char **next;

	for (size_t i = 0; i < builtin_rule_count; i++) {
		const struct builtin_rule *b = &builtin_rules[i];

		npatterns += (b->folder != BUILTIN_NONE) +
		    (b->message != BUILTIN_NONE) + b->ntexts;
		ntexts += b->ntexts + 1;
		nptrs += 2 * b->nfix + b->nask + b->nsee + 4;
	}
	load->rules = xcalloc(builtin_rule_count, sizeof(*load->rules));
	load->patterns = xcalloc(npatterns, sizeof(*load->patterns));
	load->states = xcalloc(npatterns, sizeof(*load->states));
	load->texts = texts = xcalloc(ntexts, sizeof(*load->texts));
	load->lists = next = xreallocarray(NULL, nptrs, sizeof(char *));
	grow_array((void **)&rs->loads, &rs->loads_cap, rs->nloads + 1,
	    sizeof(*rs->loads));
	rs->loads[rs->nloads++] = load;
	for (size_t i = 0; i < builtin_rule_count; i++) {
		const struct builtin_rule *b = &builtin_rules[i];
		struct ostd_rule *r = &load->rules[i];

		r->builtin = true;
		r->id = builtin_string(b->id);
		r->article = builtin_string(b->article);
		r->title = builtin_string(b->title);
		r->products = builtin_string(b->products);
		r->fixed_in = builtin_string(b->fixed_in);
		r->category = builtin_string(b->category);
		r->group = builtin_string(b->group);
		r->level = b->level;
		r->clients = b->clients;
		r->codes = (struct ostd_code_pattern *)&builtin_codes[b->codes];
		r->ncodes = b->ncodes;
		r->heads = b->heads;
		r->scopes = b->scopes;
		r->folder = builtin_pattern(load, b->folder);
		r->message = builtin_pattern(load, b->message);
		r->texts = texts;
		texts += b->ntexts + 1;
		for (r->ntexts = 0; r->ntexts < b->ntexts; r->ntexts++)
			r->texts[r->ntexts] = builtin_pattern(load,
			    builtin_lists[b->texts + r->ntexts]);
		r->session = b->session;
		r->symptoms = b->symptoms;
		r->cause = builtin_string(b->cause);
		r->summary = builtin_string(b->summary);
		r->servers = builtin_string(b->servers);
		r->note = builtin_string(b->note);
		r->public_source = builtin_string(b->public_source);
		r->fix = builtin_list(next, b->fix, b->nfix);
		next += b->nfix + 1;
		r->caution = builtin_list(next, b->caution, b->nfix);
		next += b->nfix + 1;
		r->practice = b->practice;
		r->not_held = b->not_held;
		r->nfix = b->nfix;
		r->ask = builtin_list(next, b->ask, b->nask);
		next += b->nask + 1;
		r->nask = b->nask;
		r->see = builtin_list(next, b->see, b->nsee);
		next += b->nsee + 1;
		r->nsee = b->nsee;
		r->example = builtin_string(b->example);
		r->source = builtin_string(b->source);
		r->source_line = b->source_line;
		/* The build refused a built-in id given twice. */
		ruleset_put(rs, r, before);
	}
}

/*
 * A copy of pat for a clone, with a copy of its code; a built-in pattern that
 * has not run yet gets its code when it first runs, as pat would.
 */
static struct ostd_pattern *
pattern_clone(const struct ostd_pattern *pat)
{
	struct ostd_pattern *c;

	if (pat == NULL)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	c->state = xcalloc(1, sizeof(*c->state));
	c->source = pat->source;
	c->len = pat->len;
	c->line = pat->line;
	if (pat->state->code != NULL &&
	    (c->state->code = pcre2_code_copy(pat->state->code)) == NULL) {
		fprintf(stderr, "ostdiag: out of memory (pcre2 pattern)\n");
		exit(2);
	}
	return c;
}

struct ostd_ruleset *
ostd_ruleset_clone(const struct ostd_ruleset *rs)
{
	struct ostd_ruleset *c = ostd_ruleset_new();

	c->rules = xcalloc(rs->n + 1, sizeof(*c->rules));
	c->cap = rs->n + 1;
	for (size_t i = 0; i < rs->n; i++) {
		const struct ostd_rule *from = rs->rules[i];
		struct ostd_rule *r = xmalloc(sizeof(*r));

		*r = *from;
		r->builtin = false;
		r->copy = true;
		r->folder = pattern_clone(from->folder);
		r->message = pattern_clone(from->message);
		r->texts = xcalloc(from->ntexts + 1, sizeof(*r->texts));
		for (size_t k = 0; k < from->ntexts; k++)
			r->texts[k] = pattern_clone(from->texts[k]);
		ruleset_put(c, r, 0);
	}
	return c;
}

/* What kind of file kind is, other than a regular file, in a few words. */
static const char *
file_kind(enum platform_kind kind)
{
	switch (kind) {
	case PLATFORM_DIRECTORY:
		return "a directory";
	case PLATFORM_FIFO:
		return "a FIFO";
	case PLATFORM_CHAR_DEVICE:
		return "a character device";
	case PLATFORM_BLOCK_DEVICE:
		return "a block device";
	case PLATFORM_SOCKET:
		return "a socket";
	default:
		return "not a regular file";
	}
}

/*
 * Read a whole rule file of at most RULE_FILE_MAX bytes. It is opened so that
 * opening cannot wait (a FIFO with no writer would wait for ever) and is read
 * only when it is a regular file; anything else is refused, named.
 */
static char *
slurp(const char *path, size_t *len, char **err)
{
	struct platform_stat st;
	struct strbuf b;
	char chunk[8192];
	ptrdiff_t n;
	int fd = platform_open(path, &st);

	if (fd < 0) {
		*err = path_error(path, 0, "%s", strerror(errno));
		return NULL;
	}
	if (st.kind != PLATFORM_REGULAR) {
		*err = path_error(path, 0, "%s, not a regular file: rules are "
		    "read from regular files only", file_kind(st.kind));
		platform_close(fd);
		return NULL;
	}
	strbuf_init(&b, RULE_FILE_MAX);
	while ((n = platform_read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0)
			break;
		strbuf_add(&b, chunk, (size_t)n);
		if (b.truncated)
			break;
	}
	if (n < 0 || b.truncated) {
		*err = n < 0 ? path_error(path, 0, "%s", strerror(errno)) :
		    path_error(path, 0, "rule file larger than %d bytes",
		    RULE_FILE_MAX);
		platform_close(fd);
		strbuf_free(&b);
		return NULL;
	}
	platform_close(fd);
	*len = b.len;
	return strbuf_detach(&b);
}

static int
load_file(struct ostd_ruleset *rs, const char *path, char **err)
{
	size_t len = 0;
	char *text = slurp(path, &len, err);
	int rc;

	if (text == NULL)
		return -1;
	rc = ostd_ruleset_load_text(rs, path, text, len, err);
	free(text);
	return rc;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
add_error(struct strbuf *errs, char *msg)
{
	if (errs->len > 0)
		strbuf_addc(errs, '\n');
	strbuf_adds(errs, msg);
	free(msg);
}

int
ostd_ruleset_load_path(struct ostd_ruleset *rs, const char *path, char **err)
{
	struct platform_stat st;
	struct platform_dir *dir;
	const char *name;
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct strbuf errs;
	int broken = 0;

	*err = NULL;
	if (platform_stat(path, &st) != 0) {
		*err = path_error(path, 0, "%s", strerror(errno));
		return -1;
	}
	if (st.kind != PLATFORM_DIRECTORY)
		return load_file(rs, path, err) == 0 ? 0 : 1;
	if ((dir = platform_dir_open(path)) == NULL) {
		*err = path_error(path, 0, "%s", strerror(errno));
		return -1;
	}
	while ((name = platform_dir_next(dir)) != NULL) {
		size_t len = strlen(name);

		if (len > 5 && strcmp(name + len - 5, ".rule") == 0) {
			grow_array((void **)&names, &cap, n + 1, sizeof(char *));
			names[n++] = platform_path_join(path, name);
		}
	}
	platform_dir_close(&dir);
	qsort(names, n, sizeof(char *), cmp_names);
	strbuf_init(&errs, 0);
	for (size_t i = 0; i < n; i++) {
		char *e = NULL;

		if (load_file(rs, names[i], &e) != 0) {
			broken++;
			add_error(&errs, e);
		}
		free(names[i]);
	}
	free(names);
	if (broken > 0)
		*err = strbuf_detach(&errs);
	else
		strbuf_free(&errs);
	return broken;
}

/*
 * explain.c: the knowledge base for people, wrapped to a width, or as JSON:
 * "ostdiag explain" (what each argument names, a code, a rule or article id,
 * an HRESULT name, or text pasted from a log whose codes are taken: a code
 * field by field with the rules that can match it, or a diagnosis in full)
 * and the list "ostdiag rules" prints.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ostdiag/explain.h"
#include "ostdiag/log.h"
#include "ostdiag/reader.h"
#include "ostdiag/report.h"
#include "report/json.h"
#include "util/util.h"
#include "util/wrap.h"

int
ostd_explain_parse_code(const char *arg, struct ostd_code *code)
{
	size_t len = strlen(arg);

	while (len > 0 && (arg[len - 1] == ']' || arg[len - 1] == '.' ||
	    ascii_isspace((unsigned char)arg[len - 1])))
		len--;
	while (len > 0 && (*arg == '[' || ascii_isspace((unsigned char)*arg))) {
		arg++;
		len--;
	}
	if (len > 2 && arg[0] == '0' && (arg[1] == 'x' || arg[1] == 'X')) {
		arg += 2;
		len -= 2;
	}
	return ostd_code_parse(arg, len, code);
}

/* ---- text for people ---- */

#define LABEL_WIDTH 11	/* "products:  ": the text of a field starts after */

/* "label" and blanks to LABEL_WIDTH, then text wrapped under itself. */
static void
labelled(FILE *out, int width, const char *label, const char *text)
{
	int col = fprintf(out, "%-*s", LABEL_WIDTH, label);

	text_wrap(out, width, col, LABEL_WIDTH, text);
}

/* A line made by fmt, wrapped, its continuations indented by indent. */
static void
wrapped(FILE *out, int width, int indent, const char *fmt, ...)
    OSTD_PRINTF(4, 5);

static void
wrapped(FILE *out, int width, int indent, const char *fmt, ...)
{
	va_list ap;
	char *text;
	int col = 0;

	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	/* The line's own leading blanks are kept: the wrap passes blanks over. */
	while (text[col] == ' ')
		col++;
	fprintf(out, "%*s", col, "");
	text_wrap(out, width, col, indent, text + col);
	free(text);
}

/* ---- the code, field by field ---- */

/* What one field of a code is. */
enum field_kind {
	FIELD_HRESULT,		/* field 1, or field 3 when it is the server's */
	FIELD_STORE_ERROR,	/* field 3: an error code of the store */
	FIELD_LOCATION		/* where in the client or server code */
};

static enum field_kind
field_kind(const struct ostd_code *code, int f)
{
	if (f == 0)
		return FIELD_HRESULT;
	if (f == 2 && code->field[f] >= 0x80000000u)
		return FIELD_HRESULT;
	if (f == 2 && ostd_store_error_name(code->field[f], NULL) != NULL)
		return FIELD_STORE_ERROR;
	return FIELD_LOCATION;
}

static void
describe_hresult(FILE *out, int width, const char *label, uint32_t hr)
{
	const char *name = ostd_hresult_name(hr);
	const char *meaning = ostd_hresult_meaning(hr);
	const char *fac = ostd_facility_name(ostd_hresult_facility(hr));

	wrapped(out, width, 4, "%s0x%08X %s%s%s", label, (unsigned)hr,
	    name ? name : "(no name known)", meaning ? ": " : "",
	    meaning ? meaning : "");
	wrapped(out, width, 6, "    severity %s, facility %u%s%s%s, code "
	    "0x%04X", ostd_hresult_severity(hr) ? "failure" :
	    "success or warning", ostd_hresult_facility(hr), fac ? " (" : "",
	    fac ? fac : "", fac ? ")" : "", ostd_hresult_code(hr));
}

static void
describe_field(FILE *out, int width, const struct ostd_code *code, int f)
{
	const char *meaning = NULL, *name;

	if (f == 0 && !ostd_code_has_hresult(code)) {
		wrapped(out, width, 4, "  a short code: no HRESULT; the fields "
		    "only locate the failure");
		wrapped(out, width, 4, "  field 1, location in the client or "
		    "server code: %X", (unsigned)code->field[0]);
		return;
	}
	switch (field_kind(code, f)) {
	case FIELD_HRESULT:
		describe_hresult(out, width, f == 0 ?
		    "  field 1, the HRESULT: " :
		    "  field 3, the server's own HRESULT: ", code->field[f]);
		break;
	case FIELD_STORE_ERROR:
		name = ostd_store_error_name(code->field[f], &meaning);
		wrapped(out, width, 4, "  field 3, the store's error code: 0x%X "
		    "%s: %s", (unsigned)code->field[f], name, meaning);
		break;
	default:
		wrapped(out, width, 4, "  field %d, location in the client or "
		    "server code: %X", f + 1, (unsigned)code->field[f]);
		break;
	}
}

/* The best score any code condition of r gives code, or -1. */
static int
code_score(const struct ostd_rule *r, const struct ostd_code *code)
{
	int best = -1, sc;

	for (size_t c = 0; c < r->ncodes; c++)
		if (ostd_code_pattern_match(&r->codes[c], code, &sc) &&
		    sc > best)
			best = sc;
	return best;
}

/*
 * Does a text pattern of r, a rule with no code of its own, name the code (an
 * HRESULT alone) as an error dialog writes it: its eight hex digits?
 */
static bool
text_names_code(const struct ostd_rule *r, const struct ostd_code *code)
{
	char hex[16];

	if (r->ncodes > 0 || r->ntexts == 0 || code->nfields != 1)
		return false;
	snprintf(hex, sizeof(hex), "%08X", (unsigned)code->field[0]);
	for (size_t i = 0; i < r->ntexts; i++)
		for (const char *p = ostd_pattern_source(r->texts[i]); *p != '\0';
		    p++)
			if (ascii_strncaseeq(p, hex, 8))
				return true;
	return false;
}

/* The conditions of a rule besides its code, in words; NULL for none. */
static char *
conditions_words(const struct ostd_rule *r)
{
	struct strbuf b;
	const char *sep = "";

	strbuf_init(&b, 0);
	if (r->heads != 0) {
		strbuf_adds(&b, "head");
		for (int h = 1; h < OSTD_HEAD_COUNT; h++)
			if (r->heads & (1u << h))
				strbuf_addf(&b, " %s",
				    ostd_head_name((enum ostd_head)h));
		sep = "; ";
	}
	if (r->scopes != 0) {
		strbuf_addf(&b, "%sscope", sep);
		for (int s = 1; s < OSTD_SCOPE_COUNT; s++)
			if (r->scopes & (1u << s))
				strbuf_addf(&b, " %s",
				    ostd_scope_name((enum ostd_scope)s));
		sep = "; ";
	}
	if (r->message != NULL) {
		strbuf_addf(&b, "%smessage /%s/", sep,
		    ostd_pattern_source(r->message));
		sep = "; ";
	}
	if (r->folder != NULL) {
		strbuf_addf(&b, "%sfolder /%s/", sep,
		    ostd_pattern_source(r->folder));
		sep = "; ";
	}
	for (size_t i = 0; i < r->ntexts; i++) {
		strbuf_addf(&b, "%stext /%s/", sep,
		    ostd_pattern_source(r->texts[i]));
		sep = "; ";
	}
	if (r->session != OSTD_SESSION_ANY) {
		strbuf_addf(&b, "%sa session that %s", sep,
		    r->session == OSTD_SESSION_TERMINATED ?
		    "ends in Terminated in error" : "stops without Done");
		sep = "; ";
	}
	if (r->symptoms & OSTD_SYMPTOM_LONG_GAP) {
		strbuf_addf(&b, "%sa pause of 10 minutes or more that does not "
		    "end in progress", sep);
		sep = "; ";
	}
	if (r->symptoms & OSTD_SYMPTOM_UNFINISHED) {
		strbuf_addf(&b, "%sa session that stops without Done or error",
		    sep);
		sep = "; ";
	}
	if (r->symptoms & OSTD_SYMPTOM_REPEATED_TIMEOUT) {
		strbuf_addf(&b, "%s3 or more time-out or network errors in a "
		    "session", sep);
		sep = "; ";
	}
	if (b.len == 0) {
		strbuf_free(&b);
		return NULL;
	}
	return strbuf_detach(&b);
}

/* "written for SERVERS and CLIENTS" */
static char *
written_for(const struct ostd_rule *r)
{
	char clients[160];

	return xasprintf("written for %s and %s", r->servers != NULL ?
	    r->servers : "any server", ostd_clients_words(r->clients, clients,
	    sizeof(clients)));
}

/* A rule that can match a code: its code score, or -1 when a text names it. */
struct code_match {
	const struct ostd_rule *rule;
	int score;
};

/*
 * The rules that can match code, best code score first (in ruleset order
 * within a score), then those whose dialog text names it; *n of them, in an
 * array to free.
 */
static struct code_match *
code_matches(const struct ostd_ruleset *rs, const struct ostd_code *code,
    size_t *n)
{
	size_t count = ostd_ruleset_count(rs);
	struct code_match *m = xcalloc(count + 1, sizeof(*m));

	*n = 0;
	for (int pass = 50; pass >= -1; pass--) {
		for (size_t i = 0; i < count; i++) {
			const struct ostd_rule *r = ostd_ruleset_get(rs, i);
			int score = code_score(r, code);

			if (pass >= 0 ? score != pass :
			    score >= 0 || !text_names_code(r, code))
				continue;
			m[*n].rule = r;
			m[(*n)++].score = score;
		}
	}
	return m;
}

static void
explain_code_text(FILE *out, const struct ostd_ruleset *rs,
    const struct ostd_code *code, int width)
{
	struct code_match *m;
	size_t matched;

	fprintf(out, "%s\n", code->text);
	for (int f = 0; f < code->nfields; f++)
		describe_field(out, width, code, f);
	fputc('\n', out);
	wrapped(out, width, 2, "rules that can match it (best first; the rest "
	    "of each rule's conditions decide):");
	m = code_matches(rs, code, &matched);
	for (size_t i = 0; i < matched; i++) {
		const struct ostd_rule *r = m[i].rule;
		char *words, *applies;
		int col;

		if (m[i].score >= 0)
			col = fprintf(out, "  %-22s code score %2d  ", r->id,
			    m[i].score);
		else
			col = fprintf(out, "  %-22s its text names the code  ",
			    r->id);
		text_wrap(out, width, col, 6, r->title);
		words = conditions_words(r);
		wrapped(out, width, 13, "      needs: %s", words != NULL ? words :
		    "the code only");
		applies = written_for(r);
		wrapped(out, width, 8, "      %s", applies);
		free(words);
		free(applies);
	}
	free(m);
	if (matched == 0)
		wrapped(out, width, 4, "  none: an error with this code is "
		    "reported as unrecognized");
}

/* The members of a code's JSON object: the code, its fields, its rules. */
static void
code_json(struct strbuf *b, const struct ostd_ruleset *rs,
    const struct ostd_code *code)
{
	struct code_match *m;
	char hex[16], clients[64];
	size_t n;

	strbuf_adds(b, "\"code\":");
	json_str_or_null(b, code->text);
	strbuf_adds(b, ",\"fields\":[");
	for (int f = 0; f < code->nfields; f++) {
		enum field_kind k = field_kind(code, f);
		const char *name = NULL, *meaning = NULL;

		if (f == 0 && !ostd_code_has_hresult(code))
			k = FIELD_LOCATION;
		if (k == FIELD_HRESULT) {
			name = ostd_hresult_name(code->field[f]);
			meaning = ostd_hresult_meaning(code->field[f]);
		} else if (k == FIELD_STORE_ERROR) {
			name = ostd_store_error_name(code->field[f], &meaning);
		}
		snprintf(hex, sizeof(hex), "%X", (unsigned)code->field[f]);
		strbuf_addf(b, "%s{\"field\":%d,\"value\":", f ? "," : "",
		    f + 1);
		json_str_or_null(b, hex);
		strbuf_addf(b, ",\"kind\":\"%s\",\"name\":", k == FIELD_HRESULT ?
		    "hresult" : k == FIELD_STORE_ERROR ? "store-error" :
		    "location");
		json_str_or_null(b, name);
		strbuf_adds(b, ",\"meaning\":");
		json_str_or_null(b, meaning);
		strbuf_addc(b, '}');
	}
	strbuf_adds(b, "],\"rules\":[");
	m = code_matches(rs, code, &n);
	for (size_t i = 0; i < n; i++) {
		const struct ostd_rule *r = m[i].rule;
		char *words;

		strbuf_adds(b, i ? ",{\"id\":" : "{\"id\":");
		json_str_or_null(b, r->id);
		strbuf_adds(b, ",\"title\":");
		json_str_or_null(b, r->title);
		strbuf_adds(b, ",\"code_score\":");
		if (m[i].score >= 0)
			strbuf_add_int(b, m[i].score);
		else
			strbuf_adds(b, "null");
		strbuf_adds(b, ",\"needs\":");
		words = conditions_words(r);
		json_str_or_null(b, words);
		free(words);
		strbuf_adds(b, ",\"clients\":");
		json_str_or_null(b, ostd_clients_range(r->clients, clients,
		    sizeof(clients)));
		strbuf_adds(b, ",\"servers\":");
		json_str_or_null(b, r->servers);
		strbuf_addc(b, '}');
	}
	free(m);
	strbuf_addc(b, ']');
}

/* ---- one rule ---- */

/* Does rule r name id among its see: references? */
static bool
cites(const struct ostd_rule *r, const char *id)
{
	for (size_t i = 0; i < r->nsee; i++)
		if (strcasecmp(r->see[i], id) == 0)
			return true;
	return false;
}

/* The ids of the rules other than r that cite r's id, joined; NULL for none. */
static char *
citing(const struct ostd_ruleset *rs, const struct ostd_rule *r)
{
	struct strbuf b;

	strbuf_init(&b, 0);
	for (size_t i = 0; i < ostd_ruleset_count(rs); i++) {
		const struct ostd_rule *c = ostd_ruleset_get(rs, i);

		if (c != r && cites(c, r->id))
			strbuf_addf(&b, "%s%s", b.len ? " " : "", c->id);
	}
	if (b.len == 0) {
		strbuf_free(&b);
		return NULL;
	}
	return strbuf_detach(&b);
}

static void
explain_rule_text(FILE *out, const struct ostd_ruleset *rs,
    const struct ostd_rule *r, int width)
{
	char buf[512], *words;
	struct strbuf see;

	wrapped(out, width, 2, "%s: %s", r->id, r->title);
	labelled(out, width, "source:", ostd_provenance_words(r, buf,
	    sizeof(buf)));
	if (r->not_held)
		labelled(out, width, "held:", "no: the knowledge base holds no "
		    "copy of this article's text; its summary says where what "
		    "is known of it comes from");
	labelled(out, width, "products:", r->products);
	if (!ostd_rule_is_reference(r)) {
		words = written_for(r);
		labelled(out, width, "applies:", words);
		free(words);
	}
	if (r->fixed_in != NULL)
		labelled(out, width, "fixed in:", r->fixed_in);
	words = xasprintf("%s, %s", ostd_level_name(r->level), r->category);
	labelled(out, width, "level:", words);
	free(words);
	if (r->group != NULL)
		labelled(out, width, "group:", r->group);
	for (size_t i = 0; i < r->ncodes; i++)
		labelled(out, width, "code:", r->codes[i].text);
	if (!ostd_rule_is_reference(r)) {
		words = conditions_words(r);
		labelled(out, width, "needs:", words != NULL ? words :
		    "the code only");
		free(words);
	}
	if (r->cause != NULL)
		labelled(out, width, "cause:", r->cause);
	if (r->note != NULL) {
		words = xasprintf("(ostdiag's, not the source's) %s", r->note);
		labelled(out, width, "note:", words);
		free(words);
	}
	if (r->summary != NULL)
		labelled(out, width, "summary:", r->summary);
	if (r->nfix > 0)
		wrapped(out, width, 5, "fix:%s", ostd_rule_has_practice(r) ?
		    " (steps marked [practice] are general practice, not from "
		    "the source)" : "");
	/* A step's caution opens its item, before the step. */
	for (size_t i = 0; i < r->nfix; i++) {
		int col = fprintf(out, "  %zu. ", i + 1);

		if (r->caution[i] != NULL) {
			words = xasprintf("CAUTION: %s", r->caution[i]);
			text_wrap(out, width, col, col, words);
			free(words);
			fprintf(out, "%*s", col, "");
		}
		words = xasprintf("%s%s", ostd_rule_step_is_practice(r, i) ?
		    "[practice] " : "", r->fix[i]);
		text_wrap(out, width, col, col, words);
		free(words);
	}
	if (r->nask > 0)
		fputs("to confirm:\n", out);
	for (size_t i = 0; i < r->nask; i++) {
		fputs("  - ", out);
		text_wrap(out, width, 4, 4, r->ask[i]);
	}
	strbuf_init(&see, 0);
	for (size_t i = 0; i < r->nsee; i++)
		strbuf_addf(&see, "%s%s", i ? " " : "", r->see[i]);
	if (see.len > 0)
		labelled(out, width, "see also:", see.data);
	strbuf_free(&see);
	if ((words = citing(rs, r)) != NULL)
		labelled(out, width, "cited by:", words);
	free(words);
	/* The example is a log: its lines stay as written, for copying. */
	if (r->example != NULL)
		fprintf(out, "example:\n%s\n", r->example);
	words = xasprintf("%s:%lu", r->source, r->source_line);
	labelled(out, width, "file:", words);
	free(words);
}

static void
json_strings(struct strbuf *b, const char *name, char *const *v, size_t n)
{
	strbuf_addf(b, ",\"%s\":", name);
	json_str_array(b, v, n);
}

/* Names of the bits of mask (bit k: name(k)), as a JSON array. */
static void
json_names(struct strbuf *b, const char *key, unsigned mask, int count,
    const char *(*name)(int))
{
	bool first = true;

	strbuf_addf(b, ",\"%s\":[", key);
	for (int k = 1; k < count; k++)
		if (mask & (1u << k)) {
			strbuf_addf(b, "%s\"%s\"", first ? "" : ",", name(k));
			first = false;
		}
	strbuf_addc(b, ']');
}

static const char *
head_name(int h)
{
	return ostd_head_name((enum ostd_head)h);
}

static const char *
scope_name(int s)
{
	return ostd_scope_name((enum ostd_scope)s);
}

static const char *
symptom_name(int k)
{
	static const char *const names[] = { "", "long-gap", "unfinished",
		"repeated-timeout" };

	return k > 0 && k < 4 ? names[k] : "";
}

/* The members of a rule's JSON object: the rule in full. */
static void
rule_json(struct strbuf *b, const struct ostd_ruleset *rs,
    const struct ostd_rule *r)
{
	char clients[160];
	bool reference = ostd_rule_is_reference(r), first = true;

	strbuf_adds(b, "\"id\":");
	json_str_or_null(b, r->id);
	strbuf_adds(b, ",\"article\":");
	json_str_or_null(b, r->article);
	strbuf_adds(b, ",\"title\":");
	json_str_or_null(b, r->title);
	strbuf_addf(b, ",\"reference\":%s,\"held\":%s,\"products\":",
	    reference ? "true" : "false", r->not_held ? "false" : "true");
	json_str_or_null(b, r->products);
	strbuf_adds(b, ",\"applicability\":{\"clients\":");
	json_str_or_null(b, reference ? NULL : ostd_clients_range(r->clients,
	    clients, sizeof(clients)));
	strbuf_adds(b, ",\"clients_text\":");
	json_str_or_null(b, reference ? NULL : ostd_clients_words(r->clients,
	    clients, sizeof(clients)));
	strbuf_adds(b, ",\"servers\":");
	json_str_or_null(b, r->servers);
	strbuf_adds(b, "},\"provenance\":");
	json_str_or_null(b, ostd_provenance_name(ostd_rule_provenance(r)));
	strbuf_adds(b, ",\"source\":");
	json_str_or_null(b, r->public_source);
	strbuf_adds(b, ",\"fixed_in\":");
	json_str_or_null(b, r->fixed_in);
	strbuf_addf(b, ",\"level\":\"%s\",\"category\":",
	    ostd_level_name(r->level));
	json_str_or_null(b, r->category);
	strbuf_adds(b, ",\"group\":");
	json_str_or_null(b, r->group);
	strbuf_adds(b, ",\"conditions\":{\"codes\":[");
	for (size_t i = 0; i < r->ncodes; i++) {
		if (i)
			strbuf_addc(b, ',');
		json_str_or_null(b, r->codes[i].text);
	}
	strbuf_addc(b, ']');
	json_names(b, "heads", r->heads, OSTD_HEAD_COUNT, head_name);
	json_names(b, "scopes", r->scopes, OSTD_SCOPE_COUNT, scope_name);
	strbuf_adds(b, ",\"folder\":");
	json_str_or_null(b, r->folder != NULL ?
	    ostd_pattern_source(r->folder) : NULL);
	strbuf_adds(b, ",\"message\":");
	json_str_or_null(b, r->message != NULL ?
	    ostd_pattern_source(r->message) : NULL);
	strbuf_adds(b, ",\"texts\":[");
	for (size_t i = 0; i < r->ntexts; i++) {
		if (i)
			strbuf_addc(b, ',');
		json_str_or_null(b, ostd_pattern_source(r->texts[i]));
	}
	strbuf_adds(b, "],\"session\":");
	json_str_or_null(b, r->session == OSTD_SESSION_TERMINATED ?
	    "terminated" : r->session == OSTD_SESSION_UNFINISHED ?
	    "unfinished" : NULL);
	json_names(b, "symptoms", r->symptoms << 1, 4, symptom_name);
	strbuf_adds(b, "},\"cause\":");
	json_str_or_null(b, r->cause);
	strbuf_adds(b, ",\"note\":");
	json_str_or_null(b, r->note);
	strbuf_adds(b, ",\"summary\":");
	json_str_or_null(b, r->summary);
	strbuf_adds(b, ",\"steps\":");
	json_steps(b, r);
	json_strings(b, "questions", r->ask, r->nask);
	json_strings(b, "references", r->see, r->nsee);
	strbuf_adds(b, ",\"cited_by\":[");
	for (size_t i = 0; i < ostd_ruleset_count(rs); i++) {
		const struct ostd_rule *c = ostd_ruleset_get(rs, i);

		if (c == r || !cites(c, r->id))
			continue;
		if (!first)
			strbuf_addc(b, ',');
		json_str_or_null(b, c->id);
		first = false;
	}
	strbuf_adds(b, "],\"example\":");
	json_str_or_null(b, r->example);
	strbuf_adds(b, ",\"file\":");
	json_str_or_null(b, r->source);
	strbuf_adds(b, ",\"line\":");
	strbuf_add_uint(b, r->source_line);
}

/* ---- what the arguments name ---- */

/* One thing to explain: a rule, or a code. */
struct item {
	const struct ostd_rule *rule;	/* or NULL: the code */
	struct ostd_code code;
	char *input;		/* what named it: the argument, or a pasted line */
	unsigned long line;	/* of the pasted text it is on; 0: an argument */
	char *note;		/* how an argument open to two readings was taken */
};

struct explanation {
	const struct ostd_ruleset *rs;
	FILE *err;
	struct item *items;
	size_t n, cap;
	bool list;		/* more than one thing asked for: a list */
	bool stdin_read;
	size_t refused;		/* arguments that name nothing */
};

#define CODE_DIGITS_MIN 5	/* a bare number shorter is no code */

/* A new item of e, named by input (on line of pasted text, or 0). */
static struct item *
add_item(struct explanation *e, const char *input, unsigned long line)
{
	struct item *it;

	grow_array((void **)&e->items, &e->cap, e->n + 1, sizeof(*e->items));
	it = &e->items[e->n++];
	memset(it, 0, sizeof(*it));
	it->input = xstrdup(input);
	it->line = line;
	return it;
}

/* Rule r to explain, named by input. */
static void
add_rule(struct explanation *e, const struct ostd_rule *r, const char *input,
    unsigned long line)
{
	add_item(e, input, line)->rule = r;
}

/* A code to explain, named by input. */
static void
add_code(struct explanation *e, const struct ostd_code *code,
    const char *input, unsigned long line)
{
	add_item(e, input, line)->code = *code;
}

/* Tell how an argument was taken, on err, and keep it with its item. */
static void
take_note(struct explanation *e, char *note)
{
	char *shown = ostd_visible(note);

	fprintf(e->err, "ostdiag: explain: %s\n", shown);
	free(shown);
	e->items[e->n - 1].note = note;
}

/* Refuse an argument: say why on err. */
static void
refuse(struct explanation *e, const char *why)
{
	char *shown = ostd_visible(why);

	fprintf(e->err, "ostdiag: explain: %s\n", shown);
	free(shown);
	e->refused++;
}

/* Is s made of digits, hex digits when hex is set, and of at least one? */
static bool
all_digits(const char *s, bool hex)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (!(hex ? ascii_isxdigit((unsigned char)*s) :
		    ascii_isdigit((unsigned char)*s)))
			return false;
	return true;
}

/*
 * Add the rules of article id: the rule with that id, else those that cite it
 * as their article. Returns how many.
 */
static size_t
add_article(struct explanation *e, const char *id, const char *input,
    unsigned long line)
{
	const struct ostd_rule *r = ostd_ruleset_find(e->rs, id);
	size_t n = 0;

	if (r != NULL) {
		add_rule(e, r, input, line);
		return 1;
	}
	for (size_t i = 0; i < ostd_ruleset_count(e->rs); i++) {
		r = ostd_ruleset_get(e->rs, i);
		if (r->article != NULL && strcasecmp(r->article, id) == 0) {
			add_rule(e, r, input, line);
			n++;
		}
	}
	return n;
}

/* Is "Q" or "KB" and number a rule's id or article? Into id, when it is. */
static bool
known_article(const struct ostd_ruleset *rs, const char *prefix,
    const char *number, char *id, size_t size)
{
	if ((size_t)snprintf(id, size, "%s%s", prefix, number) >= size)
		return false;
	return ostd_ruleset_knows(rs, id);
}

/*
 * A bare number: an article (Q or KB and the number: Q for up to six digits,
 * as Microsoft numbered them, tried first), or an HRESULT with its leading
 * zeros left out, of CODE_DIGITS_MIN to 8 hex digits. When it can be either,
 * the article is taken, and a note says how to ask for the code. Returns 0,
 * or -1 with *why set when it is neither.
 */
static int
resolve_number(struct explanation *e, const char *word, const char *input,
    unsigned long line, char **why)
{
	char first[32], second[32], *id = NULL;
	size_t len = strlen(word);
	bool code = len >= CODE_DIGITS_MIN && len <= 8;
	bool decimal = all_digits(word, false);
	const char *p1 = len <= 6 ? "Q" : "KB", *p2 = len <= 6 ? "KB" : "Q";
	struct ostd_code c;

	if (decimal && known_article(e->rs, p1, word, first, sizeof(first)))
		id = first;
	else if (decimal && known_article(e->rs, p2, word, second,
	    sizeof(second)))
		id = second;
	if (id != NULL) {
		add_article(e, id, input, line);
		if (code)
			take_note(e, xasprintf("%s taken as article %s; for "
			    "the code write 0x%08lX", word, id,
			    strtoul(word, NULL, 16)));
		return 0;
	}
	if (code && ostd_code_parse(word, len, &c) == 0) {
		add_code(e, &c, input, line);
		if (decimal && len < 8)
			take_note(e, xasprintf("%s taken as the code 0x%08X: "
			    "no rule or article has the id Q%s or KB%s", word,
			    (unsigned)c.field[0], word, word));
		return 0;
	}
	/* Hex words ("bad", "cafe") are left to be told apart as words. */
	if (!decimal)
		return -1;
	if (len > 8)
		*why = xasprintf("%s is too long for a code (at most 8 hex "
		    "digits) and no rule or article has the id Q%s or KB%s",
		    word, word, word);
	else
		*why = xasprintf("%s is too short for a code and no rule or "
		    "article has the id Q%s or KB%s: write a code in full "
		    "(0x%08lX), an article with its Q or KB", word, word, word,
		    strtoul(word, NULL, 16));
	return -1;
}

/*
 * What one word names: a rule id, an article id, an HRESULT name, a bare
 * number (resolve_number) or a code. Adds its items and returns 0, or returns
 * -1 with *why set when it names none of these.
 */
static int
resolve_word(struct explanation *e, const char *word, const char *input,
    unsigned long line, char **why)
{
	const struct ostd_rule *r;
	struct ostd_code c;
	uint32_t hr;
	char hex[16], *bare;
	size_t len = strlen(word);
	int rc;

	*why = NULL;
	if ((r = ostd_ruleset_find(e->rs, word)) != NULL) {
		add_rule(e, r, input, line);
		return 0;
	}
	if (ostd_ruleset_knows(e->rs, word) &&
	    add_article(e, word, input, line) > 0)
		return 0;
	if (ostd_hresult_from_name(word, &hr) == 0) {
		snprintf(hex, sizeof(hex), "%08X", (unsigned)hr);
		ostd_code_parse(hex, 8, &c);
		add_code(e, &c, input, line);
		return 0;
	}
	/* A number as written at the end of a sentence is a number still. */
	while (len > 0 && word[len - 1] == '.')
		len--;
	bare = xstrndup(word, len);
	if (all_digits(bare, true)) {
		rc = resolve_number(e, bare, input, line, why);
		free(bare);
		return rc;
	}
	free(bare);
	if (ostd_explain_parse_code(word, &c) == 0) {
		add_code(e, &c, input, line);
		return 0;
	}
	return -1;
}

/* Is there an item for rule (or, when it is NULL, code) from first to end? */
static bool
seen(const struct explanation *e, size_t first, size_t end,
    const struct ostd_rule *rule, const struct ostd_code *code)
{
	for (size_t i = first; i < end; i++) {
		const struct item *it = &e->items[i];

		if (rule != NULL ? it->rule == rule : it->rule == NULL &&
		    strcmp(it->code.text, code->text) == 0)
			return true;
	}
	return false;
}

/*
 * Add each code the log's reader finds on a line of pasted text (lineno)
 * whose items start at first, each once in the text; returns how many the
 * line has.
 */
static size_t
add_line_codes(struct explanation *e, size_t first, const char *line,
    size_t len, unsigned long lineno)
{
	struct ostd_event few[64], *evs = few;
	size_t n, found = 0;

	/* An entry starts with a time stamp: at most one per 8 bytes. */
	if ((n = ostd_line_entries(line, len, few, 64)) == 0) {
		evs = xcalloc(len / 8 + 2, sizeof(*evs));
		n = ostd_line_entries(line, len, evs, len / 8 + 2);
	}
	for (size_t i = 0; i < n; i++) {
		if (!evs[i].has_code)
			continue;
		found++;
		if (!seen(e, first, e->n, NULL, &evs[i].code))
			add_code(e, &evs[i].code, line, lineno);
	}
	if (evs != few)
		free(evs);
	return found;
}

/*
 * One line (lineno) of pasted text whose items start at first: each code the
 * log's reader finds on it, each once in the text; a line with none that is
 * one word naming something (a code, an id, a name) is taken for that.
 */
static void
scan_line(struct explanation *e, size_t first, char *line, size_t len,
    unsigned long lineno)
{
	size_t start, before = e->n;
	char *word, *why = NULL;

	if (len > 0 && line[len - 1] == '\r')
		line[--len] = '\0';
	if (add_line_codes(e, first, line, len, lineno) > 0)
		return;
	start = 0;
	while (start < len && ascii_isspace((unsigned char)line[start]))
		start++;
	while (len > start && ascii_isspace((unsigned char)line[len - 1]))
		len--;
	if (len == start || memchr(line + start, ' ', len - start) != NULL ||
	    memchr(line + start, '\t', len - start) != NULL)
		return;
	word = xstrndup(line + start, len - start);
	if (resolve_word(e, word, word, lineno, &why) == 0 &&
	    e->n == before + 1 && e->items[before].note == NULL &&
	    seen(e, first, before, e->items[before].rule,
	    &e->items[before].code)) {
		/* Named twice in the text: explained once. */
		free(e->items[before].input);
		e->n--;
	}
	free(why);
	free(word);
}

/* Every line of text (pasted, len bytes) scanned; how many items it gave. */
static size_t
scan_text(struct explanation *e, const char *text, size_t len)
{
	size_t first = e->n;
	unsigned long lineno = 0;

	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl != NULL ? (size_t)(nl - text - pos) : len - pos;
		char *line = xstrndup(text + pos, n);

		scan_line(e, first, line, n, ++lineno);
		free(line);
		pos += n + (nl != NULL);
	}
	return e->n - first;
}

/*
 * Every line of in scanned as pasted text, read as the log's reader reads a
 * log; how many items it gave, or -1 (reported) when in could not be read to
 * its end.
 */
static long
scan_source(struct explanation *e, struct ostd_source *in)
{
	struct ostd_reader *rd = ostd_reader_new(in);
	struct ostd_line line;
	size_t first = e->n;
	char *copy, *why;
	int got;

	while ((got = ostd_reader_next(rd, &line)) == 1) {
		copy = xstrndup(line.ptr, line.len);
		scan_line(e, first, copy, line.len, line.number);
		free(copy);
	}
	ostd_reader_free(&rd);
	if (got < 0) {
		why = xasprintf("standard input: %s", strerror(in->error != 0 ?
		    in->error : EIO));
		refuse(e, why);
		free(why);
		return -1;
	}
	return (long)(e->n - first);
}

/*
 * Why arg names nothing, with the nearest ids when it looks like one; to
 * free.
 */
static char *
nothing_named(const struct explanation *e, const char *arg)
{
	const char *near[3];
	size_t nnear = 0;
	struct strbuf b;

	strbuf_init(&b, 0);
	strbuf_addf(&b, "'%s' is neither a code, a rule or article id, an "
	    "HRESULT name, nor text holding a code", arg);
	if (strpbrk(arg, " \t\n") == NULL)
		nnear = ostd_ruleset_nearest(e->rs, arg, near, 3);
	for (size_t k = 0; k < nnear; k++)
		strbuf_addf(&b, "%s%s", k == 0 ? " (nearest: " : ", ", near[k]);
	strbuf_adds(&b, nnear > 0 ? "; 'ostdiag rules' lists them all)" :
	    " ('ostdiag rules' lists the ids)");
	return strbuf_detach(&b);
}

/* Find what arg names, adding its items; a refusal says why it names none. */
static void
resolve_arg(struct explanation *e, const char *arg, struct ostd_source *in)
{
	size_t before = e->n;
	char *why = NULL;

	if (strcmp(arg, "-") == 0) {
		e->list = true;
		if (e->stdin_read) {
			refuse(e, "'-' given twice: standard input is read once");
			return;
		}
		e->stdin_read = true;
		if (scan_source(e, in) == 0)
			refuse(e, "standard input holds no code, rule or article "
			    "id or HRESULT name");
		return;
	}
	if (strchr(arg, '\n') != NULL) {
		e->list = true;
		if (scan_text(e, arg, strlen(arg)) == 0)
			refuse(e, "the text given holds no code, rule or "
			    "article id or HRESULT name");
		return;
	}
	if (resolve_word(e, arg, arg, 0, &why) == 0) {
		e->list |= e->n > before + 1;
		return;
	}
	if (scan_text(e, arg, strlen(arg)) > 0) {
		e->list = true;
		free(why);
		return;
	}
	if (why == NULL)
		why = nothing_named(e, arg);
	refuse(e, why);
	free(why);
}

/* ---- writing them ---- */

/*
 * An item as one JSON object, into b: what it is and what named it (input_
 * names, apart from the rule's own line and note), then the explanation.
 */
static void
item_json(struct strbuf *b, const struct ostd_ruleset *rs,
    const struct item *it)
{
	strbuf_adds(b, it->rule != NULL ? "{\"kind\":\"rule\",\"input\":" :
	    "{\"kind\":\"code\",\"input\":");
	json_str_or_null(b, it->input);
	strbuf_adds(b, ",\"input_line\":");
	if (it->line > 0)
		strbuf_add_uint(b, it->line);
	else
		strbuf_adds(b, "null");
	strbuf_adds(b, ",\"input_note\":");
	json_str_or_null(b, it->note);
	strbuf_addc(b, ',');
	if (it->rule != NULL)
		rule_json(b, rs, it->rule);
	else
		code_json(b, rs, &it->code);
	strbuf_addc(b, '}');
}

/* An item for people: the pasted line it is on, then the explanation. */
static void
item_text(FILE *out, const struct ostd_ruleset *rs, const struct item *it,
    int width)
{
	if (it->line > 0) {
		int col = fprintf(out, "line %lu: ", it->line);

		text_wrap(out, width, col, col, it->input);
	}
	if (it->rule != NULL)
		explain_rule_text(out, rs, it->rule, width);
	else
		explain_code_text(out, rs, &it->code, width);
}

/* Write items, a list when list is set, as opts say. */
static void
write_items(FILE *out, const struct ostd_ruleset *rs, const struct item *items,
    size_t n, bool list, const struct ostd_explain_options *opts)
{
	struct strbuf b;

	if (!opts->json) {
		for (size_t i = 0; i < n; i++) {
			if (i > 0)
				fputc('\n', out);
			item_text(out, rs, &items[i], opts->width);
		}
		return;
	}
	strbuf_init(&b, 0);
	if (list)
		strbuf_addc(&b, '[');
	for (size_t i = 0; i < n; i++) {
		strbuf_adds(&b, i == 0 ? (list ? "\n" : "") : ",\n");
		item_json(&b, rs, &items[i]);
	}
	if (list)
		strbuf_adds(&b, n > 0 ? "\n]" : "]");
	strbuf_addc(&b, '\n');
	fwrite(b.data, 1, b.len, out);
	strbuf_free(&b);
}

size_t
ostd_explain(FILE *out, FILE *err, struct ostd_source *in,
    const struct ostd_ruleset *rs, char *const *args, size_t nargs,
    const struct ostd_explain_options *opts)
{
	struct explanation e;

	memset(&e, 0, sizeof(e));
	e.rs = rs;
	e.err = err;
	e.list = nargs > 1;
	for (size_t i = 0; i < nargs; i++)
		resolve_arg(&e, args[i], in);
	if (e.n > 0 || e.list)
		write_items(out, rs, e.items, e.n, e.list, opts);
	for (size_t i = 0; i < e.n; i++) {
		free(e.items[i].input);
		free(e.items[i].note);
	}
	free(e.items);
	return e.refused;
}

/* Explain one item, a code or a rule, as text or JSON. */
static void
explain_one(FILE *out, const struct ostd_ruleset *rs,
    const struct ostd_code *code, const struct ostd_rule *r, bool json)
{
	struct ostd_explain_options opts = { json, 0 };
	struct item it;

	memset(&it, 0, sizeof(it));
	if (code != NULL)
		it.code = *code;
	it.rule = r;
	it.input = code != NULL ? it.code.text : r->id;	/* only read */
	write_items(out, rs, &it, 1, false, &opts);
}

void
ostd_explain_code(FILE *out, const struct ostd_ruleset *rs,
    const struct ostd_code *code, bool json)
{
	explain_one(out, rs, code, NULL, json);
}

void
ostd_explain_rule(FILE *out, const struct ostd_ruleset *rs,
    const struct ostd_rule *r, bool json)
{
	explain_one(out, rs, NULL, r, json);
}

/* ---- the knowledge base, listed ---- */

#define LIST_TITLE_COLUMN 55	/* where a title starts, after id, level, category */

void
ostd_explain_list(FILE *out, const struct ostd_ruleset *rs,
    const struct ostd_explain_options *opts)
{
	size_t n = ostd_ruleset_count(rs);
	struct strbuf b;
	/*
	 * A title wraps under itself when that leaves it 40 columns (most titles
	 * then take two lines), else under the level.
	 */
	int indent = opts->width <= 0 || opts->width - LIST_TITLE_COLUMN >= 40 ?
	    LIST_TITLE_COLUMN : 25;

	if (!opts->json) {
		for (size_t i = 0; i < n; i++) {
			const struct ostd_rule *r = ostd_ruleset_get(rs, i);
			int col = fprintf(out, "%-24s %-7s %-21s ", r->id,
			    ostd_level_name(r->level), r->category);

			text_wrap(out, opts->width, col, indent, r->title);
			col = fprintf(out, "%24s products: ", "");
			text_wrap(out, opts->width, col, col, r->products);
		}
		return;
	}
	strbuf_init(&b, 0);
	strbuf_adds(&b, "{\"rules\":[");
	for (size_t i = 0; i < n; i++) {
		const struct ostd_rule *r = ostd_ruleset_get(rs, i);

		strbuf_adds(&b, i ? ",{\"id\":" : "{\"id\":");
		json_str_or_null(&b, r->id);
		strbuf_adds(&b, ",\"title\":");
		json_str_or_null(&b, r->title);
		strbuf_adds(&b, ",\"products\":");
		json_str_or_null(&b, r->products);
		strbuf_addf(&b, ",\"level\":\"%s\",\"category\":",
		    ostd_level_name(r->level));
		json_str_or_null(&b, r->category);
		strbuf_addf(&b, ",\"reference\":%s}",
		    ostd_rule_is_reference(r) ? "true" : "false");
	}
	strbuf_adds(&b, "]}\n");
	fwrite(b.data, 1, b.len, out);
	strbuf_free(&b);
}

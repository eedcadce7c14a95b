/*
 * explain.c: "ostdiag explain": a code decoded field by field with the rules
 * that can match it, or a diagnosis in full, for people or as JSON.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ostdiag/explain.h"
#include "ostdiag/log.h"
#include "ostdiag/report.h"
#include "json.h"
#include "util.h"

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
describe_hresult(FILE *out, const char *label, uint32_t hr)
{
	const char *name = ostd_hresult_name(hr);
	const char *meaning = ostd_hresult_meaning(hr);
	const char *fac = ostd_facility_name(ostd_hresult_facility(hr));

	fprintf(out, "%s0x%08X %s%s%s\n", label, (unsigned)hr,
	    name ? name : "(no name known)", meaning ? ": " : "",
	    meaning ? meaning : "");
	fprintf(out, "    severity %s, facility %u%s%s%s, code 0x%04X\n",
	    ostd_hresult_severity(hr) ? "failure" : "success or warning",
	    ostd_hresult_facility(hr), fac ? " (" : "", fac ? fac : "",
	    fac ? ")" : "", ostd_hresult_code(hr));
}

static void
describe_field(FILE *out, const struct ostd_code *code, int f)
{
	const char *meaning = NULL, *name;

	if (f == 0 && !ostd_code_has_hresult(code)) {
		fprintf(out, "  a short code: no HRESULT; the fields only locate "
		    "the failure\n  field 1, location in the client or server "
		    "code: %X\n", (unsigned)code->field[0]);
		return;
	}
	switch (field_kind(code, f)) {
	case FIELD_HRESULT:
		describe_hresult(out, f == 0 ? "  field 1, the HRESULT: " :
		    "  field 3, the server's own HRESULT: ", code->field[f]);
		break;
	case FIELD_STORE_ERROR:
		name = ostd_store_error_name(code->field[f], &meaning);
		fprintf(out, "  field 3, the store's error code: 0x%X %s: %s\n",
		    (unsigned)code->field[f], name, meaning);
		break;
	default:
		fprintf(out, "  field %d, location in the client or server "
		    "code: %X\n", f + 1, (unsigned)code->field[f]);
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
    const struct ostd_code *code)
{
	struct code_match *m;
	size_t matched;

	fprintf(out, "%s\n", code->text);
	for (int f = 0; f < code->nfields; f++)
		describe_field(out, code, f);
	fputs("\nrules that can match it (best first; the rest of each rule's "
	    "conditions decide):\n", out);
	m = code_matches(rs, code, &matched);
	for (size_t i = 0; i < matched; i++) {
		const struct ostd_rule *r = m[i].rule;
		char *words, *applies;

		if (m[i].score >= 0)
			fprintf(out, "  %-22s code score %2d  %s\n", r->id,
			    m[i].score, r->title);
		else
			fprintf(out, "  %-22s its text names the code  %s\n",
			    r->id, r->title);
		words = conditions_words(r);
		fprintf(out, "      needs: %s\n", words != NULL ? words :
		    "the code only");
		applies = written_for(r);
		fprintf(out, "      %s\n", applies);
		free(words);
		free(applies);
	}
	free(m);
	if (matched == 0)
		fputs("  none: an error with this code is reported as "
		    "unrecognized\n", out);
}

static void
explain_code_json(FILE *out, const struct ostd_ruleset *rs,
    const struct ostd_code *code)
{
	struct strbuf b;
	struct code_match *m;
	char hex[16], clients[64];
	size_t n;

	strbuf_init(&b, 0);
	strbuf_adds(&b, "{\"code\":");
	json_str_or_null(&b, code->text);
	strbuf_adds(&b, ",\"fields\":[");
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
		strbuf_addf(&b, "%s{\"field\":%d,\"value\":", f ? "," : "",
		    f + 1);
		json_str_or_null(&b, hex);
		strbuf_addf(&b, ",\"kind\":\"%s\",\"name\":", k == FIELD_HRESULT ?
		    "hresult" : k == FIELD_STORE_ERROR ? "store-error" :
		    "location");
		json_str_or_null(&b, name);
		strbuf_adds(&b, ",\"meaning\":");
		json_str_or_null(&b, meaning);
		strbuf_addc(&b, '}');
	}
	strbuf_adds(&b, "],\"rules\":[");
	m = code_matches(rs, code, &n);
	for (size_t i = 0; i < n; i++) {
		const struct ostd_rule *r = m[i].rule;
		char *words;

		strbuf_adds(&b, i ? ",{\"id\":" : "{\"id\":");
		json_str_or_null(&b, r->id);
		strbuf_adds(&b, ",\"title\":");
		json_str_or_null(&b, r->title);
		strbuf_adds(&b, ",\"code_score\":");
		if (m[i].score >= 0)
			strbuf_add_int(&b, m[i].score);
		else
			strbuf_adds(&b, "null");
		strbuf_adds(&b, ",\"needs\":");
		words = conditions_words(r);
		json_str_or_null(&b, words);
		free(words);
		strbuf_adds(&b, ",\"clients\":");
		json_str_or_null(&b, ostd_clients_range(r->clients, clients,
		    sizeof(clients)));
		strbuf_adds(&b, ",\"servers\":");
		json_str_or_null(&b, r->servers);
		strbuf_addc(&b, '}');
	}
	free(m);
	strbuf_adds(&b, "]}\n");
	fwrite(b.data, 1, b.len, out);
	strbuf_free(&b);
}

void
ostd_explain_code(FILE *out, const struct ostd_ruleset *rs,
    const struct ostd_code *code, bool json)
{
	if (json)
		explain_code_json(out, rs, code);
	else
		explain_code_text(out, rs, code);
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

static void
explain_rule_text(FILE *out, const struct ostd_ruleset *rs,
    const struct ostd_rule *r)
{
	char buf[512], *words, *source;
	bool any = false;

	fprintf(out, "%s: %s\n", r->id, r->title);
	fprintf(out, "source:    %s\n", ostd_provenance_words(r, buf,
	    sizeof(buf)));
	if (r->not_held)
		fputs("held:      no: the knowledge base holds no copy of this "
		    "article's text; its summary says where what is known of "
		    "it comes from\n", out);
	fprintf(out, "products:  %s\n", r->products);
	if (!ostd_rule_is_reference(r)) {
		words = written_for(r);
		fprintf(out, "applies:   %s\n", words);
		free(words);
	}
	if (r->fixed_in != NULL)
		fprintf(out, "fixed in:  %s\n", r->fixed_in);
	fprintf(out, "level:     %s, %s\n", ostd_level_name(r->level),
	    r->category);
	if (r->group != NULL)
		fprintf(out, "group:     %s\n", r->group);
	for (size_t i = 0; i < r->ncodes; i++)
		fprintf(out, "code:      %s\n", r->codes[i].text);
	if (!ostd_rule_is_reference(r)) {
		words = conditions_words(r);
		fprintf(out, "needs:     %s\n", words != NULL ? words :
		    "the code only");
		free(words);
	}
	if (r->cause != NULL)
		fprintf(out, "cause:     %s\n", r->cause);
	if (r->note != NULL)
		fprintf(out, "note:      (ostdiag's, not the source's) %s\n",
		    r->note);
	if (r->summary != NULL)
		fprintf(out, "summary:   %s\n", r->summary);
	if (r->nfix > 0)
		fprintf(out, "fix:%s\n", ostd_rule_has_practice(r) ? " (steps marked "
		    "[practice] are general practice, not from the source)" :
		    "");
	/* A step's caution opens its item, before the step. */
	for (size_t i = 0; i < r->nfix; i++) {
		if (r->caution[i] != NULL)
			fprintf(out, "  %zu. CAUTION: %s\n     ", i + 1,
			    r->caution[i]);
		else
			fprintf(out, "  %zu. ", i + 1);
		fprintf(out, "%s%s\n", ostd_rule_step_is_practice(r, i) ?
		    "[practice] " : "", r->fix[i]);
	}
	if (r->nask > 0)
		fputs("to confirm:\n", out);
	for (size_t i = 0; i < r->nask; i++)
		fprintf(out, "  - %s\n", r->ask[i]);
	if (r->nsee > 0) {
		fputs("see also: ", out);
		for (size_t i = 0; i < r->nsee; i++)
			fprintf(out, " %s", r->see[i]);
		fputc('\n', out);
	}
	for (size_t i = 0; i < ostd_ruleset_count(rs); i++) {
		const struct ostd_rule *c = ostd_ruleset_get(rs, i);

		if (c == r || !cites(c, r->id))
			continue;
		fprintf(out, "%s %s", any ? "" : "cited by: ", c->id);
		any = true;
	}
	if (any)
		fputc('\n', out);
	if (r->example != NULL)
		fprintf(out, "example:\n%s\n", r->example);
	source = ostd_visible(r->source);
	fprintf(out, "file:      %s:%lu\n", source, r->source_line);
	free(source);
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

static void
explain_rule_json(FILE *out, const struct ostd_ruleset *rs,
    const struct ostd_rule *r)
{
	struct strbuf b;
	char clients[160];
	bool reference = ostd_rule_is_reference(r), first = true;

	strbuf_init(&b, 0);
	strbuf_adds(&b, "{\"id\":");
	json_str_or_null(&b, r->id);
	strbuf_adds(&b, ",\"article\":");
	json_str_or_null(&b, r->article);
	strbuf_adds(&b, ",\"title\":");
	json_str_or_null(&b, r->title);
	strbuf_addf(&b, ",\"reference\":%s,\"held\":%s,\"products\":",
	    reference ? "true" : "false", r->not_held ? "false" : "true");
	json_str_or_null(&b, r->products);
	strbuf_adds(&b, ",\"applicability\":{\"clients\":");
	json_str_or_null(&b, reference ? NULL : ostd_clients_range(r->clients,
	    clients, sizeof(clients)));
	strbuf_adds(&b, ",\"clients_text\":");
	json_str_or_null(&b, reference ? NULL : ostd_clients_words(r->clients,
	    clients, sizeof(clients)));
	strbuf_adds(&b, ",\"servers\":");
	json_str_or_null(&b, r->servers);
	strbuf_adds(&b, "},\"provenance\":");
	json_str_or_null(&b, ostd_provenance_name(ostd_rule_provenance(r)));
	strbuf_adds(&b, ",\"source\":");
	json_str_or_null(&b, r->public_source);
	strbuf_adds(&b, ",\"fixed_in\":");
	json_str_or_null(&b, r->fixed_in);
	strbuf_addf(&b, ",\"level\":\"%s\",\"category\":",
	    ostd_level_name(r->level));
	json_str_or_null(&b, r->category);
	strbuf_adds(&b, ",\"group\":");
	json_str_or_null(&b, r->group);
	strbuf_adds(&b, ",\"conditions\":{\"codes\":[");
	for (size_t i = 0; i < r->ncodes; i++) {
		if (i)
			strbuf_addc(&b, ',');
		json_str_or_null(&b, r->codes[i].text);
	}
	strbuf_addc(&b, ']');
	json_names(&b, "heads", r->heads, OSTD_HEAD_COUNT, head_name);
	json_names(&b, "scopes", r->scopes, OSTD_SCOPE_COUNT, scope_name);
	strbuf_adds(&b, ",\"folder\":");
	json_str_or_null(&b, r->folder != NULL ?
	    ostd_pattern_source(r->folder) : NULL);
	strbuf_adds(&b, ",\"message\":");
	json_str_or_null(&b, r->message != NULL ?
	    ostd_pattern_source(r->message) : NULL);
	strbuf_adds(&b, ",\"texts\":[");
	for (size_t i = 0; i < r->ntexts; i++) {
		if (i)
			strbuf_addc(&b, ',');
		json_str_or_null(&b, ostd_pattern_source(r->texts[i]));
	}
	strbuf_adds(&b, "],\"session\":");
	json_str_or_null(&b, r->session == OSTD_SESSION_TERMINATED ?
	    "terminated" : r->session == OSTD_SESSION_UNFINISHED ?
	    "unfinished" : NULL);
	json_names(&b, "symptoms", r->symptoms << 1, 4, symptom_name);
	strbuf_adds(&b, "},\"cause\":");
	json_str_or_null(&b, r->cause);
	strbuf_adds(&b, ",\"note\":");
	json_str_or_null(&b, r->note);
	strbuf_adds(&b, ",\"summary\":");
	json_str_or_null(&b, r->summary);
	strbuf_adds(&b, ",\"steps\":");
	json_steps(&b, r);
	json_strings(&b, "questions", r->ask, r->nask);
	json_strings(&b, "references", r->see, r->nsee);
	strbuf_adds(&b, ",\"cited_by\":[");
	for (size_t i = 0; i < ostd_ruleset_count(rs); i++) {
		const struct ostd_rule *c = ostd_ruleset_get(rs, i);

		if (c == r || !cites(c, r->id))
			continue;
		if (!first)
			strbuf_addc(&b, ',');
		json_str_or_null(&b, c->id);
		first = false;
	}
	strbuf_adds(&b, "],\"example\":");
	json_str_or_null(&b, r->example);
	strbuf_adds(&b, ",\"file\":");
	json_str_or_null(&b, r->source);
	strbuf_adds(&b, ",\"line\":");
	strbuf_add_uint(&b, r->source_line);
	strbuf_adds(&b, "}\n");
	fwrite(b.data, 1, b.len, out);
	strbuf_free(&b);
}

void
ostd_explain_rule(FILE *out, const struct ostd_ruleset *rs,
    const struct ostd_rule *r, bool json)
{
	if (json)
		explain_rule_json(out, rs, r);
	else
		explain_rule_text(out, rs, r);
}

/*
 * explain.c: "ostdiag explain": a code decoded field by field with the rules that
 * can match it, or a diagnosis in full.
 */
#include <stdlib.h>
#include <string.h>

#include "ostdiag/explain.h"
#include "ostdiag/log.h"
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

/* The conditions of a rule besides its code, in words. */
static void
conditions(FILE *out, const struct ostd_rule *r)
{
	const char *sep = "";

	fputs("      needs: ", out);
	if (r->heads != 0) {
		fputs("head", out);
		for (int h = 1; h < OSTD_HEAD_COUNT; h++)
			if (r->heads & (1u << h))
				fprintf(out, " %s", ostd_head_name((enum ostd_head)h));
		sep = "; ";
	}
	if (r->scopes != 0) {
		fprintf(out, "%sscope", sep);
		for (int s = 1; s < OSTD_SCOPE_COUNT; s++)
			if (r->scopes & (1u << s))
				fprintf(out, " %s",
				    ostd_scope_name((enum ostd_scope)s));
		sep = "; ";
	}
	if (r->message != NULL) {
		fprintf(out, "%smessage /%s/", sep,
		    ostd_pattern_source(r->message));
		sep = "; ";
	}
	if (r->folder != NULL) {
		fprintf(out, "%sfolder /%s/", sep, ostd_pattern_source(r->folder));
		sep = "; ";
	}
	if (r->session == OSTD_SESSION_TERMINATED) {
		fprintf(out, "%sa session that ends in Terminated in error", sep);
		sep = "; ";
	}
	if (r->clients != 0) {
		fprintf(out, "%sclient versions", sep);
		for (int v = 1; v < 32; v++)
			if (r->clients & (1u << v))
				fprintf(out, " %d", v);
		sep = "; ";
	}
	fprintf(out, "%s\n", *sep ? "" : "the code only");
}

void
ostd_explain_code(FILE *out, const struct ostd_ruleset *rs,
    const struct ostd_code *code)
{
	static const char *const labels[] = { "HRESULT", "location",
		"location", "location" };
	size_t matched = 0;

	fprintf(out, "%s\n", code->text);
	if (ostd_code_has_hresult(code))
		describe_hresult(out, "  field 1, the HRESULT: ", code->field[0]);
	else
		fprintf(out, "  a short code: no HRESULT; the fields only locate "
		    "the failure\n");
	for (int f = 1; f < code->nfields; f++) {
		if (f == 2 && code->field[f] >= 0x80000000u) {
			describe_hresult(out, "  field 3, the server's own "
			    "HRESULT: ", code->field[f]);
			continue;
		}
		fprintf(out, "  field %d, %s in the client or server code: %X\n",
		    f + 1, labels[f], (unsigned)code->field[f]);
	}
	fputs("\nrules that can match it (best first; the rest of each rule's "
	    "conditions decide):\n", out);
	for (int pass = 50; pass >= 0; pass--) {
		for (size_t i = 0; i < ostd_ruleset_count(rs); i++) {
			const struct ostd_rule *r = ostd_ruleset_get(rs, i);
			int best = -1, sc;

			for (size_t c = 0; c < r->ncodes; c++)
				if (ostd_code_pattern_match(&r->codes[c], code,
				    &sc) && sc > best)
					best = sc;
			if (best != pass)
				continue;
			fprintf(out, "  %-22s code score %2d  %s\n", r->id, best,
			    r->title);
			conditions(out, r);
			matched++;
		}
	}
	if (matched == 0)
		fputs("  none: an error with this code is reported as "
		    "unrecognized\n", out);
}

static void
list(FILE *out, const char *label, char *const *v, size_t n, int numbered)
{
	if (n == 0)
		return;
	fprintf(out, "%s:\n", label);
	for (size_t i = 0; i < n; i++) {
		if (numbered)
			fprintf(out, "  %zu. %s\n", i + 1, v[i]);
		else
			fprintf(out, "  - %s\n", v[i]);
	}
}

void
ostd_explain_rule(FILE *out, const struct ostd_rule *r)
{
	fprintf(out, "%s: %s\n", r->id, r->title);
	if (r->article != NULL)
		fprintf(out, "article:   %s\n", r->article);
	fprintf(out, "applies:   %s\n", r->products);
	if (r->fixed_in != NULL)
		fprintf(out, "fixed in:  %s\n", r->fixed_in);
	fprintf(out, "level:     %s, %s\n", ostd_level_name(r->level),
	    r->category);
	if (r->group != NULL)
		fprintf(out, "group:     %s\n", r->group);
	for (size_t i = 0; i < r->ncodes; i++)
		fprintf(out, "code:      %s\n", r->codes[i].text);
	if (!ostd_rule_is_reference(r))
		conditions(out, r);
	for (size_t i = 0; i < r->ntexts; i++)
		fprintf(out, "text:      /%s/\n", ostd_pattern_source(r->texts[i]));
	if (r->cause != NULL)
		fprintf(out, "cause:     %s\n", r->cause);
	if (r->summary != NULL)
		fprintf(out, "summary:   %s\n", r->summary);
	list(out, "fix", r->fix, r->nfix, 1);
	list(out, "to confirm", r->ask, r->nask, 0);
	if (r->nsee > 0) {
		fputs("see also: ", out);
		for (size_t i = 0; i < r->nsee; i++)
			fprintf(out, " %s", r->see[i]);
		fputc('\n', out);
	}
	if (r->example != NULL)
		fprintf(out, "example:\n%s\n", r->example);
	fprintf(out, "source:    %s:%lu\n", r->source, r->source_line);
}

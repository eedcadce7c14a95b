/*
 * selftest.c: runs a rule's example log through the analyzer and checks that the
 * rule comes out on top.
 */
#include <stdlib.h>
#include <string.h>

#include "ostdiag/analyze.h"
#include "ostdiag/report.h"
#include "ostdiag/selftest.h"
#include "util/util.h"

struct selftest {
	const struct ostd_rule *rule;
	bool led;
	unsigned long findings;
	unsigned long first_line;	/* of the first finding it did not lead */
	struct strbuf seen;	/* what led each finding instead */
};

static void
on_finding(const struct ostd_finding *f, void *ctx)
{
	struct selftest *t = ctx;

	t->findings++;
	if (ostd_diagnosis_leads(f->diag, t->rule)) {
		t->led = true;
		return;
	}
	if (t->first_line == 0)
		t->first_line = f->line;
	strbuf_addf(&t->seen, "%sexample line %lu: %s", t->seen.len ? "; " :
	    "", f->line, f->diag->n > 0 ? f->diag->cand[0].rule->id :
	    "unrecognized");
}

/*
 * The line of rule's file that line of its example is on: the example's own
 * line when its lines follow the example: line one for one, else the
 * example: line (line 0: that one), else the rule's.
 */
static unsigned long
file_line(const struct ostd_rule *rule, unsigned long line)
{
	if (rule->example_first != 0 && line > 0)
		return rule->example_first + line - 1;
	return rule->example_line != 0 ? rule->example_line :
	    rule->source_line;
}

int
ostd_rule_selftest(const struct ostd_ruleset *rs, const struct ostd_rule *rule,
    char **why)
{
	struct selftest t;
	struct ostd_report *rep;
	struct ostd_analyzer *a;

	*why = NULL;
	if (ostd_rule_is_reference(rule))
		return 0;
	memset(&t, 0, sizeof(t));
	t.rule = rule;
	strbuf_init(&t.seen, 0);
	rep = ostd_report_new_fn(on_finding, &t);
	a = ostd_analyzer_new(rs, rep);
	ostd_analyze_buffer(a, rule->example, strlen(rule->example),
	    rule->source);
	ostd_analyzer_free(&a);
	ostd_report_free(&rep);
	if (!t.led) {
		char *source = ostd_visible(rule->source);

		if (t.findings == 0)
			*why = xasprintf("%s:%lu: rule %s: its example yields no "
			    "finding", source, file_line(rule, 0), rule->id);
		else
			*why = xasprintf("%s:%lu: rule %s: its example is not "
			    "diagnosed as %s (%s)", source,
			    file_line(rule, t.first_line), rule->id, rule->id,
			    t.seen.data);
		free(source);
	}
	strbuf_free(&t.seen);
	return t.led ? 0 : -1;
}

/*
 * test_advice.c: the built-in knowledge base, rule by rule, as a help desk
 * reads it. Every caution is shown, before its step, in every output format
 * (and by explain); every rule written for clients before Outlook 2016 is
 * marked as written for another version on an Outlook 16.0 log, and never
 * outranks a rule that fits; a rule with no code of its own is not offered
 * there at all.
 */
#include "util/util.h"
#include "testutil.h"

#define MODERN_VERSION "16.0.17328"

/* Everything a report of format wrote for a log analysed with rs. */
static char *
report_of(const struct ostd_ruleset *rs, enum ostd_format format,
    const char *log)
{
	struct ostd_report_options opts = { .width = 100000 };
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	struct ostd_report *rep;
	struct ostd_analyzer *a;

	assert_non_null(out);
	rep = ostd_report_new(format, out, stderr);
	ostd_report_set_options(rep, &opts);
	a = ostd_analyzer_new(rs, rep);
	ostd_report_begin(rep);
	ostd_analyze_buffer(a, log, strlen(log), "example.log");
	ostd_report_end(rep, ostd_analyzer_summary(a));
	ostd_analyzer_free(&a);
	ostd_report_free(&rep);
	fclose(out);
	return text;
}

/* What explain prints for rule r of rs. */
static char *
explain_of(const struct ostd_ruleset *rs, const struct ostd_rule *r,
    bool json)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	assert_non_null(out);
	ostd_explain_rule(out, rs, r, json);
	fclose(out);
	return text;
}

/* Does every format write c as it stands? */
static bool
unescaped(char c)
{
	return c >= 0x20 && c < 0x7F && strchr("\\\"`*[]<>|&'", c) == NULL;
}

/*
 * A piece of s that every format writes as it stands: its longest run of
 * characters that no format escapes, at most 40 bytes of it.
 */
static void
probe(const char *s, char *buf, size_t size)
{
	size_t best = 0, best_len = 0;

	for (size_t i = 0; s[i] != '\0';) {
		size_t n = 0;

		while (unescaped(s[i + n]))
			n++;
		if (n > best_len) {
			best = i;
			best_len = n;
		}
		i += n > 0 ? n : 1;
	}
	if (best_len > 40)
		best_len = 40;
	if (best_len >= size)
		best_len = size - 1;
	memcpy(buf, s + best, best_len);
	buf[best_len] = '\0';
}

/* Is each caution of r in out, before the step it warns of? */
static bool
cautions_shown(const struct ostd_rule *r, const char *out, const char *where)
{
	for (size_t i = 0; i < r->nfix; i++) {
		char c[48], s[48];
		const char *at;

		if (r->caution[i] == NULL)
			continue;
		probe(r->caution[i], c, sizeof(c));
		probe(r->fix[i], s, sizeof(s));
		if (strlen(c) < 8 || strlen(s) < 8) {
			print_error("%s: step %zu: caution or step has no run "
			    "of 8 characters that no format escapes\n", r->id,
			    i + 1);
			return false;
		}
		if ((at = strstr(out, c)) == NULL || strstr(at, s) == NULL) {
			print_error("%s (%s): caution of step %zu is not shown "
			    "before the step\n", r->id, where, i + 1);
			return false;
		}
	}
	return true;
}

static bool
has_caution(const struct ostd_rule *r)
{
	for (size_t i = 0; i < r->nfix; i++)
		if (r->caution[i] != NULL)
			return true;
	return false;
}

/*
 * Every caution of every built-in rule, in text, JSON, the checklist and
 * HTML when its example is reported (the rule alone in its set, so that it is
 * the diagnosis shown in full), and in explain, for people and as JSON.
 */
static void
test_every_caution_in_every_format(void **state)
{
	static const enum ostd_format formats[] = { OSTD_FORMAT_TEXT,
		OSTD_FORMAT_JSON, OSTD_FORMAT_CHECKLIST, OSTD_FORMAT_HTML };
	static const char *const names[] = { "text", "json", "checklist",
		"html" };
	const struct ostd_ruleset *rs = *state;
	size_t cautioned = 0;
	int failed = 0;

	for (size_t i = 0; i < ostd_ruleset_count(rs); i++) {
		const struct ostd_rule *r = ostd_ruleset_get(rs, i);

		if (!has_caution(r))
			continue;
		cautioned++;
		for (int json = 0; json < 2; json++) {
			char *out = explain_of(rs, r, json);

			failed += !cautions_shown(r, out, json ? "explain json" :
			    "explain");
			free(out);
		}
		if (ostd_rule_is_reference(r))
			continue;
		struct ostd_ruleset *alone = ostd_ruleset_new();
		char *path = xasprintf("src/kb/rules/%s", r->source), *err = NULL;

		assert_int_equal(ostd_ruleset_load_path(alone, path, &err), 0);
		for (size_t f = 0; f < 4; f++) {
			char *out = report_of(alone, formats[f], r->example);

			failed += !cautions_shown(r, out, names[f]);
			free(out);
		}
		free(path);
		ostd_ruleset_free(&alone);
	}
	/* The knowledge base has cautions, and each was looked for. */
	assert_true(cautioned >= 20);
	assert_int_equal(failed, 0);
}

/* The example of r as an Outlook 16.0 log: every version line says 16.0. */
static char *
modern_log(const struct ostd_rule *r)
{
	static const char key[] = "Synchronizer Version ";
	struct strbuf b;
	const char *p = r->example, *at;

	strbuf_init(&b, 0);
	if (strstr(p, key) == NULL)
		strbuf_adds(&b, "Synchronizer Version " MODERN_VERSION "\n");
	while ((at = strstr(p, key)) != NULL) {
		strbuf_add(&b, p, (size_t)(at - p) + sizeof(key) - 1);
		strbuf_adds(&b, MODERN_VERSION);
		p = at + sizeof(key) - 1;
		while (*p != '\0' && *p != '\n' && *p != ' ' && *p != '\r')
			p++;
	}
	strbuf_adds(&b, p);
	return strbuf_detach(&b);
}

struct gate_check {
	const struct ostd_rule *rule;
	bool seen;		/* among the candidates of a finding */
	bool wrong;		/* shown as fitting, or above one that fits */
};

static void
check_gate(const struct ostd_finding *f, void *ctx)
{
	struct gate_check *g = ctx;
	const struct ostd_diagnosis *d = f->diag;

	for (size_t i = 0; i < d->n; i++) {
		const struct ostd_candidate *c = &d->cand[i];

		if (c->rule != g->rule)
			continue;
		g->seen = true;
		if (c->applies != OSTD_APPLIES_MISMATCH)
			g->wrong = true;
		/* Nothing that fits may rank below it. */
		for (size_t k = i + 1; k < d->n; k++)
			if (d->cand[k].applies != OSTD_APPLIES_MISMATCH)
				g->wrong = true;
	}
}

/*
 * Each rule written for clients before Outlook 2016, on its own example made
 * an Outlook 16.0 log: marked as written for another version and ranked
 * below all that fit; when it has no code of its own, not offered at all.
 */
static void
test_gated_rules_on_a_modern_log(void **state)
{
	const struct ostd_ruleset *rs = *state;
	size_t gated = 0, shown = 0;
	int failed = 0;

	for (size_t i = 0; i < ostd_ruleset_count(rs); i++) {
		const struct ostd_rule *r = ostd_ruleset_get(rs, i);
		struct gate_check g = { r, false, false };
		struct ostd_report *rep;
		struct ostd_analyzer *a;
		char *log;

		if (ostd_rule_is_reference(r) ||
		    ostd_rule_applies(r, 1u << 16) != OSTD_APPLIES_MISMATCH)
			continue;
		gated++;
		log = modern_log(r);
		rep = ostd_report_new_fn(check_gate, &g);
		a = ostd_analyzer_new(rs, rep);
		ostd_analyze_buffer(a, log, strlen(log), "modern.log");
		ostd_analyzer_free(&a);
		ostd_report_free(&rep);
		if (g.wrong) {
			print_error("%s: shown as fitting an Outlook 16.0 log, or "
			    "above a rule that fits\n", r->id);
			failed++;
		}
		if (r->ncodes == 0 && r->symptoms != 0 && g.seen) {
			print_error("%s: offered on an Outlook 16.0 log with no "
			    "code of its own\n", r->id);
			failed++;
		}
		shown += g.seen;
		free(log);
	}
	print_message("%zu rules written for older clients, %zu of them shown "
	    "(marked) on their example as an Outlook 16.0 log\n", gated, shown);
	assert_int_equal(failed, 0);
	/* Most rules are of the old era; their codes still match, marked. */
	assert_true(gated >= 40);
	assert_true(shown >= gated / 2);
}

/* The modern form of a log keeps its lines and names version 16.0. */
static void
test_modern_log_form(void **state)
{
	struct ostd_rule r;
	char old[] = "Synchronizer Version 8.5.1\nError synchronizing folder\n";
	char none[] = "Synchronizing Hierarchy\n";
	char *log;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.example = old;
	log = modern_log(&r);
	assert_string_equal(log, "Synchronizer Version 16.0.17328\n"
	    "Error synchronizing folder\n");
	free(log);
	r.example = none;
	log = modern_log(&r);
	assert_string_equal(log, "Synchronizer Version 16.0.17328\n"
	    "Synchronizing Hierarchy\n");
	free(log);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_every_caution_in_every_format,
		    builtin_rules_setup, rules_teardown),
		cmocka_unit_test_setup_teardown(test_gated_rules_on_a_modern_log,
		    builtin_rules_setup, rules_teardown),
		cmocka_unit_test(test_modern_log_form),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_explain.c: explaining a code field by field, and a rule in full; what
 * each argument of ostdiag explain names; the rule list.
 */
#include "testutil.h"
#include "jsonvalid.h"

static void
test_parse_user_codes(void **state)
{
	struct ostd_code c;

	(void)state;
	assert_int_equal(ostd_explain_parse_code("[8004010f-501-00-521]", &c), 0);
	assert_string_equal(c.text, "8004010F-501-0-521");
	assert_int_equal(ostd_explain_parse_code("0X80004005.", &c), 0);
	assert_string_equal(c.text, "80004005");
	assert_int_equal(ostd_explain_parse_code("Q168734", &c), -1);
}

static void
test_explain_code(void **state)
{
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);
	struct ostd_code c;

	assert_int_equal(ostd_explain_parse_code("80070005-508-80070005-322", &c),
	    0);
	ostd_explain_code(fp, *state, &c, false);
	fclose(fp);
	assert_non_null(strstr(out, "field 1, the HRESULT: 0x80070005 "
	    "MAPI_E_NO_ACCESS"));
	assert_non_null(strstr(out, "field 3, the server's own HRESULT: "
	    "0x80070005"));
	assert_non_null(strstr(out, "field 4, location in the client or server "
	    "code: 322"));
	/* The rule written for this exact code comes before the field-3 match. */
	char *kb = strstr(out, "KB810018 ");
	char *q180 = strstr(out, "Q180055 ");
	assert_non_null(kb);
	assert_non_null(q180);
	assert_true(kb < q180);
	assert_non_null(strstr(out, "needs: head view-form"));
	free(out);
}

static void
test_explain_unknown_code(void **state)
{
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);
	struct ostd_code c;

	assert_int_equal(ostd_explain_parse_code("8004ABCD-1-0-0", &c), 0);
	ostd_explain_code(fp, *state, &c, false);
	fclose(fp);
	assert_non_null(strstr(out, "(no name known)"));
	assert_non_null(strstr(out, "facility 4 (ITF), code 0xABCD"));
	assert_non_null(strstr(out, "none: an error with this code is reported "
	    "as unrecognized"));
	free(out);
}

static void
test_explain_rule(void **state)
{
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);

	ostd_explain_rule(fp, *state, ostd_ruleset_find(*state, "Q168734"),
	    false);
	fclose(fp);
	assert_true(strncmp(out, "Q168734: ", 9) == 0);
	assert_non_null(strstr(out, "code:      8004010F-501-0-521\n"));
	assert_non_null(strstr(out, "\n  1. "));
	assert_non_null(strstr(out, "example:\n11:43:26 Synchronizing "
	    "Organization Forms\n"));
	free(out);
}


/* What explain prints for arg: a code, or the id of a rule of rs. */
static char *
explained(const struct ostd_ruleset *rs, const char *arg, bool json)
{
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);
	const struct ostd_rule *r = ostd_ruleset_find(rs, arg);
	struct ostd_code c;

	assert_non_null(fp);
	if (r != NULL) {
		ostd_explain_rule(fp, rs, r, json);
	} else {
		assert_int_equal(ostd_explain_parse_code(arg, &c), 0);
		ostd_explain_code(fp, rs, &c, json);
	}
	fclose(fp);
	return out;
}

/*
 * Field 3 is the store's error code where the sources say so; what a rule
 * was written for is said apart from what it needs.
 */
static void
test_explain_store_error_and_applicability(void **state)
{
	char *out = explained(*state, "80040305-54A-4DE-1900", false);

	assert_non_null(strstr(out, "field 3, the store's error code: 0x4DE "
	    "ecMaxObjsExceeded: "));
	assert_null(strstr(out, "field 3, location"));
	free(out);
	out = explained(*state, "80004005-501-4B9-560", false);
	assert_non_null(strstr(out, "field 3, the store's error code: 0x4B9 "
	    "ecNullObject: "));
	free(out);
	out = explained(*state, "8004010F-501-0-521", false);
	assert_null(strstr(out, "client versions"));
	assert_non_null(strstr(out, "      written for "));
	assert_non_null(strstr(out, "field 3, location in the client or server "
	    "code: 0"));
	free(out);
	out = explained(*state, "80004005-501-4B9-560", true);
	assert_non_null(strstr(out, "{\"field\":3,\"value\":\"4B9\","
	    "\"kind\":\"store-error\",\"name\":\"ecNullObject\""));
	assert_non_null(strstr(out, "\"rules\":[{\"id\":\"KB2572029\""));
	free(out);
}

/*
 * A code that only a dialog's text names (0x00040820) lists the rule whose
 * text pattern names it, not "unrecognized", and its meaning claims no cause.
 */
static void
test_explain_code_named_by_text(void **state)
{
	char *out = explained(*state, "00040820", false);

	assert_non_null(strstr(out, "SYNC_W_PROGRESS: a synchronization "
	    "progress warning, not a failure"));
	assert_non_null(strstr(out, "  Q264731-00040820 "));
	assert_non_null(strstr(out, "its text names the code"));
	assert_null(strstr(out, "busy"));
	assert_null(strstr(out, "unrecognized"));
	free(out);
}

/*
 * A rule as data: conditions, applicability, steps with source and caution
 * (the caution first), questions, references; and who cites a reference.
 */
static void
test_explain_rule_json(void **state)
{
	char *out = explained(*state, "Q182715", true);

	assert_true(strncmp(out, "{\"kind\":\"rule\",\"input\":\"Q182715\","
	    "\"input_line\":null,\"input_note\":null,\"id\":\"Q182715\",",
	    84) == 0);
	assert_non_null(strstr(out, "\"applicability\":{\"clients\":\"4-9\","));
	assert_non_null(strstr(out, "\"conditions\":{\"codes\":[],"));
	assert_non_null(strstr(out, "\"steps\":[{\"caution\":null,\"text\":"));
	assert_non_null(strstr(out, "\"source\":\"practice\"}"));
	assert_non_null(strstr(out, "{\"caution\":\"Deleting or renaming the "
	    "OST"));
	assert_non_null(strstr(out, "\"references\":[\"Q172957\""));
	free(out);
	out = explained(*state, "Q191014", true);
	assert_non_null(strstr(out, "\"reference\":true,\"held\":false,"));
	assert_non_null(strstr(out, "\"cited_by\":[\""));
	free(out);
	out = explained(*state, "Q191014", false);
	assert_non_null(strstr(out, "\nheld:      no: "));
	assert_non_null(strstr(out, "\ncited by:  "));
	free(out);
}

/* Text: a step's caution opens its item; practice is marked. */
static void
test_explain_rule_cautions(void **state)
{
	char *out = explained(*state, "Q182715", false);
	const char *caution = strstr(out, ". CAUTION: Deleting or renaming the "
	    "OST");

	assert_non_null(caution);
	assert_non_null(strstr(caution, "\n     Have the user delete the .ost "
	    "file"));
	assert_non_null(strstr(out, ". [practice] Have the user quit the "
	    "client."));
	assert_non_null(strstr(out, "fix: (steps marked [practice] are general "
	    "practice, not from the source)\n"));
	free(out);
}

/* What ostd_explain wrote for args: out and err; *refused gets its result. */
struct run {
	char *out, *err;
	size_t refused;
};

static struct run
run_explain(const struct ostd_ruleset *rs, const char *in, bool json,
    int width, size_t nargs, ...)
{
	struct ostd_explain_options opts = { json, width };
	char *args[8];
	size_t olen = 0, elen = 0;
	struct run r = { NULL, NULL, 0 };
	FILE *out = open_memstream(&r.out, &olen);
	FILE *err = open_memstream(&r.err, &elen);
	struct ostd_source fin;
	va_list ap;

	assert_non_null(out);
	assert_non_null(err);
	ostd_source_buffer(&fin, in, in != NULL ? strlen(in) : 0);
	assert_true(nargs <= 8);
	va_start(ap, nargs);
	for (size_t i = 0; i < nargs; i++)
		args[i] = va_arg(ap, char *);
	va_end(ap);
	r.refused = ostd_explain(out, err, &fin, rs, args, nargs, &opts);
	fclose(out);
	fclose(err);
	return r;
}

static void
run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

/* Does s start with prefix? */
static bool
starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* How many times needle occurs in s. */
static size_t
count(const char *s, const char *needle)
{
	size_t n = 0;

	for (const char *p = s; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

/*
 * A bare number that is an article and could be a code is taken as the
 * article, and the note says how to ask for the code; Q up to six digits, KB
 * from seven.
 */
static void
test_bare_number_article(void **state)
{
	struct run r = run_explain(*state, NULL, false, 80, 1, "168734");

	assert_int_equal(r.refused, 0);
	assert_true(starts(r.out, "Q168734: "));
	assert_string_equal(r.err, "ostdiag: explain: 168734 taken as article "
	    "Q168734; for the code write 0x00168734\n");
	run_free(&r);
	r = run_explain(*state, NULL, true, 0, 1, "2665915");
	assert_int_equal(r.refused, 0);
	assert_non_null(strstr(r.out, "\"kind\":\"rule\",\"input\":\"2665915\","
	    "\"input_line\":null,\"input_note\":\"2665915 taken as article "
	    "KB2665915; for the code write 0x02665915\",\"id\":\"KB2665915\""));
	run_free(&r);
	/* KB810018 has six digits: KB is tried after Q. */
	r = run_explain(*state, NULL, false, 80, 1, "810018");
	assert_true(starts(r.out, "KB810018: "));
	run_free(&r);
}

/*
 * A bare number no article has is a code when it is long enough (with a
 * note), else refused, saying how to write it; nothing is written then.
 */
static void
test_bare_number_code_or_neither(void **state)
{
	struct run r = run_explain(*state, NULL, false, 80, 1, "1");

	assert_int_equal(r.refused, 1);
	assert_string_equal(r.out, "");
	assert_non_null(strstr(r.err, "ostdiag: explain: 1 is too short for a "
	    "code and no rule or article has the id Q1 or KB1: write a code in "
	    "full (0x00000001)"));
	run_free(&r);
	r = run_explain(*state, NULL, false, 80, 1, "123456789");
	assert_int_equal(r.refused, 1);
	assert_non_null(strstr(r.err, "123456789 is too long for a code"));
	run_free(&r);
	r = run_explain(*state, NULL, false, 80, 1, "40380");
	assert_int_equal(r.refused, 0);
	assert_non_null(strstr(r.out, "0x00040380 MAPI_W_ERRORS_RETURNED"));
	assert_non_null(strstr(r.err, "40380 taken as the code 0x00040380: no "
	    "rule or article has the id Q40380 or KB40380"));
	run_free(&r);
	/* Eight digits, or hex, are a code and nothing else: no note. */
	r = run_explain(*state, NULL, false, 80, 2, "80040115", "8004010f.");
	assert_int_equal(r.refused, 0);
	assert_string_equal(r.err, "");
	assert_non_null(strstr(r.out, "MAPI_E_NETWORK_ERROR"));
	assert_non_null(strstr(r.out, "\n\n8004010F\n"));
	run_free(&r);
}

/* An HRESULT name, in any case, is its code. */
static void
test_hresult_name(void **state)
{
	struct run r = run_explain(*state, NULL, false, 80, 1,
	    "MAPI_E_NOT_FOUND");
	uint32_t hr;

	assert_int_equal(r.refused, 0);
	assert_true(starts(r.out, "8004010F\n  field 1, the HRESULT: "
	    "0x8004010F MAPI_E_NOT_FOUND"));
	run_free(&r);
	r = run_explain(*state, NULL, true, 0, 1, "mapi_e_no_access");
	assert_true(starts(r.out, "{\"kind\":\"code\",\"input\":"
	    "\"mapi_e_no_access\","));
	assert_non_null(strstr(r.out, "\"code\":\"80070005\""));
	run_free(&r);
	assert_int_equal(ostd_hresult_from_name("Sync_W_Progress", &hr), 0);
	assert_int_equal(hr, 0x00040820);
	assert_int_equal(ostd_hresult_from_name("MAPI_E_NOPE", &hr), -1);
}

/* A line pasted from a log: its code, after the line it is on. */
static void
test_pasted_line(void **state)
{
	struct run r = run_explain(*state, NULL, false, 80, 1,
	    "11:43:27 [8004010F-501-0-521]");

	assert_int_equal(r.refused, 0);
	assert_true(starts(r.out, "line 1: 11:43:27 [8004010F-501-0-521]\n"
	    "8004010F-501-0-521\n"));
	assert_non_null(strstr(r.out, "  Q168734 "));
	run_free(&r);
	r = run_explain(*state, NULL, false, 80, 1, "nothing here");
	assert_int_equal(r.refused, 1);
	assert_non_null(strstr(r.err, "'nothing here' is neither a code, a rule "
	    "or article id, an HRESULT name, nor text holding a code"));
	run_free(&r);
}

/*
 * A block, in one argument or on standard input: each code once, at the
 * first line it is on, and a line that is one word naming something.
 */
static void
test_pasted_block(void **state)
{
	static const char block[] =
	    "11:43:26 Synchronizing Organization Forms\n"
	    "11:43:27 Error synchronizing folder\n"
	    "11:43:27 [8004010F-501-0-521]\r\n"
	    "10:02:11 Error : 80041004.\n"
	    "11:50:01 [8004010F-501-0-521]\n"
	    "Q162703\n";
	struct run r = run_explain(*state, NULL, true, 0, 1, block);

	assert_int_equal(r.refused, 0);
	assert_true(valid_json(r.out));
	assert_true(r.out[0] == '[');
	assert_int_equal(count(r.out, "{\"kind\":"), 3);
	assert_non_null(strstr(r.out, "\"input\":\"11:43:27 "
	    "[8004010F-501-0-521]\",\"input_line\":3,"));
	assert_non_null(strstr(r.out, "\"input_line\":4,\"input_note\":null,"
	    "\"code\":\"80041004\""));
	assert_non_null(strstr(r.out, "\"input_line\":6,\"input_note\":null,"
	    "\"id\":\"Q162703\""));
	run_free(&r);
	r = run_explain(*state, block, false, 80, 1, "-");
	assert_int_equal(r.refused, 0);
	assert_non_null(strstr(r.out, "line 3: 11:43:27 [8004010F-501-0-521]\n"));
	assert_non_null(strstr(r.out, "\n\nline 4: 10:02:11 Error : "
	    "80041004.\n80041004\n"));
	assert_non_null(strstr(r.out, "\n\nline 6: Q162703\nQ162703: "));
	run_free(&r);
	/* Standard input is read once; with nothing in it, it is refused. */
	r = run_explain(*state, "", true, 0, 2, "-", "-");
	assert_int_equal(r.refused, 2);
	assert_string_equal(r.out, "[]\n");
	run_free(&r);
}

/*
 * JSON: one object for one thing named, an array for several arguments, each
 * with what named it; an argument that names nothing leaves the others.
 */
static void
test_json_shapes(void **state)
{
	struct run r = run_explain(*state, NULL, true, 0, 1, "0x8004010F");

	assert_true(valid_json(r.out));
	assert_true(starts(r.out, "{\"kind\":\"code\",\"input\":"
	    "\"0x8004010F\",\"input_line\":null,\"input_note\":null,"
	    "\"code\":\"8004010F\","));
	run_free(&r);
	r = run_explain(*state, NULL, true, 0, 4, "Q168734", "nonsense",
	    "8004010F-501-0-521", "168734");
	assert_int_equal(r.refused, 1);
	assert_true(valid_json(r.out));
	assert_true(starts(r.out, "[\n{\"kind\":\"rule\",\"input\":"
	    "\"Q168734\","));
	assert_int_equal(count(r.out, "\n{\"kind\":"), 3);
	assert_non_null(strstr(r.out, "{\"kind\":\"code\",\"input\":"
	    "\"8004010F-501-0-521\","));
	assert_non_null(strstr(r.out, "\"input_note\":\"168734 taken as "));
	assert_non_null(strstr(r.err, "'nonsense' is neither"));
	run_free(&r);
}

/* Text is wrapped at the width; an example log is left as it is. */
static void
test_wrapped_to_width(void **state)
{
	static const char *const args[] = { "Q168734", "KB3115602",
		"80070005-508-00-322" };

	for (size_t i = 0; i < sizeof(args) / sizeof(args[0]); i++) {
		struct run r = run_explain(*state, NULL, false, 80, 1, args[i]);
		const char *example = strstr(r.out, "\nexample:\n");
		const char *end = example != NULL ? strstr(example, "\nfile: ") :
		    NULL;

		for (const char *p = r.out; *p != '\0';) {
			size_t n = strcspn(p, "\n");

			if (!(example != NULL && p > example && p < end) &&
			    n > 80) {
				print_error("%s: %.*s\n", args[i], (int)n, p);
				fail();
			}
			p += n + (p[n] == '\n');
		}
		/* Unwrapped, a cause is one line. */
		run_free(&r);
	}
	struct run r = run_explain(*state, NULL, false, 0, 1, "Q168734");
	assert_non_null(strstr(r.out, "\ncause:     After an upgrade to Exchange "
	    "Server 5.0, synchronizing all folders fails at the Organization "
	    "Forms step"));
	run_free(&r);
}

/* The rule list: each rule with its products, wrapped; or as JSON. */
static void
test_rule_list(void **state)
{
	struct ostd_explain_options opts = { false, 80 };
	char *out = NULL;
	size_t len = 0, lines = 0;
	FILE *fp = open_memstream(&out, &len);

	ostd_explain_list(fp, *state, &opts);
	fclose(fp);
	for (const char *p = out; *p != '\0'; lines++) {
		size_t n = strcspn(p, "\n");

		assert_true(n <= 80);
		p += n + (p[n] == '\n');
	}
	assert_int_equal(count(out, " products: "),
	    ostd_ruleset_count(*state));
	assert_true(lines > 2 * ostd_ruleset_count(*state));
	assert_non_null(strstr(out, "Q168734                  error   "
	    "sync-error-code       Org Forms Library Default\n"));
	free(out);
	opts.json = true;
	fp = open_memstream(&out, &len);
	ostd_explain_list(fp, *state, &opts);
	fclose(fp);
	assert_true(valid_json(out));
	assert_int_equal(count(out, "{\"id\":"), ostd_ruleset_count(*state));
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_user_codes),
		cmocka_unit_test(test_explain_code),
		cmocka_unit_test(test_explain_unknown_code),
		cmocka_unit_test(test_explain_rule),
		cmocka_unit_test(test_explain_store_error_and_applicability),
		cmocka_unit_test(test_explain_code_named_by_text),
		cmocka_unit_test(test_explain_rule_json),
		cmocka_unit_test(test_explain_rule_cautions),
		cmocka_unit_test(test_bare_number_article),
		cmocka_unit_test(test_bare_number_code_or_neither),
		cmocka_unit_test(test_hresult_name),
		cmocka_unit_test(test_pasted_line),
		cmocka_unit_test(test_pasted_block),
		cmocka_unit_test(test_json_shapes),
		cmocka_unit_test(test_wrapped_to_width),
		cmocka_unit_test(test_rule_list),
	};

	return cmocka_run_group_tests(tests, builtin_rules_setup, rules_teardown);
}

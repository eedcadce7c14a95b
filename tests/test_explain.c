/* test_explain.c: explaining a code field by field, and a rule in full. */
#include "testutil.h"

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

	assert_true(strncmp(out, "{\"id\":\"Q182715\",", 16) == 0);
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
	};

	return cmocka_run_group_tests(tests, builtin_rules_setup, rules_teardown);
}

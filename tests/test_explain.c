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
	ostd_explain_code(fp, *state, &c);
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
	ostd_explain_code(fp, *state, &c);
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

	ostd_explain_rule(fp, ostd_ruleset_find(*state, "Q168734"));
	fclose(fp);
	assert_true(strncmp(out, "Q168734: ", 9) == 0);
	assert_non_null(strstr(out, "code:      8004010F-501-0-521\n"));
	assert_non_null(strstr(out, "\n  1. "));
	assert_non_null(strstr(out, "example:\n11:43:26 Synchronizing "
	    "Organization Forms\n"));
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
	};

	return cmocka_run_group_tests(tests, builtin_rules_setup, rules_teardown);
}

/* test_code.c: four-part codes and HRESULT names. */
#include "testutil.h"

static void
test_normalizes_fields(void **state)
{
	struct ostd_code c;

	(void)state;
	assert_int_equal(ostd_code_parse("80070005-508-00-324", 19, &c), 0);
	assert_int_equal(c.nfields, 4);
	assert_string_equal(c.text, "80070005-508-0-324");
	assert_true(c.field[0] == 0x80070005u);
	assert_true(c.field[1] == 0x508);
	assert_true(c.field[3] == 0x324);

	assert_int_equal(ostd_code_parse("8004010f-501-0-b20", 18, &c), 0);
	assert_string_equal(c.text, "8004010F-501-0-B20");

	assert_int_equal(ostd_code_parse("80040600-501-80040600-560", 25, &c), 0);
	assert_true(c.field[2] == 0x80040600u);
	assert_string_equal(c.text, "80040600-501-80040600-560");

	assert_int_equal(ostd_code_parse("0-130", 5, &c), 0);
	assert_int_equal(c.nfields, 2);
	assert_string_equal(c.text, "0-130");

	assert_int_equal(ostd_code_parse("00040820", 8, &c), 0);
	assert_string_equal(c.text, "00040820");
	assert_int_equal(ostd_code_parse("80004005-0507-00000000", 22, &c), 0);
	assert_string_equal(c.text, "80004005-507-0");

	/* The widest code, and a short first field keeping no zeros. */
	assert_int_equal(ostd_code_parse("ffffffff-FFFFFFFF-10000000-0fffffff",
	    35, &c), 0);
	assert_string_equal(c.text, "FFFFFFFF-FFFFFFFF-10000000-FFFFFFF");
	assert_int_equal(ostd_code_parse("04010f-00a0", 11, &c), 0);
	assert_string_equal(c.text, "4010F-A0");
}

static void
test_rejects_non_codes(void **state)
{
	struct ostd_code c;
	static const char *const bad[] = {
		"", "-", "8004010F-", "-501", "8004010F--0", "80040G0F-501",
		"1-2-3-4-5", "123456789-1", "8004010F 501", "Done",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(ostd_code_parse(bad[i], strlen(bad[i]), &c), -1);
}

static void
test_names_hresults(void **state)
{
	(void)state;
	assert_string_equal(ostd_hresult_name(0x8004010F), "MAPI_E_NOT_FOUND");
	assert_string_equal(ostd_hresult_name(0x80070005), "MAPI_E_NO_ACCESS");
	assert_string_equal(ostd_hresult_name(0x80040600), "MAPI_E_CORRUPT_STORE");
	assert_string_equal(ostd_hresult_name(0x8000FFFF), "E_UNEXPECTED");
	assert_string_equal(ostd_hresult_name(0x80030070), "STG_E_MEDIUMFULL");
	assert_string_equal(ostd_hresult_name(0x00040203), "MAPI_W_NO_SERVICE");
	assert_string_equal(ostd_hresult_name(0x80070057),
	    "MAPI_E_INVALID_PARAMETER");
	assert_string_equal(ostd_hresult_name(0x80040803), "SYNC_E_NO_PARENT");
	assert_null(ostd_hresult_name(0x80041004));
	assert_non_null(ostd_hresult_meaning(0x80041004));
	assert_null(ostd_hresult_name(0x80049999));
	assert_null(ostd_hresult_meaning(0x12345678));
}

static void
test_decodes_parts(void **state)
{
	(void)state;
	assert_int_equal(ostd_hresult_severity(0x8004010F), 1);
	assert_int_equal(ostd_hresult_severity(0x00040820), 0);
	assert_int_equal(ostd_hresult_facility(0x8004010F), 4);
	assert_int_equal(ostd_hresult_facility(0x80070005), 7);
	assert_int_equal(ostd_hresult_facility(0x80030070), 3);
	assert_int_equal(ostd_hresult_code(0x8004010F), 0x010F);
	assert_string_equal(ostd_facility_name(4), "ITF");
	assert_string_equal(ostd_facility_name(7), "WIN32");
	assert_null(ostd_facility_name(99));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalizes_fields),
		cmocka_unit_test(test_rejects_non_codes),
		cmocka_unit_test(test_names_hresults),
		cmocka_unit_test(test_decodes_parts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

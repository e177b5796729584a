/* test_events_scanner.c - which lines the events reader's own scanner
 * takes (flat ASCII objects jansson would accept) and which it leaves to
 * jansson; tests/speed/test_events_scanner.py shows both paths agree. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "extract_internal.h"

bool geo_events_flat_parse(geo_reader *r, const char *line, size_t len);

static bool takes(geo_reader *r, const char *line)
{
	return geo_events_flat_parse(r, line, strlen(line));
}

static void test_scanner_takes(void **state)
{
	static const char *const flat[] = {
		"{}",
		"{ }",
		"{\"source\":\"US\",\"target\":\"CHN\",\"relation\":\"sanction\"}",
		"{ \"a\" : 1 , \"b\":-0, \"c\":1.5e-3,\"d\":true,\"e\":false,\"f\":null }\t\r",
		"{\"s\":\"q\\\"uo\\\\te\\/d\\b\\f\\n\\r\\t\"}",
		"{\"n\":123456789012345678}",
		"{\"n\":-1E+2,\"m\":0.0}",
		"{\"tiny\":1e-400}",
		NULL,
	};
	static const char *const left[] = {
		"",
		"[]",
		"{",
		"{\"a\":1,}",
		"{\"a\":1} x",
		"{\"a\":1}\v",
		"{\"a\":1,\"a\":2}",
		"{\"a\":{}}",
		"{\"a\":[1]}",
		"{\"a\":\"\\u0041\"}",
		"{\"a\":\"\\q\"}",
		"{\"a\":\"caf\xc3\xa9\"}",
		"{\"a\":\"tab\there\"}",
		"{\"a\":01}",
		"{\"a\":1.}",
		"{\"a\":.5}",
		"{\"a\":1e}",
		"{\"a\":+1}",
		"{\"a\":1234567890123456789}",
		"{\"a\":1e400}",
		"{\"a\":truex}",
		"{\"a\":True}",
		"{\"a\":1x}",
		"{\"a\" 1}",
		"{a:1}",
		NULL,
	};
	geo_source_opts opts = {0};
	geo_source_stats stats = {0};
	geo_reader_ctx ctx = {.path = "t", .doc = "t", .opts = &opts, .stats = &stats};
	geo_reader *r = NULL;
	geo_error err = {0};

	(void)state;
	assert_int_equal(geo_events_reader_ops.open(&r, &ctx, &err), GEO_OK);
	for (size_t i = 0; flat[i]; i++)
		if (!takes(r, flat[i]))
			fail_msg("scanner refused %s", flat[i]);
	for (size_t i = 0; left[i]; i++)
		if (takes(r, left[i]))
			fail_msg("scanner took %s", left[i]);
	/* A NUL inside the line is jansson's to reject. */
	assert_false(geo_events_flat_parse(r, "{\"a\":\"x\0y\"}", 11));
	geo_events_reader_ops.close(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scanner_takes),
	};

	return cmocka_run_group_tests_name("events_scanner", tests, NULL, NULL);
}

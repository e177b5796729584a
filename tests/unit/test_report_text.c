/* test_report_text.c - the HTML report's escaping: UTF-8 repair, JSON in a
 * <script> element, HTML text and the SVG element to inline. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "report_internal.h"

static void check_utf8(const char *in, size_t n, const char *want, size_t want_replaced)
{
	geo_buf b = {0};
	size_t replaced = 0;

	assert_int_equal(geo_report_utf8(&b, in, n, &replaced), GEO_OK);
	assert_int_equal(geo_buf_putc(&b, '\0'), GEO_OK);
	assert_string_equal(b.data, want);
	assert_int_equal(replaced, want_replaced);
	geo_buf_free(&b);
}

#define FFFD "\xEF\xBF\xBD"

static void test_utf8(void **state)
{
	(void)state;
	check_utf8("plain", 5, "plain", 0);
	check_utf8("S\xC3\xA3o Paulo \xE2\x80\x94 \xF0\x9F\x8C\x8D", 19, "S\xC3\xA3o Paulo \xE2\x80\x94 \xF0\x9F\x8C\x8D", 0);
	/* A lone continuation byte, a truncated sequence at the end. */
	check_utf8("a\x80" "b\xE2\x80", 5, "a" FFFD "b" FFFD FFFD, 3);
	/* Overlong '/', a UTF-16 surrogate, a code point above U+10FFFF. */
	check_utf8("\xC0\xAF", 2, FFFD FFFD, 2);
	check_utf8("\xED\xA0\x80", 3, FFFD FFFD FFFD, 3);
	check_utf8("\xF4\x90\x80\x80", 4, FFFD FFFD FFFD FFFD, 4);
	check_utf8("\xFF", 1, FFFD, 1);
	check_utf8("", 0, "", 0);
}

static void check_json(const char *in, const char *want)
{
	geo_buf b = {0};

	assert_int_equal(geo_report_json_script(&b, in, strlen(in)), GEO_OK);
	assert_int_equal(geo_buf_putc(&b, '\0'), GEO_OK);
	assert_string_equal(b.data, want);
	geo_buf_free(&b);
}

static void test_json_script(void **state)
{
	(void)state;
	check_json("{\"a\":1}", "{\"a\":1}");
	check_json("[\"</script><script>alert(1)</script>\"]",
		   "[\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\"]");
	check_json("[\"<!-- a & b -->\"]", "[\"\\u003c!-- a \\u0026 b --\\u003e\"]");
	check_json("[\"x\xE2\x80\xA8y\xE2\x80\xA9z\"]", "[\"x\\u2028y\\u2029z\"]");
	/* Other characters starting with E2 80 stay as they are. */
	check_json("[\"\xE2\x80\x94\"]", "[\"\xE2\x80\x94\"]");
	check_json("[\"\xE2\"]", "[\"\xE2\"]");
}

static void test_html_text(void **state)
{
	geo_buf b = {0};

	(void)state;
	assert_int_equal(geo_report_html_text(&b, "<b>\"Tom\" & 'Jerry'</b>"), GEO_OK);
	assert_int_equal(geo_buf_putc(&b, '\0'), GEO_OK);
	assert_string_equal(b.data, "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;");
	geo_buf_free(&b);
}

static geo_err svg_el(const char *svg, char *out, size_t outsz, geo_error *err)
{
	const char *s = NULL;
	size_t n = 0;
	geo_err rc = geo_report_svg_element(svg, strlen(svg), &s, &n, err);

	if (rc == GEO_OK)
		snprintf(out, outsz, "%.*s", (int)n, s);
	return rc;
}

static void test_svg_element(void **state)
{
	char got[256];
	geo_error err;

	(void)state;
	assert_int_equal(svg_el("<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<!-- x -->\n"
				"<svg width=\"8pt\"><g><title>n0</title></g></svg>\n",
				got, sizeof got, &err),
			 GEO_OK);
	assert_string_equal(got, "<svg width=\"8pt\"><g><title>n0</title></g></svg>");
	/* "<svgx" is not an svg element; the last closing tag ends it. */
	assert_int_equal(svg_el("<svgx/><SVG>\n<svg></svg>\n</SVG >tail", got, sizeof got, &err), GEO_OK);
	assert_string_equal(got, "<SVG>\n<svg></svg>\n</SVG >");
	assert_int_equal(svg_el("<html></html>", got, sizeof got, &err), GEO_EUSAGE);
	assert_string_equal(err.msg, "report: the diagram is not SVG (no <svg> element)");
	assert_int_equal(svg_el("<svg><g>", got, sizeof got, &err), GEO_EUSAGE);
	assert_string_equal(err.msg, "report: the diagram's <svg> element is not closed");
	assert_int_equal(svg_el("<svg><ScRiPt>alert(1)</script></svg>", got, sizeof got, &err), GEO_EUSAGE);
	assert_string_equal(err.msg, "report: the diagram holds a <script> or <foreignObject> element");
	assert_int_equal(svg_el("<svg><foreignObject><div/></foreignObject></svg>", got, sizeof got, &err),
			 GEO_EUSAGE);
	/* Escaped markup in labels is text, and allowed. */
	assert_int_equal(svg_el("<svg><text>&lt;script&gt;</text></svg>", got, sizeof got, &err), GEO_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_json_script),
		cmocka_unit_test(test_html_text),
		cmocka_unit_test(test_svg_element),
	};

	return cmocka_run_group_tests_name("report_text", tests, NULL, NULL);
}

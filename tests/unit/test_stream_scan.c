/* test_stream_scan.c - the line reader with a scan function (the GDELT
 * reader finds a row's end and its TABs in one pass): the same lines as
 * with memchr, whatever the size of the reads, and the scan's last call
 * before each line covers exactly that line, so what it learnt is about
 * the line returned. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extract_internal.h"
#include "unit_lines.h"

/* A scan that remembers what its last call saw, and how many bytes all
 * its calls saw. */
struct seen {
	char last[256];
	size_t last_len, calls, bytes;
};

static size_t scan_mem(void *sctx, const char *p, size_t n)
{
	struct seen *s = sctx;
	const char *nl = memchr(p, '\n', n);
	size_t end = nl ? (size_t)(nl - p) : n;
	size_t keep = end < sizeof s->last ? end : sizeof s->last - 1;

	memcpy(s->last, p, keep);
	s->last[keep] = '\0';
	s->last_len = end;
	s->calls++;
	s->bytes += n;
	return end;
}

/* The scan's last call saw the line, and a CR it ended with. */
static void scan_saw_line(const char *line, size_t n, void *ctx)
{
	const struct seen *seen = ctx;

	assert_true(seen->last_len == n || (seen->last_len == n + 1 && seen->last[n] == '\r'));
	assert_memory_equal(seen->last, line, n < sizeof seen->last - 1 ? n : sizeof seen->last - 1);
}

/* Reads text with and without the scan, chunk bytes per read: the same
 * results, and the scan's last view is the line (with a CR if it had one). */
static void check_text(const char *text, size_t chunk, size_t max)
{
	struct mem a = {text, strlen(text), chunk}, b = {text, strlen(text), chunk};
	struct seen seen = {0};
	geo_lines plain = {.read = read_mem, .ctx = &a, .max = max};
	geo_lines scanned = {.read = read_mem, .ctx = &b, .max = max, .scan = scan_mem, .sctx = &seen};

	lines_agree(&plain, &scanned, scan_saw_line, &seen);
	geo_lines_free(&plain);
	geo_lines_free(&scanned);
}

static void test_same_lines(void **state)
{
	static const char *const texts[] = {
		"",
		"\n",
		"one line without end",
		"a\nbb\n\nccc\r\nlast",
		"a\tb\tc\r\nd\te\n",
		"12345678\n123456789\n12345678\r\n123456789\r\nend",
		"x\n123456789012345\nyz\r\n\r\n",
	};

	(void)state;
	for (size_t t = 0; t < sizeof texts / sizeof *texts; t++)
		for (size_t chunk = 1; chunk <= 20; chunk++) {
			check_text(texts[t], chunk, 8);
			check_text(texts[t], chunk, 0);
		}
}

/* A long line that arrives in small reads is not rescanned from its start
 * at each read: the scan sees each byte about twice at most (once to find
 * the end, once from the line's start), not once per read. */
static void test_long_line_linear(void **state)
{
	size_t n = 1 << 20;
	char *text = malloc(n + 1);
	struct mem m;
	struct seen seen = {0};
	geo_lines l = {.read = read_mem, .ctx = &m, .scan = scan_mem, .sctx = &seen};
	const char *line;
	size_t len;

	(void)state;
	assert_non_null(text);
	memset(text, 'a', n);
	text[n - 1] = '\n';
	text[n] = '\0';
	m = (struct mem){text, n, 4096};
	assert_int_equal(geo_lines_next(&l, &line, &len, NULL), GEO_OK);
	assert_int_equal(len, n - 1);
	assert_int_equal(seen.last_len, n - 1);
	assert_true(seen.bytes <= 2 * n);
	assert_int_equal(geo_lines_next(&l, &line, &len, NULL), GEO_OK);
	assert_null(line);
	geo_lines_free(&l);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_lines),
		cmocka_unit_test(test_long_line_linear),
	};
	return cmocka_run_group_tests_name("stream_scan", tests, NULL, NULL);
}

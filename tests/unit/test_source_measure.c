/* test_source_measure.c - the input size a progress display divides by
 * (geo_source_measure) and the bytes read so far (geo_source_bytes_read). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "extract_internal.h"

static char tmpdir[64];

static void write_file(const char *rel, const char *text)
{
	char path[256];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", tmpdir, rel);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/geo-measure-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static const char ev1[] = "{\"source\":\"A\",\"target\":\"C\",\"relation\":\"meet\"}\n";

/* The walk counts what geo_source reads: hidden entries, unknown
 * extensions and a loop back to a parent left out. */
static void test_measure_dir(void **state)
{
	char dir[128], sub[160], loop[200], hidden[160];
	const char *paths[1] = {dir};
	geo_source_size sz;
	geo_error err;

	(void)state;
	snprintf(dir, sizeof dir, "%s/in", tmpdir);
	snprintf(sub, sizeof sub, "%s/in/m", tmpdir);
	snprintf(hidden, sizeof hidden, "%s/in/.h", tmpdir);
	snprintf(loop, sizeof loop, "%s/in/m/back", tmpdir);
	assert_int_equal(mkdir(dir, 0755), 0);
	assert_int_equal(mkdir(sub, 0755), 0);
	assert_int_equal(mkdir(hidden, 0755), 0);
	assert_int_equal(symlink("..", loop), 0);
	write_file("in/a.jsonl", ev1);                 /* 49 bytes */
	write_file("in/b.TXT", "Hello.\n");            /* 7 */
	write_file("in/m/c.jsonl", "x\n");             /* 2 */
	write_file("in/skip.bin", "not read\n");
	write_file("in/.hidden.jsonl", "not read\n");
	write_file("in/.h/d.jsonl", "not read\n");

	assert_int_equal(geo_source_measure(paths, 1, &sz, &err), GEO_OK);
	assert_int_equal(sz.files, 3);
	assert_int_equal(sz.bytes, sizeof ev1 - 1 + 7 + 2);
	assert_true(sz.exact);
}

/* A named file counts whatever its name; "-" and a missing path make the
 * total inexact, and nothing is printed or failed for them. */
static void test_measure_named(void **state)
{
	char file[128], missing[128];
	const char *paths[3] = {file, "-", missing};
	geo_source_size sz;
	geo_error err;

	(void)state;
	write_file("named.bin", "12345");
	snprintf(file, sizeof file, "%s/named.bin", tmpdir);
	snprintf(missing, sizeof missing, "%s/nothing-here", tmpdir);
	assert_int_equal(geo_source_measure(paths, 1, &sz, &err), GEO_OK);
	assert_int_equal(sz.bytes, 5);
	assert_int_equal(sz.files, 1);
	assert_true(sz.exact);
	assert_int_equal(geo_source_measure(paths, 2, &sz, &err), GEO_OK);
	assert_int_equal(sz.bytes, 5);
	assert_int_equal(sz.files, 2);
	assert_false(sz.exact);
	assert_int_equal(geo_source_measure(paths + 2, 1, &sz, &err), GEO_OK);
	assert_int_equal(sz.bytes, 0);
	assert_int_equal(sz.files, 0);
	assert_false(sz.exact);
	assert_int_equal(geo_source_measure(NULL, 0, &sz, &err), GEO_OK);
	assert_int_equal(sz.files, 0);
	assert_true(sz.exact);
}

/* bytes_read counts the file being read, not only the finished ones, and
 * ends at the total the measure announced. */
static void test_bytes_read(void **state)
{
	char a[128], b[128];
	const char *paths[2] = {a, b};
	geo_source_opts so = {0};
	geo_source_size sz;
	geo_source *src;
	const geo_event *ev;
	geo_error err;

	(void)state;
	write_file("r1.jsonl", ev1);
	write_file("r2.jsonl", ev1);
	snprintf(a, sizeof a, "%s/r1.jsonl", tmpdir);
	snprintf(b, sizeof b, "%s/r2.jsonl", tmpdir);
	assert_int_equal(geo_source_measure(paths, 2, &sz, &err), GEO_OK);
	assert_int_equal(geo_source_open(&src, paths, 2, &so, &err), GEO_OK);
	assert_int_equal(geo_source_bytes_read(src), 0);
	assert_int_equal(geo_source_next(src, &ev, &err), GEO_OK);
	assert_non_null(ev);
	/* In the first file: stats.bytes still 0, bytes_read already all of it. */
	assert_int_equal(geo_source_get_stats(src)->bytes, 0);
	assert_int_equal(geo_source_bytes_read(src), sizeof ev1 - 1);
	assert_int_equal(geo_source_next(src, &ev, &err), GEO_OK);
	assert_non_null(ev);
	assert_int_equal(geo_source_bytes_read(src), 2 * (sizeof ev1 - 1));
	assert_int_equal(geo_source_next(src, &ev, &err), GEO_OK);
	assert_null(ev);
	assert_int_equal(geo_source_bytes_read(src), sz.bytes);
	assert_int_equal(geo_source_get_stats(src)->bytes, sz.bytes);
	geo_source_free(src);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_measure_dir),
		cmocka_unit_test(test_measure_named),
		cmocka_unit_test(test_bytes_read),
	};

	return cmocka_run_group_tests_name("source_measure", tests, setup, teardown);
}

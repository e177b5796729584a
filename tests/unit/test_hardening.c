/* test_hardening.c - the edges the bad-input battery relies on: the line
 * limit at its boundary, output files that keep their mode and follow
 * symbolic links, empty inputs, calendar dates and clear messages in the
 * events reader. */
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

struct mem {
	const char *p;
	size_t n;
};

static ssize_t read_mem(void *ctx, void *buf, size_t n)
{
	struct mem *m = ctx;
	size_t k = m->n < n ? m->n : n;

	memcpy(buf, m->p, k);
	m->p += k;
	m->n -= k;
	return (ssize_t)k;
}

/* max bytes are read, max + 1 are not; a CR before the LF does not count. */
static void test_line_limit_boundary(void **state)
{
	static const char text[] = "12345678\n123456789\n12345678\r\n123456789\r\nend";
	struct mem m = {text, sizeof text - 1};
	geo_lines l = {.read = read_mem, .ctx = &m, .max = 8};
	const char *line;
	size_t len;

	(void)state;
	assert_int_equal(geo_lines_next(&l, &line, &len, NULL), GEO_OK);
	assert_string_equal(line, "12345678");
	assert_int_equal(geo_lines_next(&l, &line, &len, NULL), GEO_ELIMIT);
	assert_int_equal(l.lineno, 2);
	assert_int_equal(geo_lines_next(&l, &line, &len, NULL), GEO_OK);
	assert_string_equal(line, "12345678");
	assert_int_equal(len, 8);
	assert_int_equal(geo_lines_next(&l, &line, &len, NULL), GEO_ELIMIT);
	assert_int_equal(l.lineno, 4);
	assert_int_equal(geo_lines_next(&l, &line, &len, NULL), GEO_OK);
	assert_string_equal(line, "end");
	assert_int_equal(geo_lines_next(&l, &line, &len, NULL), GEO_OK);
	assert_null(line);
	geo_lines_free(&l);
}

static char tmpdir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/geo-hardening-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static void write_bytes(const char *path, const char *data, size_t n)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
}

static void write_file(const char *path, const char *text)
{
	write_bytes(path, text, strlen(text));
}

static char *read_file(const char *path)
{
	static char buf[4096];
	FILE *fp = fopen(path, "r");
	size_t n;

	assert_non_null(fp);
	n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static void commit_text(const char *path, const char *text)
{
	geo_outfile *of;
	geo_error err;

	assert_int_equal(geo_outfile_open(&of, path, &err), GEO_OK);
	fputs(text, geo_outfile_fp(of));
	assert_int_equal(geo_outfile_commit(of, &err), GEO_OK);
}

/* Replacing a private file leaves it private. */
static void test_outfile_keeps_mode(void **state)
{
	char path[128];
	struct stat st;

	(void)state;
	snprintf(path, sizeof path, "%s/private.txt", tmpdir);
	write_file(path, "old\n");
	assert_int_equal(chmod(path, 0600), 0);
	commit_text(path, "new\n");
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_string_equal(read_file(path), "new\n");
}

/* Writing through a symbolic link replaces the file it names and keeps the
 * link; a dangling link is replaced by the file. */
static void test_outfile_through_symlink(void **state)
{
	char real[128], link[128], dangling[128];
	struct stat st;

	(void)state;
	snprintf(real, sizeof real, "%s/real.txt", tmpdir);
	snprintf(link, sizeof link, "%s/link.txt", tmpdir);
	snprintf(dangling, sizeof dangling, "%s/dangling.txt", tmpdir);
	write_file(real, "old\n");
	assert_int_equal(symlink("real.txt", link), 0);
	commit_text(link, "new\n");
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_string_equal(read_file(real), "new\n");

	assert_int_equal(symlink("nowhere.txt", dangling), 0);
	commit_text(dangling, "made\n");
	assert_int_equal(lstat(dangling, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_string_equal(read_file(dangling), "made\n");
}

/* Reads path with the given format; returns the events, fills *st. */
static size_t read_all(const char *path, geo_input_format format, bool strict, geo_source_stats *st,
		       geo_err *rc, geo_error *err)
{
	const char *paths[1] = {path};
	geo_source_opts opts = {.format = format, .strict = strict};
	geo_source *src;
	const geo_event *ev;
	size_t n = 0;

	assert_int_equal(geo_source_open(&src, paths, 1, &opts, err), GEO_OK);
	while ((*rc = geo_source_next(src, &ev, err)) == GEO_OK && ev)
		n++;
	*st = *geo_source_get_stats(src);
	geo_source_free(src);
	return n;
}

/* An empty file is no events in any format, without a dictionary even
 * for text. */
static void test_empty_file(void **state)
{
	char path[128];
	geo_source_stats st;
	geo_error err;
	geo_err rc;

	(void)state;
	snprintf(path, sizeof path, "%s/empty", tmpdir);
	write_file(path, "");
	for (int f = GEO_INPUT_AUTO; f <= GEO_INPUT_GDELT; f++) {
		assert_int_equal(read_all(path, (geo_input_format)f, true, &st, &rc, &err), 0);
		assert_int_equal(rc, GEO_OK);
		assert_int_equal(st.files, 1);
		assert_int_equal(st.records, 0);
	}
}

/* Dates are checked against the calendar, leap years included. */
static void test_event_dates(void **state)
{
	char path[128];
	geo_source_stats st;
	geo_error err;
	geo_err rc;
	static const char *const dates[] = {"2024-02-29", "2000-02-29", "2025-12-31", "2025-02-29",
					    "1900-02-29", "2025-04-31", "2025-00-10", "2025-01-32"};
	char text[2048] = "";
	size_t used = 0;

	(void)state;
	for (size_t i = 0; i < sizeof dates / sizeof *dates; i++)
		used += (size_t)snprintf(text + used, sizeof text - used,
					 "{\"source\":\"USA\",\"target\":\"CHN\",\"relation\":\"tariff\",\"date\":\"%s\"}\n",
					 dates[i]);
	snprintf(path, sizeof path, "%s/dates.jsonl", tmpdir);
	write_file(path, text);
	assert_int_equal(read_all(path, GEO_INPUT_EVENTS, false, &st, &rc, &err), 3);
	assert_int_equal(rc, GEO_OK);
	assert_int_equal(st.skipped[GEO_SKIP_MALFORMED], 5);
}

/* Under strict, the first bad record is the error, with file:line and
 * what is wrong. */
static void expect_strict_error(const char *name, const char *line, size_t len, const char *want)
{
	char path[128], msg[512];
	geo_source_stats st;
	geo_error err;
	geo_err rc;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	write_bytes(path, line, len ? len : strlen(line));
	assert_int_equal(read_all(path, GEO_INPUT_EVENTS, true, &st, &rc, &err), 0);
	assert_int_equal(rc, GEO_EDATA);
	snprintf(msg, sizeof msg, "%s:1: %s", path, want);
	assert_string_equal(err.msg, msg);
}

static void test_event_messages(void **state)
{
	(void)state;
	expect_strict_error("type.jsonl", "{\"source\":\"USA\",\"source_type\":\"alien\",\"target\":\"CHN\",\"relation\":\"x\"}\n", 0,
			    "unknown \"source_type\" \"alien\" (country, igo, person, institution, group)");
	/* The key named must outlive the lookup that found it wrong. */
	expect_strict_error("label.jsonl", "{\"source\":\"USA\",\"target\":\"CHN\",\"target_affiliation\":7}\n", 0,
			    "\"target_affiliation\" has the wrong type");
	expect_strict_error("cameo.jsonl", "{\"source\":\"USA\",\"target\":\"CHN\",\"cameo\":-5}\n", 0,
			    "\"cameo\" is not a CAMEO event code");
	expect_strict_error("nul.jsonl", "{\"source\":\"US\0A\"}\n", 17, "a NUL byte at column 14");
	expect_strict_error("esc.jsonl", "{\"source\":\"\\u0000\"}\n", 0,
			    "invalid JSON at column 18: a NUL character (\\u0000) in a string");
	expect_strict_error("utf8.jsonl", "{\"source\":\"\xff\"}\n", 0,
			    "invalid JSON at column 12: unable to decode byte 0xff near '\"'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_limit_boundary),
		cmocka_unit_test(test_outfile_keeps_mode),
		cmocka_unit_test(test_outfile_through_symlink),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_event_dates),
		cmocka_unit_test(test_event_messages),
	};

	return cmocka_run_group_tests_name("hardening", tests, setup, teardown);
}

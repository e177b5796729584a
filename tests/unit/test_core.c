/* test_core.c - buffers, the string map, errors and atomic output files. */
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

#include "core_internal.h"

static void test_buf_append_printf(void **state)
{
	geo_buf b = {0};

	(void)state;
	assert_int_equal(geo_buf_puts(&b, "abc"), GEO_OK);
	assert_int_equal(geo_buf_putc(&b, '-'), GEO_OK);
	assert_int_equal(geo_buf_printf(&b, "%d/%s", 42, "x"), GEO_OK);
	assert_string_equal(b.data, "abc-42/x");
	assert_int_equal(b.len, 8);
	for (int i = 0; i < 10000; i++)
		assert_int_equal(geo_buf_putc(&b, 'z'), GEO_OK);
	assert_int_equal(b.len, 10008);
	assert_int_equal(strlen(b.data), 10008);
	geo_buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	geo_buf_free(&b);
	assert_null(b.data);
}

static void test_strmap(void **state)
{
	geo_strmap *m = geo_strmap_new();
	char key[32];
	size_t v;
	const char *stored;

	(void)state;
	assert_non_null(m);
	for (size_t i = 0; i < 5000; i++) {
		int n = snprintf(key, sizeof key, "key-%zu", i);
		v = i * 3;
		assert_int_equal(geo_strmap_put(m, key, (size_t)n, &v, &stored), GEO_OK);
		assert_int_equal(v, i * 3);
		assert_string_equal(stored, key);
	}
	assert_int_equal(geo_strmap_count(m), 5000);
	/* A second put keeps the first value. */
	v = 99;
	assert_int_equal(geo_strmap_put(m, "key-7", 5, &v, NULL), GEO_OK);
	assert_int_equal(v, 21);
	for (size_t i = 0; i < 5000; i++) {
		int n = snprintf(key, sizeof key, "key-%zu", i);
		assert_true(geo_strmap_get(m, key, (size_t)n, &v));
		assert_int_equal(v, i * 3);
	}
	assert_false(geo_strmap_get(m, "key-5000", 8, &v));
	/* Keys are byte strings: a prefix is another key. */
	assert_false(geo_strmap_get(m, "key-1", 4, &v));
	geo_strmap_free(m);
	geo_strmap_free(NULL);
}

static void test_errors(void **state)
{
	geo_error err;

	(void)state;
	assert_int_equal(geo_error_set(&err, GEO_EDATA, "%s:%d: bad", "f.jsonl", 3), GEO_EDATA);
	assert_string_equal(err.msg, "f.jsonl:3: bad");
	assert_int_equal(err.code, GEO_EDATA);
	assert_int_equal(geo_error_set(NULL, GEO_EIO, "x"), GEO_EIO);
	geo_error_clear(&err);
	assert_int_equal(err.code, GEO_OK);
	assert_string_equal(err.msg, "");
	assert_int_equal(geo_err_exit_status(GEO_OK), 0);
	assert_int_equal(geo_err_exit_status(GEO_EDATA), 1);
	assert_int_equal(geo_err_exit_status(GEO_ELIMIT), 1);
	assert_int_equal(geo_err_exit_status(GEO_EUSAGE), 2);
	assert_int_equal(geo_err_exit_status(GEO_EUNSUPPORTED), 2);
	assert_int_equal(geo_err_exit_status(GEO_EIO), 3);
	assert_int_equal(geo_err_exit_status(GEO_ENOMEM), 3);
	assert_string_equal(geo_version(), GEO_VERSION);
}

static char diag_seen[256];

static void record_diag(void *user, geo_diag_level level, const char *msg)
{
	(void)user;
	snprintf(diag_seen, sizeof diag_seen, "%d:%s", (int)level, msg);
}

static void test_diag(void **state)
{
	(void)state;
	geo_diag(GEO_DIAG_WARN, "dropped %d", 1); /* no handler: nothing happens */
	geo_set_diag_handler(record_diag, NULL);
	geo_diag(GEO_DIAG_WARN, "x:%d: skipped", 7);
	assert_string_equal(diag_seen, "0:x:7: skipped");
	geo_set_diag_handler(NULL, NULL);
}

static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	static char buf[4096];
	size_t n;

	if (!fp)
		return NULL;
	n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static int count_entries(const char *dir)
{
	char cmd[512];
	FILE *p;
	int n = -1;

	snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", dir);
	p = popen(cmd, "r");
	if (p && fscanf(p, "%d", &n) != 1)
		n = -1;
	if (p)
		pclose(p);
	return n;
}

static void test_outfile_commit_and_abort(void **state)
{
	char dir[] = "/tmp/geo-test-XXXXXX", path[256];
	geo_outfile *of;
	geo_error err;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/out.txt", dir);

	assert_int_equal(geo_outfile_open(&of, path, &err), GEO_OK);
	fputs("first\n", geo_outfile_fp(of));
	/* Nothing is at the target until commit. */
	assert_null(slurp(path));
	assert_int_equal(geo_outfile_commit(of, &err), GEO_OK);
	assert_string_equal(slurp(path), "first\n");

	/* An aborted rewrite leaves the old file and no temporary. */
	assert_int_equal(geo_outfile_open(&of, path, &err), GEO_OK);
	fputs("second\n", geo_outfile_fp(of));
	geo_outfile_abort(of);
	assert_string_equal(slurp(path), "first\n");
	assert_int_equal(count_entries(dir), 1);

	/* A missing folder is an I/O error naming the path. */
	snprintf(path, sizeof path, "%s/missing/out.txt", dir);
	assert_int_equal(geo_outfile_open(&of, path, &err), GEO_EIO);
	assert_non_null(strstr(err.msg, "missing/out.txt"));

	/* A directory cannot be an output. */
	assert_int_equal(geo_outfile_open(&of, dir, &err), GEO_EIO);
	assert_non_null(strstr(err.msg, "is a directory"));

	snprintf(path, sizeof path, "%s/out.txt", dir);
	unlink(path);
	rmdir(dir);
}

static void test_outfile_device_full(void **state)
{
	geo_outfile *of;
	geo_error err;
	struct stat st;

	(void)state;
	if (stat("/dev/full", &st) != 0)
		skip();
	/* A device is written in place (never replaced) and a full disk is an
	 * error at commit. */
	assert_int_equal(geo_outfile_open(&of, "/dev/full", &err), GEO_OK);
	for (int i = 0; i < 1000; i++)
		fputs("0123456789abcdef", geo_outfile_fp(of));
	assert_int_equal(geo_outfile_commit(of, &err), GEO_EIO);
	assert_non_null(strstr(err.msg, "/dev/full: write failed"));
	assert_int_equal(stat("/dev/full", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_append_printf),
		cmocka_unit_test(test_strmap),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_diag),
		cmocka_unit_test(test_outfile_commit_and_abort),
		cmocka_unit_test(test_outfile_device_full),
	};

	return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}

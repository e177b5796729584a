/* test_source.c - the line reader, the events JSONL reader and the source
 * that walks paths. */
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
#include "unit_lines.h"

static void test_lines(void **state)
{
	static const char text[] = "one\r\ntwo\n\nthis line is too long\nfour";
	struct mem m = {text, sizeof text - 1, 3};
	geo_lines l = {.read = read_mem, .ctx = &m, .max = 10};
	const char *line;
	size_t len;
	geo_error err;

	(void)state;
	assert_int_equal(geo_lines_next(&l, &line, &len, &err), GEO_OK);
	assert_string_equal(line, "one");
	assert_int_equal(len, 3);
	assert_int_equal(geo_lines_next(&l, &line, &len, &err), GEO_OK);
	assert_string_equal(line, "two");
	assert_int_equal(geo_lines_next(&l, &line, &len, &err), GEO_OK);
	assert_string_equal(line, "");
	assert_int_equal(geo_lines_next(&l, &line, &len, &err), GEO_ELIMIT);
	assert_int_equal(l.lineno, 4);
	assert_int_equal(geo_lines_next(&l, &line, &len, &err), GEO_OK);
	assert_string_equal(line, "four");
	assert_int_equal(l.lineno, 5);
	assert_int_equal(geo_lines_next(&l, &line, &len, &err), GEO_OK);
	assert_null(line);
	geo_lines_free(&l);
}

static void test_lines_long_last_line(void **state)
{
	char text[300];
	struct mem m = {text, sizeof text, 7};
	geo_lines l = {.read = read_mem, .ctx = &m, .max = 16};
	const char *line;
	size_t len;

	(void)state;
	memset(text, 'x', sizeof text);
	assert_int_equal(geo_lines_next(&l, &line, &len, NULL), GEO_ELIMIT);
	assert_int_equal(l.lineno, 1);
	assert_int_equal(geo_lines_next(&l, &line, &len, NULL), GEO_OK);
	assert_null(line);
	geo_lines_free(&l);
}

static char tmpdir[64];

static void write_file(const char *name, const char *text)
{
	char path[256];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/geo-src-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd);
}

/* Reads every event of paths into one string of "doc:source>target:relation;". */
static geo_err read_all(const char *const *paths, size_t n, bool strict, char *out, size_t outlen,
			geo_source_stats *stats, geo_error *err)
{
	geo_dict *d;
	geo_source *src;
	const geo_event *ev;
	geo_err rc;
	geo_source_opts opts = {.strict = strict};

	assert_int_equal(geo_dict_new_builtin(&d, err), GEO_OK);
	opts.dict = d;
	out[0] = '\0';
	assert_int_equal(geo_source_open(&src, paths, n, &opts, err), GEO_OK);
	while ((rc = geo_source_next(src, &ev, err)) == GEO_OK && ev) {
		size_t used = strlen(out);
		snprintf(out + used, outlen - used, "%s:%s>%s:%s;", ev->doc, ev->source.id, ev->target.id,
			 ev->relation);
	}
	if (stats)
		*stats = *geo_source_get_stats(src);
	geo_source_free(src);
	geo_dict_free(d);
	return rc;
}

static void test_events_round_trip(void **state)
{
	geo_event ev;
	char path[256], got[1024];
	FILE *fp;
	geo_error err;
	geo_dict *d;
	geo_source *src;
	const geo_event *back;
	const char *paths[1] = {path};
	geo_source_opts opts = {0};

	(void)state;
	geo_event_init(&ev);
	ev.doc = "doc \"one\"";
	ev.sent = 4;
	memcpy(ev.date, "2025-07-28", 11);
	ev.source = (geo_actor_ref){"person:scott-bessent", "Scott Bessent", "USA", GEO_ACTOR_PERSON};
	ev.target = (geo_actor_ref){"CHN", NULL, NULL, GEO_ACTOR_UNKNOWN};
	ev.relation = "meet";
	ev.cameo = "044";
	ev.goldstein = 2.5;
	ev.quad = 1;
	ev.negated = true;
	ev.modality = GEO_MOD_PLANNED;
	ev.evidence = "Bessent will meet \xc3\xa9 China\\.";
	ev.span_trigger = (geo_span){13, 17};
	ev.via = "Scott Bessent";
	ev.weight = 2;

	snprintf(path, sizeof path, "%s/rt.jsonl", tmpdir);
	fp = fopen(path, "w");
	assert_int_equal(geo_event_write_json(fp, &ev, &err), GEO_OK);
	fclose(fp);

	assert_int_equal(geo_dict_new_empty(&d, &err), GEO_OK);
	opts.dict = d;
	assert_int_equal(geo_source_open(&src, paths, 1, &opts, &err), GEO_OK);
	assert_int_equal(geo_source_next(src, &back, &err), GEO_OK);
	assert_non_null(back);
	assert_string_equal(back->doc, ev.doc);
	assert_int_equal(back->sent, 4);
	assert_string_equal(back->date, "2025-07-28");
	assert_string_equal(back->source.id, "person:scott-bessent");
	assert_string_equal(back->source.label, "Scott Bessent");
	assert_string_equal(back->source.affiliation, "USA");
	assert_int_equal(back->source.type, GEO_ACTOR_PERSON);
	assert_string_equal(back->target.id, "CHN");
	assert_null(back->target.label);
	assert_string_equal(back->relation, "meet");
	assert_string_equal(back->cameo, "044");
	assert_true(back->goldstein == 2.5);
	assert_int_equal(back->quad, 1);
	assert_true(back->negated);
	assert_int_equal(back->modality, GEO_MOD_PLANNED);
	assert_string_equal(back->evidence, ev.evidence);
	assert_int_equal(back->span_trigger.start, 13);
	assert_int_equal(back->span_trigger.end, 17);
	assert_int_equal(back->span_source.end, 0);
	assert_string_equal(back->via, "Scott Bessent");
	assert_true(back->weight == 2);
	assert_int_equal(geo_source_next(src, &back, &err), GEO_OK);
	assert_null(back);
	geo_source_free(src);
	geo_dict_free(d);

	/* Invalid UTF-8 and NaN are refused, not written half. */
	fp = fopen("/dev/null", "w");
	ev.evidence = "bad \xff byte";
	assert_int_equal(geo_event_write_json(fp, &ev, &err), GEO_EDATA);
	ev.evidence = NULL;
	ev.goldstein = 0.0 / 0.0;
	assert_int_equal(geo_event_write_json(fp, &ev, &err), GEO_EDATA);
	fclose(fp);
	(void)got;
}

static void test_walk_sorted_and_skips(void **state)
{
	char dir[128], sub[160], loop[200], got[2048];
	const char *paths[1] = {dir};
	geo_source_stats st;
	geo_error err;

	(void)state;
	snprintf(dir, sizeof dir, "%s/in", tmpdir);
	snprintf(sub, sizeof sub, "%s/in/m", tmpdir);
	snprintf(loop, sizeof loop, "%s/in/m/back", tmpdir);
	assert_int_equal(mkdir(dir, 0755), 0);
	assert_int_equal(mkdir(sub, 0755), 0);
	assert_int_equal(symlink("..", loop), 0);
	write_file("in/b.jsonl", "{\"source\":\"B\",\"target\":\"C\",\"relation\":\"meet\"}\n");
	write_file("in/a.JSONL", "{\"source\":\"A\",\"target\":\"C\",\"relation\":\"meet\"}\nnot json\n");
	write_file("in/m/z.jsonl", "{\"source\":\"Z\",\"target\":\"C\",\"relation\":\"meet\"}\n");
	write_file("in/skip.bin", "{\"source\":\"S\",\"target\":\"C\",\"relation\":\"meet\"}\n");

	assert_int_equal(read_all(paths, 1, false, got, sizeof got, &st, &err), GEO_OK);
	/* Byte order: "a.JSONL" < "b.jsonl" < "m/"; the loop is skipped. */
	assert_string_equal(got, "a:A>C:meet;b:B>C:meet;z:Z>C:meet;");
	assert_int_equal(st.files, 3);
	assert_int_equal(st.events, 3);
	assert_int_equal(st.skipped[GEO_SKIP_MALFORMED], 1);
	assert_int_equal(st.skipped[GEO_SKIP_UNREADABLE], 1);

	/* Under strict, the first skip is the error: here the loop, met while
	 * walking; in a file, the bad line with file and line. */
	assert_int_equal(read_all(paths, 1, true, got, sizeof got, NULL, &err), GEO_EDATA);
	assert_non_null(strstr(err.msg, "in/m/back: directory loop"));
	snprintf(dir, sizeof dir, "%s/in/a.JSONL", tmpdir);
	assert_int_equal(read_all(paths, 1, true, got, sizeof got, NULL, &err), GEO_EDATA);
	assert_non_null(strstr(err.msg, "in/a.JSONL:2: invalid JSON"));
}

static void test_missing_path(void **state)
{
	const char *paths[2] = {"/nonexistent/geo/x.jsonl", "/tmp"};
	char got[64];
	geo_error err;

	(void)state;
	assert_int_equal(read_all(paths, 1, false, got, sizeof got, NULL, &err), GEO_EIO);
	assert_string_equal(err.msg, "/nonexistent/geo/x.jsonl: No such file or directory");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_lines_long_last_line),
		cmocka_unit_test(test_events_round_trip),
		cmocka_unit_test(test_walk_sorted_and_skips),
		cmocka_unit_test(test_missing_path),
	};

	return cmocka_run_group_tests_name("source", tests, setup, teardown);
}

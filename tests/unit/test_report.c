/* test_report.c - the HTML report and the centrality CSV on a small graph
 * built from events: the exact data block, escaping, the inlined diagram,
 * determinism and every error path. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "render.h"

static const char dict_text[] =
	"actor\tUSA\tcountry\tUnited States\n"
	"actor\tCHN\tcountry\tChina\n"
	"actor\tRUS\tcountry\tRussia\n"
	"relation\ttariff\timposes tariffs on\t172\t-7.0\t4\ttrade\n"
	"relation\tbuys_oil\tbuys oil from\t061\t6.4\t2\ttrade\n"
	"relation\tmeet\tmeets\t044\t2.5\t1\tsymmetric\n";

static geo_graph *graph;

static void add(geo_agg *a, const char *src, const char *src_label, const char *tgt, const char *rel,
		double goldstein, const char *doc, int32_t sent, const char *date, const char *evidence)
{
	geo_event ev;
	geo_error err;

	geo_event_init(&ev);
	ev.source.id = src;
	ev.source.label = src_label;
	ev.target.id = tgt;
	ev.relation = rel;
	ev.goldstein = goldstein;
	ev.doc = doc;
	ev.sent = sent;
	if (date)
		snprintf(ev.date, sizeof ev.date, "%s", date);
	ev.evidence = evidence;
	assert_int_equal(geo_agg_add(a, &ev, &err), GEO_OK);
}

static int setup(void **state)
{
	geo_dict *dict = NULL;
	geo_agg *agg = NULL;
	geo_error err;
	int rc = -1;

	(void)state;
	if (geo_dict_new_empty(&dict, &err) != GEO_OK ||
	    geo_dict_load_buffer(dict, "test", dict_text, sizeof dict_text - 1, &err) != GEO_OK ||
	    geo_agg_new(&agg, dict, NULL, &err) != GEO_OK)
		goto out;
	add(agg, "USA", NULL, "CHN", "tariff", -7.0, "a1", 0, "2025-07-21",
	    "</script><script>alert(1)</script> & \xE2\x80\xA8 tariffs");
	add(agg, "USA", NULL, "CHN", "tariff", -6.0, "a2", 3, "2025-07-25", "More tariffs.");
	add(agg, "CHN", NULL, "RUS", "buys_oil", 6.4, "a2", 4, NULL, "Bad byte \xFF here.");
	add(agg, "group:x", "=SUM(A1),\"x\"", "USA", "meet", 2.5, "a3", -1, NULL, NULL);
	if (geo_graph_build(&graph, agg, NULL, &err) != GEO_OK)
		goto out;
	rc = 0;
out:
	if (rc)
		fprintf(stderr, "setup: %s\n", err.msg);
	geo_agg_free(agg);
	geo_dict_free(dict);
	return rc;
}

static int teardown(void **state)
{
	(void)state;
	geo_graph_free(graph);
	return 0;
}

/* Vertices are in id order: CHN, RUS, USA, group:x. */
static const double rank[] = {0.25, 0.5, 0.25, NAN};
static const double indeg[] = {1, 1, 1, 0};

static const geo_report_column columns[] = {
	{.name = "pagerank", .values = rank},
	{.name = "degree_in", .values = indeg, .integer = true},
};

static const char svg[] = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n"
			  "<svg width=\"8pt\" viewBox=\"0 0 8 8\"><g class=\"node\"><title>n0</title>"
			  "<text>&lt;b&gt;</text></g></svg>\n";

/* Runs geo_report_write into memory; returns the page (caller frees). */
static char *page(const char *s, size_t slen, const geo_report_opts *o, geo_err *rc, geo_error *err)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);

	assert_non_null(fp);
	*rc = geo_report_write(graph, s, slen, o, fp, err);
	assert_int_equal(fclose(fp), 0);
	return buf;
}

static const char want_data[] =
	"<script type=\"application/json\" id=\"geo-data\">"
	"{\"actors\":["
	"{\"id\":\"CHN\",\"label\":\"China\",\"scores\":[0.25,1.0],\"type\":\"country\"},"
	"{\"id\":\"RUS\",\"label\":\"Russia\",\"scores\":[0.5,1.0],\"type\":\"country\"},"
	"{\"id\":\"USA\",\"label\":\"United States\",\"scores\":[0.25,1.0],\"type\":\"country\"},"
	"{\"id\":\"group:x\",\"label\":\"=SUM(A1),\\\"x\\\"\",\"scores\":[null,0.0],\"type\":\"group\"}],"
	"\"columns\":[\"pagerank\",\"degree_in\"],"
	"\"edges\":["
	"{\"cameo\":\"061\",\"count\":1,\"display\":\"buys oil from\",\"docs\":1,"
	"\"evidence\":[{\"doc\":\"a2\",\"sent\":4,\"text\":\"Bad byte \xEF\xBF\xBD here.\"}],"
	"\"from\":0,\"goldstein_mean\":6.4,\"quad\":2,\"relation\":\"buys_oil\",\"to\":1,\"trade\":true,"
	"\"weight\":1.0},"
	"{\"cameo\":\"172\",\"count\":2,\"display\":\"imposes tariffs on\",\"docs\":2,"
	"\"evidence\":[{\"date\":\"2025-07-21\",\"doc\":\"a1\",\"sent\":0,"
	"\"text\":\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026 \\u2028 tariffs\"},"
	"{\"date\":\"2025-07-25\",\"doc\":\"a2\",\"sent\":3,\"text\":\"More tariffs.\"}],"
	"\"first_date\":\"2025-07-21\",\"from\":2,\"goldstein_mean\":-6.5,\"last_date\":\"2025-07-25\","
	"\"quad\":4,\"relation\":\"tariff\",\"to\":0,\"trade\":true,\"weight\":2.0},"
	"{\"cameo\":\"044\",\"count\":1,\"display\":\"meets\",\"docs\":1,\"evidence\":[],"
	"\"from\":3,\"goldstein_mean\":2.5,\"quad\":1,\"relation\":\"meet\",\"to\":2,\"trade\":false,"
	"\"weight\":1.0}],"
	"\"stats\":{\"documents\":3,\"events\":4},"
	"\"title\":\"\\u003cTrade\\u003e \\u0026 co\"}</script>";

static void test_page(void **state)
{
	geo_report_opts o = {.title = "<Trade> & co", .columns = columns, .ncolumns = 2, .counts = true,
			     .documents = 3, .events = 4};
	geo_error err;
	geo_err rc;
	char *p, *again;

	(void)state;
	p = page(svg, sizeof svg - 1, &o, &rc, &err);
	assert_int_equal(rc, GEO_OK);
	assert_non_null(strstr(p, want_data));
	assert_non_null(strstr(p, "<title>&lt;Trade&gt; &amp; co</title>"));
	assert_non_null(strstr(p, "<h1>&lt;Trade&gt; &amp; co</h1>"));
	/* The diagram goes in from its <svg> tag on, exactly once. */
	assert_non_null(strstr(p, "\n<svg width=\"8pt\" viewBox=\"0 0 8 8\"><g class=\"node\"><title>n0</title>"
				  "<text>&lt;b&gt;</text></g></svg>\n"));
	assert_null(strstr(p, "<?xml"));
	assert_null(strstr(p, "DOCTYPE svg"));
	assert_ptr_equal(strstr(p, "<svg "), strrchr(p, '\0') - strlen(strstr(p, "<svg ")));
	assert_null(strstr(strstr(p, "<svg ") + 1, "<svg "));
	/* The template's markers are all filled. */
	assert_null(strstr(p, "@@"));
	assert_non_null(strstr(p, "<meta name=\"generator\" content=\"geograph " GEO_VERSION "\">"));
	/* The same input, the same bytes. */
	again = page(svg, sizeof svg - 1, &o, &rc, &err);
	assert_int_equal(rc, GEO_OK);
	assert_string_equal(p, again);
	free(again);
	free(p);
}

static void test_page_defaults(void **state)
{
	geo_error err;
	geo_err rc;
	char *p;

	(void)state;
	/* No options and no diagram: default title, no columns, no counts. */
	p = page(NULL, 0, NULL, &rc, &err);
	assert_int_equal(rc, GEO_OK);
	assert_non_null(strstr(p, "<title>geograph report</title>"));
	assert_non_null(strstr(p, "\"columns\":[],"));
	assert_non_null(strstr(p, "\"scores\":[]"));
	assert_null(strstr(p, "\"stats\""));
	assert_null(strstr(p, "<svg"));
	free(p);
}

static void test_page_errors(void **state)
{
	static const char script_svg[] = "<svg><script>alert(1)</script></svg>";
	geo_report_column bad = {.name = "pagerank", .values = NULL};
	geo_report_opts o = {.columns = &bad, .ncolumns = 1};
	geo_error err;
	geo_err rc;
	char *p;
	FILE *full;

	(void)state;
	p = page(script_svg, sizeof script_svg - 1, NULL, &rc, &err);
	assert_int_equal(rc, GEO_EUSAGE);
	assert_string_equal(err.msg, "report: the diagram holds a <script> or <foreignObject> element");
	assert_string_equal(p, "");
	free(p);
	p = page("<p>not svg</p>", 14, NULL, &rc, &err);
	assert_int_equal(rc, GEO_EUSAGE);
	assert_string_equal(p, "");
	free(p);
	p = page(NULL, 0, &o, &rc, &err);
	assert_int_equal(rc, GEO_EUSAGE);
	assert_string_equal(err.msg, "report: column 0 has no name or values");
	free(p);
	assert_int_equal(geo_report_write(NULL, NULL, 0, NULL, stdout, &err), GEO_EUSAGE);
	assert_int_equal(geo_report_write(graph, NULL, 0, NULL, NULL, &err), GEO_EUSAGE);

	/* A full disk is an error, not a short file. */
	full = fopen("/dev/full", "w");
	if (!full)
		skip();
	assert_int_equal(geo_report_write(graph, svg, sizeof svg - 1, NULL, full, &err), GEO_EIO);
	assert_string_equal(err.msg, "report: write failed");
	fclose(full);
}

static void test_csv(void **state)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);
	geo_error err;

	(void)state;
	assert_non_null(fp);
	assert_int_equal(geo_report_write_csv(graph, columns, 2, fp, &err), GEO_OK);
	assert_int_equal(fclose(fp), 0);
	/* Highest PageRank first, ties by id, NaN last; a label a spreadsheet
	 * would run is defused and quoted. */
	assert_string_equal(buf, "id,label,pagerank,degree_in\n"
				 "RUS,Russia,0.5,1\n"
				 "CHN,China,0.25,1\n"
				 "USA,United States,0.25,1\n"
				 "group:x,\"'=SUM(A1),\"\"x\"\"\",nan,0\n");
	free(buf);
}

static void test_csv_errors(void **state)
{
	geo_report_column bad = {.name = NULL, .values = rank};
	geo_error err;
	FILE *full;

	(void)state;
	assert_int_equal(geo_report_write_csv(graph, &bad, 1, stdout, &err), GEO_EUSAGE);
	assert_string_equal(err.msg, "centrality CSV: column 0 has no name or values");
	assert_int_equal(geo_report_write_csv(NULL, columns, 2, stdout, &err), GEO_EUSAGE);
	assert_int_equal(geo_report_write_csv(graph, NULL, 2, stdout, &err), GEO_EUSAGE);
	full = fopen("/dev/full", "w");
	if (!full)
		skip();
	assert_int_equal(geo_report_write_csv(graph, columns, 2, full, &err), GEO_EIO);
	assert_string_equal(err.msg, "centrality CSV: write failed");
	fclose(full);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page),
		cmocka_unit_test(test_page_defaults),
		cmocka_unit_test(test_page_errors),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_csv_errors),
	};

	return cmocka_run_group_tests_name("report", tests, setup, teardown);
}

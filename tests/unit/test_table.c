/* test_table.c - the actor table (geo_table_write) in its three formats. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "render.h"

static geo_graph *graph;

/* A three-actor cycle: every PageRank is 1/3 and every in-degree 1, so the
 * rows sort by id.  One actor's id and label would run in a spreadsheet. */
static int setup(void **state)
{
	static const char *const pairs[][2] = {{"=cmd", "X"}, {"X", "Y"}, {"Y", "=cmd"}};
	geo_agg *agg = NULL;
	geo_error err;
	geo_centrality_opts co = {.measures = 1u << GEO_M_PAGERANK | 1u << GEO_M_DEGREE_IN};
	int rc = -1;

	(void)state;
	if (geo_agg_new(&agg, NULL, NULL, &err) != GEO_OK)
		goto out;
	for (size_t i = 0; i < 3; i++) {
		geo_event ev;
		geo_event_init(&ev);
		ev.doc = "d";
		ev.source.id = pairs[i][0];
		ev.target.id = pairs[i][1];
		if (strcmp(ev.source.id, "=cmd") == 0)
			ev.source.label = "=SUM(A1),\"x\"";
		ev.relation = "meet";
		ev.goldstein = 2.5;
		if (geo_agg_add(agg, &ev, &err) != GEO_OK)
			goto out;
	}
	if (geo_graph_build(&graph, agg, NULL, &err) != GEO_OK || geo_graph_compute(graph, &co, &err) != GEO_OK)
		goto out;
	rc = 0;
out:
	if (rc)
		fprintf(stderr, "setup: %s\n", err.msg);
	geo_agg_free(agg);
	return rc;
}

static int teardown(void **state)
{
	(void)state;
	geo_graph_free(graph);
	return 0;
}

static const geo_measure cols[] = {GEO_M_PAGERANK, GEO_M_DEGREE_IN};

static char *table(geo_table_format f, size_t top, geo_err *rc, geo_error *err)
{
	geo_table_opts o = {.format = f, .measures = cols, .nmeasures = 2, .top = top};
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);

	assert_non_null(fp);
	*rc = geo_table_write(graph, &o, fp, err);
	assert_int_equal(fclose(fp), 0);
	return buf;
}

static void test_csv(void **state)
{
	geo_error err;
	geo_err rc;
	char *s = table(GEO_TABLE_CSV, 0, &rc, &err);

	(void)state;
	assert_int_equal(rc, GEO_OK);
	/* Ties by id; the formula cells get a ' and the label is quoted. */
	assert_string_equal(s, "id,label,pagerank,degree_in\n"
			       "'=cmd,\"'=SUM(A1),\"\"x\"\"\",0.333333333333,1\n"
			       "X,X,0.333333333333,1\n"
			       "Y,Y,0.333333333333,1\n");
	free(s);
	s = table(GEO_TABLE_CSV, 1, &rc, &err);
	assert_string_equal(s, "id,label,pagerank,degree_in\n"
			       "'=cmd,\"'=SUM(A1),\"\"x\"\"\",0.333333333333,1\n");
	free(s);
}

static void test_text(void **state)
{
	geo_error err;
	geo_err rc;
	char *s = table(GEO_TABLE_TEXT, 2, &rc, &err);

	(void)state;
	assert_int_equal(rc, GEO_OK);
	assert_string_equal(s, "# 3 actors, 3 edges; weight count; betweenness raw; top 2 by pagerank\n"
			       "id    label         pagerank  degree_in\n"
			       "=cmd  =SUM(A1),\"x\"  0.333333          1\n"
			       "X     X             0.333333          1\n");
	free(s);
}

static void test_json(void **state)
{
	geo_error err;
	geo_err rc;
	char *s = table(GEO_TABLE_JSON, 0, &rc, &err);
	json_t *root, *actors;

	(void)state;
	assert_int_equal(rc, GEO_OK);
	root = json_loads(s, 0, NULL);
	assert_non_null(root);
	actors = json_object_get(root, "actors");
	assert_int_equal(json_array_size(actors), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(actors, 0), "label")),
			    "=SUM(A1),\"x\"");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(actors, 2), "degree_in")), 1);
	assert_true(fabs(json_real_value(json_object_get(json_array_get(actors, 1), "pagerank")) - 1.0 / 3) <
		    1e-12);
	assert_string_equal(json_string_value(json_object_get(root, "sorted_by")), "pagerank");
	assert_null(json_object_get(root, "community"));
	json_decref(root);
	free(s);
}

static void test_errors(void **state)
{
	geo_table_opts o = {.format = GEO_TABLE_CSV, .measures = cols, .nmeasures = 2};
	geo_error err;
	FILE *full;

	(void)state;
	assert_int_equal(geo_table_write(NULL, &o, stdout, &err), GEO_EUSAGE);
	assert_int_equal(geo_table_write(graph, NULL, stdout, &err), GEO_EUSAGE);
	o.measures = NULL;
	assert_int_equal(geo_table_write(graph, &o, stdout, &err), GEO_EUSAGE);
	o.measures = cols;
	full = fopen("/dev/full", "w");
	if (!full)
		skip();
	/* A buffered stream reports the full disk when it is flushed. */
	setvbuf(full, NULL, _IONBF, 0);
	assert_int_equal(geo_table_write(graph, &o, full, &err), GEO_EIO);
	assert_string_equal(err.msg, "write failed");
	fclose(full);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests_name("table", tests, setup, teardown);
}

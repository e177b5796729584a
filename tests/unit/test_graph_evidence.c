/* test_graph_evidence.c - the evidence records of a built graph: edges with
 * none (NULL, as GDELT rows give), one and GEO_EVIDENCE_MAX, each edge's
 * own records in first-seen order, held by the graph after the aggregate
 * is gone, and right when filters drop edges that had evidence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "graph_internal.h"

static const char dict_text[] =
	"actor\tUSA\tcountry\tUnited States\n"
	"actor\tCHN\tcountry\tChina\n"
	"actor\tRUS\tcountry\tRussia\n"
	"actor\tIRN\tcountry\tIran\n"
	"relation\tmeet\tmeets\t044\t2.5\t1\tsymmetric\n"
	"relation\ttariff\timposes tariffs on\t172\t-7.0\t4\ttrade\n"
	"relation\taccuse\taccuses\t112\t-2.0\t3\n";

static geo_dict *dict;

static int setup(void **state)
{
	geo_error err;

	(void)state;
	if (geo_dict_new_empty(&dict, &err) != GEO_OK ||
	    geo_dict_load_buffer(dict, "test", dict_text, sizeof dict_text - 1, &err) != GEO_OK) {
		fprintf(stderr, "dict: %s\n", err.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	geo_dict_free(dict);
	return 0;
}

typedef struct ev_spec {
	const char *src, *tgt, *rel, *doc, *date;
	int32_t sent;
	const char *evidence; /* NULL: the event has none */
} ev_spec;

static geo_agg *agg_of(const ev_spec *s, size_t n)
{
	geo_agg *a;
	geo_error err;

	assert_int_equal(geo_agg_new(&a, dict, NULL, &err), GEO_OK);
	for (size_t i = 0; i < n; i++) {
		geo_event ev;

		geo_event_init(&ev);
		ev.source.id = s[i].src;
		ev.target.id = s[i].tgt;
		ev.relation = s[i].rel;
		ev.doc = s[i].doc;
		ev.sent = s[i].sent;
		snprintf(ev.date, sizeof ev.date, "%s", s[i].date);
		ev.evidence = s[i].evidence;
		assert_int_equal(geo_agg_add(a, &ev, &err), GEO_OK);
	}
	return a;
}

static geo_graph *build(const geo_agg *a, const geo_filter *f)
{
	geo_graph *g;
	geo_error err;

	if (geo_graph_build(&g, a, f, &err) != GEO_OK)
		fail_msg("build: %s", err.msg);
	return g;
}

static const geo_edge *edge(const geo_graph *g, const char *from, const char *to, const char *rel)
{
	for (size_t i = 0; i < geo_graph_ecount(g); i++) {
		const geo_edge *e = geo_graph_edge(g, i);
		if (strcmp(geo_graph_vertex(g, e->from)->id, from) == 0 &&
		    strcmp(geo_graph_vertex(g, e->to)->id, to) == 0 && strcmp(e->relation, rel) == 0)
			return e;
	}
	fail_msg("no edge %s -> %s %s", from, to, rel);
	return NULL;
}

static void assert_evidence(const geo_evidence *ev, const char *text, const char *doc, int32_t sent,
			    const char *date)
{
	assert_string_equal(ev->text, text);
	assert_string_equal(ev->doc, doc);
	assert_int_equal(ev->sent, sent);
	assert_string_equal(ev->date, date);
}

/*
 * USA>CHN tariff: five events, four with a sentence - the first three with
 * one are kept, the event without one in between takes no slot.
 * CHN>USA accuse: one event with a sentence.
 * RUS>IRN meet: two events, neither with a sentence.
 * IRN>RUS meet: one with a sentence, so edges with and without evidence
 * alternate in the graph's (source, target, relation) order.
 */
static const ev_spec mixed[] = {
	{"USA", "CHN", "tariff", "d1", "2025-03-01", 0, "First tariff sentence."},
	{"RUS", "IRN", "meet", "g1", "2025-03-02", -1, NULL},
	{"USA", "CHN", "tariff", "d1", "2025-03-01", 2, NULL},
	{"CHN", "USA", "accuse", "d2", "2025-03-04", 5, "China accused Washington."},
	{"USA", "CHN", "tariff", "d3", "", 1, "Second tariff sentence."},
	{"IRN", "RUS", "meet", "d4", "2025-03-09", 7, "Iran met Russia."},
	{"USA", "CHN", "tariff", "d5", "2025-03-06", 4, "Third tariff sentence."},
	{"RUS", "IRN", "meet", "g2", "2025-03-07", -1, NULL},
	{"USA", "CHN", "tariff", "d6", "2025-03-08", 3, "Fourth tariff sentence, not kept."},
};

static void test_zero_one_max(void **state)
{
	geo_agg *a = agg_of(mixed, sizeof mixed / sizeof mixed[0]);
	geo_graph *g = build(a, NULL);
	const geo_edge *tariff, *accuse, *none, *one;

	(void)state;
	/* The graph holds its own copies: nothing below reads the aggregate. */
	geo_agg_free(a);
	assert_int_equal(geo_graph_ecount(g), 4);

	tariff = edge(g, "USA", "CHN", "tariff");
	assert_int_equal(tariff->count, 5);
	assert_int_equal(tariff->nevidence, GEO_EVIDENCE_MAX);
	assert_non_null(tariff->evidence);
	assert_evidence(&tariff->evidence[0], "First tariff sentence.", "d1", 0, "2025-03-01");
	assert_evidence(&tariff->evidence[1], "Second tariff sentence.", "d3", 1, "");
	assert_evidence(&tariff->evidence[2], "Third tariff sentence.", "d5", 4, "2025-03-06");

	accuse = edge(g, "CHN", "USA", "accuse");
	assert_int_equal(accuse->nevidence, 1);
	assert_non_null(accuse->evidence);
	assert_evidence(&accuse->evidence[0], "China accused Washington.", "d2", 5, "2025-03-04");

	none = edge(g, "RUS", "IRN", "meet");
	assert_int_equal(none->count, 2);
	assert_int_equal(none->nevidence, 0);
	assert_null(none->evidence);

	one = edge(g, "IRN", "RUS", "meet");
	assert_int_equal(one->nevidence, 1);
	assert_evidence(&one->evidence[0], "Iran met Russia.", "d4", 7, "2025-03-09");

	/* Each edge's records are its own: no two ranges overlap. */
	for (size_t i = 0; i < geo_graph_ecount(g); i++) {
		const geo_edge *x = geo_graph_edge(g, i);
		for (size_t j = i + 1; j < geo_graph_ecount(g); j++) {
			const geo_edge *y = geo_graph_edge(g, j);
			if (!x->nevidence || !y->nevidence)
				continue;
			assert_true(x->evidence + x->nevidence <= y->evidence ||
				    y->evidence + y->nevidence <= x->evidence);
		}
	}
	geo_graph_free(g);
}

/* Coded events (GDELT rows) carry no sentence: no edge has evidence. */
static void test_none_at_all(void **state)
{
	static const ev_spec coded[] = {
		{"USA", "CHN", "tariff", "1001", "2025-03-01", -1, NULL},
		{"CHN", "USA", "accuse", "1002", "2025-03-01", -1, NULL},
		{"USA", "CHN", "tariff", "1003", "2025-03-02", -1, NULL},
	};
	geo_agg *a = agg_of(coded, 3);
	geo_graph *g = build(a, NULL);

	(void)state;
	assert_int_equal(geo_graph_ecount(g), 2);
	for (size_t i = 0; i < geo_graph_ecount(g); i++) {
		assert_int_equal(geo_graph_edge(g, i)->nevidence, 0);
		assert_null(geo_graph_edge(g, i)->evidence);
	}
	geo_graph_free(g);
	geo_agg_free(a);
}

/* Filters that drop edges with evidence (a relation filter before the
 * build's count of records, an ego filter after it) leave the kept edges'
 * records whole. */
static void test_filtered(void **state)
{
	geo_agg *a = agg_of(mixed, sizeof mixed / sizeof mixed[0]);
	geo_filter f;
	geo_graph *g;
	const geo_edge *e;

	(void)state;
	memset(&f, 0, sizeof f);
	f.relations = "meet";
	g = build(a, &f);
	assert_int_equal(geo_graph_ecount(g), 2);
	assert_null(edge(g, "RUS", "IRN", "meet")->evidence);
	e = edge(g, "IRN", "RUS", "meet");
	assert_int_equal(e->nevidence, 1);
	assert_evidence(&e->evidence[0], "Iran met Russia.", "d4", 7, "2025-03-09");
	geo_graph_free(g);

	memset(&f, 0, sizeof f);
	f.ego = "USA";
	g = build(a, &f);
	assert_int_equal(geo_graph_vcount(g), 2);
	assert_int_equal(geo_graph_ecount(g), 2);
	e = edge(g, "USA", "CHN", "tariff");
	assert_int_equal(e->nevidence, GEO_EVIDENCE_MAX);
	assert_evidence(&e->evidence[2], "Third tariff sentence.", "d5", 4, "2025-03-06");
	e = edge(g, "CHN", "USA", "accuse");
	assert_int_equal(e->nevidence, 1);
	assert_evidence(&e->evidence[0], "China accused Washington.", "d2", 5, "2025-03-04");
	geo_graph_free(g);
	geo_agg_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zero_one_max),
		cmocka_unit_test(test_none_at_all),
		cmocka_unit_test(test_filtered),
	};
	return cmocka_run_group_tests_name("graph_evidence", tests, setup, teardown);
}

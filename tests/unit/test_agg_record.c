/* test_agg_record.c - the aggregate's 64-byte edge record: dates kept as
 * 4-byte codes must compare and read back as the strings do, counters
 * past 2^32 - 1 and quads past 16 bits must carry into the rare half,
 * the record array must stay aligned to a cache line as it grows, and
 * the one bit kept of an edge's first run must count documents right
 * through merges. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "graph_internal.h"

/* Dates as readers may hand them: well formed, partial, odd, the
 * extremes of the packed form, and strings that share its prefix. */
static const char *const dates[] = {
	"",           "2019-10-24", "2019-10-25", "2019-11-01", "2018-12-31", "0000-00-00", "9999-99-99",
	"2019",       "2019-10",    "2019-10-2",  "2019-1-05",  "2019/10/24", "2019-10-2a", "abcd-ef-gh",
	"2019-10-24", "20191024",   " 2019-10-2", "2019-10-24", "~",          "-",          "1999-01-01",
};
#define NDATES (sizeof dates / sizeof dates[0])

static void add_dated(geo_agg *a, const char *from, const char *to, const char *date, int quad)
{
	geo_event ev;
	geo_error err = {0};

	geo_event_init(&ev);
	ev.doc = "d";
	snprintf(ev.date, sizeof ev.date, "%s", date);
	ev.source.id = from;
	ev.target.id = to;
	ev.relation = "r";
	ev.quad = quad;
	assert_int_equal(geo_agg_add(a, &ev, &err), GEO_OK);
}

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

/* Every pair of codes compares as strcmp compares their strings, and
 * every code reads back as its string. */
static void test_date_codes(void **state)
{
	geo_agg *a = NULL;
	geo_error err = {0};
	uint32_t code[NDATES];
	char s[11];

	(void)state;
	assert_int_equal(geo_agg_new(&a, NULL, NULL, &err), GEO_OK);
	/* One edge per date, made in that order: its first date is the code. */
	for (size_t i = 0; i < NDATES; i++) {
		char to[16];
		snprintf(to, sizeof to, "T%zu", i);
		add_dated(a, "S", to, dates[i], 0);
	}
	assert_int_equal(geo_agg_ecount(a), NDATES);
	for (size_t i = 0; i < NDATES; i++) {
		code[i] = a->e[i].first_date;
		assert_int_equal(a->e[i].last_date, code[i]);
		geo_agg_date_str(a, code[i], s);
		assert_string_equal(s, dates[i]);
		assert_int_equal(s[10], 0);
		assert_int_equal(code[i] == 0, dates[i][0] == 0);
	}
	/* Equal strings, one code; "YYYY-MM-DD" is packed, the rest odd. */
	assert_int_equal(code[1], code[14]);
	assert_int_equal(code[1], code[17]);
	assert_true(!(code[1] & GEO_AGG_ODD_DATE) && !(code[6] & GEO_AGG_ODD_DATE));
	assert_true((code[7] & GEO_AGG_ODD_DATE) && (code[10] & GEO_AGG_ODD_DATE));
	assert_int_equal(a->nodd, 11);
	for (size_t i = 0; i < NDATES; i++)
		for (size_t j = 0; j < NDATES; j++)
			assert_int_equal(sign(geo_agg_date_cmp(a, code[i], code[j])), sign(strcmp(dates[i], dates[j])));
	geo_agg_free(a);
}

/* One edge fed the dates in a pseudo-random order keeps the least and the
 * greatest by strcmp, ignoring the empty ones; the graph reads them. */
static void test_first_last(void **state)
{
	uint64_t x = 7;

	(void)state;
	for (int round = 0; round < 200; round++) {
		geo_agg *a = NULL;
		geo_graph *g = NULL;
		geo_error err = {0};
		const char *lo = NULL, *hi = NULL;
		int n = 1 + round % 12;

		assert_int_equal(geo_agg_new(&a, NULL, NULL, &err), GEO_OK);
		for (int k = 0; k < n; k++) {
			const char *d;
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
			d = dates[(x >> 33) % NDATES];
			add_dated(a, "S", "T", d, 0);
			if (!*d)
				continue;
			if (!lo || strcmp(d, lo) < 0)
				lo = d;
			if (!hi || strcmp(d, hi) > 0)
				hi = d;
		}
		assert_int_equal(geo_graph_build(&g, a, NULL, &err), GEO_OK);
		assert_int_equal(geo_graph_ecount(g), 1);
		assert_string_equal(geo_graph_edge(g, 0)->first_date, lo ? lo : "");
		assert_string_equal(geo_graph_edge(g, 0)->last_date, hi ? hi : "");
		geo_graph_free(g);
		geo_agg_free(a);
	}
}

/* A count, a document count and a quad that do not fit the hot record. */
static void test_wide_fields(void **state)
{
	geo_agg *a = NULL, *b = NULL;
	geo_graph *g = NULL;
	geo_error err = {0};
	const uint64_t big = (uint64_t)UINT32_MAX - 1;

	(void)state;
	assert_int_equal(geo_agg_new(&a, NULL, NULL, &err), GEO_OK);
	add_dated(a, "S", "T", "2019", 100000);
	assert_int_equal(geo_agg_ecount(a), 1);
	assert_int_equal(geo_agg_edge_quad(a, 0), 100000);
	assert_false(a->wide_counts);
	/* As if 2^32 - 2 events of as many documents had come. */
	a->e[0].count = (uint32_t)big;
	a->e[0].docs = (uint32_t)big;
	a->runs += big;
	add_dated(a, "S", "T", "2019-10", 3);
	add_dated(a, "S", "T", "", 3);
	assert_int_equal(geo_agg_ecount(a), 1);
	assert_int_equal(geo_agg_edge_count(a, 0), big + 2); /* wrapped once */
	assert_true(a->wide_counts);
	assert_int_equal(geo_agg_edge_docs(a, 0), big + 1);  /* one new run */
	assert_int_equal(geo_agg_edge_quad(a, 0), 100000);   /* the first stays */

	/* Merged: counts add across the carry, the dates are re-coded. */
	assert_int_equal(geo_agg_new(&b, NULL, NULL, &err), GEO_OK);
	add_dated(b, "S", "T", "2018-01-01", 2);
	add_dated(b, "S", "U", "2019-10-24", 0);
	assert_int_equal(geo_agg_ecount(b), 2);
	b->e[0].count = (uint32_t)big;
	assert_int_equal(geo_agg_merge(a, b, &err), GEO_OK);
	assert_int_equal(geo_agg_ecount(a), 2);
	assert_int_equal(geo_agg_edge_count(a, 0), 2 * big + 2);
	assert_int_equal(geo_agg_edge_count(a, 1), 1);
	assert_int_equal(geo_agg_edge_quad(a, 1), 0);

	assert_int_equal(geo_graph_build(&g, a, NULL, &err), GEO_OK);
	assert_int_equal(geo_graph_ecount(g), 2);
	assert_true(geo_graph_edge(g, 0)->count == 2 * big + 2);
	assert_int_equal(geo_graph_edge(g, 0)->quad, 100000);
	assert_string_equal(geo_graph_edge(g, 0)->first_date, "2018-01-01");
	assert_string_equal(geo_graph_edge(g, 0)->last_date, "2019-10");
	assert_string_equal(geo_graph_edge(g, 1)->first_date, "2019-10-24");
	geo_graph_free(g);
	geo_agg_free(b);
	geo_agg_free(a);
}

/* The record array stays on 64-byte boundaries through every growth. */
static void test_aligned(void **state)
{
	geo_agg *a = NULL;
	geo_error err = {0};
	char from[16], to[16];

	(void)state;
	assert_int_equal(sizeof(geo_agg_edge), 64);
	assert_int_equal(geo_agg_new(&a, NULL, NULL, &err), GEO_OK);
	for (unsigned i = 0; i < 70000; i++) {
		snprintf(from, sizeof from, "F%u", i % 300);
		snprintf(to, sizeof to, "T%u", i / 300);
		add_dated(a, from, to, "2019-10-24", 1);
		if ((i & (i - 1)) == 0) {
			assert_int_equal(geo_agg_ecount(a), i + 1);
			assert_int_equal((uintptr_t)a->e % 64, 0);
		}
	}
	assert_int_equal(geo_agg_ecount(a), 70000);
	assert_int_equal((uintptr_t)a->e % 64, 0);
	/* Records moved with the array keep their keys. */
	for (unsigned i = 0; i < 70000; i += 997) {
		snprintf(from, sizeof from, "F%u", i % 300);
		snprintf(to, sizeof to, "T%u", i / 300);
		assert_string_equal(a->v[a->e[i].from].id, from);
		assert_string_equal(a->v[a->e[i].to].id, to);
		assert_int_equal(geo_agg_edge_count(a, i), 1);
	}
	geo_agg_free(a);
}

/* Documents counted through chains of merges: whether an edge's first
 * event was in its aggregate's first document run is all a merge keeps of
 * that run, and it must survive being merged into an empty aggregate and
 * then merged again, with the document that spans the cut counted once. */
static void add_doc(geo_agg *a, const char *doc, const char *to)
{
	geo_event ev;
	geo_error err = {0};

	geo_event_init(&ev);
	ev.doc = doc;
	ev.source.id = "F";
	ev.target.id = to;
	ev.relation = "r";
	assert_int_equal(geo_agg_add(a, &ev, &err), GEO_OK);
}

static void test_merge_runs(void **state)
{
	/* Edge F->A: d1, d2 | d2, d3; F->B: d2 | d2; F->C: | d2 (its first
	 * event in run 1 of the second half, but that half's d2 is a new
	 * document for F->C). */
	static const char *const docs[] = {"d1", "d2", "d2", "d2", "d2", "d2", "d3"};
	static const char *const tos[] = {"A", "A", "B", "A", "B", "C", "A"};
	size_t n = sizeof docs / sizeof *docs, cut = 3;
	geo_agg *whole = NULL, *x = NULL, *y = NULL, *empty = NULL;
	geo_error err = {0};

	(void)state;
	assert_int_equal(geo_agg_new(&whole, NULL, NULL, &err), GEO_OK);
	assert_int_equal(geo_agg_new(&x, NULL, NULL, &err), GEO_OK);
	assert_int_equal(geo_agg_new(&y, NULL, NULL, &err), GEO_OK);
	assert_int_equal(geo_agg_new(&empty, NULL, NULL, &err), GEO_OK);
	for (size_t i = 0; i < n; i++) {
		add_doc(whole, docs[i], tos[i]);
		add_doc(i < cut ? x : y, docs[i], tos[i]);
	}
	/* y through an empty aggregate first, then after x. */
	assert_int_equal(geo_agg_merge(empty, y, &err), GEO_OK);
	assert_int_equal(geo_agg_merge(x, empty, &err), GEO_OK);
	assert_int_equal(geo_agg_ecount(whole), 3);
	assert_int_equal(geo_agg_ecount(x), 3);
	for (size_t i = 0; i < 3; i++) {
		assert_string_equal(x->v[x->e[i].to].id, whole->v[whole->e[i].to].id);
		assert_int_equal(geo_agg_edge_docs(x, i), geo_agg_edge_docs(whole, i));
		assert_int_equal(geo_agg_edge_count(x, i), geo_agg_edge_count(whole, i));
	}
	assert_int_equal(geo_agg_edge_docs(whole, 0), 3); /* F->A: d1, d2, d3 */
	assert_int_equal(geo_agg_edge_docs(whole, 1), 1); /* F->B: d2 */
	assert_int_equal(geo_agg_edge_docs(whole, 2), 1); /* F->C: d2 */
	assert_int_equal(geo_agg_get_stats(x)->documents, 3);
	geo_agg_free(whole);
	geo_agg_free(x);
	geo_agg_free(y);
	geo_agg_free(empty);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_codes),
		cmocka_unit_test(test_first_last),
		cmocka_unit_test(test_wide_fields),
		cmocka_unit_test(test_aligned),
		cmocka_unit_test(test_merge_runs),
	};

	return cmocka_run_group_tests_name("agg_record", tests, NULL, NULL);
}

/* test_graph_centrality.c - every measure on graphs small enough to work
 * out by hand; the working is in the comments. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "graph_internal.h"

typedef struct ev_spec {
	const char *src, *tgt;
	int times;        /* events */
	double goldstein; /* each */
	double weight;    /* mentions each */
} ev_spec;

static geo_graph *graph_of(const ev_spec *s, size_t n)
{
	geo_agg *a;
	geo_graph *g;
	geo_error err;

	assert_int_equal(geo_agg_new(&a, NULL, NULL, &err), GEO_OK);
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < s[i].times; k++) {
			geo_event ev;
			geo_event_init(&ev);
			ev.source.id = s[i].src;
			ev.target.id = s[i].tgt;
			/* Two relations per pair where times is even: centrality
			 * must merge them into one pair edge. */
			ev.relation = k % 2 ? "rel_b" : "rel_a";
			ev.doc = "d";
			ev.goldstein = s[i].goldstein;
			ev.weight = s[i].weight ? s[i].weight : 1;
			assert_int_equal(geo_agg_add(a, &ev, &err), GEO_OK);
		}
	assert_int_equal(geo_graph_build(&g, a, NULL, &err), GEO_OK);
	geo_agg_free(a);
	return g;
}

static void compute(geo_graph *g, const geo_centrality_opts *o)
{
	geo_error err;

	if (geo_graph_compute(g, o, &err) != GEO_OK)
		fail_msg("compute: %s", err.msg);
}

#define assert_score(g, m, id, want)                                                         \
	do {                                                                                 \
		double got_ = geo_graph_score((g), (m), geo_graph_find((g), (id)));          \
		if (!(fabs(got_ - (want)) < 1e-9))                                           \
			fail_msg("%s of %s: got %.12g, want %.12g", geo_measure_name(m), (id), \
				 got_, (double)(want));                                      \
	} while (0)

/*
 * A->B 4 events (+2 each), B->C 4 events (-1 each), A->C 1 event (-3).
 * Distances 1/weight: A->B 0.25, B->C 0.25, A->C 1, so the shortest A->C
 * path goes through B (0.5 < 1).
 */
static const ev_spec triangle[] = {
	{"A", "B", 4, 2.0, 0},
	{"B", "C", 4, -1.0, 0},
	{"A", "C", 1, -3.0, 0},
};

static void test_weighted_triangle(void **state)
{
	geo_graph *g = graph_of(triangle, 3);

	(void)state;
	assert_int_equal(geo_graph_ecount(g), 5); /* rel_a/rel_b twice, A->C once */
	compute(g, NULL);
	/* Pairs: A out 2, B in 1 out 1, C in 2. */
	assert_score(g, GEO_M_DEGREE_IN, "A", 0);
	assert_score(g, GEO_M_DEGREE_IN, "C", 2);
	assert_score(g, GEO_M_DEGREE_OUT, "A", 2);
	assert_score(g, GEO_M_DEGREE, "B", 2);
	/* Strength = events: C receives 4 + 1, A sends 4 + 1. */
	assert_score(g, GEO_M_STRENGTH_IN, "C", 5);
	assert_score(g, GEO_M_STRENGTH_OUT, "A", 5);
	assert_score(g, GEO_M_STRENGTH_OUT, "B", 4);
	/* B lies on the one shortest A->C path. */
	assert_score(g, GEO_M_BETWEENNESS, "A", 0);
	assert_score(g, GEO_M_BETWEENNESS, "B", 1);
	assert_score(g, GEO_M_BETWEENNESS, "C", 0);
	/* Harmonic, out, / (n-1): A: (1/0.25 + 1/0.5) / 2 = 3; B: (1/0.25) / 2
	 * = 2; C reaches nobody: 0. */
	assert_score(g, GEO_M_CLOSENESS, "A", 3);
	assert_score(g, GEO_M_CLOSENESS, "B", 2);
	assert_score(g, GEO_M_CLOSENESS, "C", 0);
	/* Every actor is in the one triangle: 2-core. */
	assert_score(g, GEO_M_CORENESS, "A", 2);
	assert_score(g, GEO_M_CORENESS, "C", 2);
	/* Goldstein: A sends 4*2 - 3 = 5; B receives 8, sends -4; C receives
	 * -4 - 3 = -7. */
	assert_score(g, GEO_M_GOLDSTEIN_OUT, "A", 5);
	assert_score(g, GEO_M_GOLDSTEIN_IN, "B", 8);
	assert_score(g, GEO_M_GOLDSTEIN_OUT, "B", -4);
	assert_score(g, GEO_M_GOLDSTEIN_IN, "C", -7);
	assert_score(g, GEO_M_GOLDSTEIN_IN, "A", 0);
	assert_true(geo_graph_betweenness_cutoff(g) == 0);

	/* Unweighted, the direct A->C edge is shortest: B carries nothing;
	 * closeness A: (1 + 1) / 2 = 1, B: 1 / 2. */
	{
		geo_centrality_opts o = {.weight = GEO_WEIGHT_NONE};
		compute(g, &o);
		assert_score(g, GEO_M_BETWEENNESS, "B", 0);
		assert_score(g, GEO_M_CLOSENESS, "A", 1);
		assert_score(g, GEO_M_CLOSENESS, "B", 0.5);
		assert_score(g, GEO_M_STRENGTH_OUT, "A", 2);
	}
	/* Goldstein-abs: A->B 8, B->C 4, A->C 3: via B is 1/8 + 1/4 = 0.375,
	 * longer than 1/3, so B is off the path again; closeness of A is
	 * (8 + 3) / 2; strength out of A = 11. */
	{
		geo_centrality_opts o = {.weight = GEO_WEIGHT_GOLDSTEIN_ABS};
		compute(g, &o);
		assert_score(g, GEO_M_BETWEENNESS, "B", 0);
		assert_score(g, GEO_M_STRENGTH_OUT, "A", 11);
		assert_score(g, GEO_M_CLOSENESS, "A", 5.5);
	}
	geo_graph_free(g);
}

/* A directed 3-cycle: every actor is alike. */
static void test_cycle(void **state)
{
	static const ev_spec cycle[] = {{"A", "B", 2, 1, 0}, {"B", "C", 2, 1, 0}, {"C", "A", 2, 1, 0}};
	geo_graph *g = graph_of(cycle, 3);
	geo_centrality_opts norm = {.normalize = true};

	(void)state;
	compute(g, NULL);
	for (int i = 0; i < 3; i++) {
		const char *id = i == 0 ? "A" : i == 1 ? "B" : "C";
		assert_score(g, GEO_M_PAGERANK, id, 1.0 / 3);
		assert_score(g, GEO_M_EIGENVECTOR, id, 1);
		/* Each actor is the middle of one path (A->C goes via B). */
		assert_score(g, GEO_M_BETWEENNESS, id, 1);
		/* Weight 2 each: distances 0.5 and 1: (2 + 1) / 2. */
		assert_score(g, GEO_M_CLOSENESS, id, 1.5);
		assert_score(g, GEO_M_COMMUNITY, id, 0);
	}
	/* Normalised: 1 / ((3-1)(3-2)). */
	compute(g, &norm);
	assert_score(g, GEO_M_BETWEENNESS, "A", 0.5);
	geo_graph_free(g);
}

/* A star A->B, A->C: A is the only hub, B and C the authorities. */
static void test_hits(void **state)
{
	static const ev_spec star[] = {{"A", "B", 1, 0, 0}, {"A", "C", 1, 0, 0}};
	geo_graph *g = graph_of(star, 2);

	(void)state;
	compute(g, NULL);
	assert_score(g, GEO_M_HUB, "A", 1);
	assert_score(g, GEO_M_HUB, "B", 0);
	assert_score(g, GEO_M_AUTHORITY, "A", 0);
	assert_score(g, GEO_M_AUTHORITY, "B", 1);
	assert_score(g, GEO_M_AUTHORITY, "C", 1);
	/* Undirected, A is the centre of a path of three: eigenvector
	 * (1, 1/sqrt 2, 1/sqrt 2). */
	assert_score(g, GEO_M_EIGENVECTOR, "A", 1);
	assert_score(g, GEO_M_EIGENVECTOR, "C", 1 / sqrt(2));
	geo_graph_free(g);
}

/*
 * Two triangles joined by one edge C->D.  Undirected: 7 edges (m = 7),
 * degrees A2 B2 C3 D3 E2 F2.  The split {A,B,C} {D,E,F} has modularity
 * 2 * (3/7 - (7/14)^2) = 5/14.  Equal sizes: the community holding A
 * (lowest index) is 0.
 */
static const ev_spec two_triangles[] = {
	{"A", "B", 1, 0, 0}, {"B", "C", 1, 0, 0}, {"C", "A", 1, 0, 0}, {"C", "D", 1, 0, 0},
	{"D", "E", 1, 0, 0}, {"E", "F", 1, 0, 0}, {"F", "D", 1, 0, 0},
};

static void check_two_communities(const geo_graph *g)
{
	assert_int_equal(geo_graph_community_count(g), 2);
	assert_score(g, GEO_M_COMMUNITY, "A", 0);
	assert_score(g, GEO_M_COMMUNITY, "B", 0);
	assert_score(g, GEO_M_COMMUNITY, "C", 0);
	assert_score(g, GEO_M_COMMUNITY, "D", 1);
	assert_score(g, GEO_M_COMMUNITY, "F", 1);
	assert_true(fabs(geo_graph_modularity(g) - 5.0 / 14) < 1e-12);
}

static void test_communities(void **state)
{
	geo_graph *g = graph_of(two_triangles, 7);
	geo_centrality_opts louvain = {.measures = 1u << GEO_M_COMMUNITY};
	geo_centrality_opts leiden = {.measures = 1u << GEO_M_COMMUNITY, .community = GEO_COMMUNITY_LEIDEN};

	(void)state;
	compute(g, &louvain);
	check_two_communities(g);
	/* Only what was asked for is there. */
	assert_true(isnan(geo_graph_score(g, GEO_M_PAGERANK, 0)));
	assert_true(isnan(geo_graph_score(g, GEO_M_COMMUNITY, 6)));
	compute(g, &leiden);
	check_two_communities(g);
	/* Coreness: each triangle is a 2-core. */
	compute(g, NULL);
	assert_score(g, GEO_M_CORENESS, "C", 2);
	assert_score(g, GEO_M_DEGREE, "C", 3);
	geo_graph_free(g);
}

/* Mentions weigh pairs by GDELT NumMentions; goldstein-abs leaves a pair of
 * neutral events out altogether. */
static void test_weights(void **state)
{
	static const ev_spec s[] = {{"A", "B", 2, 0.0, 10}, {"B", "C", 1, 5.0, 3}};
	geo_graph *g = graph_of(s, 2);
	geo_centrality_opts mentions = {.weight = GEO_WEIGHT_MENTIONS};
	geo_centrality_opts gabs = {.weight = GEO_WEIGHT_GOLDSTEIN_ABS};

	(void)state;
	compute(g, &mentions);
	assert_score(g, GEO_M_STRENGTH_OUT, "A", 20);
	assert_score(g, GEO_M_STRENGTH_IN, "C", 3);
	compute(g, &gabs);
	assert_score(g, GEO_M_DEGREE_OUT, "A", 0);
	assert_score(g, GEO_M_STRENGTH_IN, "C", 5);
	/* PageRank with B->C the only edge: A and C have no out-edge, so their
	 * rank is spread evenly; B gives all of its to C.  With teleport
	 * 0.15 / 3 = 0.05: a = 0.05 + 0.85 (a + c) / 3, b = a (B receives what
	 * A does), c = a + 0.85 b. */
	{
		double a = geo_graph_score(g, GEO_M_PAGERANK, 0), b = geo_graph_score(g, GEO_M_PAGERANK, 1);
		double c = geo_graph_score(g, GEO_M_PAGERANK, 2);
		assert_true(fabs(a + b + c - 1) < 1e-9);
		assert_true(fabs(a - b) < 1e-9);
		assert_true(fabs(c - (a + 0.85 * b)) < 1e-9);
		assert_true(fabs(a - (0.05 + 0.85 * (a + c) / 3)) < 1e-9);
	}
	geo_graph_free(g);
}

static void test_cutoff_and_empty(void **state)
{
	geo_graph *g = graph_of(triangle, 3);
	geo_centrality_opts o = {.cutoff = 0.3};
	geo_agg *a;
	geo_error err;

	(void)state;
	/* Paths longer than 0.3 do not count: A->B->C is 0.5. */
	compute(g, &o);
	assert_score(g, GEO_M_BETWEENNESS, "B", 0);
	assert_true(geo_graph_betweenness_cutoff(g) == 0.3);
	geo_graph_free(g);

	assert_int_equal(geo_agg_new(&a, NULL, NULL, &err), GEO_OK);
	assert_int_equal(geo_graph_build(&g, a, NULL, &err), GEO_OK);
	compute(g, NULL);
	assert_int_equal(geo_graph_vcount(g), 0);
	assert_true(isnan(geo_graph_modularity(g)));
	assert_true(isnan(geo_graph_score(g, GEO_M_PAGERANK, 0)));
	geo_graph_free(g);
	geo_agg_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weighted_triangle),
		cmocka_unit_test(test_cycle),
		cmocka_unit_test(test_hits),
		cmocka_unit_test(test_communities),
		cmocka_unit_test(test_weights),
		cmocka_unit_test(test_cutoff_and_empty),
	};

	return cmocka_run_group_tests_name("graph centrality", tests, NULL, NULL);
}

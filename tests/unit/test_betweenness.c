/* test_betweenness.c - geo_graph_betweenness_pairs() against igraph's
 * igraph_betweenness_cutoff(), which it replaces, on graphs full of tied
 * path lengths, with and without lengths and cutoffs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "graph_internal.h"

/* Deterministic pseudo-random numbers (xorshift), not rand(): the same
 * graphs on every libc. */
static uint64_t rng = 88172645463325252ULL;

static unsigned next_rand(unsigned bound)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % bound);
}

/* igraph's result for the same edges, lengths and cutoff. */
static void igraph_result(size_t n, size_t m, const size_t *from, const size_t *to, const double *len,
			  double cutoff, double *out)
{
	igraph_t g;
	igraph_vector_int_t ev;
	igraph_vector_t w, res;

	geo_igraph_init();
	assert_int_equal(igraph_vector_int_init(&ev, (igraph_integer_t)(2 * m)), IGRAPH_SUCCESS);
	for (size_t i = 0; i < m; i++) {
		VECTOR(ev)[2 * i] = (igraph_integer_t)from[i];
		VECTOR(ev)[2 * i + 1] = (igraph_integer_t)to[i];
	}
	assert_int_equal(igraph_create(&g, &ev, (igraph_integer_t)n, true), IGRAPH_SUCCESS);
	assert_int_equal(igraph_vector_init(&w, (igraph_integer_t)m), IGRAPH_SUCCESS);
	for (size_t i = 0; i < m; i++)
		VECTOR(w)[i] = len ? len[i] : 1.0;
	assert_int_equal(igraph_vector_init(&res, 0), IGRAPH_SUCCESS);
	assert_int_equal(igraph_betweenness_cutoff(&g, &res, igraph_vss_all(), true, len ? &w : NULL, cutoff),
			 IGRAPH_SUCCESS);
	for (size_t i = 0; i < n; i++)
		out[i] = VECTOR(res)[i];
	igraph_vector_destroy(&res);
	igraph_vector_destroy(&w);
	igraph_destroy(&g);
	igraph_vector_int_destroy(&ev);
}

static void assert_close(const double *a, const double *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		double tol = 1e-9 * (fabs(a[i]) > 1 ? fabs(a[i]) : 1.0);
		if (fabs(a[i] - b[i]) > tol)
			fail_msg("vertex %zu: %.12g here, %.12g from igraph", i, a[i], b[i]);
	}
}

/* Random sparse and dense graphs, distinct pairs sorted by (from, to) as
 * centrality.c gives them, a few self-loops; lengths 1/w for small integer
 * w, so that many paths tie (1/2 + 1/2 = 1). */
static void test_random_graphs(void **state)
{
	static const double cutoffs[] = {-1.0, 0.0, 0.5, 1.0, 1.5, 2.0, 3.0};
	int graphs = 0;

	(void)state;
	for (int round = 0; round < 24; round++) {
		size_t n = 2 + next_rand(round < 12 ? 12 : 60);
		size_t cap = n * n, m = 0;
		size_t *from = malloc(cap * sizeof *from), *to = malloc(cap * sizeof *to);
		double *len = malloc(cap * sizeof *len), *ours = malloc(n * sizeof *ours),
		       *theirs = malloc(n * sizeof *theirs);
		unsigned density = 1 + next_rand(round % 3 == 0 ? 90 : 25);

		assert_non_null(from);
		assert_non_null(to);
		assert_non_null(len);
		assert_non_null(ours);
		assert_non_null(theirs);
		for (size_t a = 0; a < n; a++)
			for (size_t b = 0; b < n; b++) {
				if (next_rand(100) >= density || (a == b && next_rand(4)))
					continue;
				from[m] = a;
				to[m] = b;
				len[m] = 1.0 / (double)(1 + next_rand(3));
				m++;
			}
		for (size_t c = 0; c < sizeof cutoffs / sizeof *cutoffs; c++) {
			geo_error err = {0};
			for (int weighted = 0; weighted < 2; weighted++) {
				const double *l = weighted ? len : NULL;
				assert_int_equal(geo_graph_betweenness_pairs(n, m, from, to, l, cutoffs[c], ours, &err),
						 GEO_OK);
				igraph_result(n, m, from, to, l, cutoffs[c], theirs);
				assert_close(ours, theirs, n);
				graphs++;
			}
		}
		free(from);
		free(to);
		free(len);
		free(ours);
		free(theirs);
	}
	assert_int_equal(graphs, 24 * 7 * 2);
}

/* A path a->b->c->d and a diamond: values worked out by hand. */
static void test_known_values(void **state)
{
	static const size_t pf[] = {0, 1, 2}, pt[] = {1, 2, 3};
	/* Diamond 0->1->3, 0->2->3 of lengths 1 and 1 + 1e-13 (a tie: within
	 * a relative 1e-10), plus 3->4; then 1 + 1e-6 (no tie). */
	static const size_t df[] = {0, 0, 1, 2, 3}, dt[] = {1, 2, 3, 3, 4};
	double dl[] = {0.5, 0.25, 0.5, 0.75 + 1e-13, 1.0};
	double res[5];
	geo_error err = {0};

	(void)state;
	assert_int_equal(geo_graph_betweenness_pairs(4, 3, pf, pt, NULL, -1, res, &err), GEO_OK);
	/* b lies on a->c and a->d; c on a->d and b->d. */
	assert_true(res[0] == 0 && res[1] == 2 && res[2] == 2 && res[3] == 0);
	assert_int_equal(geo_graph_betweenness_pairs(4, 3, pf, pt, NULL, 2, res, &err), GEO_OK);
	/* Cutoff 2: a->d (3 steps) no longer counts. */
	assert_true(res[0] == 0 && res[1] == 1 && res[2] == 1 && res[3] == 0);
	assert_int_equal(geo_graph_betweenness_pairs(5, 5, df, dt, dl, -1, res, &err), GEO_OK);
	/* 0->3 has two shortest paths of length 1 (half each through 1 and
	 * 2), so has 0->4; 3 lies on 0->4, 1->4, 2->4. */
	assert_true(res[0] == 0 && res[1] == 1 && res[2] == 1 && res[3] == 3 && res[4] == 0);
	dl[3] = 0.75 + 1e-6;
	assert_int_equal(geo_graph_betweenness_pairs(5, 5, df, dt, dl, -1, res, &err), GEO_OK);
	assert_true(res[0] == 0 && res[1] == 2 && res[2] == 0 && res[3] == 3 && res[4] == 0);
	assert_int_equal(geo_graph_betweenness_pairs(0, 0, NULL, NULL, NULL, -1, res, &err), GEO_OK);
}

/* A graph large enough (n * m over 2e7) to be split between two threads:
 * the same values as igraph's single run. */
static void test_split_run(void **state)
{
	size_t n = 800, m = 0, cap = 40000;
	size_t *from = malloc(cap * sizeof *from), *to = malloc(cap * sizeof *to);
	double *len = malloc(cap * sizeof *len), *ours = malloc(n * sizeof *ours),
	       *theirs = malloc(n * sizeof *theirs);
	geo_error err = {0};

	(void)state;
	assert_non_null(from);
	assert_non_null(to);
	assert_non_null(len);
	assert_non_null(ours);
	assert_non_null(theirs);
	for (size_t a = 0; a < n; a++)
		for (size_t b = 0; b < n && m < cap; b++)
			if (a != b && next_rand(1000) < 45) {
				from[m] = a;
				to[m] = b;
				len[m] = 1.0 / (double)(1 + next_rand(4));
				m++;
			}
	assert_true((double)n * (double)m > 2e7);
	assert_int_equal(geo_graph_betweenness_pairs(n, m, from, to, len, -1, ours, &err), GEO_OK);
	igraph_result(n, m, from, to, len, -1, theirs);
	assert_close(ours, theirs, n);
	assert_int_equal(geo_graph_betweenness_pairs(n, m, from, to, NULL, 2.0, ours, &err), GEO_OK);
	igraph_result(n, m, from, to, NULL, 2.0, theirs);
	assert_close(ours, theirs, n);
	free(from);
	free(to);
	free(len);
	free(ours);
	free(theirs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_values),
		cmocka_unit_test(test_random_graphs),
		cmocka_unit_test(test_split_run),
	};

	return cmocka_run_group_tests_name("betweenness", tests, NULL, NULL);
}

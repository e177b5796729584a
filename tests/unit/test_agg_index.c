/* test_agg_index.c - the aggregate's edge index: slots keep only 32 bits
 * of a key's hash, so keys whose kept bits are equal must still be told
 * apart, and growing the index (from those bits alone) must lose no edge. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "graph_internal.h"

uint64_t agg_edge_hash(uint32_t from, uint32_t to, uint32_t rel);

/* Actor ids A0000, A0001, ...: vertex i of an aggregate that met them in
 * that order. */
static void actor_id(char *buf, size_t n, uint32_t i)
{
	snprintf(buf, n, "A%04u", (unsigned)i);
}

static void add(geo_agg *a, uint32_t from, uint32_t to, const char *rel)
{
	char s[16], t[16];
	geo_event ev;
	geo_error err = {0};

	actor_id(s, sizeof s, from);
	actor_id(t, sizeof t, to);
	geo_event_init(&ev);
	ev.doc = "d";
	ev.source.id = s;
	ev.target.id = t;
	ev.relation = rel;
	assert_int_equal(geo_agg_add(a, &ev, &err), GEO_OK);
}


static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

/* Two keys of relation 1 over vertices below 1024 whose top 32 hash bits
 * are equal: among 2^20 keys about 128 such pairs are expected. */
static void find_collision(uint32_t *f1, uint32_t *t1, uint32_t *f2, uint32_t *t2)
{
	size_t n = (size_t)1 << 20;
	uint64_t *keys = malloc(n * sizeof *keys);

	assert_non_null(keys);
	/* Top 32 bits of the hash above, the key's 20 bits below. */
	for (uint32_t k = 0; k < n; k++)
		keys[k] = (agg_edge_hash(k >> 10, k & 1023, 1) >> 32) << 32 | k;
	qsort(keys, n, sizeof *keys, cmp_u64);
	for (size_t i = 1; i < n; i++)
		if (keys[i] >> 32 == keys[i - 1] >> 32) {
			uint32_t a = (uint32_t)keys[i - 1], b = (uint32_t)keys[i];
			*f1 = a >> 10, *t1 = a & 1023, *f2 = b >> 10, *t2 = b & 1023;
			free(keys);
			return;
		}
	free(keys);
	fail_msg("no two keys share their top 32 hash bits");
}

static void test_equal_kept_bits(void **state)
{
	uint32_t f1 = 0, t1 = 0, f2 = 0, t2 = 0;
	geo_agg *a = NULL;
	geo_error err = {0};
	size_t e1, e2;

	(void)state;
	find_collision(&f1, &t1, &f2, &t2);
	assert_true(f1 != f2 || t1 != t2);
	assert_int_equal(geo_agg_new(&a, NULL, NULL, &err), GEO_OK);
	/* Vertices 0..1023 in order; their edges are a relation of their own. */
	for (uint32_t i = 0; i < 1024; i += 2)
		add(a, i, i + 1, "x");
	add(a, f1, t1, "r");
	add(a, f2, t2, "r");
	add(a, f2, t2, "r");
	add(a, f1, t1, "r");
	add(a, f1, t1, "r");
	assert_int_equal(geo_agg_flush(a), GEO_OK);
	assert_string_equal(a->rels[0], "x");
	/* "r" is relation 1: look the two edges up by scan. */
	e1 = e2 = SIZE_MAX;
	for (size_t i = 0; i < a->ne; i++) {
		if (a->e[i].from == f1 && a->e[i].to == t1 && a->e[i].rel == 1)
			e1 = i;
		if (a->e[i].from == f2 && a->e[i].to == t2 && a->e[i].rel == 1)
			e2 = i;
	}
	assert_int_not_equal(e1, SIZE_MAX);
	assert_int_not_equal(e2, SIZE_MAX);
	assert_int_not_equal(e1, e2);
	assert_int_equal(geo_agg_edge_count(a, e1), 3);
	assert_int_equal(geo_agg_edge_count(a, e2), 2);
	assert_int_equal(a->ne, 512 + 2);
	geo_agg_free(a);
}

/* 30,000 edges through five doublings of the index, then each again in
 * the other order: no edge is made twice or lost. */
static void test_growth_keeps_every_edge(void **state)
{
	const uint32_t n = 30000;
	geo_agg *a = NULL;
	geo_error err = {0};
	size_t *at = malloc(1000 * 1000 * sizeof *at);

	(void)state;
	assert_non_null(at);
	assert_int_equal(geo_agg_new(&a, NULL, NULL, &err), GEO_OK);
	for (uint32_t i = 0; i < 1000; i += 2)
		add(a, i, i + 1, "r");
	for (uint32_t k = 0; k < n; k++)
		add(a, k % 1000, (k / 1000 + k % 1000 + 1) % 1000, "r");
	assert_int_equal(geo_agg_flush(a), GEO_OK);
	assert_true(a->ecap >= 32768);
	for (uint32_t k = n; k-- > 0;)
		add(a, k % 1000, (k / 1000 + k % 1000 + 1) % 1000, "r");
	assert_int_equal(geo_agg_flush(a), GEO_OK);
	/* Edge k joins f to f + k / 1000 + 1 (mod 1000): 30,000 distinct
	 * edges, of which the first loop's (even f, f + 1) had a third event. */
	/* Where each (from, to) is, by a scan of the records. */
	for (size_t i = 0; i < 1000 * 1000; i++)
		at[i] = SIZE_MAX;
	for (size_t i = 0; i < a->ne; i++) {
		assert_int_equal(a->e[i].rel, 0);
		assert_int_equal(at[a->e[i].from * 1000 + a->e[i].to], SIZE_MAX);
		at[a->e[i].from * 1000 + a->e[i].to] = i;
	}
	for (uint32_t k = 0; k < n; k++) {
		uint32_t f = k % 1000, t = (k / 1000 + k % 1000 + 1) % 1000;
		size_t i = at[f * 1000 + t];
		assert_int_not_equal(i, SIZE_MAX);
		assert_int_equal(geo_agg_edge_count(a, i), 2 + (f % 2 == 0 && t == f + 1));
	}
	assert_int_equal(a->ne, n);
	assert_true(a->ne * 4 <= a->ecap * 3);
	geo_agg_free(a);
	free(at);
}

/*
 * The graph's edges in (source id, target id, relation) order, whichever
 * way they were sorted: with few (target, relation) pairs the two form one
 * key; with 300 actors and 300 relations (90,000 pairs for 2,000 edges)
 * they take a pass each.  Actors and relations arrive in scrambled order,
 * so first-seen order is not sorted order.
 */
static void sorted_graph(uint32_t nact, uint32_t nrel, uint32_t nedges)
{
	geo_agg *a = NULL;
	geo_graph *g = NULL;
	geo_error err = {0};
	char rel[16];
	uint64_t x = 1;

	assert_int_equal(geo_agg_new(&a, NULL, NULL, &err), GEO_OK);

	/* Vertices 0..nact-1 first, then edges drawn by a fixed LCG. */
	for (uint32_t i = 0; i + 1 < nact; i += 2)
		add(a, i, i + 1, "r0");
	for (uint32_t k = 0; k < nedges; k++) {
		uint32_t f, t;
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		f = (uint32_t)(x >> 33) % nact;
		t = (uint32_t)(x >> 45) % nact;
		if (f == t)
			t = (t + 1) % nact;
		snprintf(rel, sizeof rel, "r%u", (unsigned)((x >> 20) % nrel));
		add(a, f, t, rel);
	}
	assert_int_equal(geo_graph_build(&g, a, NULL, &err), GEO_OK);
	assert_int_equal(geo_graph_ecount(g), a->ne);
	for (size_t i = 1; i < geo_graph_ecount(g); i++) {
		const geo_edge *p = geo_graph_edge(g, i - 1), *e = geo_graph_edge(g, i);
		int c = strcmp(geo_graph_vertex(g, p->from)->id, geo_graph_vertex(g, e->from)->id);
		if (!c)
			c = strcmp(geo_graph_vertex(g, p->to)->id, geo_graph_vertex(g, e->to)->id);
		if (!c)
			c = strcmp(p->relation, e->relation);
		assert_true(c < 0);
	}
	geo_graph_free(g);
	geo_agg_free(a);
}

static void test_graph_sort_both_ways(void **state)
{
	(void)state;
	sorted_graph(40, 7, 3000);    /* 280 pairs: one pass for them */
	sorted_graph(300, 300, 2000); /* 90,000 pairs: a pass each */
}

/* One event on A0000 -> A0001. */
static void add_full(geo_agg *a, const char *doc, const char *date, const char *cameo, const char *evidence,
		     double goldstein)
{
	geo_event ev;
	geo_error err = {0};

	geo_event_init(&ev);
	ev.doc = doc;
	snprintf(ev.date, sizeof ev.date, "%s", date);
	ev.source.id = "A0000";
	ev.target.id = "A0001";
	ev.relation = "r";
	ev.cameo = cameo;
	ev.goldstein = goldstein;
	ev.evidence = evidence;
	assert_int_equal(geo_agg_add(a, &ev, &err), GEO_OK);
}

/*
 * Events wait in a pipe before they reach their edge; an event with
 * evidence goes at once, after those waiting.  The edge must be what
 * events taken one by one in order make: the first code seen, documents
 * counted by runs, evidence in order.
 */
static void test_pipe_keeps_order(void **state)
{
	geo_agg *a = NULL;
	geo_error err = {0};
	const geo_agg_edge *e;
	const char *long_code = "0123456789ABCDEF";
	char date[11];

	(void)state;
	assert_int_equal(geo_agg_new(&a, NULL, NULL, &err), GEO_OK);
	add_full(a, "d1", "2020-01-02", "040", NULL, 1.0);     /* waits */
	add_full(a, "d1", "2020-01-01", "041", "first", -2.0); /* goes after it */
	add_full(a, "d2", "", NULL, NULL, 3.0);
	add_full(a, "d3", "2019-12-31", "042", "second", 0.5);
	add_full(a, "d3", "", long_code, NULL, 0.0); /* too long to wait */
	add_full(a, "d1", "2020-01-03", NULL, NULL, 0.0);
	/* The count flushes by itself. */
	assert_int_equal(geo_agg_ecount(a), 1);
	e = &a->e[0];
	assert_int_equal(geo_agg_edge_count(a, 0), 6);
	assert_int_equal(geo_agg_edge_docs(a, 0), 4); /* runs d1, d2, d3, d1 */
	assert_string_equal(a->ec[0].cameo, "040");
	geo_agg_date_str(a, e->first_date, date);
	assert_string_equal(date, "2019-12-31");
	geo_agg_date_str(a, e->last_date, date);
	assert_string_equal(date, "2020-01-03");
	assert_true(e->goldstein_sum == 2.5 && e->goldstein_abs_sum == 6.5);
	assert_int_equal(geo_agg_edge_nevidence(a, 0), 2);
	assert_string_equal(geo_agg_edge_evidence(a, 0)[0].text, "first");
	assert_string_equal(geo_agg_edge_evidence(a, 0)[1].text, "second");
	geo_agg_free(a);

	/* A code too long to wait is kept whole; an empty one is a code. */
	assert_int_equal(geo_agg_new(&a, NULL, NULL, &err), GEO_OK);
	add_full(a, "d1", "", long_code, NULL, 0.0);
	assert_int_equal(geo_agg_ecount(a), 1);
	assert_string_equal(a->ec[0].cameo, long_code);
	geo_agg_free(a);
	assert_int_equal(geo_agg_new(&a, NULL, NULL, &err), GEO_OK);
	add_full(a, "d1", "", "", NULL, 0.0);
	add_full(a, "d1", "", "040", NULL, 0.0);
	assert_int_equal(geo_agg_ecount(a), 1);
	assert_string_equal(a->ec[0].cameo, "");
	geo_agg_free(a);

	/* Freed with events still waiting: nothing leaks (valgrind). */
	assert_int_equal(geo_agg_new(&a, NULL, NULL, &err), GEO_OK);
	add_full(a, "d1", "", "040", NULL, 0.0);
	geo_agg_free(a);
}

/* Codes of every length the pipe carries (0 to 7 bytes, as a number of
 * their bytes) and past it, each the first code of its own edge, with
 * codes that share a prefix in between: each edge keeps its own, whole. */
static void test_pipe_code_lengths(void **state)
{
	static const char *codes[] = {"", "1", "12", "123", "1234", "12345", "123456", "1234567",
				      "12345678", "0", "04", "043", "0431", "043", "04"};
	size_t n = sizeof codes / sizeof *codes;
	geo_agg *a = NULL;
	geo_error err = {0};
	char rel[8];

	(void)state;
	assert_int_equal(geo_agg_new(&a, NULL, NULL, &err), GEO_OK);
	for (size_t i = 0; i < n; i++) {
		geo_event ev;

		geo_event_init(&ev);
		snprintf(rel, sizeof rel, "r%zu", i);
		ev.doc = "d";
		ev.source.id = "A0000";
		ev.target.id = "A0001";
		ev.relation = rel;
		ev.cameo = codes[i];
		assert_int_equal(geo_agg_add(a, &ev, &err), GEO_OK);
		/* A later code on the same edge does not replace the first. */
		ev.cameo = "999";
		assert_int_equal(geo_agg_add(a, &ev, &err), GEO_OK);
	}
	assert_int_equal(geo_agg_ecount(a), n);
	for (size_t i = 0; i < n; i++) {
		assert_true(a->e[i].flags & GEO_AGG_E_CAMEO);
		assert_string_equal(a->ec[i].cameo, codes[i]);
		assert_int_equal(geo_agg_edge_count(a, i), 2);
	}
	geo_agg_free(a);
}

/* Relations found by their label's address: the dictionary's own label
 * strings (trusted by address) and a buffer reused for another label
 * (checked by its bytes) each reach their own relation. */
static void add_rel(geo_agg *a, const char *rel)
{
	geo_event ev;
	geo_error err = {0};

	geo_event_init(&ev);
	ev.doc = "d";
	ev.source.id = "USA";
	ev.target.id = "CHN";
	ev.relation = rel;
	assert_int_equal(geo_agg_add(a, &ev, &err), GEO_OK);
}

static void test_relation_by_address(void **state)
{
	geo_dict *d = NULL;
	geo_agg *a = NULL;
	geo_error err = {0};
	const geo_relation_info *sanction, *meet;
	char buf[32];

	(void)state;
	assert_int_equal(geo_dict_new_builtin(&d, &err), GEO_OK);
	sanction = geo_dict_relation(d, "sanction");
	meet = geo_dict_relation(d, "meet");
	assert_non_null(sanction);
	assert_non_null(meet);
	assert_int_equal(geo_agg_new(&a, d, NULL, &err), GEO_OK);
	add_rel(a, sanction->label);
	add_rel(a, sanction->label);
	snprintf(buf, sizeof buf, "%s", "meet");
	add_rel(a, buf);
	snprintf(buf, sizeof buf, "%s", "sanction");
	add_rel(a, buf);
	snprintf(buf, sizeof buf, "%s", "custom");
	add_rel(a, buf);
	add_rel(a, meet->label);
	add_rel(a, sanction->label);
	assert_int_equal(geo_agg_ecount(a), 3);
	assert_string_equal(a->rels[a->e[0].rel], "sanction");
	assert_int_equal(geo_agg_edge_count(a, 0), 4);
	assert_string_equal(a->rels[a->e[1].rel], "meet");
	assert_int_equal(geo_agg_edge_count(a, 1), 2);
	assert_string_equal(a->rels[a->e[2].rel], "custom");
	assert_int_equal(geo_agg_edge_count(a, 2), 1);
	geo_agg_free(a);
	geo_dict_free(d);
}

/* An actor's type is the first one an event gives, whether its id is
 * found in the table of short ids or not: untyped sides before and
 * between, a different type after, a long id beside a short one. */
static void typed(geo_agg *a, const char *s, geo_actor_type st, const char *t, geo_actor_type tt)
{
	geo_event ev;
	geo_error err = {0};

	geo_event_init(&ev);
	ev.doc = "d";
	ev.source.id = s;
	ev.source.type = st;
	ev.target.id = t;
	ev.target.type = tt;
	ev.relation = "r";
	assert_int_equal(geo_agg_add(a, &ev, &err), GEO_OK);
}

static void test_first_type_wins(void **state)
{
	geo_agg *a = NULL;
	geo_error err = {0};

	(void)state;
	assert_int_equal(geo_agg_new(&a, NULL, NULL, &err), GEO_OK);
	typed(a, "AAA", GEO_ACTOR_UNKNOWN, "BBB", GEO_ACTOR_UNKNOWN);
	typed(a, "AAA", GEO_ACTOR_UNKNOWN, "BBB", GEO_ACTOR_GROUP);
	typed(a, "AAA", GEO_ACTOR_UNKNOWN, "BBB", GEO_ACTOR_UNKNOWN);
	typed(a, "AAA", GEO_ACTOR_INSTITUTION, "BBB", GEO_ACTOR_COUNTRY);
	typed(a, "AAA", GEO_ACTOR_COUNTRY, "a-long-actor-id", GEO_ACTOR_UNKNOWN);
	typed(a, "AAA", GEO_ACTOR_UNKNOWN, "a-long-actor-id", GEO_ACTOR_PERSON);
	typed(a, "AAA", GEO_ACTOR_UNKNOWN, "a-long-actor-id", GEO_ACTOR_GROUP);
	assert_int_equal(geo_agg_vcount(a), 3);
	assert_string_equal(a->v[0].id, "AAA");
	assert_int_equal(a->v[0].type, GEO_ACTOR_INSTITUTION);
	assert_string_equal(a->v[1].id, "BBB");
	assert_int_equal(a->v[1].type, GEO_ACTOR_GROUP);
	assert_string_equal(a->v[2].id, "a-long-actor-id");
	assert_int_equal(a->v[2].type, GEO_ACTOR_PERSON);
	geo_agg_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_equal_kept_bits),
		cmocka_unit_test(test_growth_keeps_every_edge),
		cmocka_unit_test(test_graph_sort_both_ways),
		cmocka_unit_test(test_pipe_keeps_order),
		cmocka_unit_test(test_pipe_code_lengths),
		cmocka_unit_test(test_relation_by_address),
		cmocka_unit_test(test_first_type_wins),
	};

	return cmocka_run_group_tests_name("agg_index", tests, NULL, NULL);
}

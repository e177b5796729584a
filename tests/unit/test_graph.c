/* test_graph.c - aggregation, merge, level folding and every filter, on
 * small event sets whose expected graphs are worked out by hand below. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "graph_internal.h"

/* A dictionary of our own, so the tests do not move when the built-in one
 * grows. */
static const char dict_text[] =
	"actor\tUSA\tcountry\tUnited States\n"
	"actor\tCHN\tcountry\tChina\n"
	"actor\tRUS\tcountry\tRussia\n"
	"actor\tEU\tigo\tEuropean Union\n"
	"actor\tperson:scott-bessent\tperson\tScott Bessent\taffiliation=USA\n"
	"relation\tmeet\tmeets\t044\t2.5\t1\tsymmetric\n"
	"relation\ttariff\timposes tariffs on\t172\t-7.0\t4\ttrade\n"
	"relation\taccuse\taccuses\t112\t-2.0\t3\n"
	"relation\tbuys_oil\tbuys oil from\t061\t6.4\t2\ttrade\n"
	"relation\tsanction\tsanctions\t163\t-8.0\t4\n";

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

/* One event: "SRC>TGT relation doc date goldstein weight". */
typedef struct ev_spec {
	const char *src, *tgt, *rel, *doc, *date;
	double goldstein, weight;
	const char *evidence;
	bool negated;
} ev_spec;

static void add(geo_agg *a, const ev_spec *s)
{
	geo_event ev;
	geo_error err;

	geo_event_init(&ev);
	ev.source.id = s->src;
	ev.target.id = s->tgt;
	ev.relation = s->rel;
	ev.doc = s->doc;
	if (s->date)
		snprintf(ev.date, sizeof ev.date, "%s", s->date);
	ev.goldstein = s->goldstein;
	ev.weight = s->weight ? s->weight : 1;
	ev.evidence = s->evidence;
	ev.negated = s->negated;
	assert_int_equal(geo_agg_add(a, &ev, &err), GEO_OK);
}

static geo_agg *agg_of(const ev_spec *s, size_t n, const geo_agg_opts *o)
{
	geo_agg *a;
	geo_error err;

	assert_int_equal(geo_agg_new(&a, dict, o, &err), GEO_OK);
	for (size_t i = 0; i < n; i++)
		add(a, &s[i]);
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
	return NULL;
}

/* The ids of the graph's vertices joined by spaces. */
static const char *ids(const geo_graph *g)
{
	static char buf[512];
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < geo_graph_vcount(g); i++)
		used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%s", i ? " " : "",
					 geo_graph_vertex(g, i)->id);
	return buf;
}

static const ev_spec basic[] = {
	{"USA", "CHN", "tariff", "a", "2025-01-02", -7.0, 1, "The US put tariffs on China.", false},
	{"USA", "CHN", "tariff", "a", "2025-01-05", -7.0, 1, NULL, false},
	{"CHN", "USA", "accuse", "a", "", -2.0, 1, "China accused the US.", false},
	{"USA", "CHN", "tariff", "b", "2025-01-01", -6.0, 3, "Tariffs again.", false},
	{"RUS", "CHN", "buys_oil", "b", "2025-02-01", 6.4, 1, NULL, true},
};

static void test_aggregate(void **state)
{
	geo_agg *a = agg_of(basic, 5, NULL);
	geo_graph *g = build(a, NULL);
	const geo_edge *e;

	(void)state;
	/* The negated oil purchase makes no edge, so RUS is no actor. */
	assert_string_equal(ids(g), "CHN USA");
	assert_int_equal(geo_graph_ecount(g), 2);
	/* Sorted by source id: CHN's edge first. */
	e = geo_graph_edge(g, 0);
	assert_string_equal(e->relation, "accuse");
	assert_int_equal(e->count, 1);
	assert_string_equal(e->first_date, "");
	assert_int_equal(e->quad, 3);
	assert_false(e->trade);
	e = geo_graph_edge(g, 1);
	assert_string_equal(e->relation, "tariff");
	assert_string_equal(e->display, "imposes tariffs on");
	assert_string_equal(e->cameo, "172");
	assert_true(e->trade);
	/* Three events, weights 1 + 1 + 3, Goldstein -7 -7 -6. */
	assert_int_equal(e->count, 3);
	assert_true(e->weight == 5.0);
	assert_true(e->goldstein_sum == -20.0);
	assert_true(fabs(e->goldstein_mean - -20.0 / 3) < 1e-12);
	assert_true(e->goldstein_abs_sum == 20.0);
	/* Dates are the range, not the order seen. */
	assert_string_equal(e->first_date, "2025-01-01");
	assert_string_equal(e->last_date, "2025-01-05");
	/* Documents a and b. */
	assert_int_equal(e->docs, 2);
	/* Evidence: the first sentences seen, in order; events without one
	 * leave no gap. */
	assert_int_equal(e->nevidence, 2);
	assert_string_equal(e->evidence[0].text, "The US put tariffs on China.");
	assert_string_equal(e->evidence[0].doc, "a");
	assert_string_equal(e->evidence[0].date, "2025-01-02");
	assert_string_equal(e->evidence[1].text, "Tariffs again.");
	assert_string_equal(geo_graph_vertex(g, 0)->label, "China");
	assert_int_equal(geo_graph_vertex(g, 0)->type, GEO_ACTOR_COUNTRY);
	assert_int_equal(geo_graph_find(g, "USA"), 1);
	assert_int_equal(geo_graph_find(g, "RUS"), SIZE_MAX);
	assert_null(geo_graph_vertex(g, 2));
	assert_null(geo_graph_edge(g, 2));
	assert_int_equal(geo_agg_get_stats(a)->events, 5);
	assert_int_equal(geo_agg_get_stats(a)->kept, 4);
	assert_int_equal(geo_agg_get_stats(a)->negated, 1);
	geo_graph_free(g);
	geo_agg_free(a);
}

/* Runs of one document: a, b, a is three documents for the edge (the same
 * name coming back after another document is another file with that name,
 * as two folders' "notes.txt" would be). */
static void test_docs_are_runs(void **state)
{
	static const ev_spec s[] = {
		{"USA", "CHN", "meet", "a", "", 2.5, 1, NULL, false},
		{"USA", "CHN", "meet", "a", "", 2.5, 1, NULL, false},
		{"USA", "RUS", "meet", "b", "", 2.5, 1, NULL, false},
		{"USA", "CHN", "meet", "a", "", 2.5, 1, NULL, false},
	};
	geo_agg *a = agg_of(s, 4, NULL);
	geo_graph *g = build(a, NULL);

	(void)state;
	assert_int_equal(edge(g, "USA", "CHN", "meet")->docs, 2);
	assert_int_equal(edge(g, "USA", "CHN", "meet")->count, 3);
	assert_int_equal(edge(g, "USA", "RUS", "meet")->docs, 1);
	assert_int_equal(geo_agg_get_stats(a)->documents, 3);
	geo_graph_free(g);
	geo_agg_free(a);
}

/* Every field of two graphs is equal. */
static void assert_same_graph(const geo_graph *x, const geo_graph *y)
{
	assert_int_equal(geo_graph_vcount(x), geo_graph_vcount(y));
	assert_int_equal(geo_graph_ecount(x), geo_graph_ecount(y));
	for (size_t i = 0; i < geo_graph_vcount(x); i++) {
		const geo_vertex *a = geo_graph_vertex(x, i), *b = geo_graph_vertex(y, i);
		assert_string_equal(a->id, b->id);
		assert_string_equal(a->label, b->label);
		assert_int_equal(a->type, b->type);
		assert_true((!a->affiliation && !b->affiliation) ||
			    (a->affiliation && b->affiliation && strcmp(a->affiliation, b->affiliation) == 0));
	}
	for (size_t i = 0; i < geo_graph_ecount(x); i++) {
		const geo_edge *a = geo_graph_edge(x, i), *b = geo_graph_edge(y, i);
		assert_int_equal(a->from, b->from);
		assert_int_equal(a->to, b->to);
		assert_string_equal(a->relation, b->relation);
		assert_int_equal(a->count, b->count);
		assert_true(a->weight == b->weight);
		assert_true(fabs(a->goldstein_sum - b->goldstein_sum) < 1e-9);
		assert_string_equal(a->first_date, b->first_date);
		assert_string_equal(a->last_date, b->last_date);
		assert_int_equal(a->docs, b->docs);
		assert_int_equal(a->nevidence, b->nevidence);
		for (size_t k = 0; k < a->nevidence; k++) {
			assert_string_equal(a->evidence[k].text, b->evidence[k].text);
			assert_string_equal(a->evidence[k].doc, b->evidence[k].doc);
		}
	}
}

/* A stream with documents spanning the split points, repeated edges,
 * evidence beyond the first three and labels learnt late. */
static const ev_spec stream[] = {
	{"USA", "CHN", "tariff", "d1", "2025-03-01", -7, 1, "s1", false},
	{"CHN", "USA", "accuse", "d1", "2025-03-01", -2, 1, "s2", false},
	{"USA", "CHN", "tariff", "d2", "2025-03-04", -7, 2, "s3", false},
	{"XYZ", "USA", "meet", "d2", "", 2.5, 1, NULL, false},
	{"USA", "CHN", "tariff", "d2", "2025-02-27", -7, 1, "s4", false},
	{"USA", "CHN", "tariff", "d3", "", -7, 1, "s5", false},
	{"EU", "CHN", "tariff", "d3", "2025-03-09", -7, 5, NULL, false},
	{"CHN", "USA", "accuse", "d4", "2025-03-10", -2, 1, "s6", false},
	{"USA", "CHN", "tariff", "d4", "2025-03-11", -7, 1, "s7", false},
	{"CHN", "USA", "accuse", "d4", "2025-03-12", -2, 1, NULL, false},
	{"EU", "CHN", "tariff", "d5", "2025-03-13", -7, 1, "s8", false},
	{"RUS", "EU", "buys_oil", "d5", "2025-03-14", 6.4, 1, "s9", false},
};

static void test_merge_equals_concatenation(void **state)
{
	size_t n = sizeof stream / sizeof *stream;
	geo_agg *whole = agg_of(stream, n, NULL);
	geo_graph *gw = build(whole, NULL);
	geo_error err;

	(void)state;
	/* Every split point, including inside document runs (d2 at 3|4,
	 * d4 at 8|9) and the empty halves. */
	for (size_t cut = 0; cut <= n; cut++) {
		geo_agg *x = agg_of(stream, cut, NULL);
		geo_agg *y = agg_of(stream + cut, n - cut, NULL);
		geo_graph *gm;
		assert_int_equal(geo_agg_merge(x, y, &err), GEO_OK);
		gm = build(x, NULL);
		assert_same_graph(gw, gm);
		assert_int_equal(geo_agg_get_stats(x)->documents, geo_agg_get_stats(whole)->documents);
		assert_int_equal(geo_agg_get_stats(x)->events, n);
		geo_graph_free(gm);
		geo_agg_free(x);
		geo_agg_free(y);
	}
	/* Three parts, merged left to right. */
	for (size_t c1 = 0; c1 <= n; c1 += 2)
		for (size_t c2 = c1; c2 <= n; c2 += 3) {
			geo_agg *x = agg_of(stream, c1, NULL);
			geo_agg *y = agg_of(stream + c1, c2 - c1, NULL);
			geo_agg *z = agg_of(stream + c2, n - c2, NULL);
			geo_graph *gm;
			assert_int_equal(geo_agg_merge(x, y, &err), GEO_OK);
			assert_int_equal(geo_agg_merge(x, z, &err), GEO_OK);
			gm = build(x, NULL);
			assert_same_graph(gw, gm);
			geo_graph_free(gm);
			geo_agg_free(x);
			geo_agg_free(y);
			geo_agg_free(z);
		}
	assert_int_equal(geo_agg_merge(whole, whole, &err), GEO_EUSAGE);
	/* Hand check of the whole: USA->CHN tariff is 5 events in d1, d2, d3,
	 * d4 (4 documents), first 02-27, last 03-11, evidence s1 s3 s4. */
	{
		const geo_edge *e = edge(gw, "USA", "CHN", "tariff");
		assert_int_equal(e->count, 5);
		assert_int_equal(e->docs, 4);
		assert_true(e->weight == 6);
		assert_string_equal(e->first_date, "2025-02-27");
		assert_string_equal(e->last_date, "2025-03-11");
		assert_int_equal(e->nevidence, 3);
		assert_string_equal(e->evidence[2].text, "s4");
		/* CHN->USA accuse: d1, then d4 twice: 2 documents. */
		assert_int_equal(edge(gw, "CHN", "USA", "accuse")->docs, 2);
		/* XYZ is no dictionary actor: label = id, three capitals = country. */
		assert_string_equal(geo_graph_vertex(gw, geo_graph_find(gw, "XYZ"))->label, "XYZ");
		assert_int_equal(geo_graph_vertex(gw, geo_graph_find(gw, "XYZ"))->type, GEO_ACTOR_COUNTRY);
	}
	geo_graph_free(gw);
	geo_agg_free(whole);
}

/*
 * Many edges: 97 actors x 96 x 3 relations = 27,936 distinct edges, far
 * past the edge index's first size (1024 slots), so the index grows five
 * times and its slots collide (27,936 keys in 32,768 or 65,536 slots).
 * Each edge is added twice, the second time in the opposite order, so
 * every second add must find the first one after the growths.  Relations
 * are first seen in the reverse of their strcmp order ("zz" before "m"
 * before "a"), which the graph's edge order must not follow.  Checked:
 * every count is 2, every evidence and doc survive interning, and the
 * graph's edges are in (source id, target id, relation) order.
 */
static void test_many_edges(void **state)
{
	static const char *const rels[] = {"zz", "m", "a"};
	const size_t na = 97, nr = 3, want = 97 * 96 * 3;
	char ida[16], idb[16], text[64];
	geo_agg *a;
	geo_graph *g;
	geo_error err;

	(void)state;
	assert_int_equal(geo_agg_new(&a, dict, NULL, &err), GEO_OK);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t k = 0; k < na * na * nr; k++) {
			size_t j = pass ? na * na * nr - 1 - k : k;
			size_t x = j / (na * nr), y = j / nr % na, r = j % nr;
			geo_event ev;

			if (x == y)
				continue;
			/* Ids whose creation order is not their id order. */
			snprintf(ida, sizeof ida, "X%03zu", (x * 37) % na);
			snprintf(idb, sizeof idb, "X%03zu", (y * 37) % na);
			snprintf(text, sizeof text, "%s %s %s, pass %d.", ida, rels[r], idb, pass);
			geo_event_init(&ev);
			ev.source.id = ida;
			ev.target.id = idb;
			ev.relation = rels[r];
			ev.doc = pass ? "second" : "first";
			ev.evidence = text;
			assert_int_equal(geo_agg_add(a, &ev, &err), GEO_OK);
		}
	}
	assert_int_equal(geo_agg_ecount(a), want);
	assert_int_equal(geo_agg_vcount(a), na);
	assert_int_equal(geo_agg_get_stats(a)->kept, 2 * want);
	g = build(a, NULL);
	assert_int_equal(geo_graph_ecount(g), want);
	for (size_t i = 0; i < want; i++) {
		const geo_edge *e = geo_graph_edge(g, i);
		assert_int_equal(e->count, 2);
		assert_int_equal(e->docs, 2);
		assert_int_equal(e->nevidence, 2);
		snprintf(text, sizeof text, "%s %s %s, pass 1.", geo_graph_vertex(g, e->from)->id, e->relation,
			 geo_graph_vertex(g, e->to)->id);
		assert_string_equal(e->evidence[1].text, text);
		assert_string_equal(e->evidence[0].doc, "first");
		assert_string_equal(e->evidence[1].doc, "second");
		if (i) {
			const geo_edge *p = geo_graph_edge(g, i - 1);
			int c = strcmp(geo_graph_vertex(g, p->from)->id, geo_graph_vertex(g, e->from)->id);
			if (c == 0)
				c = strcmp(geo_graph_vertex(g, p->to)->id, geo_graph_vertex(g, e->to)->id);
			if (c == 0)
				c = strcmp(p->relation, e->relation);
			assert_true(c < 0);
		}
	}
	/* The first edges: X000 -> X001 by a, m, zz. */
	assert_string_equal(geo_graph_edge(g, 0)->relation, "a");
	assert_string_equal(geo_graph_edge(g, 1)->relation, "m");
	assert_string_equal(geo_graph_edge(g, 2)->relation, "zz");
	assert_string_equal(geo_graph_vertex(g, geo_graph_edge(g, 2)->to)->id, "X001");
	/* A relation filter on a grown index keeps the one label. */
	geo_graph_free(g);
	{
		geo_filter f = {.relations = "m"};
		g = build(a, &f);
		assert_int_equal(geo_graph_ecount(g), want / 3);
		for (size_t i = 0; i < geo_graph_ecount(g); i++)
			assert_string_equal(geo_graph_edge(g, i)->relation, "m");
	}
	geo_graph_free(g);
	geo_agg_free(a);
}

static void add_ref(geo_agg *a, geo_actor_ref src, geo_actor_ref tgt, const char *rel)
{
	geo_event ev;
	geo_error err;

	geo_event_init(&ev);
	ev.source = src;
	ev.target = tgt;
	ev.relation = rel;
	ev.doc = "d";
	assert_int_equal(geo_agg_add(a, &ev, &err), GEO_OK);
}

static void test_levels(void **state)
{
	/* Bessent is in the dictionary (affiliation USA); the senator is not,
	 * the event names her affiliation; the minister is known by nothing. */
	geo_actor_ref bessent = {.id = "person:scott-bessent"};
	geo_actor_ref senator = {.id = "person:jane-doe", .label = "Jane Doe", .type = GEO_ACTOR_PERSON,
				 .affiliation = "USA"};
	geo_actor_ref minister = {.id = "person:li-qiang"};
	geo_actor_ref chn = {.id = "CHN"}, usa = {.id = "USA"}, org = {.id = "institution:chn-mofcom"};
	geo_agg_opts country = {.level = GEO_LEVEL_COUNTRY}, actor = {.level = GEO_LEVEL_ACTOR};
	geo_agg_opts loops = {.level = GEO_LEVEL_COUNTRY, .self_loops = true};
	geo_agg *a;
	geo_graph *g;
	geo_error err;

	(void)state;
	/* Country level: both Americans fold into USA; the senator's "meet"
	 * with the US is a self-loop and goes. */
	assert_int_equal(geo_agg_new(&a, dict, &country, &err), GEO_OK);
	add_ref(a, bessent, chn, "tariff");
	add_ref(a, senator, chn, "tariff");
	add_ref(a, senator, usa, "meet");
	add_ref(a, minister, org, "meet");
	g = build(a, NULL);
	assert_string_equal(ids(g), "CHN USA institution:chn-mofcom person:li-qiang");
	assert_int_equal(edge(g, "USA", "CHN", "tariff")->count, 2);
	assert_int_equal(geo_agg_get_stats(a)->self_loops, 1);
	assert_string_equal(geo_graph_vertex(g, 1)->label, "United States");
	/* Guessed types from the id prefix. */
	assert_int_equal(geo_graph_vertex(g, 2)->type, GEO_ACTOR_INSTITUTION);
	assert_int_equal(geo_graph_vertex(g, 3)->type, GEO_ACTOR_PERSON);
	assert_string_equal(geo_graph_vertex(g, 3)->label, "person:li-qiang");
	geo_graph_free(g);
	geo_agg_free(a);

	/* Actor level: people stay, with labels from the dictionary or event. */
	assert_int_equal(geo_agg_new(&a, dict, &actor, &err), GEO_OK);
	add_ref(a, bessent, chn, "tariff");
	add_ref(a, senator, chn, "tariff");
	add_ref(a, senator, usa, "meet");
	g = build(a, NULL);
	assert_string_equal(ids(g), "CHN USA person:jane-doe person:scott-bessent");
	assert_string_equal(geo_graph_vertex(g, 2)->label, "Jane Doe");
	assert_string_equal(geo_graph_vertex(g, 2)->affiliation, "USA");
	assert_string_equal(geo_graph_vertex(g, 3)->label, "Scott Bessent");
	assert_string_equal(geo_graph_vertex(g, 3)->affiliation, "USA");
	assert_int_equal(geo_graph_vertex(g, 3)->type, GEO_ACTOR_PERSON);
	assert_null(geo_graph_vertex(g, 0)->affiliation);
	assert_int_equal(geo_agg_get_stats(a)->self_loops, 0);
	geo_graph_free(g);
	geo_agg_free(a);

	/* --self-loops keeps the folded USA->USA meeting. */
	assert_int_equal(geo_agg_new(&a, dict, &loops, &err), GEO_OK);
	add_ref(a, senator, usa, "meet");
	g = build(a, NULL);
	assert_int_equal(edge(g, "USA", "USA", "meet")->count, 1);
	geo_graph_free(g);
	geo_agg_free(a);
}

static void test_bad_event(void **state)
{
	geo_agg *a;
	geo_event ev;
	geo_error err;

	(void)state;
	assert_int_equal(geo_agg_new(&a, NULL, NULL, &err), GEO_OK);
	geo_event_init(&ev);
	ev.source.id = "USA";
	ev.relation = "meet";
	assert_int_equal(geo_agg_add(a, &ev, &err), GEO_EDATA);
	assert_non_null(strstr(err.msg, "without source, target or relation"));
	geo_agg_free(a);
}

static size_t ecount_with(const geo_agg *a, const char *relations)
{
	geo_filter f = {.relations = relations};
	geo_graph *g = build(a, &f);
	size_t n = geo_graph_ecount(g);

	geo_graph_free(g);
	return n;
}

static void test_relation_filter(void **state)
{
	/* One edge per relation: meet (quad 1), buys_oil (2, trade), accuse (3),
	 * tariff (4, trade), custom (no dictionary entry, quad 0). */
	static const ev_spec s[] = {
		{"USA", "CHN", "meet", "a", "", 0, 1, NULL, false},
		{"CHN", "RUS", "buys_oil", "a", "", 0, 1, NULL, false},
		{"CHN", "USA", "accuse", "a", "", 0, 1, NULL, false},
		{"USA", "CHN", "tariff", "a", "", 0, 1, NULL, false},
		{"USA", "EU", "custom", "a", "", 0, 1, NULL, false},
	};
	geo_agg *a = agg_of(s, 5, NULL);
	geo_filter f = {.relations = "tariff,bogus, nope"};
	geo_graph *g;
	geo_error err;

	(void)state;
	assert_int_equal(ecount_with(a, "cooperation"), 2);
	assert_int_equal(ecount_with(a, "conflict"), 2);
	assert_int_equal(ecount_with(a, "verbal"), 2);   /* meet, accuse */
	assert_int_equal(ecount_with(a, "material"), 2); /* buys_oil, tariff */
	assert_int_equal(ecount_with(a, "trade"), 2);
	assert_int_equal(ecount_with(a, "custom"), 1);
	assert_int_equal(ecount_with(a, "trade,accuse"), 3);
	assert_int_equal(ecount_with(a, "trade, conflict"), 3);
	/* A dictionary relation no event used is valid and matches nothing. */
	assert_int_equal(ecount_with(a, "meet,sanction"), 1);
	/* Actors without a kept edge go: accuse keeps CHN and USA only. */
	{
		geo_filter fa = {.relations = "accuse"};
		g = build(a, &fa);
		assert_string_equal(ids(g), "CHN USA");
		geo_graph_free(g);
	}
	assert_int_equal(geo_graph_build(&g, a, &f, &err), GEO_EUSAGE);
	assert_null(g);
	assert_non_null(strstr(err.msg, "unknown relation 'bogus', 'nope'"));
	f.relations = "trade,";
	assert_int_equal(geo_graph_build(&g, a, &f, &err), GEO_EUSAGE);
	assert_non_null(strstr(err.msg, "unknown relation ''"));
	assert_true(geo_relation_family_is("trade"));
	assert_false(geo_relation_family_is("tariff"));
	geo_agg_free(a);
}

static void test_date_filters(void **state)
{
	geo_agg_opts o = {.since = "2025-03-05", .until = "2025-03-11"};
	size_t n = sizeof stream / sizeof *stream;
	geo_agg *a = agg_of(stream, n, &o);
	geo_graph *g = build(a, NULL);
	geo_filter f = {.since = "2025-03-12"};

	(void)state;
	/* In range: EU->CHN 03-09, CHN->USA 03-10, USA->CHN 03-11. */
	assert_int_equal(geo_graph_ecount(g), 3);
	assert_int_equal(edge(g, "USA", "CHN", "tariff")->count, 1);
	assert_string_equal(edge(g, "USA", "CHN", "tariff")->first_date, "2025-03-11");
	/* 9 dropped: 6 dated outside, 3 undated. */
	assert_int_equal(geo_agg_get_stats(a)->out_of_range, 9);
	geo_graph_free(g);
	geo_agg_free(a);

	/* Graph-level dates keep edges whose range meets the window. */
	a = agg_of(stream, n, NULL);
	g = build(a, &f);
	/* CHN->USA accuse (to 03-12), EU->CHN (to 03-13), RUS->EU (03-14). */
	assert_int_equal(geo_graph_ecount(g), 3);
	assert_non_null(edge(g, "CHN", "USA", "accuse"));
	geo_graph_free(g);
	memset(&f, 0, sizeof f);
	memcpy(f.until, "2025-02-28", 11);
	g = build(a, &f);
	assert_int_equal(geo_graph_ecount(g), 1); /* USA->CHN from 02-27 */
	geo_graph_free(g);
	geo_agg_free(a);
}

static void test_min_count_ego_top(void **state)
{
	size_t n = sizeof stream / sizeof *stream;
	geo_agg *a = agg_of(stream, n, NULL);
	geo_filter f = {.min_count = 2};
	geo_graph *g;
	geo_error err;

	(void)state;
	/* Edges: USA->CHN tariff 5, CHN->USA accuse 3, EU->CHN 2, XYZ->USA 1,
	 * RUS->EU 1. */
	g = build(a, &f);
	assert_int_equal(geo_graph_ecount(g), 3);
	assert_string_equal(ids(g), "CHN EU USA");
	geo_graph_free(g);

	/* Ego RUS, depth 1: RUS and EU.  Depth 2 adds CHN; 3 adds USA; 4 XYZ. */
	memset(&f, 0, sizeof f);
	f.ego = "RUS";
	g = build(a, &f);
	assert_string_equal(ids(g), "EU RUS");
	assert_int_equal(geo_graph_ecount(g), 1);
	geo_graph_free(g);
	f.depth = 2;
	g = build(a, &f);
	assert_string_equal(ids(g), "CHN EU RUS");
	geo_graph_free(g);
	f.depth = 3;
	g = build(a, &f);
	assert_string_equal(ids(g), "CHN EU RUS USA");
	assert_int_equal(geo_graph_ecount(g), 4);
	geo_graph_free(g);
	f.ego = "FRA";
	assert_int_equal(geo_graph_build(&g, a, &f, &err), GEO_EUSAGE);
	assert_string_equal(err.msg, "ego actor 'FRA' is not in the graph");
	/* XYZ exists but min-count removes its only edge. */
	f.ego = "XYZ";
	f.min_count = 2;
	assert_int_equal(geo_graph_build(&g, a, &f, &err), GEO_EUSAGE);
	assert_string_equal(err.msg, "ego actor 'XYZ' is not in the graph (after the filters)");

	/* Top 2 by PageRank (event counts): CHN receives 5 + 2, USA receives
	 * 3 + 1 and passes most of its rank to CHN; the others receive at most
	 * 2.  The edges among the two stay. */
	memset(&f, 0, sizeof f);
	f.top = 2;
	g = build(a, &f);
	assert_string_equal(ids(g), "CHN USA");
	assert_int_equal(geo_graph_ecount(g), 2);
	geo_graph_free(g);
	f.top = 99;
	g = build(a, &f);
	assert_int_equal(geo_graph_vcount(g), 5);
	geo_graph_free(g);
	geo_agg_free(a);
}

static void test_names(void **state)
{
	geo_measure m;
	geo_weight_mode w;

	(void)state;
	assert_string_equal(geo_measure_name(GEO_M_GOLDSTEIN_OUT), "goldstein_out");
	assert_null(geo_measure_name(GEO_M_COUNT));
	assert_true(geo_measure_parse("betweenness", &m));
	assert_int_equal(m, GEO_M_BETWEENNESS);
	assert_false(geo_measure_parse("Betweenness", &m));
	assert_true(geo_weight_mode_parse("goldstein-abs", &w));
	assert_int_equal(w, GEO_WEIGHT_GOLDSTEIN_ABS);
	assert_string_equal(geo_weight_mode_name(GEO_WEIGHT_NONE), "none");
	assert_false(geo_weight_mode_parse("abs", &w));
	assert_int_equal(geo_graph_guess_type("ABC"), GEO_ACTOR_COUNTRY);
	assert_int_equal(geo_graph_guess_type("ABCD"), GEO_ACTOR_UNKNOWN);
	assert_int_equal(geo_graph_guess_type("abc"), GEO_ACTOR_UNKNOWN);
	assert_int_equal(geo_graph_guess_type("group:hamas"), GEO_ACTOR_GROUP);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_aggregate),
		cmocka_unit_test(test_docs_are_runs),
		cmocka_unit_test(test_merge_equals_concatenation),
		cmocka_unit_test(test_many_edges),
		cmocka_unit_test(test_levels),
		cmocka_unit_test(test_bad_event),
		cmocka_unit_test(test_relation_filter),
		cmocka_unit_test(test_date_filters),
		cmocka_unit_test(test_min_count_ego_top),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests_name("graph", tests, setup, teardown);
}

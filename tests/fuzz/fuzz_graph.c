/*
 * fuzz_graph.c - events end to end into the graph: events JSON Lines ->
 * geo_source -> geo_agg -> geo_graph_build -> geo_graph_compute, reading
 * every vertex, edge and score.  The options (level, self-loops, dates,
 * relation filter, minimum count, top, ego, weights, community algorithm,
 * cutoff) come from a hash of the input, so each input replays the same way.
 */
#define _GNU_SOURCE
#include <math.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "graph.h"

static geo_dict *shared_dict(void)
{
	static geo_dict *d;

	if (!d && geo_dict_new_builtin(&d, NULL) != GEO_OK)
		d = NULL;
	return d;
}

static uint64_t hash(const uint8_t *p, size_t n)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ull;
	return h;
}

/* Takes the next k bits of *h. */
static unsigned bits(uint64_t *h, unsigned k)
{
	unsigned v = (unsigned)(*h & ((1u << k) - 1));

	*h >>= k;
	return v;
}

static void touch_graph(geo_graph *g)
{
	volatile size_t sink = 0;

	for (size_t i = 0; i < geo_graph_vcount(g); i++) {
		const geo_vertex *v = geo_graph_vertex(g, i);
		sink += strlen(v->id) + strlen(v->label) + (v->affiliation ? strlen(v->affiliation) : 0);
		for (int m = 0; m < GEO_M_COUNT; m++)
			sink += isnan(geo_graph_score(g, (geo_measure)m, i)) ? 1 : 0;
		sink += geo_graph_find(g, v->id) == i;
	}
	for (size_t i = 0; i < geo_graph_ecount(g); i++) {
		const geo_edge *e = geo_graph_edge(g, i);
		sink += e->from + e->to + strlen(e->relation) + strlen(e->display) + e->count;
		for (size_t k = 0; k < e->nevidence; k++)
			sink += strlen(e->evidence[k].text) + (e->evidence[k].doc ? strlen(e->evidence[k].doc) : 0);
	}
	(void)sink;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const relations[] = {NULL, "trade", "conflict", "cooperation,tariff",
						"verbal,material", "sanction", "meet,war", NULL};
	uint64_t h = hash(data, size);
	char path[64];
	const char *paths[1] = {path};
	geo_source_opts so = {.format = GEO_INPUT_EVENTS, .dict = shared_dict()};
	geo_agg_opts ao = {0};
	geo_filter f = {0};
	geo_centrality_opts co = {0};
	geo_source *src = NULL;
	geo_agg *agg = NULL;
	geo_graph *g = NULL, *ego = NULL;
	const geo_event *ev;
	int fd = memfd_create("fuzz", 0);

	if (fd < 0)
		return 0;
	if (size && write(fd, data, size) != (ssize_t)size)
		goto out;
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);

	ao.level = bits(&h, 1) ? GEO_LEVEL_ACTOR : GEO_LEVEL_COUNTRY;
	ao.self_loops = bits(&h, 1);
	if (bits(&h, 1))
		memcpy(ao.since, "2025-01-01", 11);
	if (bits(&h, 1))
		memcpy(ao.until, "2025-12-31", 11);
	f.relations = relations[bits(&h, 3)];
	f.min_count = bits(&h, 2);
	f.top = bits(&h, 3);
	if (bits(&h, 1))
		memcpy(f.since, "2025-03-01", 11);
	co.weight = (geo_weight_mode)bits(&h, 2);
	co.community = bits(&h, 1) ? GEO_COMMUNITY_LEIDEN : GEO_COMMUNITY_LOUVAIN;
	co.normalize = bits(&h, 1);
	co.cutoff = (double)bits(&h, 2) - 1; /* -1 exact, 0 automatic, 1 or 2 */
	co.seed = bits(&h, 4);
	so.level = ao.level;

	if (geo_source_open(&src, paths, 1, &so, NULL) != GEO_OK ||
	    geo_agg_new(&agg, shared_dict(), &ao, NULL) != GEO_OK)
		goto out;
	while (geo_source_next(src, &ev, NULL) == GEO_OK && ev)
		if (geo_agg_add(agg, ev, NULL) != GEO_OK)
			goto out;
	if (geo_graph_build(&g, agg, &f, NULL) != GEO_OK)
		goto out;
	if (geo_graph_compute(g, &co, NULL) == GEO_OK)
		touch_graph(g);
	if (geo_graph_vcount(g) > 0) {
		geo_filter ef = {.ego = geo_graph_vertex(g, 0)->id, .depth = (int)bits(&h, 2)};
		if (geo_graph_build(&ego, agg, &ef, NULL) == GEO_OK &&
		    geo_graph_compute(ego, NULL, NULL) == GEO_OK)
			touch_graph(ego);
	}
out:
	geo_graph_free(ego);
	geo_graph_free(g);
	geo_agg_free(agg);
	geo_source_free(src);
	close(fd);
	return 0;
}

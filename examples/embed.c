/*
 * embed.c - geograph as a library: read news or events, build the graph of
 * who does what to whom, and print the actors with the highest PageRank.
 *
 * Build it against an installed geograph (`make install`):
 *
 *   cc -std=c11 -o embed embed.c $(pkg-config --cflags --libs geograph)
 *
 * geograph installs a static library, so its pkg-config flags also name the
 * libraries it uses (igraph, Graphviz, jansson, utf8proc, zlib, libzip).
 *
 *   ./embed events.jsonl 20191024143000.export.CSV   events JSON Lines, GDELT
 *   ./embed news/                     a folder: every file in it, text too
 *   ./embed - < events.jsonl          "-" reads standard input
 *
 * Every geograph call follows one pattern: it returns a geo_err (GEO_OK on
 * success) and, on failure, leaves a message in the geo_error passed last.
 * Objects come in _new/_free pairs and every _free accepts NULL, so one
 * clean-up block at the end frees whatever was made.
 */
#include <stdio.h>
#include <stdlib.h>

/* graph.h includes extract.h (events, dictionaries, sources) and geo.h
 * (errors, diagnostics). */
#include <geograph/graph.h>

#define TOP 10

/* The library never prints: warnings (a malformed line skipped, bytes that
 * were not UTF-8) come here, already naming the file and line. */
static void on_diag(void *user, geo_diag_level level, const char *msg)
{
	(void)user;
	if (level == GEO_DIAG_WARN)
		fprintf(stderr, "embed: warning: %s\n", msg);
}

typedef struct ranked {
	size_t v; /* vertex index */
	double score;
} ranked;

/* Highest score first.  Vertices are numbered in id order, so ties fall
 * back to the id and the output is the same on every run. */
static int by_score(const void *x, const void *y)
{
	const ranked *a = x, *b = y;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->v < b->v ? -1 : a->v > b->v;
}

int main(int argc, char **argv)
{
	geo_error err = {0};
	geo_dict *dict = NULL;
	geo_source *src = NULL;
	geo_agg *agg = NULL;
	geo_graph *g = NULL;
	ranked *rank = NULL;
	const geo_event *ev;
	geo_source_opts so = {0};
	geo_centrality_opts co = {0};
	size_t nv;
	int status = 1;

	if (argc < 2) {
		fprintf(stderr, "usage: embed INPUT...\n");
		return 2;
	}
	geo_set_diag_handler(on_diag, NULL);

	/* The built-in dictionary: the actors (states, organisations, people)
	 * and relations (with their CAMEO codes and Goldstein values) that
	 * text extraction recognises.  It must outlive the source and the
	 * aggregate that borrow it. */
	if (geo_dict_new_builtin(&dict, &err) != GEO_OK)
		goto fail;

	/* A source reads every path in turn - files, folders, "-" - and
	 * detects each file's format: plain text goes through the extractor,
	 * events JSON Lines and GDELT exports are read directly.  At country
	 * level people and ministries fold into their state. */
	so.format = GEO_INPUT_AUTO;
	so.dict = dict;
	so.level = GEO_LEVEL_COUNTRY;
	/* argv is char **; C does not convert it to const char *const * on
	 * its own. */
	if (geo_source_open(&src, (const char *const *)(argv + 1), (size_t)(argc - 1), &so, &err) != GEO_OK)
		goto fail;

	/* The aggregate keeps one record per (source, target, relation), so
	 * memory grows with the number of distinct edges, not of events.
	 * NULL options: country level, no self-loops, no date range. */
	if (geo_agg_new(&agg, dict, NULL, &err) != GEO_OK)
		goto fail;
	for (;;) {
		/* ev and its strings are valid until the next call. */
		if (geo_source_next(src, &ev, &err) != GEO_OK)
			goto fail;
		if (!ev)
			break;
		if (geo_agg_add(agg, ev, &err) != GEO_OK)
			goto fail;
	}

	/* The graph: one vertex per actor, one edge per (source, target,
	 * relation).  A geo_filter would keep some relations, dates or the
	 * neighbourhood of one actor; NULL keeps everything. */
	if (geo_graph_build(&g, agg, NULL, &err) != GEO_OK)
		goto fail;

	/* Compute only PageRank (weighted by the number of events between
	 * each ordered pair of actors); zeroed options would compute every
	 * measure. */
	co.measures = 1u << GEO_M_PAGERANK;
	if (geo_graph_compute(g, &co, &err) != GEO_OK)
		goto fail;

	nv = geo_graph_vcount(g);
	rank = malloc((nv ? nv : 1) * sizeof *rank);
	if (!rank) {
		geo_error_set(&err, GEO_ENOMEM, "out of memory");
		goto fail;
	}
	for (size_t v = 0; v < nv; v++)
		rank[v] = (ranked){.v = v, .score = geo_graph_score(g, GEO_M_PAGERANK, v)};
	qsort(rank, nv, sizeof *rank, by_score);

	printf("%zu events: %zu actors, %zu edges\n", geo_source_get_stats(src)->events, nv,
	       geo_graph_ecount(g));
	for (size_t i = 0; i < nv && i < TOP; i++) {
		/* Vertex records stay valid until geo_graph_free(). */
		const geo_vertex *a = geo_graph_vertex(g, rank[i].v);

		printf("%2zu. %.4f  %-12s %s (%s)\n", i + 1, rank[i].score, a->id, a->label,
		       geo_actor_type_name(a->type));
	}
	status = 0;
	goto out;
fail:
	fprintf(stderr, "embed: %s\n", err.msg);
	/* 1 bad input data, 2 bad option, 3 I/O or internal failure: the
	 * statuses the geograph command uses. */
	status = geo_err_exit_status(err.code);
out:
	free(rank);
	geo_graph_free(g);
	geo_agg_free(agg);
	geo_source_free(src);
	geo_dict_free(dict);
	return status;
}

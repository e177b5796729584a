/* cmd_stats.c - geograph stats: what was read and what graph it made. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define TOP_PAIRS 10

/* Rows of the "by relation" table. */
typedef struct rel_row {
	const char *label, *display;
	size_t edges, events;
} rel_row;

static int cmp_rel(const void *x, const void *y)
{
	const rel_row *a = x, *b = y;

	if (a->events != b->events)
		return a->events > b->events ? -1 : 1;
	return strcmp(a->label, b->label);
}

/* An ordered pair: its first edge index (edges are sorted by pair) and
 * how many edges and events it has. */
typedef struct pair_row {
	size_t first, nedges, events;
} pair_row;

static int cmp_pair(const void *x, const void *y)
{
	const pair_row *a = x, *b = y;

	if (a->events != b->events)
		return a->events > b->events ? -1 : 1;
	/* Edges are in (source id, target id) order already. */
	return a->first < b->first ? -1 : a->first > b->first;
}

/*
 * The row of relation label in rels[0..*nrel), added when new.  index is
 * an open-addressing table of cap (a power of two, > twice the labels)
 * row numbers plus one, keyed by the label's address: the graph's labels
 * are interned, so one relation has one address and a lookup costs no
 * string compare.  Should two addresses hold one label, the strcmp scan
 * still finds its row, and the new address joins the table.
 */
static size_t rel_row_of(rel_row *rels, size_t *nrel, size_t *index, const char **keys, size_t cap,
			 const geo_edge *e)
{
	size_t h = ((size_t)(uintptr_t)e->relation >> 3) * 0x9E3779B97F4A7C15ULL, i, r;

	for (i = (h >> 20) & (cap - 1); index[i]; i = (i + 1) & (cap - 1))
		if (keys[i] == e->relation)
			return index[i] - 1;
	for (r = 0; r < *nrel && strcmp(rels[r].label, e->relation) != 0; r++)
		;
	if (r == *nrel)
		rels[(*nrel)++] = (rel_row){.label = e->relation, .display = e->display};
	keys[i] = e->relation;
	index[i] = r + 1;
	return r;
}

static void plural(FILE *fp, size_t n, const char *one, const char *many)
{
	fprintf(fp, "%zu %s", n, n == 1 ? one : many);
}

static geo_err write_stats(FILE *fp, const cli_inputs *in, const geo_source_stats *st,
			   const geo_agg_stats *as, const geo_graph *g, geo_error *err)
{
	static const char *const families[] = {"cooperation", "conflict", "verbal", "material", "trade"};
	size_t ne = geo_graph_ecount(g), nv = geo_graph_vcount(g), nrel = 0, npairs = 0, skipped = 0;
	size_t bytype[GEO_ACTOR_GROUP + 1] = {0}, fam_edges[5] = {0}, fam_events[5] = {0}, undated = 0;
	size_t events = 0, ntop;
	const char *first = NULL, *last = NULL;
	rel_row *rels = calloc(ne + 1, sizeof *rels);
	pair_row *pairs = calloc(ne + 1, sizeof *pairs);
	size_t cap = 64, *index = NULL;
	const char **keys = NULL;
	geo_err rc = GEO_OK;

	/* At most one distinct label address per edge. */
	while (cap < 2 * ne + 2)
		cap *= 2;
	index = calloc(cap, sizeof *index);
	keys = calloc(cap, sizeof *keys);
	if (!rels || !pairs || !index || !keys) {
		rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
		goto out;
	}
	fputs("read:       ", fp);
	plural(fp, st->files, "file", "files");
	fputs(", ", fp);
	plural(fp, st->records, "record", "records");
	fputs(", ", fp);
	plural(fp, st->documents, "text document or GDELT row", "text documents or GDELT rows");
	fputs(", ", fp);
	plural(fp, st->sentences, "sentence", "sentences");
	fputc('\n', fp);
	fputs("skipped:    ", fp);
	for (int i = 0; i < GEO_SKIP_NREASONS; i++)
		if (st->skipped[i])
			fprintf(fp, "%s%zu %s", skipped++ ? ", " : "", st->skipped[i], geo_skip_name((geo_skip)i));
	fputs(skipped ? "\n" : "none\n", fp);
	fprintf(fp, "events:     %zu read, %zu in the aggregate; dropped %zu self-loop%s, %zu negated, %zu outside the dates\n",
		as->events, as->kept, as->self_loops, as->self_loops == 1 ? "" : "s", as->negated, as->out_of_range);
	fprintf(fp, "documents:  %zu (runs of one document id among those events)\n", as->documents);

	for (size_t i = 0; i < ne; i++) {
		const geo_edge *e = geo_graph_edge(g, i);
		unsigned fam = 0;
		size_t r;

		events += e->count;
		if (!e->first_date[0])
			undated++;
		else {
			if (!first || strcmp(e->first_date, first) < 0)
				first = e->first_date;
			if (!last || strcmp(e->last_date, last) > 0)
				last = e->last_date;
		}
		r = rel_row_of(rels, &nrel, index, keys, cap, e);
		rels[r].edges++;
		rels[r].events += e->count;
		if (e->quad == 1 || e->quad == 2)
			fam |= 1;
		if (e->quad == 3 || e->quad == 4)
			fam |= 2;
		if (e->quad == 1 || e->quad == 3)
			fam |= 4;
		if (e->quad == 2 || e->quad == 4)
			fam |= 8;
		if (e->trade)
			fam |= 16;
		for (int k = 0; k < 5; k++)
			if (fam & (1u << k)) {
				fam_edges[k]++;
				fam_events[k] += e->count;
			}
		if (npairs && geo_graph_edge(g, pairs[npairs - 1].first)->from == e->from &&
		    geo_graph_edge(g, pairs[npairs - 1].first)->to == e->to) {
			pairs[npairs - 1].nedges++;
			pairs[npairs - 1].events += e->count;
		} else {
			pairs[npairs++] = (pair_row){.first = i, .nedges = 1, .events = e->count};
		}
	}
	fprintf(fp, "dates:      %s to %s", first ? first : "-", last ? last : "-");
	if (undated)
		fprintf(fp, " (%zu edge%s without a date)", undated, undated == 1 ? "" : "s");
	fputc('\n', fp);
	fprintf(fp, "graph:      level %s; %zu actor%s, %zu edge%s (%zu ordered pair%s), %zu event%s\n",
		in->level == GEO_LEVEL_ACTOR ? "actor" : "country", nv, nv == 1 ? "" : "s", ne,
		ne == 1 ? "" : "s", npairs, npairs == 1 ? "" : "s", events, events == 1 ? "" : "s");

	for (size_t i = 0; i < nv; i++) {
		geo_actor_type t = geo_graph_vertex(g, i)->type;
		bytype[(unsigned)t <= GEO_ACTOR_GROUP ? t : GEO_ACTOR_UNKNOWN]++;
	}
	fputs("\nactors by type:\n", fp);
	for (int t = GEO_ACTOR_COUNTRY; t <= GEO_ACTOR_GROUP + 1; t++) {
		geo_actor_type tt = t > GEO_ACTOR_GROUP ? GEO_ACTOR_UNKNOWN : (geo_actor_type)t;
		if (bytype[tt])
			fprintf(fp, "  %-12s %6zu\n", geo_actor_type_name(tt), bytype[tt]);
	}

	qsort(rels, nrel, sizeof *rels, cmp_rel);
	fprintf(fp, "\nedges by relation:\n  %-22s %6s %7s  %s\n", "relation", "edges", "events", "shown as");
	for (size_t r = 0; r < nrel; r++)
		fprintf(fp, "  %-22s %6zu %7zu  %s\n", rels[r].label, rels[r].edges, rels[r].events, rels[r].display);

	fprintf(fp, "\nedges by family:\n  %-22s %6s %7s\n", "family", "edges", "events");
	for (int k = 0; k < 5; k++)
		fprintf(fp, "  %-22s %6zu %7zu\n", families[k], fam_edges[k], fam_events[k]);

	/* Only the first TOP_PAIRS in cmp_pair order are shown: an insertion
	 * into that short list per pair, not a sort of every pair. */
	ntop = 0;
	for (size_t p = 0; p < npairs; p++) {
		pair_row cur = pairs[p];
		size_t k = ntop < TOP_PAIRS ? ntop++ : TOP_PAIRS;
		if (k == TOP_PAIRS && cmp_pair(&cur, &pairs[TOP_PAIRS - 1]) >= 0)
			continue;
		if (k == TOP_PAIRS)
			k--;
		for (; k > 0 && cmp_pair(&cur, &pairs[k - 1]) < 0; k--)
			pairs[k] = pairs[k - 1];
		pairs[k] = cur;
	}
	npairs = ntop;
	fprintf(fp, "\ntop pairs by events:\n");
	for (size_t p = 0; p < npairs && p < TOP_PAIRS; p++) {
		const geo_edge *e = geo_graph_edge(g, pairs[p].first);
		fprintf(fp, "  %s -> %s  %zu:", geo_graph_vertex(g, e->from)->id, geo_graph_vertex(g, e->to)->id,
			pairs[p].events);
		for (size_t k = 0; k < pairs[p].nedges; k++) {
			const geo_edge *x = geo_graph_edge(g, pairs[p].first + k);
			fprintf(fp, "%s %s %zu", k ? "," : "", x->relation, x->count);
		}
		fputc('\n', fp);
	}
out:
	free(index);
	free(keys);
	free(rels);
	free(pairs);
	return rc;
}

static int run(const cli_cmd *self, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		CLI_INPUT_LONGOPTS,
		CLI_GRAPH_LONGOPTS,
		{NULL, 0, NULL, 0},
	};
	cli_inputs in = {0};
	cli_graph_opts go = {0};
	const char *output = "-";
	geo_dict *dict = NULL;
	geo_agg *agg = NULL;
	geo_graph *g = NULL;
	geo_outfile *out = NULL;
	geo_source_stats st;
	geo_error err = {0};
	int opt, status = EXIT_OK;

	while ((opt = cli_next_option(self, argc, argv, ":o:h", longopts, &in, &go, &status)) >= 0) {
		switch (opt) {
		case 'o':
			output = optarg;
			break;
		}
	}
	if (opt == CLI_OPTS_EXIT)
		return status;
	if (optind == argc)
		return cli_usage_error(self, "no INPUT given (use - for standard input)");
	cli_diag_setup(self, in.quiet, in.verbose);

	if ((status = cli_load_agg(self, &in, &go, argv + optind, argc - optind, &dict, &agg, &st)) != EXIT_OK ||
	    (status = cli_build_graph(self, &go, agg, &g)) != EXIT_OK)
		goto done;
	if (geo_outfile_open(&out, output, &err) != GEO_OK ||
	    write_stats(geo_outfile_fp(out), &in, &st, geo_agg_get_stats(agg), g, &err) != GEO_OK)
		goto fail;
	if (cli_commit(&out, &err) != GEO_OK)
		goto fail;
	goto done;
fail:
	status = cli_fail(self, &err);
	geo_outfile_abort(out);
done:
	geo_graph_free(g);
	geo_agg_free(agg);
	geo_dict_free(dict);
	return status;
}

const cli_cmd cmd_stats = {
	.name = "stats",
	.summary = "count documents, events, actors and edges",
	.help = "Usage: geograph stats [OPTIONS] INPUT...\n"
		"\n"
		"Reads INPUT (text, events JSON Lines, GDELT) and says what was read and\n"
		"what graph it makes: files, records, documents and sentences read; what\n"
		"was skipped and why; events kept and dropped (self-loops, negated, outside\n"
		"the dates); the date range; actors by type; edges and events by relation\n"
		"and by family; the ten ordered pairs with most events.  The graph options\n"
		"filter what is counted from \"graph:\" on (default: every actor).\n"
		"\n"
		"Options:\n"
		"  -o, --output FILE  write to FILE (default: standard output)\n"
		"  -h, --help         show this help\n"
		CLI_GRAPH_HELP
		CLI_INPUT_HELP,
	.run = run,
};

/* cmd_centrality.c - geograph centrality: rank actors by centrality and
 * community, as a table, CSV or JSON. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "render.h"

enum {
	OPT_MEASURES = OPT_FIRST_COMMAND_OPTION,
	OPT_FORMAT,
	OPT_WEIGHT,
	OPT_NORMALIZE,
	OPT_COMMUNITY,
	OPT_CUTOFF,
	OPT_SEED,
};

#define DEFAULT_TOP 20

typedef struct columns {
	geo_measure m[GEO_M_COUNT];
	size_t n;
} columns;

/* Parses "pagerank,degree" into columns in the order given, without
 * repeats; returns false naming the first unknown name in *bad. */
static bool parse_measures(const char *list, columns *c, char *bad, size_t badlen)
{
	const char *p = list;

	c->n = 0;
	for (;;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char name[32];
		geo_measure m;
		bool seen = false;

		if (len == 0 || len >= sizeof name) {
			snprintf(bad, badlen, "%.*s", (int)(len < 40 ? len : 40), p);
			return false;
		}
		memcpy(name, p, len);
		name[len] = '\0';
		if (!geo_measure_parse(name, &m)) {
			snprintf(bad, badlen, "%s", name);
			return false;
		}
		for (size_t i = 0; i < c->n; i++)
			seen = seen || c->m[i] == m;
		if (!seen)
			c->m[c->n++] = m;
		if (!end)
			break;
		p = end + 1;
	}
	return true;
}

static int run(const cli_cmd *self, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"measures", required_argument, NULL, OPT_MEASURES},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"weight", required_argument, NULL, OPT_WEIGHT},
		{"normalize", no_argument, NULL, OPT_NORMALIZE},
		{"community", required_argument, NULL, OPT_COMMUNITY},
		{"cutoff", required_argument, NULL, OPT_CUTOFF},
		{"seed", required_argument, NULL, OPT_SEED},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		CLI_INPUT_LONGOPTS,
		CLI_GRAPH_LONGOPTS,
		{NULL, 0, NULL, 0},
	};
	cli_inputs in = {0};
	cli_graph_opts go = {0};
	geo_centrality_opts co = {0};
	columns cols = {.n = 0};
	geo_table_format fmt = GEO_TABLE_TEXT;
	const char *output = "-";
	geo_dict *dict = NULL;
	geo_graph *g = NULL;
	geo_outfile *out = NULL;
	geo_error err = {0};
	size_t top;
	char bad[64];
	int opt, status = EXIT_OK;
	unsigned long long v;

	for (int k = 0; k < GEO_M_COUNT; k++)
		cols.m[cols.n++] = (geo_measure)k;
	while ((opt = cli_next_option(self, argc, argv, ":o:h", longopts, &in, &go, &status)) >= 0) {
		switch (opt) {
		case OPT_MEASURES:
			if (!parse_measures(optarg, &cols, bad, sizeof bad))
				return cli_usage_error(self, "unknown measure '%s' (see --help for the list)", bad);
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "table") == 0)
				fmt = GEO_TABLE_TEXT;
			else if (strcmp(optarg, "csv") == 0)
				fmt = GEO_TABLE_CSV;
			else if (strcmp(optarg, "json") == 0)
				fmt = GEO_TABLE_JSON;
			else
				return cli_usage_error(self, "unknown format '%s' (table, csv, json)", optarg);
			break;
		case OPT_WEIGHT:
			if (!geo_weight_mode_parse(optarg, &co.weight))
				return cli_usage_error(self, "unknown weight '%s' (count, mentions, goldstein-abs, none)",
						       optarg);
			break;
		case OPT_NORMALIZE:
			co.normalize = true;
			break;
		case OPT_COMMUNITY:
			if (strcmp(optarg, "louvain") == 0)
				co.community = GEO_COMMUNITY_LOUVAIN;
			else if (strcmp(optarg, "leiden") == 0)
				co.community = GEO_COMMUNITY_LEIDEN;
			else
				return cli_usage_error(self, "unknown community algorithm '%s' (louvain, leiden)", optarg);
			break;
		case OPT_CUTOFF: {
			char *end;
			double d;
			if (strcmp(optarg, "none") == 0) {
				co.cutoff = -1;
				break;
			}
			errno = 0;
			d = strtod(optarg, &end);
			if (errno || end == optarg || *end || !(d > 0) || !isfinite(d))
				return cli_usage_error(self, "--cutoff: '%s' is not a positive distance (or none)", optarg);
			co.cutoff = d;
			break;
		}
		case OPT_SEED:
			if (!cli_parse_size(optarg, 0xFFFFFFFFull, &v) || v == 0)
				return cli_usage_error(self, "--seed: '%s' is not an integer from 1 to 4294967295", optarg);
			co.seed = (unsigned long)v;
			break;
		case 'o':
			output = optarg;
			break;
		}
	}
	if (opt == CLI_OPTS_EXIT)
		return status;
	if (optind == argc)
		return cli_usage_error(self, "no INPUT given (use - for standard input)");
	if (go.top_set && go.all)
		return cli_usage_error(self, "--top and --all cannot be used together");
	cli_diag_setup(self, in.quiet, in.verbose);

	/* The measures describe the whole (filtered) graph; --top only limits
	 * the rows shown. */
	top = go.all ? 0 : go.top_set ? go.filter.top : DEFAULT_TOP;
	go.filter.top = 0;
	go.top_set = false;
	go.all = true;
	co.measures = 1u << GEO_M_PAGERANK; /* sorting needs it */
	for (size_t k = 0; k < cols.n; k++)
		co.measures |= 1u << cols.m[k];

	if ((status = cli_load_graph(self, &in, &go, argv + optind, argc - optind, &dict, &g)) != EXIT_OK)
		goto done;
	if (geo_graph_compute(g, &co, &err) != GEO_OK)
		goto fail;
	if (fmt == GEO_TABLE_CSV && geo_graph_betweenness_cutoff(g) > 0)
		cli_error(self, "note: betweenness and closeness count paths up to distance %g only%s",
			  geo_graph_betweenness_cutoff(g),
			  co.cutoff == 0 ? " on this large graph (--cutoff none for exact)" : "");

	if (geo_outfile_open(&out, output, &err) != GEO_OK)
		goto fail;
	{
		geo_table_opts to = {.format = fmt, .measures = cols.m, .nmeasures = cols.n, .top = top, .co = &co};
		if (geo_table_write(g, &to, geo_outfile_fp(out), &err) != GEO_OK)
			goto fail;
	}
	if (cli_commit(&out, &err) != GEO_OK)
		goto fail;
	goto done;
fail:
	status = cli_fail(self, &err);
	geo_outfile_abort(out);
done:
	geo_graph_free(g);
	geo_dict_free(dict);
	return status;
}

const cli_cmd cmd_centrality = {
	.name = "centrality",
	.summary = "rank actors by centrality and community",
	.help = "Usage: geograph centrality [OPTIONS] INPUT...\n"
		"\n"
		"Reads INPUT (text, events JSON Lines, GDELT), builds the graph of who does\n"
		"what to whom and ranks the actors: one row per actor, sorted by PageRank\n"
		"(ties by id), the 20 highest by default.\n"
		"\n"
		"Measures are computed on the pair graph: the relation edges from one actor\n"
		"to another merge into one edge whose weight is the number of events (see\n"
		"--weight).  Path measures use distance = 1/weight.  V actors, E pairs.\n"
		"  degree_in, degree_out  actors with an edge to / from this one.  O(V+E)\n"
		"  degree                 degree_in + degree_out.  O(V+E)\n"
		"  strength_in, strength_out  summed weights of those edges.  O(V+E)\n"
		"  betweenness   shortest paths between other actors that pass through this\n"
		"                one (directed; raw counts, or / (V-1)(V-2) with --normalize).\n"
		"                O(VE + V^2 log V); when V*E exceeds 1e9 only paths up to\n"
		"                distance 3 count (said in the output; see --cutoff)\n"
		"  closeness     harmonic: the mean over other actors of 1/distance from this\n"
		"                one (unreachable: 0), so disconnected graphs are fine.\n"
		"                O(VE + V^2 log V); cut off like betweenness\n"
		"  pagerank      weighted PageRank, damping 0.85 (PRPACK).  O(V+E) a step\n"
		"  hub, authority  HITS scores (largest 1): hubs act on good authorities,\n"
		"                authorities are acted on by good hubs.  ARPACK, O(V+E) a step\n"
		"  eigenvector   eigenvector centrality of the undirected view (weights of\n"
		"                both directions summed; largest 1).  ARPACK, O(V+E) a step\n"
		"  coreness      k-core number in the undirected view.  O(V+E)\n"
		"  community     community id (0 = largest) from Louvain (or Leiden) modularity\n"
		"                on the weighted undirected view; seeded, so repeatable.\n"
		"                About O(E log V)\n"
		"  goldstein_in, goldstein_out  sums of the Goldstein values (-10 conflict ..\n"
		"                +10 cooperation) of events received / sent.  O(E)\n"
		"\n"
		"Options:\n"
		"  --measures LIST    columns to show, comma-separated, in that order\n"
		"                     (default: all, in the order above)\n"
		"  --top N            show the N actors of highest PageRank (default 20);\n"
		"                     the measures are computed on the whole graph\n"
		"  --all              show every actor\n"
		"  --format F         table (default), csv or json\n"
		"  -o, --output FILE  write to FILE (default: standard output)\n"
		"  --weight W         pair weight: count (events, default), mentions (GDELT\n"
		"                     NumMentions), goldstein-abs (sum of |Goldstein|), none\n"
		"  --normalize        normalise betweenness by (V-1)(V-2)\n"
		"  --community A      louvain (default) or leiden (modularity objective)\n"
		"  --cutoff D         betweenness and closeness count only paths up to\n"
		"                     distance D; none: always exact (default: exact unless\n"
		"                     V*E > 1e9, then 3)\n"
		"  --seed N           random seed for communities (default 1)\n"
		"  -h, --help         show this help\n"
		"Graph options (--top and --all as above):\n"
		"  --relation LIST    keep these relations: labels (tariff,sanction) and families\n"
		"                     cooperation (quad 1-2), conflict (3-4), verbal (1, 3),\n"
		"                     material (2, 4), trade; comma-separated\n"
		"  --since DATE       keep events on or after DATE (YYYY-MM-DD); undated events go\n"
		"  --until DATE       keep events on or before DATE\n"
		"  --min-count N      keep edges of at least N events\n"
		"  --ego ACTOR        keep ACTOR and the actors within --depth steps of it\n"
		"  --depth K          radius of --ego, following edges either way (default 1)\n"
		"  --self-loops       keep events whose two sides are one actor (after --level)\n"
		CLI_INPUT_HELP,
	.run = run,
};

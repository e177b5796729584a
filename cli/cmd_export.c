/* cmd_export.c - geograph export: the graph in the formats of Gephi,
 * Cytoscape, NetworkX, igraph, Pajek and Neo4j. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "render.h"

enum {
	OPT_FORMAT = OPT_FIRST_COMMAND_OPTION,
};

/* The file formats a name's extension identifies. */
static bool format_from_path(const char *path, geo_export_format *out)
{
	static const struct {
		const char *ext;
		geo_export_format f;
	} exts[] = {
		{"graphml", GEO_EXPORT_GRAPHML}, {"gml", GEO_EXPORT_GML}, {"gexf", GEO_EXPORT_GEXF},
		{"json", GEO_EXPORT_JSON},       {"net", GEO_EXPORT_PAJEK}, {"dot", GEO_EXPORT_DOT},
		{"gv", GEO_EXPORT_DOT},
	};
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash + 1 : path, '.');

	if (!dot)
		return false;
	for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
		if (strcasecmp(dot + 1, exts[i].ext) == 0) {
			*out = exts[i].f;
			return true;
		}
	}
	return false;
}

static int run(const cli_cmd *self, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"help", no_argument, NULL, 'h'},
		CLI_INPUT_LONGOPTS,
		CLI_GRAPH_LONGOPTS,
		{NULL, 0, NULL, 0},
	};
	cli_inputs in = {0};
	cli_graph_opts go = {0};
	geo_export_format fmt = GEO_EXPORT_GRAPHML;
	const char *output = NULL;
	bool format_set = false;
	geo_dict *dict = NULL;
	geo_graph *g = NULL;
	geo_error err = {0};
	geo_centrality_opts co = {.measures = (1u << GEO_M_PAGERANK) | (1u << GEO_M_COMMUNITY)};
	int opt, status = EXIT_OK;

	while ((opt = cli_next_option(self, argc, argv, ":o:f:h", longopts, &in, &go, &status)) >= 0) {
		switch (opt) {
		case 'o':
			output = optarg;
			break;
		case 'f':
		case OPT_FORMAT:
			if (!geo_export_format_parse(optarg, &fmt))
				return cli_usage_error(self,
						       "unknown format '%s' (graphml, gml, gexf, json, cytoscape, csv, "
						       "pajek, neo4j, dot)",
						       optarg);
			format_set = true;
			break;
		}
	}
	if (opt == CLI_OPTS_EXIT)
		return status;
	if (!output)
		return cli_usage_error(self, "no output given (-o PATH)");
	if (!format_set && !format_from_path(output, &fmt))
		return cli_usage_error(self, "cannot tell the format of '%s' from its extension: use --format", output);
	if (geo_export_format_is_folder(fmt) && strcmp(output, "-") == 0)
		return cli_usage_error(self, "--format %s writes a folder: -o must name one", geo_export_format_name(fmt));
	if (optind == argc)
		return cli_usage_error(self, "no INPUT given (use - for standard input)");
	cli_diag_setup(self, in.quiet, in.verbose);

	status = cli_load_graph(self, &in, &go, argv + optind, argc - optind, &dict, &g);
	if (status != EXIT_OK)
		goto done;
	if (geo_graph_vcount(g) == 0 && !in.quiet)
		cli_error(self, "warning: no actor is left after the filters: the export is empty");
	if (geo_graph_compute(g, &co, &err) != GEO_OK || geo_export(g, fmt, output, &err) != GEO_OK) {
		status = cli_fail(self, &err);
		goto done;
	}
	if (in.verbose)
		cli_error(self, "wrote %zu actor%s and %zu edge%s as %s to %s", geo_graph_vcount(g),
			  geo_graph_vcount(g) == 1 ? "" : "s", geo_graph_ecount(g), geo_graph_ecount(g) == 1 ? "" : "s",
			  geo_export_format_name(fmt), output);
done:
	geo_graph_free(g);
	geo_dict_free(dict);
	return status;
}

const cli_cmd cmd_export = {
	.name = "export",
	.summary = "write the graph for Gephi, Cytoscape, NetworkX, Neo4j, spreadsheets",
	.help = "Usage: geograph export [OPTIONS] INPUT... --format F -o PATH\n"
		"\n"
		"Writes every actor and one edge per (source, target, relation), with all\n"
		"attributes: relation, label, cameo, quad, count, weight, goldstein (mean),\n"
		"goldstein_sum, first_date, last_date, docs; actors with id, label, type,\n"
		"affiliation, pagerank and community.\n"
		"\n"
		"Formats (F; without --format, PATH's extension .graphml .gml .gexf .json\n"
		".net .dot decides):\n"
		"  graphml    GraphML (Gephi, yEd, NetworkX, igraph)\n"
		"  gml        GML; node label is the actor id, name the display name\n"
		"  gexf       GEXF 1.3, each edge alive from its first to its last date\n"
		"  json       NetworkX node-link JSON (edges under \"links\")\n"
		"  cytoscape  Cytoscape.js JSON ({\"elements\": {\"nodes\", \"edges\"}})\n"
		"  csv        PATH is a folder: nodes.csv (Id,Label,...) and edges.csv\n"
		"             (Source,Target,Type,Label,Weight,...) for Gephi and spreadsheets;\n"
		"             text starting with = + - @ gets a leading '\n"
		"  pajek      Pajek .net (labels: actor ids; \" % and control bytes as %XX)\n"
		"  neo4j      PATH is a folder: nodes.csv and relationships.csv for\n"
		"             neo4j-admin database import full --multiline-fields=true\n"
		"  dot        Graphviz DOT with every attribute, no styling\n"
		"\n"
		"Options:\n"
		"  -o, --output PATH  file (- for standard output) or, for csv and neo4j,\n"
		"                     an existing folder (required)\n"
		"  -f, --format F     the format (see above)\n"
		"  -h, --help         show this help\n"
		"  (every actor is kept unless --top is given)\n"
		CLI_GRAPH_HELP
		CLI_INPUT_HELP,
	.run = run,
};

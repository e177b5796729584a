/* cmd_render.c - geograph render: the graph as a DOT, SVG, PNG or PDF
 * diagram. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "render.h"

enum {
	OPT_LAYOUT = OPT_FIRST_COMMAND_OPTION,
	OPT_FORMAT,
	OPT_CLUSTER,
	OPT_MERGE,
	OPT_NO_MERGE,
	OPT_NO_LEGEND,
};

static bool parse_image_format(const char *s, geo_image_format *out)
{
	static const geo_image_format all[] = {GEO_IMAGE_DOT, GEO_IMAGE_SVG, GEO_IMAGE_PNG, GEO_IMAGE_PDF};

	for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
		if (strcmp(s, geo_image_format_name(all[i])) == 0) {
			*out = all[i];
			return true;
		}
	}
	return false;
}

static int run(const cli_cmd *self, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"layout", required_argument, NULL, OPT_LAYOUT},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"cluster", no_argument, NULL, OPT_CLUSTER},
		{"merge", no_argument, NULL, OPT_MERGE},
		{"no-merge", no_argument, NULL, OPT_NO_MERGE},
		{"no-legend", no_argument, NULL, OPT_NO_LEGEND},
		{"help", no_argument, NULL, 'h'},
		CLI_INPUT_LONGOPTS,
		CLI_GRAPH_LONGOPTS,
		{NULL, 0, NULL, 0},
	};
	cli_inputs in = {0};
	cli_graph_opts go = {.top_default = GEO_RENDER_TOP_DEFAULT};
	geo_render_opts ro;
	const char *output = NULL;
	bool format_set = false;
	geo_dict *dict = NULL;
	geo_graph *g = NULL;
	geo_outfile *out = NULL;
	geo_error err = {0};
	geo_centrality_opts co = {.measures = (1u << GEO_M_PAGERANK) | (1u << GEO_M_COMMUNITY)};
	int opt, status = EXIT_OK;

	geo_render_opts_init(&ro);
	while ((opt = cli_next_option(self, argc, argv, ":o:f:h", longopts, &in, &go, &status)) >= 0) {
		switch (opt) {
		case 'o':
			output = optarg;
			break;
		case OPT_LAYOUT:
			if ((status = cli_layout_arg(self, optarg, &ro.layout)) != EXIT_OK)
				return status;
			break;
		case 'f':
		case OPT_FORMAT:
			if (!parse_image_format(optarg, &ro.format))
				return cli_usage_error(self, "unknown format '%s' (dot, svg, png, pdf)", optarg);
			format_set = true;
			break;
		case OPT_CLUSTER:
			ro.cluster = true;
			break;
		case OPT_MERGE:
			ro.merge = 1;
			break;
		case OPT_NO_MERGE:
			ro.merge = -1;
			break;
		case OPT_NO_LEGEND:
			ro.legend = false;
			break;
		}
	}
	if (opt == CLI_OPTS_EXIT)
		return status;
	if (!output)
		return cli_usage_error(self, "no output file given (-o FILE)");
	if (!format_set && !geo_image_format_from_path(output, &ro.format))
		return cli_usage_error(self, "cannot tell the format of '%s' from its extension "
					     "(.dot, .svg, .png, .pdf; or --format)", output);
	if (optind == argc)
		return cli_usage_error(self, "no INPUT given (use - for standard input)");
	cli_diag_setup(self, in.quiet, in.verbose);

	/* The graph options did the choosing (--top, default 40, or --all):
	 * draw every actor the graph kept. */
	ro.all = true;
	status = cli_load_graph(self, &in, &go, argv + optind, argc - optind, &dict, &g);
	if (status != EXIT_OK)
		goto done;
	if (geo_graph_vcount(g) == 0 && !in.quiet)
		cli_error(self, "warning: no actor is left after the filters: the diagram is empty");
	if (geo_graph_compute(g, &co, &err) != GEO_OK || geo_outfile_open(&out, output, &err) != GEO_OK)
		goto fail;
	/* A write error leaves the stream in error: committing reports it
	 * with the file name and the system's reason. */
	if (geo_render(g, &ro, geo_outfile_fp(out), &err) != GEO_OK && err.code != GEO_EIO)
		goto fail;
	if (cli_commit(&out, &err) != GEO_OK || err.code == GEO_EIO)
		goto fail;
	if (in.verbose)
		cli_error(self, "drew %zu actor%s and %zu edge%s to %s", geo_graph_vcount(g),
			  geo_graph_vcount(g) == 1 ? "" : "s", geo_graph_ecount(g), geo_graph_ecount(g) == 1 ? "" : "s",
			  output);
	goto done;
fail:
	status = cli_fail(self, &err);
	geo_outfile_abort(out);
done:
	geo_graph_free(g);
	geo_dict_free(dict);
	return status;
}

const cli_cmd cmd_render = {
	.name = "render",
	.summary = "draw the graph as DOT, SVG, PNG or PDF",
	.help = "Usage: geograph render [OPTIONS] INPUT... -o FILE\n"
		"\n"
		"Draws who does what to whom.  The format comes from FILE's extension:\n"
		".dot (Graphviz source), .svg, .png or .pdf (laid out by Graphviz in-process).\n"
		"Actors are shaped by type (state, organisation, person, ...) and sized by\n"
		"PageRank; edges are coloured by family - cooperation blue (verbal) and green\n"
		"(material), conflict orange (verbal) and red (material) - as wide as their\n"
		"weight and labelled \"imposes tariffs on \xc3\x97" "3\".  When there are more than\n"
		"two edges per actor, the relations of one family between one pair merge\n"
		"into one edge; if there are still more than two per actor, each actor's\n"
		"heaviest edge and then the heaviest others are drawn, two per actor (the\n"
		"legend says how many).  Past 150 edges, labels become tooltips.\n"
		"\n"
		"Options:\n"
		"  -o, --output FILE  write the diagram to FILE (required; - with --format)\n"
		"  -f, --format F     dot, svg, png or pdf, whatever FILE's extension\n"
		"  --layout L         auto, dot, sfdp, neato, circo, fdp; auto is dot for\n"
		"                     sparse graphs of up to 60 actors, neato for denser\n"
		"                     ones, sfdp above 60 actors\n"
		"  --cluster          draw each community (of two or more drawn actors) in\n"
		"                     its own box; auto layout is then dot, or fdp above\n"
		"                     60 actors\n"
		"  --merge            always one edge per pair and family\n"
		"  --no-merge         never merge edges\n"
		"  --no-legend        leave the legend out\n"
		"  -h, --help         show this help\n"
		"  (--top defaults to 40 actors here)\n"
		CLI_GRAPH_HELP
		CLI_INPUT_HELP,
	.run = run,
};

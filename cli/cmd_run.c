/* cmd_run.c - geograph run: inputs to every result in one folder - events,
 * diagram, centrality, exports and the HTML report - and a summary. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "render.h"

enum {
	OPT_TITLE = OPT_FIRST_COMMAND_OPTION,
	OPT_LAYOUT,
};

#define SUMMARY_TOP 5

/* The file names written into DIR, in the order they are written. */
enum {
	F_EVENTS,
	F_DOT,
	F_SVG,
	F_CSV,
	F_GRAPHML,
	F_GEXF,
	F_JSON,
	F_REPORT,
	F_COUNT
};

static const char *const file_names[F_COUNT] = {
	"events.jsonl", "graph.dot", "graph.svg", "centrality.csv",
	"graph.graphml", "graph.gexf", "graph.json", "report.html",
};

/* The measures of centrality.csv, and which of them the report shows. */
static const struct {
	geo_measure m;
	bool in_report;
} measures[] = {
	{GEO_M_PAGERANK, true},     {GEO_M_DEGREE_IN, true},     {GEO_M_DEGREE_OUT, true},
	{GEO_M_DEGREE, false},      {GEO_M_STRENGTH_IN, false},  {GEO_M_STRENGTH_OUT, false},
	{GEO_M_BETWEENNESS, true},  {GEO_M_CLOSENESS, false},     {GEO_M_HUB, false},
	{GEO_M_AUTHORITY, false},   {GEO_M_EIGENVECTOR, false},  {GEO_M_CORENESS, false},
	{GEO_M_COMMUNITY, true},    {GEO_M_GOLDSTEIN_IN, true},  {GEO_M_GOLDSTEIN_OUT, true},
};
#define NMEASURES (sizeof measures / sizeof *measures)

/* Creates dir unless it is already a folder; one level only.  *made says
 * whether this call created it. */
static geo_err make_dir(const char *dir, bool *made, geo_error *err)
{
	struct stat st;

	*made = false;
	if (mkdir(dir, 0777) == 0) {
		*made = true;
		return GEO_OK;
	}
	if (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return GEO_OK;
	if (errno == EEXIST)
		return geo_error_set(err, GEO_EIO, "%s: exists and is not a folder", dir);
	return geo_error_set(err, GEO_EIO, "%s: cannot create the folder: %s", dir, strerror(errno));
}

/* dir/name into buf; GEO_EUSAGE when it does not fit. */
static geo_err join(char *buf, size_t size, const char *dir, const char *name, geo_error *err)
{
	size_t n = strlen(dir);
	int k = snprintf(buf, size, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);

	if (k < 0 || (size_t)k >= size)
		return geo_error_set(err, GEO_EUSAGE, "%s: output folder name too long", dir);
	return GEO_OK;
}

/* The option checks cli_load_agg() makes, made before anything is read
 * or written, with the same messages. */
static int check_graph_options(const cli_cmd *self, const cli_graph_opts *go)
{
	const geo_filter *f = &go->filter;

	if (go->depth_set && !f->ego)
		return cli_usage_error(self, "--depth needs --ego");
	if (go->top_set && go->all)
		return cli_usage_error(self, "--top and --all cannot be used together");
	if (f->since[0] && f->until[0] && strcmp(f->since, f->until) > 0)
		return cli_usage_error(self, "--since %s is after --until %s", f->since, f->until);
	return EXIT_OK;
}

/* What reading INPUT leaves for the rest of the run. */
typedef struct input_pass {
	geo_dict *dict;
	geo_agg *agg;
	geo_outfile *events; /* written, not yet committed */
	geo_source_stats st;
	bool made_dir;       /* the output folder did not exist before */
} input_pass;

/*
 * Reads INPUT once: every event is written to events_path in dir (left
 * uncommitted in p->events, so that a later error - an unknown --relation,
 * an --ego that is not in the graph - leaves no events.jsonl behind) and
 * added to the aggregate, so the graph holds exactly the events the file
 * lists.  The aggregate is built as cli_load_agg() builds it.  dir is
 * created once the dictionaries have loaded.  Everything in *p belongs to
 * the caller, even on failure.
 */
static geo_err read_input(cli_inputs *in, const cli_graph_opts *go, char **paths, int npaths, const char *dir,
			  const char *events_path, input_pass *p, geo_error *err)
{
	geo_agg_opts ao = {.level = in->level, .self_loops = go->self_loops};
	geo_source *src = NULL;
	geo_event_writer *writer = NULL;
	const geo_event *ev;
	geo_err rc;

	/* Dates filter events, not whole edges: the aggregate keeps no events. */
	memcpy(ao.since, go->filter.since, sizeof ao.since);
	memcpy(ao.until, go->filter.until, sizeof ao.until);
	if ((rc = cli_load_dict(in, &p->dict, err)) != GEO_OK ||
	    (rc = geo_agg_new(&p->agg, p->dict, &ao, err)) != GEO_OK ||
	    (rc = cli_open_source(in, p->dict, paths, npaths, &src, err)) != GEO_OK ||
	    (rc = make_dir(dir, &p->made_dir, err)) != GEO_OK ||
	    (rc = geo_outfile_open(&p->events, events_path, err)) != GEO_OK ||
	    (rc = geo_event_writer_new(&writer, geo_outfile_fp(p->events), err)) != GEO_OK)
		goto out;
	for (;;) {
		if ((rc = geo_source_next(src, &ev, err)) != GEO_OK)
			goto out;
		if (!ev)
			break;
		if ((rc = geo_event_writer_write(writer, ev, err)) != GEO_OK) {
			if (rc == GEO_EIO)
				geo_error_set(err, GEO_EIO, "%s: write failed: %s", events_path,
					      strerror(errno ? errno : EIO));
			goto out;
		}
		if ((rc = geo_agg_add(p->agg, ev, err)) != GEO_OK)
			goto out;
	}
	p->st = *geo_source_get_stats(src);
out:
	geo_event_writer_free(writer);
	geo_source_free(src);
	return rc;
}

/* Writes path through geo_outfile from the bytes in data. */
static geo_err write_bytes(const char *path, const char *data, size_t len, geo_error *err)
{
	geo_outfile *out = NULL;
	geo_err rc = geo_outfile_open(&out, path, err);

	if (rc != GEO_OK)
		return rc;
	if (fwrite(data, 1, len, geo_outfile_fp(out)) != len) {
		int e = errno ? errno : EIO;
		geo_outfile_abort(out);
		return geo_error_set(err, GEO_EIO, "%s: write failed: %s", path, strerror(e));
	}
	return geo_outfile_commit(out, err);
}

typedef struct outputs {
	const geo_graph *g;
	const geo_render_opts *ro;
	const geo_table_opts *table; /* centrality.csv */
	const geo_report_opts *rep;
	char *svg;
	size_t svglen;
} outputs;

/* Writes file f of the graph outputs to path. */
static geo_err write_output(int f, const char *path, outputs *o, geo_error *err)
{
	geo_render_opts ro = *o->ro;
	geo_outfile *out = NULL;
	geo_err rc;

	switch (f) {
	case F_SVG:
		/* Drawn once: the report inlines the same picture. */
		ro.format = GEO_IMAGE_SVG;
		if ((rc = geo_render_mem(o->g, &ro, &o->svg, &o->svglen, err)) != GEO_OK)
			return rc;
		return write_bytes(path, o->svg, o->svglen, err);
	case F_GRAPHML:
		return geo_export(o->g, GEO_EXPORT_GRAPHML, path, err);
	case F_GEXF:
		return geo_export(o->g, GEO_EXPORT_GEXF, path, err);
	case F_JSON:
		return geo_export(o->g, GEO_EXPORT_JSON, path, err);
	default:
		break;
	}
	if ((rc = geo_outfile_open(&out, path, err)) != GEO_OK)
		return rc;
	if (f == F_DOT) {
		ro.format = GEO_IMAGE_DOT;
		rc = geo_render(o->g, &ro, geo_outfile_fp(out), err);
	} else if (f == F_CSV) {
		rc = geo_table_write(o->g, o->table, geo_outfile_fp(out), err);
	} else {
		rc = geo_report_write(o->g, o->svg, o->svglen, o->rep, geo_outfile_fp(out), err);
	}
	if (rc != GEO_OK) {
		geo_outfile_abort(out);
		return rc;
	}
	return geo_outfile_commit(out, err);
}

static const geo_graph *sort_graph;

static int cmp_rank(const void *x, const void *y)
{
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	double a = geo_graph_score(sort_graph, GEO_M_PAGERANK, i);
	double b = geo_graph_score(sort_graph, GEO_M_PAGERANK, j);

	if (a != b && !isnan(a) && !isnan(b))
		return a > b ? -1 : 1;
	return strcmp(geo_graph_vertex(sort_graph, i)->id, geo_graph_vertex(sort_graph, j)->id);
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* The summary on stdout: counts, the top actors, the files. */
static void print_summary(const geo_graph *g, size_t documents, size_t events, const size_t *order,
			  char paths[F_COUNT][4096])
{
	size_t nv = geo_graph_vcount(g), ne = geo_graph_ecount(g);
	size_t top = nv < SUMMARY_TOP ? nv : SUMMARY_TOP, wid = 2;

	printf("%zu %s, %zu %s: %zu %s, %zu %s\n", documents, plural(documents, "document", "documents"), events,
	       plural(events, "event", "events"), nv, plural(nv, "actor", "actors"), ne,
	       plural(ne, "edge", "edges"));
	if (top) {
		printf("\nTop %s by PageRank:\n", plural(top, "actor", "actors"));
		for (size_t i = 0; i < top; i++)
			if (strlen(geo_graph_vertex(g, order[i])->id) > wid)
				wid = strlen(geo_graph_vertex(g, order[i])->id);
		for (size_t i = 0; i < top; i++) {
			const geo_vertex *v = geo_graph_vertex(g, order[i]);

			const char *label = v->label && strcmp(v->label, v->id) != 0 ? v->label : "";

			printf("  %zu. %-*s  %.4f%s%s\n", i + 1, (int)wid, v->id,
			       geo_graph_score(g, GEO_M_PAGERANK, order[i]), *label ? "  " : "", label);
		}
	}
	printf("\nWrote:\n");
	for (int f = 0; f < F_COUNT; f++)
		printf("  %s\n", paths[f]);
}

static int run(const cli_cmd *self, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"title", required_argument, NULL, OPT_TITLE},
		{"layout", required_argument, NULL, OPT_LAYOUT},
		{"help", no_argument, NULL, 'h'},
		CLI_INPUT_LONGOPTS,
		CLI_GRAPH_LONGOPTS,
		{NULL, 0, NULL, 0},
	};
	static char paths[F_COUNT][4096];
	cli_inputs in = {0};
	cli_graph_opts go = {.top_default = 0};
	geo_render_opts ro;
	geo_report_column rcols[NMEASURES];
	geo_measure all[NMEASURES];
	geo_table_opts table = {.format = GEO_TABLE_CSV, .measures = all, .nmeasures = NMEASURES};
	double *scores = NULL;
	size_t *order = NULL, nv, nrcols = 0, documents, agg_documents;
	const char *dir = NULL, *title = "geograph report";
	input_pass p = {0};
	geo_outfile *events;
	bool committed = false;
	geo_graph *g = NULL;
	geo_error err = {0};
	outputs o = {0};
	geo_report_opts rep;
	int opt, status = EXIT_OK;

	geo_render_opts_init(&ro);
	while ((opt = cli_next_option(self, argc, argv, ":o:h", longopts, &in, &go, &status)) >= 0) {
		switch (opt) {
		case 'o':
			dir = optarg;
			break;
		case OPT_TITLE:
			title = optarg;
			break;
		case OPT_LAYOUT:
			if ((status = cli_layout_arg(self, optarg, &ro.layout)) != EXIT_OK)
				return status;
			break;
		}
	}
	if (opt == CLI_OPTS_EXIT)
		return status;
	if (!dir || !*dir)
		return cli_usage_error(self, "no output folder given (-o DIR)");
	if (strcmp(dir, "-") == 0)
		return cli_usage_error(self, "-o needs a folder, not '-' (standard output)");
	if (optind == argc)
		return cli_usage_error(self, "no INPUT given (use - for standard input)");
	cli_diag_setup(self, in.quiet, in.verbose);

	if ((status = check_graph_options(self, &go)) != EXIT_OK)
		return status;
	for (int f = 0; f < F_COUNT; f++)
		if (join(paths[f], sizeof paths[f], dir, file_names[f], &err) != GEO_OK)
			goto fail;

	/* The diagram and the report need Graphviz: without it, fail before
	 * anything is written. */
	if (geo_render_check(&err) != GEO_OK)
		goto fail;
	if (read_input(&in, &go, argv + optind, argc - optind, dir, paths[F_EVENTS], &p, &err) != GEO_OK)
		goto fail;
	cli_report_source(self, &in, &p.st);
	if ((status = cli_build_graph(self, &go, p.agg, &g)) != EXIT_OK)
		goto done;
	if (in.verbose) {
		const geo_agg_stats *as = geo_agg_get_stats(p.agg);

		cli_error(self, "graph: %zu of %zu events kept; dropped %zu self-loop%s, %zu negated, %zu outside the dates",
			  as->kept, as->events, as->self_loops, as->self_loops == 1 ? "" : "s", as->negated,
			  as->out_of_range);
	}
	/* The graph holds copies of everything it needs: the aggregate (as
	 * large as the graph, with its own evidence sentences) goes before
	 * the exports and the report add their own copies. */
	agg_documents = geo_agg_get_stats(p.agg)->documents;
	geo_agg_free(p.agg);
	p.agg = NULL;
	if (geo_graph_compute(g, NULL, &err) != GEO_OK)
		goto fail;

	nv = geo_graph_vcount(g);
	scores = malloc((nv ? nv : 1) * NMEASURES * sizeof *scores);
	order = malloc((nv ? nv : 1) * sizeof *order);
	if (!scores || !order) {
		geo_error_set(&err, GEO_ENOMEM, "out of memory");
		goto fail;
	}
	for (size_t k = 0; k < NMEASURES; k++) {
		double *col = scores + k * (nv ? nv : 1);

		for (size_t i = 0; i < nv; i++)
			col[i] = geo_graph_score(g, measures[k].m, i);
		all[k] = measures[k].m;
		if (measures[k].in_report)
			rcols[nrcols++] = (geo_report_column){.name = geo_measure_name(measures[k].m), .values = col};
	}
	/* Text input counts documents as it reads them; an events file only
	 * names them, so count the documents its kept events came from. */
	documents = p.st.documents ? p.st.documents : agg_documents;
	rep = (geo_report_opts){.title = title, .columns = rcols, .ncolumns = nrcols, .counts = true,
				.documents = documents, .events = p.st.events};
	o = (outputs){.g = g, .ro = &ro, .table = &table, .rep = &rep};
	/* The graph is built and ranked: nothing left that a bad option or
	 * input could stop, so events.jsonl goes into place. */
	events = p.events;
	p.events = NULL;
	if (geo_outfile_commit(events, &err) != GEO_OK)
		goto fail;
	committed = true;
	for (int f = F_DOT; f < F_COUNT; f++)
		if (write_output(f, paths[f], &o, &err) != GEO_OK)
			goto fail;

	for (size_t i = 0; i < nv; i++)
		order[i] = i;
	sort_graph = g;
	qsort(order, nv, sizeof *order, cmp_rank);
	print_summary(g, documents, p.st.events, order, paths);
	status = cli_finish_stdout(self);
	goto done;
fail:
	status = cli_fail(self, &err);
done:
	/* Stopped before events.jsonl was in place: leave no trace, not even
	 * the folder if this run made it (rmdir removes it only when empty). */
	geo_outfile_abort(p.events);
	if (!committed && p.made_dir)
		rmdir(dir);
	free(o.svg);
	free(order);
	free(scores);
	geo_graph_free(g);
	geo_agg_free(p.agg);
	geo_dict_free(p.dict);
	return status;
}

const cli_cmd cmd_run = {
	.name = "run",
	.summary = "extract, rank, draw and export in one step, with an HTML report",
	.help = "Usage: geograph run [OPTIONS] -o DIR INPUT...\n"
		"\n"
		"Reads INPUT - text files, folders, events JSON Lines, GDELT exports, or -\n"
		"for standard input - and writes every result into DIR (created if missing,\n"
		"one level):\n"
		"  events.jsonl     the events read or extracted, one per line\n"
		"  graph.dot        the diagram as Graphviz source\n"
		"  graph.svg        the diagram (the top 40 actors by PageRank)\n"
		"  centrality.csv   every actor with its centrality measures\n"
		"  graph.graphml    the graph for Gephi, Cytoscape, NetworkX, igraph\n"
		"  graph.gexf       the graph for Gephi, with dates\n"
		"  graph.json       the graph as NetworkX node-link JSON (D3)\n"
		"  report.html      one page with all of it: the diagram (zoom, pan), a\n"
		"                   sortable actor table, filters, and the sentences\n"
		"                   behind each edge; it loads nothing from the network\n"
		"Each file is written beside its target and renamed into place; an error\n"
		"before the results (a bad option, an unknown --relation, an --ego not in\n"
		"the graph, bad input under --strict) leaves DIR as it was.  Then it\n"
		"prints the number of documents, events, actors and edges, the top five\n"
		"actors by PageRank and the files written.\n"
		"\n"
		"Options:\n"
		"  -o, --output DIR   write the results into DIR (required)\n"
		"  --title TEXT       the report's title (default: geograph report)\n"
		"  --layout L         diagram layout: auto (default), dot, sfdp, neato,\n"
		"                     circo, fdp\n"
		"  -h, --help         show this help\n"
		"  (every actor is kept unless --top is given; the diagram draws the top 40)\n"
		CLI_GRAPH_HELP
		CLI_INPUT_HELP,
	.run = run,
};

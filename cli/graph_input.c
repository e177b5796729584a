/* graph_input.c - the graph options every graph command shares, and
 * loading INPUT into a filtered graph. */
#define _GNU_SOURCE /* RTLD_DEFAULT */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "progress.h"

bool cli_graph_option(const cli_cmd *cmd, int opt, const char *arg, cli_graph_opts *go, int *status)
{
	unsigned long long v;
	geo_filter *f = &go->filter;

	*status = EXIT_OK;
	switch (opt) {
	case OPT_GRAPH_RELATION:
		if (!*arg)
			*status = cli_usage_error(cmd, "--relation needs at least one label or family");
		else
			f->relations = arg;
		return true;
	case OPT_GRAPH_SINCE:
	case OPT_GRAPH_UNTIL:
		if (!geo_date_valid(arg))
			*status = cli_usage_error(cmd, "%s: '%s' is not a date (YYYY-MM-DD)",
						  opt == OPT_GRAPH_SINCE ? "--since" : "--until", arg);
		else
			memcpy(opt == OPT_GRAPH_SINCE ? f->since : f->until, arg, 11);
		return true;
	case OPT_GRAPH_MIN_COUNT:
		if (!cli_parse_size(arg, (unsigned long long)SIZE_MAX, &v))
			*status = cli_usage_error(cmd, "--min-count: '%s' is not a non-negative integer", arg);
		else
			f->min_count = (size_t)v;
		return true;
	case OPT_GRAPH_EGO:
		if (!*arg)
			*status = cli_usage_error(cmd, "--ego needs an actor id");
		else
			f->ego = arg;
		return true;
	case OPT_GRAPH_DEPTH:
		if (!cli_parse_size(arg, 1000, &v) || v == 0)
			*status = cli_usage_error(cmd, "--depth: '%s' is not an integer from 1 to 1000", arg);
		else
			f->depth = (int)v, go->depth_set = true;
		return true;
	case OPT_GRAPH_TOP:
		if (!cli_parse_size(arg, (unsigned long long)SIZE_MAX, &v) || v == 0)
			*status = cli_usage_error(cmd, "--top: '%s' is not a positive integer (--all keeps every actor)",
						  arg);
		else
			f->top = (size_t)v, go->top_set = true;
		return true;
	case OPT_GRAPH_ALL:
		go->all = true;
		return true;
	case OPT_GRAPH_SELF_LOOPS:
		go->self_loops = true;
		return true;
	}
	return false;
}

/*
 * igraph's PageRank (PRPACK) runs OpenMP parallel regions when igraph was
 * built with OpenMP, as Debian's is.  On graphs of this size they save
 * nothing, and afterwards the idle worker threads spin for a while on
 * every core: measured on a busy 2-core machine, `centrality --measures
 * degree` on 200000 events took 1.11 s of CPU and 1.83 s of wall time with
 * them, 0.63 s and 0.90 s without.  So geograph runs one thread unless
 * OMP_NUM_THREADS says otherwise.  Looked up at run time: libgomp is only
 * there when igraph brought it.
 */
static void one_openmp_thread(void)
{
	void (*set_threads)(int);
	void *sym;

	if (getenv("OMP_NUM_THREADS"))
		return;
	sym = dlsym(RTLD_DEFAULT, "omp_set_num_threads");
	if (sym) {
		memcpy(&set_threads, &sym, sizeof set_threads);
		set_threads(1);
	}
}

static int check_options(const cli_cmd *cmd, const cli_graph_opts *go)
{
	const geo_filter *f = &go->filter;

	if (go->depth_set && !f->ego)
		return cli_usage_error(cmd, "--depth needs --ego");
	if (go->top_set && go->all)
		return cli_usage_error(cmd, "--top and --all cannot be used together");
	if (f->since[0] && f->until[0] && strcmp(f->since, f->until) > 0)
		return cli_usage_error(cmd, "--since %s is after --until %s", f->since, f->until);
	return EXIT_OK;
}

int cli_load_agg(const cli_cmd *cmd, cli_inputs *in, cli_graph_opts *go, char **paths, int npaths,
		 geo_dict **dict, geo_agg **agg, geo_source_stats *st)
{
	geo_agg_opts ao = {.level = in->level, .self_loops = go->self_loops};
	geo_source *src = NULL;
	geo_error err = {0};
	const geo_event *ev;
	cli_progress prog = {0};
	int status;

	*dict = NULL;
	*agg = NULL;
	if ((status = check_options(cmd, go)) != EXIT_OK)
		return status;
	one_openmp_thread();
	/* Dates filter events, not whole edges: the aggregate keeps no events. */
	memcpy(ao.since, go->filter.since, sizeof ao.since);
	memcpy(ao.until, go->filter.until, sizeof ao.until);
	if (cli_load_dict(in, dict, &err) != GEO_OK || geo_agg_new(agg, *dict, &ao, &err) != GEO_OK ||
	    cli_open_source(in, *dict, paths, npaths, &src, &err) != GEO_OK)
		goto fail;
	cli_progress_start(&prog, cmd, in, paths, npaths, src, false);
	for (;;) {
		if (geo_source_next(src, &ev, &err) != GEO_OK)
			goto fail;
		if (!ev)
			break;
		if (geo_agg_add(*agg, ev, &err) != GEO_OK)
			goto fail;
		cli_progress_tick(&prog);
	}
	cli_progress_finish(&prog, true);
	cli_report_source(cmd, in, geo_source_get_stats(src));
	if (in->verbose) {
		const geo_agg_stats *as = geo_agg_get_stats(*agg);
		cli_error(cmd, "graph: %zu of %zu events kept; dropped %zu self-loop%s, %zu negated, %zu outside the dates",
			  as->kept, as->events, as->self_loops, as->self_loops == 1 ? "" : "s", as->negated,
			  as->out_of_range);
	}
	if (st)
		*st = *geo_source_get_stats(src);
	status = EXIT_OK;
	goto out;
fail:
	cli_progress_finish(&prog, false);
	status = cli_fail(cmd, &err);
out:
	geo_source_free(src);
	return status;
}

int cli_build_graph(const cli_cmd *cmd, const cli_graph_opts *go, const geo_agg *agg, geo_graph **g)
{
	geo_filter f = go->filter;
	geo_error err = {0};

	*g = NULL;
	f.top = go->all ? 0 : go->top_set ? go->filter.top : go->top_default;
	/* The aggregate already applied the dates event by event. */
	f.since[0] = f.until[0] = '\0';
	if (geo_graph_build(g, agg, &f, &err) != GEO_OK) {
		if (err.code == GEO_EUSAGE)
			return cli_usage_error(cmd, "%s", err.msg);
		return cli_fail(cmd, &err);
	}
	return EXIT_OK;
}

int cli_load_graph(const cli_cmd *cmd, cli_inputs *in, cli_graph_opts *go, char **paths, int npaths,
		   geo_dict **dict, geo_graph **g)
{
	geo_agg *agg = NULL;
	int status;

	*g = NULL;
	status = cli_load_agg(cmd, in, go, paths, npaths, dict, &agg, NULL);
	if (status == EXIT_OK)
		status = cli_build_graph(cmd, go, agg, g);
	geo_agg_free(agg);
	return status;
}

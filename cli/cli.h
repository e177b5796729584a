/*
 * cli.h - what the geograph subcommands share: the command table entry,
 * exit statuses, messages on stderr and common option handling.  Nothing in
 * cli/ computes anything; every command parses options and calls the
 * library.
 */
#ifndef GEO_CLI_H
#define GEO_CLI_H

#include <stdbool.h>

#include <getopt.h>
#include <stddef.h>

#include "extract.h"
#include "geo.h"
#include "graph.h"
#include "render.h"

/* Exit statuses (also geo_err_exit_status()). */
enum {
	EXIT_OK = 0,
	EXIT_DATA = 1,  /* bad input data */
	EXIT_USAGE = 2, /* usage error, or a command not available */
	EXIT_IO = 3,    /* I/O failure */
};

typedef struct cli_cmd {
	const char *name;
	const char *summary; /* one line for `geograph --help` */
	const char *help;    /* full text for `geograph CMD --help`, starting with "Usage:" */
	int (*run)(const struct cli_cmd *self, int argc, char **argv);
} cli_cmd;

extern const cli_cmd cmd_extract, cmd_centrality, cmd_render, cmd_export, cmd_stats, cmd_run;

/* The command table, NULL-terminated, in the order `--help` lists them. */
extern const cli_cmd *const cli_commands[];

/* Prints "geograph CMD: MESSAGE", then the command's usage lines, on
 * stderr; returns EXIT_USAGE. */
int cli_usage_error(const cli_cmd *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints "geograph CMD: MESSAGE" on stderr. */
void cli_error(const cli_cmd *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints err's message and returns its exit status. */
int cli_fail(const cli_cmd *cmd, const geo_error *err);

/* Puts *out in place and forgets it: *out is NULL afterwards whether the
 * commit worked or not (a failed commit has removed its temporary file),
 * so a failure path may still call geo_outfile_abort(*out). */
geo_err cli_commit(geo_outfile **out, geo_error *err);

/* --layout's argument into *out: EXIT_OK, or EXIT_USAGE after a message
 * listing the layouts there are. */
int cli_layout_arg(const cli_cmd *cmd, const char *arg, geo_layout *out);

/* Prints the full help of cmd on stdout; returns EXIT_OK (EXIT_IO when
 * stdout cannot be written). */
int cli_help(const cli_cmd *cmd);

/* Says on stderr that cmd is not available in this build yet and returns
 * EXIT_USAGE.  issue names the work that will bring it. */
int cli_not_available(const cli_cmd *cmd, const char *issue);

/* Routes library diagnostics to stderr as "geograph CMD: warning: ...".
 * quiet drops warnings; verbose shows informational messages. */
void cli_diag_setup(const cli_cmd *cmd, bool quiet, bool verbose);

/* Number of warnings printed so far. */
unsigned long cli_warnings(void);

/* Parses a non-negative integer option value; false when it is not one. */
bool cli_parse_size(const char *s, unsigned long long max, unsigned long long *out);

/* Checks that stdout was written completely; returns EXIT_IO with a
 * message when it was not. */
int cli_finish_stdout(const cli_cmd *cmd);

/*
 * Input options shared by every command that reads INPUT: --input-format,
 * --strict, --level, --actors FILE, --relations FILE, --quiet, --verbose.
 * Commands put CLI_INPUT_LONGOPTS in their getopt_long table and pass each
 * option to cli_input_option().
 */
enum {
	OPT_INPUT_FORMAT = 0x100,
	OPT_STRICT,
	OPT_LEVEL,
	OPT_ACTORS,
	OPT_RELATIONS,
	OPT_QUIET,
	OPT_VERBOSE,
	OPT_FIRST_COMMAND_OPTION = 0x200, /* commands number their own from here */
};

#define CLI_INPUT_LONGOPTS                                                      \
	{"input-format", required_argument, NULL, OPT_INPUT_FORMAT},            \
	{"strict", no_argument, NULL, OPT_STRICT},                              \
	{"level", required_argument, NULL, OPT_LEVEL},                          \
	{"actors", required_argument, NULL, OPT_ACTORS},                        \
	{"relations", required_argument, NULL, OPT_RELATIONS},                  \
	{"quiet", no_argument, NULL, OPT_QUIET}, {"verbose", no_argument, NULL, OPT_VERBOSE}

/* The help text lines for the shared input options. */
#define CLI_INPUT_HELP                                                                        \
	"Input options:\n"                                                                    \
	"  --input-format F   read every INPUT as F: text, events, gdelt (default: detect)\n"  \
	"  --level L          country (people fold into their state) or actor\n"              \
	"  --actors FILE      load more actors (dictionary format); repeatable\n"             \
	"  --relations FILE   load more relations and triggers; repeatable\n"                 \
	"  --strict           stop at the first bad record instead of skipping it\n"          \
	"  --quiet            no warnings or progress line on stderr\n"                                        \
	"  --verbose          also report what was read\n"

#define CLI_MAX_DICT_FILES 16

typedef struct cli_inputs {
	geo_input_format format;
	geo_level level;
	bool strict, quiet, verbose;
	const char *actors[CLI_MAX_DICT_FILES];
	size_t nactors;
	const char *relations[CLI_MAX_DICT_FILES];
	size_t nrelations;
} cli_inputs;

/* Handles opt if it is a shared input option: returns true and sets
 * *status to EXIT_OK, or to EXIT_USAGE after printing what was wrong.
 * Returns false for any other option. */
bool cli_input_option(const cli_cmd *cmd, int opt, const char *arg, cli_inputs *in, int *status);

/* Loads the built-in dictionary plus the --actors/--relations files. */
geo_err cli_load_dict(const cli_inputs *in, geo_dict **out, geo_error *err);

/* Opens the event source over the INPUT arguments. */
geo_err cli_open_source(const cli_inputs *in, const geo_dict *dict, char **paths, int npaths,
			geo_source **out, geo_error *err);

/* Prints one line on stderr counting what the source skipped, if
 * anything (always under --verbose, with what was read). */
void cli_report_source(const cli_cmd *cmd, const cli_inputs *in, const geo_source_stats *st);

/*
 * Graph options shared by every command that builds a graph (centrality,
 * stats, render, export, run), in cli/graph_input.c.  --level is an input
 * option (above).  A command zero-initialises a cli_graph_opts, sets
 * top_default (0: all actors), puts CLI_GRAPH_LONGOPTS in its getopt_long
 * table, passes each option to cli_graph_option() and then calls
 * cli_load_graph().
 */
enum {
	OPT_GRAPH_RELATION = 0x180,
	OPT_GRAPH_SINCE,
	OPT_GRAPH_UNTIL,
	OPT_GRAPH_MIN_COUNT,
	OPT_GRAPH_EGO,
	OPT_GRAPH_DEPTH,
	OPT_GRAPH_TOP,
	OPT_GRAPH_ALL,
	OPT_GRAPH_SELF_LOOPS,
};

#define CLI_GRAPH_LONGOPTS                                                        \
	{"relation", required_argument, NULL, OPT_GRAPH_RELATION},                \
	{"since", required_argument, NULL, OPT_GRAPH_SINCE},                      \
	{"until", required_argument, NULL, OPT_GRAPH_UNTIL},                      \
	{"min-count", required_argument, NULL, OPT_GRAPH_MIN_COUNT},              \
	{"ego", required_argument, NULL, OPT_GRAPH_EGO},                          \
	{"depth", required_argument, NULL, OPT_GRAPH_DEPTH},                      \
	{"top", required_argument, NULL, OPT_GRAPH_TOP},                          \
	{"all", no_argument, NULL, OPT_GRAPH_ALL},                                \
	{"self-loops", no_argument, NULL, OPT_GRAPH_SELF_LOOPS}

/* The help text lines for the shared graph options (the command states its
 * own --top default). */
#define CLI_GRAPH_HELP                                                                          \
	"Graph options:\n"                                                                      \
	"  --relation LIST    keep these relations: labels (tariff,sanction) and families\n"   \
	"                     cooperation (quad 1-2), conflict (3-4), verbal (1, 3),\n"        \
	"                     material (2, 4), trade; comma-separated\n"                       \
	"  --since DATE       keep events on or after DATE (YYYY-MM-DD); undated events go\n"  \
	"  --until DATE       keep events on or before DATE\n"                                 \
	"  --min-count N      keep edges of at least N events\n"                               \
	"  --ego ACTOR        keep ACTOR and the actors within --depth steps of it\n"          \
	"  --depth K          radius of --ego, following edges either way (default 1)\n"       \
	"  --top N            keep the N actors of highest PageRank (events as weights)\n"     \
	"  --all              keep every actor (no --top cut)\n"                               \
	"  --self-loops       keep events whose two sides are one actor (after --level)\n"

typedef struct cli_graph_opts {
	size_t top_default;  /* the command's --top default; 0 = all */
	geo_filter filter;   /* relations, dates, min_count, ego, depth, top */
	bool self_loops;
	bool all;            /* --all given */
	bool top_set;        /* --top given */
	bool depth_set;      /* --depth given */
} cli_graph_opts;

/* Handles opt if it is a shared graph option: returns true and sets
 * *status to EXIT_OK, or to EXIT_USAGE after printing what was wrong.
 * Returns false for any other option. */
bool cli_graph_option(const cli_cmd *cmd, int opt, const char *arg, cli_graph_opts *go, int *status);

/*
 * Loads the dictionary (*dict, freed by the caller) and reads every INPUT
 * through geo_source into a new aggregate (*agg, freed by the caller),
 * reporting skipped records (cli_report_source) and, under --verbose, what
 * the aggregate dropped.  *st, if not NULL, receives the source counters.
 * Checks the graph options first (--depth without --ego, --top with --all,
 * --since after --until).  Returns an exit status, having printed any error.
 */
int cli_load_agg(const cli_cmd *cmd, cli_inputs *in, cli_graph_opts *go, char **paths, int npaths,
		 geo_dict **dict, geo_agg **agg, geo_source_stats *st);

/* Builds the filtered graph from an aggregate with the options' filters
 * (top: --top, else the command's default, none under --all).  Returns an
 * exit status, having printed any error. */
int cli_build_graph(const cli_cmd *cmd, const cli_graph_opts *go, const geo_agg *agg, geo_graph **g);

/* cli_load_agg() then cli_build_graph(): what every graph command calls.
 * *dict and *g belong to the caller (free them even on failure). */
int cli_load_graph(const cli_cmd *cmd, cli_inputs *in, cli_graph_opts *go, char **paths, int npaths,
		   geo_dict **dict, geo_graph **g);

/* What cli_next_option() returns when the options are over, and when the
 * command must return *status now. */
enum { CLI_OPTS_END = -1, CLI_OPTS_EXIT = -2 };

/*
 * The option loop every command shares: returns the next option the
 * command handles itself (getopt_long's value).  The shared input options
 * (and, when go is not NULL, the graph options) are taken here, as are
 * -h/--help (help printed, *status EXIT_OK), a missing value and an
 * unknown option (usage error, *status EXIT_USAGE): for those it returns
 * CLI_OPTS_EXIT.  CLI_OPTS_END once the options are over (optind then
 * points at the first INPUT).  main() resets getopt before each command.
 */
int cli_next_option(const cli_cmd *cmd, int argc, char **argv, const char *shortopts,
		    const struct option *longopts, cli_inputs *in, cli_graph_opts *go, int *status);


#endif

/* main.c - the geograph command: finds the subcommand and runs it. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static void print_main_usage(FILE *fp)
{
	fputs("Usage: geograph COMMAND [OPTIONS] [INPUT...]\n"
	      "       geograph help COMMAND\n"
	      "       geograph --help | --version\n",
	      fp);
}

static int main_help(void)
{
	print_main_usage(stdout);
	fputs("\ngeograph turns news about international affairs into a graph of who does\n"
	      "what to whom, ranks the actors and draws or exports the graph.\n"
	      "\nCommands:\n",
	      stdout);
	for (const cli_cmd *const *c = cli_commands; *c; c++)
		printf("  %-12s %s\n", (*c)->name, (*c)->summary);
	fputs("\nINPUT is a text file, a folder (read recursively), an events JSON Lines\n"
	      "file, a GDELT export, or - for standard input.\n"
	      "\nExit status: 0 success, 1 bad input data, 2 usage error, 3 I/O error.\n"
	      "Run 'geograph COMMAND --help' for a command's options.\n",
	      stdout);
	return cli_finish_stdout(NULL);
}

static int main_usage_error(const char *fmt, const char *arg)
{
	cli_error(NULL, fmt, arg);
	print_main_usage(stderr);
	fputs("Try 'geograph --help' for more information.\n", stderr);
	return EXIT_USAGE;
}

/* An interrupted command leaves no temporary output behind, then dies of
 * the signal as it would have. */
static void on_fatal_signal(int sig)
{
	geo_outfile_remove_temporaries();
	signal(sig, SIG_DFL);
	raise(sig);
}

/*
 * SIGBUS: a plain GDELT export is read through a mapping of its pages,
 * and a page that another program cuts from the file while geograph
 * reads it can no longer be read.  That is no bug of geograph's but a
 * file that changed under it: it says so, removes its temporary outputs
 * and ends as for bad input (only async-signal-safe calls here).
 */
static void on_input_cut(int sig)
{
	static const char msg[] = "geograph: an input file was cut short while it was read "
				  "(changed by another program); stopped, unfinished outputs removed\n";
	ssize_t w;

	(void)sig;
	geo_outfile_remove_temporaries();
	w = write(STDERR_FILENO, msg, sizeof msg - 1);
	(void)w;
	_exit(EXIT_DATA);
}

/* Catches sig unless it is ignored (nohup, a background job): that choice
 * stays the caller's. */
static void catch_signal(int sig)
{
	if (signal(sig, on_fatal_signal) == SIG_IGN)
		signal(sig, SIG_IGN);
}

static const cli_cmd *find_command(const char *name)
{
	for (const cli_cmd *const *c = cli_commands; *c; c++)
		if (strcmp((*c)->name, name) == 0)
			return *c;
	return NULL;
}

int main(int argc, char **argv)
{
	const cli_cmd *cmd;

	/* Graphviz's PDF writer (cairo) stamps its date in local time: UTC
	 * makes the same input give the same bytes wherever it runs.  Nothing
	 * else in geograph shows a time of day. */
	setenv("TZ", "UTC", 1);
	tzset();

	/* Past a file size limit (ulimit -f) a write should fail with EFBIG,
	 * which the output code reports and cleans up after, rather than kill
	 * the process with a temporary file left behind. */
	signal(SIGXFSZ, SIG_IGN);
	catch_signal(SIGINT);
	catch_signal(SIGTERM);
	catch_signal(SIGHUP);
	signal(SIGBUS, on_input_cut);
	if (argc < 2)
		return main_usage_error("%s", "no command given");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return main_help();
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("geograph %s\n", geo_version());
		return cli_finish_stdout(NULL);
	}
	if (strcmp(argv[1], "help") == 0) {
		if (argc == 2)
			return main_help();
		if (argc > 3)
			return main_usage_error("help takes one command name, not '%s'", argv[3]);
		if (!(cmd = find_command(argv[2])))
			return main_usage_error("unknown command '%s'", argv[2]);
		return cli_help(cmd);
	}
	if (argv[1][0] == '-')
		return main_usage_error("unknown option '%s'", argv[1]);
	if (!(cmd = find_command(argv[1])))
		return main_usage_error("unknown command '%s'", argv[1]);
	/* getopt starts afresh for the command (optind 0: GNU getopt's full
	 * reset) and leaves its messages to cli_next_option(). */
	optind = 0;
	opterr = 0;
	return cmd->run(cmd, argc - 1, argv + 1);
}

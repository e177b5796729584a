/*
 * progress.h - the progress line a command draws on stderr while it reads
 * INPUT: MB and files done, rate and time left, redrawn in place with \r.
 *
 * Only on a terminal: when stderr is not one, under --quiet, or when the
 * input is typed on the terminal (- with a terminal stdin), nothing is
 * ever written.  The line appears once reading has taken
 * CLI_PROGRESS_DELAY seconds (GEOGRAPH_PROGRESS_DELAY in the environment
 * overrides it, for tests) and is erased when reading ends; under --verbose
 * a summary line (MB, events, seconds, MB/s) takes its place.
 */
#ifndef GEO_CLI_PROGRESS_H
#define GEO_CLI_PROGRESS_H

#include <stdbool.h>
#include <time.h>

#include "cli.h"

#define CLI_PROGRESS_DELAY 1.0     /* seconds before the line first appears */
#define CLI_PROGRESS_INTERVAL 0.2  /* seconds between redraws */

typedef struct cli_progress {
	const cli_cmd *cmd;
	const geo_source *src;
	bool enabled;        /* stderr is a terminal, no --quiet */
	bool verbose;
	bool shown;          /* the line is on the screen */
	geo_source_size total;
	double delay;
	struct timespec start;
	double next;         /* seconds since start of the next redraw */
	unsigned ticks;
} cli_progress;

/*
 * Starts reporting on src, which reads paths.  streams_stdout: the command
 * writes its results to stdout while it reads (extract), so a terminal
 * stdout would interleave with the line; it is then not drawn.
 */
void cli_progress_start(cli_progress *p, const cli_cmd *cmd, const cli_inputs *in, char **paths,
			int npaths, const geo_source *src, bool streams_stdout);

/* Called after each event: cheap (a clock read every 64 calls). */
void cli_progress_tick(cli_progress *p);

/* Ends reporting: erases the line and, under --verbose, prints the
 * summary.  ok false (reading failed): no summary. */
void cli_progress_finish(cli_progress *p, bool ok);

/* Erases the line, if one is shown, so that a message can be printed; the
 * next redraw brings it back.  cli_error() calls it. */
void cli_progress_clear(void);

#endif

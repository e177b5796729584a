/* progress.c - the progress line on stderr while INPUT is read. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "progress.h"

/* The line on the screen, for cli_progress_clear(): messages come from
 * cli_error(), which knows nothing of the command's progress. */
static cli_progress *active;

static double seconds_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

static double delay_setting(void)
{
	const char *s = getenv("GEOGRAPH_PROGRESS_DELAY");
	char *end;
	double d;

	if (!s || !*s)
		return CLI_PROGRESS_DELAY;
	errno = 0;
	d = strtod(s, &end);
	if (errno || *end || !(d >= 0 && d <= 3600))
		return CLI_PROGRESS_DELAY;
	return d;
}

void cli_progress_start(cli_progress *p, const cli_cmd *cmd, const cli_inputs *in, char **paths,
			int npaths, const geo_source *src, bool streams_stdout)
{
	geo_error err = {0};

	*p = (cli_progress){.cmd = cmd, .src = src, .verbose = in->verbose};
	clock_gettime(CLOCK_MONOTONIC, &p->start);
	if (in->quiet || !isatty(STDERR_FILENO) || (streams_stdout && isatty(STDOUT_FILENO)))
		return;
	/* Someone typing the input sees their own lines, not a meter. */
	for (int i = 0; i < npaths; i++)
		if (strcmp(paths[i], "-") == 0 && isatty(STDIN_FILENO))
			return;
	/* Without a total the line still shows MB, files and rate. */
	if (geo_source_measure((const char *const *)paths, (size_t)npaths, &p->total, &err) != GEO_OK)
		p->total = (geo_source_size){0};
	p->delay = delay_setting();
	p->next = p->delay;
	p->enabled = true;
	active = p;
}

static size_t screen_width(void)
{
	struct winsize ws;

	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}

/* "1:05" or "2:03:10". */
static void format_duration(char *buf, size_t len, double s)
{
	unsigned long t = s < 0 ? 0 : s > 359999 ? 359999 : (unsigned long)(s + 0.5);

	if (t >= 3600)
		snprintf(buf, len, "%lu:%02lu:%02lu", t / 3600, t / 60 % 60, t % 60);
	else
		snprintf(buf, len, "%lu:%02lu", t / 60, t % 60);
}

static void draw(cli_progress *p, double elapsed)
{
	const geo_source_stats *st = geo_source_get_stats(p->src);
	double done = (double)geo_source_bytes_read(p->src), rate = elapsed > 0 ? done / elapsed : 0;
	char line[256], left[32];
	size_t n, width = screen_width() - 1;
	int k;

	if (p->total.exact && p->total.bytes > 0) {
		double total = (double)p->total.bytes, frac = done < total ? done / total : 1.0;
		if (rate > 0)
			format_duration(left, sizeof left, (total - done) / rate);
		k = snprintf(line, sizeof line,
			     "geograph %s: %.1f/%.1f MB %.0f%%, file %zu/%zu, %zu events, %.1f MB/s%s%s",
			     p->cmd->name, done / 1e6, total / 1e6, frac * 100, st->files, p->total.files,
			     st->events, rate / 1e6, rate > 0 ? ", " : "", rate > 0 ? left : "");
		if (rate > 0 && k > 0 && (size_t)k < sizeof line)
			snprintf(line + k, sizeof line - (size_t)k, " left");
	} else {
		snprintf(line, sizeof line, "geograph %s: %.1f MB, %zu file%s, %zu events, %.1f MB/s", p->cmd->name,
			 done / 1e6, st->files, st->files == 1 ? "" : "s", st->events, rate / 1e6);
	}
	n = strlen(line);
	if (n > width)
		n = width;
	/* \x1b[K erases what a longer earlier line left on the right. */
	fprintf(stderr, "\r%.*s\x1b[K", (int)n, line);
	fflush(stderr);
	p->shown = true;
}

void cli_progress_tick(cli_progress *p)
{
	double elapsed;

	if (!p->enabled || (++p->ticks & 63))
		return;
	elapsed = seconds_since(&p->start);
	if (elapsed < p->next)
		return;
	p->next = elapsed + CLI_PROGRESS_INTERVAL;
	draw(p, elapsed);
}

void cli_progress_clear(void)
{
	if (active && active->shown) {
		fputs("\r\x1b[K", stderr);
		fflush(stderr);
		active->shown = false;
	}
}

void cli_progress_finish(cli_progress *p, bool ok)
{
	double elapsed;

	if (!p->enabled)
		return;
	elapsed = seconds_since(&p->start);
	cli_progress_clear();
	active = NULL;
	p->enabled = false;
	if (ok && p->verbose) {
		const geo_source_stats *st = geo_source_get_stats(p->src);
		double done = (double)geo_source_bytes_read(p->src);
		cli_error(p->cmd, "read %.1f MB in %zu file%s, %zu event%s, in %.1f s (%.1f MB/s)", done / 1e6,
			  st->files, st->files == 1 ? "" : "s", st->events, st->events == 1 ? "" : "s", elapsed,
			  elapsed > 0 ? done / 1e6 / elapsed : 0.0);
	}
}

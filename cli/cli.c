/* cli.c - messages, help and options shared by the subcommands. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "progress.h"

const cli_cmd *const cli_commands[] = {
	&cmd_extract, &cmd_centrality, &cmd_render, &cmd_export, &cmd_stats, &cmd_run, NULL,
};

/* Length of the UTF-8 sequence at p (at most n bytes) that a terminal
 * shows as text, or 0 when it must be escaped: invalid or overlong UTF-8,
 * C1 controls (U+0080-U+009F, which some terminals obey as escape codes) and
 * the bidirectional overrides that can make a line read differently from
 * its bytes. */
static size_t printable_utf8(const unsigned char *p, size_t n)
{
	unsigned cp;
	size_t len;

	if (p[0] < 0x80)
		return p[0] >= 0x20 && p[0] != 0x7f;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2, cp = p[0] & 0x1fu;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3, cp = p[0] & 0x0fu;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4, cp = p[0] & 0x07u;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3fu);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp <= 0x9f || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069))
		return 0;
	return len;
}

/* Writes s with every byte a terminal could act on shown as \xNN, so that
 * a hostile file name or record quoted in a message cannot move the
 * cursor, retitle the window or hide text. */
static void put_escaped(const char *s, FILE *fp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);

	while (n > 0) {
		size_t k = printable_utf8(p, n);
		if (k == 0) {
			fprintf(fp, "\\x%02X", p[0]);
			k = 1;
		} else {
			fwrite(p, 1, k, fp);
		}
		p += k;
		n -= k;
	}
}

static void vmessage(const cli_cmd *cmd, const char *fmt, va_list ap)
{
	char msg[4096];
	int n = vsnprintf(msg, sizeof msg, fmt, ap);

	cli_progress_clear();
	fputs(cmd ? "geograph " : "geograph", stderr);
	if (cmd)
		fputs(cmd->name, stderr);
	fputs(": ", stderr);
	put_escaped(msg, stderr);
	if (n >= (int)sizeof msg)
		fputs("...", stderr);
	fputc('\n', stderr);
}

void cli_error(const cli_cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(cmd, fmt, ap);
	va_end(ap);
}

/* The "Usage:" lines of a help text: everything up to the first blank line. */
static void print_usage_lines(const char *help, FILE *fp)
{
	const char *end = strstr(help, "\n\n");

	fprintf(fp, "%.*s\n", end ? (int)(end - help) : (int)strlen(help), help);
}

int cli_usage_error(const cli_cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(cmd, fmt, ap);
	va_end(ap);
	print_usage_lines(cmd->help, stderr);
	fprintf(stderr, "Try 'geograph %s --help' for more information.\n", cmd->name);
	return EXIT_USAGE;
}

int cli_fail(const cli_cmd *cmd, const geo_error *err)
{
	cli_error(cmd, "%s", err->msg[0] ? err->msg : geo_err_str(err->code));
	return geo_err_exit_status(err->code);
}

geo_err cli_commit(geo_outfile **out, geo_error *err)
{
	geo_outfile *o = *out;

	*out = NULL;
	return geo_outfile_commit(o, err);
}

int cli_layout_arg(const cli_cmd *cmd, const char *arg, geo_layout *out)
{
	char names[128] = "";
	size_t n = 0;

	if (geo_layout_parse(arg, out))
		return EXIT_OK;
	for (int l = 0; geo_layout_name((geo_layout)l) && n < sizeof names; l++)
		n += (size_t)snprintf(names + n, sizeof names - n, "%s%s", l ? ", " : "", geo_layout_name((geo_layout)l));
	return cli_usage_error(cmd, "unknown layout '%s' (%s)", arg, names);
}

int cli_help(const cli_cmd *cmd)
{
	fputs(cmd->help, stdout);
	return cli_finish_stdout(cmd);
}

int cli_not_available(const cli_cmd *cmd, const char *issue)
{
	cli_error(cmd, "not available yet: this build of geograph does not have '%s' (%s)", cmd->name,
		  issue);
	return EXIT_USAGE;
}

struct diag_state {
	const cli_cmd *cmd;
	bool quiet, verbose;
	unsigned long warnings;
};

static struct diag_state diag_state;

static void print_diag(void *user, geo_diag_level level, const char *msg)
{
	struct diag_state *st = user;

	if (level == GEO_DIAG_WARN) {
		st->warnings++;
		if (!st->quiet)
			cli_error(st->cmd, "warning: %s", msg);
	} else if (st->verbose) {
		cli_error(st->cmd, "%s", msg);
	}
}

void cli_diag_setup(const cli_cmd *cmd, bool quiet, bool verbose)
{
	diag_state = (struct diag_state){.cmd = cmd, .quiet = quiet, .verbose = verbose};
	geo_set_diag_handler(print_diag, &diag_state);
}

unsigned long cli_warnings(void)
{
	return diag_state.warnings;
}

bool cli_parse_size(const char *s, unsigned long long max, unsigned long long *out)
{
	char *end;
	unsigned long long v;

	if (!*s || *s == '-' || *s == '+' || *s == ' ')
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v > max)
		return false;
	*out = v;
	return true;
}

int cli_finish_stdout(const cli_cmd *cmd)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error(cmd, "error writing standard output: %s", strerror(errno ? errno : EIO));
		return EXIT_IO;
	}
	return EXIT_OK;
}

int cli_next_option(const cli_cmd *cmd, int argc, char **argv, const char *shortopts,
		    const struct option *longopts, cli_inputs *in, cli_graph_opts *go, int *status)
{
	int opt;

	*status = EXIT_OK;
	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if ((in && cli_input_option(cmd, opt, optarg, in, status)) ||
		    (go && cli_graph_option(cmd, opt, optarg, go, status))) {
			if (*status != EXIT_OK)
				return CLI_OPTS_EXIT;
			continue;
		}
		switch (opt) {
		case 'h':
			*status = cli_help(cmd);
			return CLI_OPTS_EXIT;
		case ':':
			*status = cli_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
			return CLI_OPTS_EXIT;
		case '?':
			*status = cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
			return CLI_OPTS_EXIT;
		default:
			return opt;
		}
	}
	return CLI_OPTS_END;
}

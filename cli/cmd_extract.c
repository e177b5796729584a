/* cmd_extract.c - geograph extract: inputs to events JSON Lines. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "progress.h"

static int run(const cli_cmd *self, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		CLI_INPUT_LONGOPTS,
		{NULL, 0, NULL, 0},
	};
	cli_inputs in = {0};
	const char *output = "-";
	geo_dict *dict = NULL;
	geo_source *src = NULL;
	geo_outfile *out = NULL;
	geo_event_writer *writer = NULL;
	geo_error err = {0};
	const geo_event *ev;
	cli_progress prog = {0};
	int opt, status = EXIT_OK;

	while ((opt = cli_next_option(self, argc, argv, ":o:h", longopts, &in, NULL, &status)) >= 0) {
		switch (opt) {
		case 'o':
			output = optarg;
			break;
		}
	}
	if (opt == CLI_OPTS_EXIT)
		return status;
	if (optind == argc)
		return cli_usage_error(self, "no INPUT given (use - for standard input)");
	cli_diag_setup(self, in.quiet, in.verbose);

	if (cli_load_dict(&in, &dict, &err) != GEO_OK ||
	    cli_open_source(&in, dict, argv + optind, argc - optind, &src, &err) != GEO_OK ||
	    geo_outfile_open(&out, output, &err) != GEO_OK ||
	    geo_event_writer_new(&writer, geo_outfile_fp(out), &err) != GEO_OK)
		goto fail;
	{
		/* Event-dense text gives 45 MB of lines from 20 MB: written
		 * 256 KiB at a time, a few hundred writes, not the 11,000 of
		 * stdio's block-sized buffer.  Not to a terminal, where each
		 * line should show when it is made.  Static: stdout is flushed
		 * at exit, after this returns. */
		static char obuf[1 << 18];
		FILE *fp = geo_outfile_fp(out);
		if (!isatty(fileno(fp)))
			setvbuf(fp, obuf, _IOFBF, sizeof obuf);
	}
	cli_progress_start(&prog, self, &in, argv + optind, argc - optind, src, strcmp(output, "-") == 0);
	for (;;) {
		if (geo_source_next(src, &ev, &err) != GEO_OK)
			goto fail;
		if (!ev)
			break;
		if (geo_event_writer_write(writer, ev, &err) != GEO_OK) {
			if (err.code == GEO_EIO) {
				char why[GEO_ERRMSG_MAX];
				snprintf(why, sizeof why, "%s", err.msg);
				geo_error_set(&err, GEO_EIO, "%s: %s", output, why);
			}
			goto fail;
		}
		cli_progress_tick(&prog);
	}
	cli_progress_finish(&prog, true);
	cli_report_source(self, &in, geo_source_get_stats(src));
	if (cli_commit(&out, &err) != GEO_OK)
		goto fail;
	goto done;
fail:
	cli_progress_finish(&prog, false);
	status = cli_fail(self, &err);
	geo_outfile_abort(out);
done:
	geo_event_writer_free(writer);
	geo_source_free(src);
	geo_dict_free(dict);
	return status;
}

const cli_cmd cmd_extract = {
	.name = "extract",
	.summary = "read news text (or events, GDELT) and write events as JSON Lines",
	.help = "Usage: geograph extract [OPTIONS] INPUT...\n"
		"\n"
		"Reads INPUT - text files, folders (recursively: *.txt, *.md, and event\n"
		"files), events JSON Lines, GDELT exports, or - for standard input - and\n"
		"writes one event per line: who did what to whom, with the sentence it was\n"
		"read from.  Keys are sorted; the same input gives the same bytes.\n"
		"\n"
		"Options:\n"
		"  -o, --output FILE  write the events to FILE (default: standard output)\n"
		"  -h, --help         show this help\n"
		CLI_INPUT_HELP,
	.run = run,
};

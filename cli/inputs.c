/* inputs.c - the input options every reading command shares. */
#include <string.h>

#include "cli.h"

bool cli_input_option(const cli_cmd *cmd, int opt, const char *arg, cli_inputs *in, int *status)
{
	*status = EXIT_OK;
	switch (opt) {
	case OPT_INPUT_FORMAT:
		if (!geo_input_format_parse(arg, &in->format))
			*status = cli_usage_error(cmd, "unknown input format '%s' (text, events, gdelt, auto)", arg);
		return true;
	case OPT_LEVEL:
		if (strcmp(arg, "country") == 0)
			in->level = GEO_LEVEL_COUNTRY;
		else if (strcmp(arg, "actor") == 0)
			in->level = GEO_LEVEL_ACTOR;
		else
			*status = cli_usage_error(cmd, "unknown level '%s' (country, actor)", arg);
		return true;
	case OPT_ACTORS:
	case OPT_RELATIONS: {
		const char **list = opt == OPT_ACTORS ? in->actors : in->relations;
		size_t *n = opt == OPT_ACTORS ? &in->nactors : &in->nrelations;
		if (*n == CLI_MAX_DICT_FILES)
			*status = cli_usage_error(cmd, "too many dictionary files (at most %d)", CLI_MAX_DICT_FILES);
		else
			list[(*n)++] = arg;
		return true;
	}
	case OPT_STRICT:
		in->strict = true;
		return true;
	case OPT_QUIET:
		in->quiet = true;
		return true;
	case OPT_VERBOSE:
		in->verbose = true;
		return true;
	}
	return false;
}

geo_err cli_load_dict(const cli_inputs *in, geo_dict **out, geo_error *err)
{
	geo_dict *d;
	geo_err rc = geo_dict_new_builtin(&d, err);

	for (size_t i = 0; rc == GEO_OK && i < in->nactors; i++)
		rc = geo_dict_load_file(d, in->actors[i], err);
	for (size_t i = 0; rc == GEO_OK && i < in->nrelations; i++)
		rc = geo_dict_load_file(d, in->relations[i], err);
	if (rc != GEO_OK) {
		geo_dict_free(d);
		d = NULL;
	}
	*out = d;
	return rc;
}

geo_err cli_open_source(const cli_inputs *in, const geo_dict *dict, char **paths, int npaths,
			geo_source **out, geo_error *err)
{
	geo_source_opts so = {
		.format = in->format,
		.dict = dict,
		.level = in->level,
		.strict = in->strict,
	};

	return geo_source_open(out, (const char *const *)paths, (size_t)npaths, &so, err);
}

void cli_report_source(const cli_cmd *cmd, const cli_inputs *in, const geo_source_stats *st)
{
	size_t skipped = 0;
	char detail[512] = "";
	size_t used = 0;

	for (int i = 0; i < GEO_SKIP_NREASONS; i++) {
		if (!st->skipped[i])
			continue;
		skipped += st->skipped[i];
		used += (size_t)snprintf(detail + used, used < sizeof detail ? sizeof detail - used : 0,
					 "%s%zu %s", used ? ", " : "", st->skipped[i], geo_skip_name((geo_skip)i));
		if (used >= sizeof detail)
			used = sizeof detail - 1;
	}
	if (in->verbose)
		cli_error(cmd, "read %zu file%s, %zu document%s, %zu record%s; %zu event%s", st->files,
			  st->files == 1 ? "" : "s", st->documents, st->documents == 1 ? "" : "s", st->records,
			  st->records == 1 ? "" : "s", st->events, st->events == 1 ? "" : "s");
	if (skipped && !in->quiet)
		cli_error(cmd, "skipped %zu record%s or file%s (%s)", skipped, skipped == 1 ? "" : "s",
			  skipped == 1 ? "" : "s", detail);
}

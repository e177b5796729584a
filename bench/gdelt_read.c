/*
 * gdelt_read.c - times the GDELT reader alone: reads every event of the
 * files named on the command line through geo_source (format detection,
 * decompression, row parsing, actor and relation mapping) and writes
 * nothing, so bench/gdelt can tell the reader's cost from the JSON
 * writer's.  Prints "ROWS EVENTS SECONDS" on stdout.
 */
#include <stdio.h>
#include <time.h>

#include "extract.h"

int main(int argc, char **argv)
{
	geo_dict *dict = NULL;
	geo_source *src = NULL;
	geo_source_opts opts = {.format = GEO_INPUT_GDELT};
	geo_error err = {0};
	const geo_event *ev;
	struct timespec t0, t1;
	size_t n = 0;
	int status = 1;

	if (argc < 2) {
		fprintf(stderr, "usage: gdelt_read FILE...\n");
		return 2;
	}
	if (geo_dict_new_builtin(&dict, &err) != GEO_OK)
		goto out;
	opts.dict = dict;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (geo_source_open(&src, (const char *const *)argv + 1, (size_t)argc - 1, &opts, &err) != GEO_OK)
		goto out;
	for (;;) {
		if (geo_source_next(src, &ev, &err) != GEO_OK)
			goto out;
		if (!ev)
			break;
		n += ev->source.id[0] != '\0'; /* touch the event */
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%zu %zu %.6f\n", geo_source_get_stats(src)->records, n,
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	status = 0;
out:
	if (status)
		fprintf(stderr, "gdelt_read: %s\n", err.msg);
	geo_source_free(src);
	geo_dict_free(dict);
	return status;
}

/* fuzz_common.c - feeds fuzz input to geo_source through a memory file. */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "extract.h"
#include "fuzz.h"

static geo_dict *shared_dict(void)
{
	static geo_dict *d;

	if (!d && geo_dict_new_builtin(&d, NULL) != GEO_OK)
		d = NULL;
	return d;
}

size_t fuzz_read_source(const uint8_t *data, size_t size, int format)
{
	char path[64];
	const char *paths[1] = {path};
	geo_source_opts opts = {.format = (geo_input_format)format, .dict = shared_dict()};
	geo_source *src = NULL;
	const geo_event *ev;
	size_t n = 0;
	int fd = memfd_create("fuzz", 0);

	if (fd < 0)
		return 0;
	if (size && write(fd, data, size) != (ssize_t)size)
		goto out;
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	if (geo_source_open(&src, paths, 1, &opts, NULL) != GEO_OK)
		goto out;
	while (geo_source_next(src, &ev, NULL) == GEO_OK && ev) {
		/* Touch every string the reader hands out. */
		FILE *null = fopen("/dev/null", "w");
		if (null) {
			geo_event_write_json(null, ev, NULL);
			fclose(null);
		}
		n++;
	}
out:
	geo_source_free(src);
	close(fd);
	return n;
}

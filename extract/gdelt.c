/*
 * gdelt.c - the GDELT 1.0/2.0 event export reader.
 *
 * Not built yet (issue [5/8]): files that look like GDELT exports are
 * recognised, and reading one fails with GEO_EUNSUPPORTED naming the file.
 */
#include <stdlib.h>
#include <string.h>

#include "extract_internal.h"

struct geo_reader {
	int unused;
};

bool geo_gdelt_sniff(const unsigned char *p, size_t n)
{
	size_t tabs = 0;

	if (n >= 4 && memcmp(p, "PK\3\4", 4) == 0)
		return true;
	if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b)
		return true;
	/* A plain export: a numeric event id, then 56 or more TABs on the first line. */
	if (n == 0 || p[0] < '0' || p[0] > '9')
		return false;
	for (size_t i = 0; i < n && p[i] != '\n'; i++)
		tabs += p[i] == '\t';
	return tabs >= 56;
}

static geo_err gdelt_open(geo_reader **out, geo_reader_ctx *ctx, geo_error *err)
{
	*out = NULL;
	return geo_error_set(err, GEO_EUNSUPPORTED,
			     "%s: GDELT input is not available yet in this build of geograph", ctx->path);
}

static geo_err gdelt_next(geo_reader *r, const geo_event **ev, geo_error *err)
{
	(void)r;
	(void)err;
	*ev = NULL;
	return GEO_OK;
}

static void gdelt_close(geo_reader *r)
{
	free(r);
}

const geo_reader_ops geo_gdelt_reader_ops = {
	.name = "gdelt",
	.open = gdelt_open,
	.next = gdelt_next,
	.close = gdelt_close,
};

/*
 * text.c - the text extractor: news text to events.
 *
 * Not built yet (issue [2/8]): creating an extractor fails with
 * GEO_EUNSUPPORTED, so every caller reports that text input is not
 * available instead of producing nothing.
 */
#include <stdlib.h>

#include "extract_internal.h"

struct geo_extractor {
	const geo_dict *dict;
};

geo_err geo_extractor_new(geo_extractor **out, const geo_dict *dict, const geo_extract_opts *opts,
			  geo_error *err)
{
	(void)dict;
	(void)opts;
	*out = NULL;
	return geo_error_set(err, GEO_EUNSUPPORTED,
			     "text extraction is not available yet in this build of geograph");
}

void geo_extractor_free(geo_extractor *x)
{
	free(x);
}

geo_err geo_extract_text(geo_extractor *x, const char *doc, const char *date, const char *text,
			 size_t len, geo_event_fn emit, void *user, size_t *nsent, size_t *replaced,
			 geo_error *err)
{
	(void)x, (void)doc, (void)date, (void)text, (void)len, (void)emit, (void)user;
	(void)nsent, (void)replaced;
	return geo_error_set(err, GEO_EUNSUPPORTED,
			     "text extraction is not available yet in this build of geograph");
}

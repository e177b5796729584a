/*
 * gdelt_internal.h - the GDELT reader's helpers that unit tests reach
 * (GEO_STATIC: static outside test builds).  Not installed.
 */
#ifndef GEO_GDELT_INTERNAL_H
#define GEO_GDELT_INTERNAL_H

#include "extract_internal.h"

#define GDELT_ID_MAX 32 /* longest actor id kept from a code, with its NUL */

/* The outcome of resolving one actor: none, an id, or a code with
 * characters no CAMEO code has, in the column named. */
enum gdelt_resolved {
	GDELT_ACTOR_NONE,
	GDELT_ACTOR_OK,
	GDELT_ACTOR_BAD_CODE,
	GDELT_ACTOR_BAD_COUNTRY,
	GDELT_ACTOR_BAD_GROUP,
};

#ifdef GEO_TESTING
enum gdelt_resolved gdelt_resolve_actor(const char *code, size_t code_len, const char *country,
					size_t country_len, const char *group, size_t group_len,
					char *buf, const char **id, geo_actor_type *type);
bool gdelt_parse_date(const char *s, size_t n, char *out);
bool gdelt_parse_decimal(const char *s, size_t n, double *out);
size_t gdelt_count_tabs(const char *s, size_t n);
#endif

#endif

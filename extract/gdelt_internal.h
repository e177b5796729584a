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

/* The TABs of a row: where the first GDELT_SPLIT_POS are (enough to end
 * column 31, NumMentions, the last one read by position), how many there
 * are in all, and whether every byte after the last kept one is ASCII
 * (true too when there are fewer TABs than that). */
#define GDELT_SPLIT_POS 32

typedef struct gdelt_split {
	uint32_t pos[GDELT_SPLIT_POS + 16]; /* past GDELT_SPLIT_POS: scratch;
					     * rows are below GEO_MAX_LINE */
	size_t ntabs;
	bool ascii;
} gdelt_split;

#ifdef GEO_TESTING
enum gdelt_resolved gdelt_resolve_actor(const char *code, size_t code_len, const char *country,
					size_t country_len, const char *group, size_t group_len,
					char *buf, const char **id, geo_actor_type *type);
bool gdelt_parse_date(const char *s, size_t n, char *out);
bool gdelt_parse_decimal(const char *s, size_t n, double *out);
bool gdelt_tables_sorted(void); /* every code found, with its id */
bool gdelt_all_digits(const char *s, size_t n);
void gdelt_split_scalar(const char *s, size_t n, gdelt_split *sp);
#if defined(__SSE2__) && defined(__GNUC__)
void gdelt_split_sse2(const char *s, size_t n, gdelt_split *sp);
#endif
#endif

#endif

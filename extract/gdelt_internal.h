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

/* The TABs of a row, found in the pass that finds its end: where the
 * first GDELT_SPLIT_POS are (enough to end column 31, NumMentions, the
 * last one read by position), how many there are in all, where the last
 * one is (the URL follows it), and whether every byte after the last one
 * (or of the row, when it has none) is ASCII. */
#define GDELT_SPLIT_POS 32

typedef struct gdelt_split {
	uint32_t pos[GDELT_SPLIT_POS + 64]; /* past GDELT_SPLIT_POS: scratch;
					     * rows are below GEO_MAX_LINE */
	size_t ntabs;
	uint32_t last; /* offset of the last TAB, when ntabs > 0 */
	bool ascii;
} gdelt_split;

/* The scanners: each fills *sp for s[0..end) and returns end, the offset
 * of the first '\n' in s[0..n), or n if there is none (a geo_scan_fn). */
#ifdef GEO_TESTING
enum gdelt_resolved gdelt_resolve_actor(const char *code, size_t code_len, const char *country,
					size_t country_len, const char *group, size_t group_len,
					char *buf, const char **id, geo_actor_type *type);
bool gdelt_parse_date(const char *s, size_t n, char *out);
bool gdelt_parse_decimal(const char *s, size_t n, double *out);
bool gdelt_parse_goldstein(const char *s, size_t n, double *out);
bool gdelt_tables_sorted(void); /* every code found, with its id */
bool gdelt_all_digits(const char *s, size_t n);
size_t gdelt_scan_scalar(void *sp, const char *s, size_t n);
#if defined(__SSE2__) && defined(__GNUC__)
size_t gdelt_scan_sse2(void *sp, const char *s, size_t n);
size_t gdelt_scan_avx2(void *sp, const char *s, size_t n);
bool gdelt_have_avx2(void);
size_t gdelt_scan_avx512(void *sp, const char *s, size_t n);
bool gdelt_have_avx512(void);
#endif
#endif

#endif

/*
 * text_lex.h - word classes and inflection for the text extractor (see
 * text_lex.c).  Not installed.
 */
#ifndef GEO_TEXT_LEX_H
#define GEO_TEXT_LEX_H

#include "text_internal.h"

/* Word-class bits of a lower-case token. */
enum {
	GEO_W_PREP = 1u << 0,
	GEO_W_DET = 1u << 1,
	GEO_W_BE = 1u << 2,
	GEO_W_AUX = 1u << 3,
	GEO_W_WILL = 1u << 4,     /* will, 'll, shall: planned */
	GEO_W_HYP = 1u << 5,      /* would, could, may: hypothetical */
	GEO_W_NEG = 1u << 6,
	GEO_W_ADV = 1u << 7,
	GEO_W_TIME = 1u << 8,
	GEO_W_CONJ = 1u << 9,
	GEO_W_REL = 1u << 10,
	GEO_W_HE = 1u << 11,      /* he, she, his, her */
	GEO_W_IT = 1u << 12,      /* it, its, they, their */
	GEO_W_FIRST = 1u << 13,   /* I, my, we, our */
	GEO_W_POSS = 1u << 14,    /* its, their, his, her, my, our */
	GEO_W_REPORT = 1u << 15,  /* said, told, added */
	GEO_W_GENERIC = 1u << 16, /* countries, nations, buyers */
	GEO_W_LIST = 1u << 17,    /* namely, including */
	GEO_W_BARRIER = 1u << 18, /* but, while, because: a new clause */
	GEO_W_EVENT = 1u << 19,   /* talks, meeting, summit */
	GEO_W_AGENT = 1u << 20,   /* officials, government, troops */
	GEO_W_SUPPORT = 1u << 21, /* impose, hold, launch (+ relation noun) */
	GEO_W_CATEN = 1u << 22,   /* continue, plan, agree (+ to VERB) */
	GEO_W_PLAN = 1u << 23,    /* catenatives that make an act planned */
	GEO_W_THREAT = 1u << 24,  /* threaten */
	GEO_W_NEGVERB = 1u << 25, /* refuse, decline, deny */
	GEO_W_REPORTED = 1u << 26,/* reportedly, allegedly */
	GEO_W_LYADV = 1u << 27,   /* an -ly word not otherwise known */
	GEO_W_INGFORM = 1u << 28, /* the -ing form of a listed verb */
	/* A word of one of the grammar's own lists (geo_words_build's
	 * marked): a filter only, kept out of the class bits the grammar
	 * tests. */
	GEO_W_MARKED = 1u << 29,
};

/* Word forms of a trigger. */
enum {
	GEO_FORM_BASE = 1,
	GEO_FORM_S,
	GEO_FORM_PAST,
	GEO_FORM_PART,
	GEO_FORM_PASTPART, /* past and participle alike: "sanctioned" */
	GEO_FORM_ING,
	GEO_FORM_NOUN,
	GEO_FORM_PHRASE,
};

#define GEO_MAX_INFLECTIONS 10

typedef struct geo_inflections {
	size_t n;
	char w[GEO_MAX_INFLECTIONS][96];
	int form[GEO_MAX_INFLECTIONS];
} geo_inflections;

/* The forms of a lower-case verb (the first word of w; the rest of w, if
 * any, is left alone by the caller): base, -s, past, participle, -ing,
 * with irregular verbs from a table.  Words of n >= 46 bytes give none. */
void geo_inflect_verb(const char *w, size_t n, geo_inflections *f);

/* A noun phrase and its plural (last word before any trailing
 * preposition): "purchase of" -> "purchases of". */
void geo_inflect_noun(const char *w, size_t n, geo_inflections *f);

/* A word of the class table with everything a lookup gives back in one
 * 32-byte slot: a known word costs one cache line (the hash, the length,
 * the first eight bytes, the classes and the list mask), not a slot, its
 * key in a pool and two more arrays. */
typedef struct geo_wslot {
	uint32_t hash;
	uint32_t len;  /* 0: empty */
	uint64_t key;  /* the first eight bytes, zero-extended (memcpy order) */
	uint64_t lists;
	uint32_t bits;
	uint32_t off;  /* the whole key, in map.pool */
} geo_wslot;

typedef struct geo_words {
	geo_tmap map;     /* words -> index in bits and lists, while building */
	uint32_t *bits;
	uint64_t *lists;  /* bit j: the word is one of marked[j] */
	size_t n;
	geo_wslot *slots; /* the lookup table, at most half full */
	size_t cap;
} geo_words;

/* Builds the word classes; every word of the NULL-terminated lists in
 * marked (NULL for none, at most 64 lists) also gets GEO_W_MARKED, and
 * bit j of its list mask for marked[j]. */
geo_err geo_words_build(geo_words *ws, const char *const *const *marked);
void geo_words_free(geo_words *ws);

/* The slot of a lower-case token (NULL when unknown); h is its
 * geo_tmap_hash().  low may be read up to seven bytes past n, as
 * geo_tokens.low may. */
static inline const geo_wslot *geo_words_slot(const geo_words *ws, const char *low, size_t n, uint32_t h)
{
	size_t mask = ws->cap - 1;

	/* The map's filter holds the same words: most others stop here. */
	if (!ws->cap || !(ws->map.filter[geo_tmap_fword(h)] & geo_tmap_fbit(h)))
		return NULL;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		const geo_wslot *s = &ws->slots[i];
		if (!s->len)
			return NULL;
		if (s->hash != h || s->len != n)
			continue;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		if (n <= 8) {
			uint64_t w = geo_swar_load(low) & (~UINT64_C(0) >> (64 - 8 * n));
			if (w == s->key)
				return s;
			continue;
		}
#endif
		if (geo_tmap_same_padded(ws->map.pool + s->off, low, n))
			return s;
	}
}

/* A word of five bytes or more that ends in "ly": the length and both
 * bytes in one test, not three branches a token (low[n - 2] and
 * low[n - 1] are read from the last two bytes of at least two). */
static inline bool geo_words_ly(const char *low, size_t n)
{
	const char *e = low + (n >= 2 ? n - 2 : 0);

	return (n > 4) & (e[0] == 'l') & (e[1] == 'y');
}

/* The class bits of a lower-case token (0 when unknown), as
 * geo_words_slot() takes it. */
static inline uint32_t geo_words_get(const geo_words *ws, const char *low, size_t n, uint32_t h)
{
	const geo_wslot *s = geo_words_slot(ws, low, n, h);
	uint32_t b = s ? s->bits : 0;

	/* Adverbs are open-class: most end in -ly. */
	if (geo_words_ly(low, n) && !(b & ~GEO_W_ADV))
		b |= GEO_W_ADV | GEO_W_LYADV;
	return b;
}

/* As geo_words_get(), and *lists gets the word's list mask (0 when it is
 * in none). */
static inline uint32_t geo_words_get_lists(const geo_words *ws, const char *low, size_t n, uint32_t h,
					   uint64_t *lists)
{
	const geo_wslot *s = geo_words_slot(ws, low, n, h);
	uint32_t b = 0;

	*lists = 0;
	if (s) {
		b = s->bits;
		*lists = s->lists;
	}
	if (geo_words_ly(low, n) && !(b & ~GEO_W_ADV))
		b |= GEO_W_ADV | GEO_W_LYADV;
	return b;
}

#ifdef GEO_TESTING
/* The lookup the slot table replaces: the map, then the bits and lists
 * arrays.  Tests hold geo_words_get_lists() to it. */
static inline uint32_t geo_words_get_lists_plain(const geo_words *ws, const char *low, size_t n, uint32_t h,
						 uint64_t *lists)
{
	uint32_t v, b = 0;

	*lists = 0;
	if (geo_tmap_get(&ws->map, low, n, h, &v)) {
		b = ws->bits[v];
		*lists = ws->lists[v];
	}
	if (n > 4 && low[n - 2] == 'l' && low[n - 1] == 'y' && !(b & ~GEO_W_ADV))
		b |= GEO_W_ADV | GEO_W_LYADV;
	return b;
}
#endif

#endif

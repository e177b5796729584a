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

typedef struct geo_words {
	geo_tmap map;
	uint32_t *bits;
	uint64_t *lists; /* bit j: the word is one of marked[j] */
	size_t n;
} geo_words;

/* Builds the word classes; every word of the NULL-terminated lists in
 * marked (NULL for none, at most 64 lists) also gets GEO_W_MARKED, and
 * bit j of its list mask for marked[j]. */
geo_err geo_words_build(geo_words *ws, const char *const *const *marked);
void geo_words_free(geo_words *ws);
/* The class bits of a lower-case token (0 when unknown); h is its
 * geo_tmap_hash() (geo_tok.hash); low may be read up to seven bytes past
 * n, as geo_tokens.low may. */
static inline uint32_t geo_words_get(const geo_words *ws, const char *low, size_t n, uint32_t h)
{
	uint32_t v, b = 0;

	if (geo_tmap_get_padded(&ws->map, low, n, h, &v))
		b = ws->bits[v];
	/* Adverbs are open-class: most end in -ly. */
	if (n > 4 && low[n - 2] == 'l' && low[n - 1] == 'y' && !(b & ~GEO_W_ADV))
		b |= GEO_W_ADV | GEO_W_LYADV;
	return b;
}

/* As geo_words_get(), and *lists gets the word's list mask (0 when it is
 * in none). */
static inline uint32_t geo_words_get_lists(const geo_words *ws, const char *low, size_t n, uint32_t h,
					   uint64_t *lists)
{
	uint32_t v, b = 0;

	*lists = 0;
	if (geo_tmap_get_padded(&ws->map, low, n, h, &v)) {
		b = ws->bits[v];
		*lists = ws->lists[v];
	}
	if (n > 4 && low[n - 2] == 'l' && low[n - 1] == 'y' && !(b & ~GEO_W_ADV))
		b |= GEO_W_ADV | GEO_W_LYADV;
	return b;
}

#endif

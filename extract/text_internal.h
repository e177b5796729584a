/*
 * text_internal.h - the pieces of the text extractor: the normaliser, the
 * sentence splitter, the tokenizer and the phrase lexicon (token sequences
 * to dictionary items).  text.c puts them together into the shallow
 * grammar.  Not installed.
 */
#ifndef GEO_TEXT_INTERNAL_H
#define GEO_TEXT_INTERNAL_H

#include "extract_internal.h"

/* ------------------------------------------------------------------ */
/* Normalising                                                         */

/*
 * Appends text (len bytes, any encoding garbage allowed) to out as valid
 * UTF-8: a leading BOM dropped, CRLF and CR turned into LF, curly quotes
 * and primes into ASCII quotes, dashes and the minus sign into '-', exotic
 * spaces into ' ', zero-width characters dropped, other control characters
 * into ' ', and every invalid byte into U+FFFD.  *replaced (may be NULL)
 * gets the number of invalid bytes.  GEO_ENOMEM only.
 */
geo_err geo_text_normalize(const char *text, size_t len, geo_buf *out, size_t *replaced);

/* ------------------------------------------------------------------ */
/* Sentences                                                           */

typedef struct geo_sentences {
	geo_span *v;
	size_t n, cap;
} geo_sentences;

/*
 * Splits normalised text into sentences (byte ranges with surrounding
 * space trimmed), replacing the previous content of *out.  Sentences end at
 * . ! ? (with closing quotes and brackets kept in the sentence) unless the
 * period ends an abbreviation or an initial; at a blank line; and after a
 * first line without final punctuation (a headline).  A single line break
 * inside a paragraph is a space.  GEO_ENOMEM only.  Free with
 * geo_sentences_free().
 */
geo_err geo_sentences_split(const char *s, size_t n, geo_sentences *out);
void geo_sentences_free(geo_sentences *ss);

/* ------------------------------------------------------------------ */
/* Tokens                                                              */

enum {
	GEO_TOK_WORD = 1 << 0,   /* letters or digits */
	GEO_TOK_PUNCT = 1 << 1,  /* one punctuation character */
	GEO_TOK_CAP = 1 << 2,    /* starts with an upper-case ASCII letter */
	GEO_TOK_ALLCAP = 1 << 3, /* two or more letters, all upper case */
	GEO_TOK_NUM = 1 << 4,    /* starts with a digit */
	GEO_TOK_CLITIC = 1 << 5, /* 's 'll n't ... split off a word */
};

typedef struct geo_tok {
	uint32_t start, len; /* bytes in the sentence */
	uint32_t flags;
} geo_tok;

typedef struct geo_tokens {
	geo_tok *v;
	size_t n, cap;
	char *low;   /* the sentence with ASCII letters lower-cased, same offsets */
	size_t lowcap;
} geo_tokens;

/*
 * Splits s (n bytes of normalised text) into tokens, replacing the
 * previous content of *out; buffers are reused, so a steady stream of
 * sentences allocates nothing.  Words keep inner apostrophes and the dots
 * of initialisms ("U.S.") and known abbreviations ("Gen."); possessive 's,
 * n't and the other clitics, hyphens and every punctuation mark are tokens
 * of their own.  GEO_ENOMEM only.
 */
geo_err geo_tokenize(const char *s, size_t n, geo_tokens *out);
void geo_tokens_free(geo_tokens *t);

/* True when the lower-case word (n bytes, no dot) is an abbreviation that
 * takes a period: "mr", "gen", "aug", "no", "inc". */
bool geo_text_is_abbrev(const char *w, size_t n);

/* ------------------------------------------------------------------ */
/* Phrase lexicon                                                      */

/* One dictionary item reachable from a token sequence. */
typedef struct geo_lex_item {
	int32_t next;      /* next item with the same key, -1 at the end */
	uint16_t ntok;     /* tokens in the phrase */
	uint16_t kind;     /* the caller's kind */
	int32_t ref;       /* the caller's reference (actor index, ...) */
	int32_t aux;       /* the caller's extra value */
	uint32_t case_off; /* original spelling in the case pool */
} geo_lex_item;

typedef struct geo_lex geo_lex;

geo_lex *geo_lex_new(void);
void geo_lex_free(geo_lex *lx);

/*
 * Adds a phrase (n bytes of text, tokenized like sentences) for
 * (kind, ref, aux).  A phrase with an upper-case letter matches only text
 * spelled the same way in its capitalised tokens; an all-lower-case phrase
 * matches in any case.  The same phrase with the same kind and ref is kept
 * once.  GEO_ENOMEM only; an empty phrase is ignored.
 */
geo_err geo_lex_add(geo_lex *lx, const char *phrase, size_t n, int kind, int32_t ref, int32_t aux);

/*
 * The longest phrase starting at token i of a tokenized sentence (text s)
 * that has at least one item whose spelling fits; *ntok gets its length in
 * tokens.  Returns the first item index of that phrase, or -1 when none.
 * Walk the items with geo_lex_item_at()->next and check each with
 * geo_lex_case_ok().  Cost: one hash lookup per token tried.
 */
int32_t geo_lex_longest(const geo_lex *lx, const char *s, const geo_tokens *t, size_t i,
			size_t *ntok);

/* As geo_lex_longest(), but only phrases with an item of this ref count;
 * returns that item, or -1. */
int32_t geo_lex_find_ref(const geo_lex *lx, const char *s, const geo_tokens *t, size_t i, int32_t ref,
			 size_t *ntok);

const geo_lex_item *geo_lex_item_at(const geo_lex *lx, int32_t idx);

/* True when the text's tokens from i fit the item's capitalisation. */
bool geo_lex_case_ok(const geo_lex *lx, const geo_lex_item *it, const char *s,
		     const geo_tokens *t, size_t i);

#ifdef GEO_TESTING
/* text.c: the date a text states near its start, else fallback. */
void geo_text_find_date(const char *s, size_t n, const char *fallback, char out[11]);
/* text.c: the mentions and triggers of the last sentence read. */
void geo_text_dump(const geo_extractor *x, FILE *fp);
#endif

#endif

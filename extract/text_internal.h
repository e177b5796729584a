/*
 * text_internal.h - the pieces of the text extractor: the normaliser, the
 * sentence splitter, the tokenizer and the phrase lexicon (token sequences
 * to dictionary items).  text.c puts them together into the shallow
 * grammar.  Not installed.
 */
#ifndef GEO_TEXT_INTERNAL_H
#define GEO_TEXT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "extract_internal.h"

/* ASCII character classes.  The library never sets a locale, so <ctype.h>
 * answers these for ASCII only anyway; these skip its table lookup through
 * a function call on every byte of the hot loops. */
static inline bool geo_a_upper(unsigned char c) { return (unsigned)(c - 'A') < 26u; }
static inline bool geo_a_lower(unsigned char c) { return (unsigned)(c - 'a') < 26u; }
static inline bool geo_a_digit(unsigned char c) { return (unsigned)(c - '0') < 10u; }
static inline bool geo_a_alpha(unsigned char c) { return geo_a_upper(c) || geo_a_lower(c); }
static inline bool geo_a_alnum(unsigned char c) { return geo_a_alpha(c) || geo_a_digit(c); }
static inline char geo_a_tolower(unsigned char c) { return (char)(geo_a_upper(c) ? c + 32 : c); }

/* Eight bytes at a time: the scanners skip plain text in words, not bytes.
 * Per-byte arithmetic below never carries into the next byte. */
#define GEO_SWAR_ONES UINT64_C(0x0101010101010101)
#define GEO_SWAR_HIGH (GEO_SWAR_ONES * 0x80)

static inline uint64_t geo_swar_load(const void *p)
{
	uint64_t w;

	memcpy(&w, p, 8);
	return w;
}

/* True when one of the eight bytes is c. */
static inline bool geo_swar_has(uint64_t w, unsigned char c)
{
	uint64_t v = w ^ (GEO_SWAR_ONES * c);

	return ((v - GEO_SWAR_ONES) & ~v & GEO_SWAR_HIGH) != 0;
}

/* The high bit of each byte of w that is c, and no other bit (exact, with
 * no borrow from one byte into the next, so any byte order may read it). */
static inline uint64_t geo_swar_eq(uint64_t w, unsigned char c)
{
	uint64_t v = w ^ (GEO_SWAR_ONES * c), low7 = ~GEO_SWAR_HIGH;

	return ~(((v & low7) + low7) | v | low7);
}

/* The index in memory order (0-7) of the first byte flagged by a mask of
 * geo_swar_eq() bits; m != 0. */
static inline unsigned geo_swar_first(uint64_t m)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return (unsigned)__builtin_ctzll(m) >> 3;
#elif defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return (unsigned)__builtin_clzll(m) >> 3;
#else
	unsigned char b[8];
	unsigned k = 0;

	memcpy(b, &m, 8);
	while (k < 7 && !b[k])
		k++;
	return k;
#endif
}

/* The offset from p of the first line break or final mark ('\n' '.' '!'
 * '?') in p[0, n), or n: the sentence splitter's skip over plain text.
 * Eight bytes at a time here; geo_sent_stop() is the one to call. */
static inline size_t geo_sent_stop_swar(const char *p, size_t n)
{
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t w = geo_swar_load(p + i);
		uint64_t m = geo_swar_eq(w, '\n') | geo_swar_eq(w, '.') | geo_swar_eq(w, '!') | geo_swar_eq(w, '?');
		if (m)
			return i + geo_swar_first(m);
	}
	while (i < n && p[i] != '\n' && p[i] != '.' && p[i] != '!' && p[i] != '?')
		i++;
	return i;
}

#if defined(__SSE2__) && defined(__GNUC__)
#define GEO_TEXT_SSE2 1
#include <emmintrin.h>

/* As geo_sent_stop_swar(), sixteen bytes at a time. */
static inline size_t geo_sent_stop_sse2(const char *p, size_t n)
{
	const __m128i nl = _mm_set1_epi8('\n'), dot = _mm_set1_epi8('.'), bang = _mm_set1_epi8('!'),
		      ask = _mm_set1_epi8('?');
	size_t i = 0;

	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		__m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, dot)),
					   _mm_or_si128(_mm_cmpeq_epi8(v, bang), _mm_cmpeq_epi8(v, ask)));
		unsigned m = (unsigned)_mm_movemask_epi8(hit);
		if (m)
			return i + (unsigned)__builtin_ctz(m);
	}
	return i + geo_sent_stop_swar(p + i, n - i);
}
#endif

static inline size_t geo_sent_stop(const char *p, size_t n)
{
#ifdef GEO_TEXT_SSE2
	return geo_sent_stop_sse2(p, n);
#else
	return geo_sent_stop_swar(p, n);
#endif
}

/* True when all eight bytes are printable ASCII, 0x20 to 0x7E. */
static inline bool geo_swar_printable(uint64_t w)
{
	uint64_t t = w & ~GEO_SWAR_HIGH;

	return ((w | (t + GEO_SWAR_ONES) | ~(t + GEO_SWAR_ONES * 0x60)) & GEO_SWAR_HIGH) == 0;
}

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
/* The same, in place: b's bytes become their normalised form (b may get
 * a new block when invalid bytes make the text longer).  On GEO_ENOMEM b
 * holds a part of the text only. */
geo_err geo_text_normalize_inplace(geo_buf *b, size_t *replaced);

#define GEO_TMAP_SEED 2166136261u

/* One step of the key hash: eight bytes of key (fewer, zero-extended, at
 * the end) folded into the state.  A word-at-a-time hash: a word of up to
 * eight bytes costs one multiply, not one per byte, and the tokenizer
 * need not hash while it scans. */
static inline uint64_t geo_tmap_step(uint64_t x, uint64_t w)
{
	x = (x ^ w) * UINT64_C(0x9E3779B97F4A7C15);
	return x ^ (x >> 29);
}

/* The last step: every bit of the state reaches the 32 bits kept, whose
 * low bits index the slots and high bits the filters. */
static inline uint32_t geo_tmap_fin(uint64_t x)
{
	x ^= x >> 32;
	x *= UINT64_C(0xD6E8FEB86659FD93);
	x ^= x >> 32;
	return (uint32_t)x;
}

/* The hash of n key bytes at p (seed: GEO_TMAP_SEED): the length, then
 * eight bytes a step, the last one to eight of them zero-extended (as a
 * little-endian load puts them into a zero word: byte k is bits 8k up;
 * a loop, not a memcpy() of a variable length, which is a call). */
static inline uint32_t geo_tmap_hash(uint32_t seed, const char *p, size_t n)
{
	uint64_t x = seed ^ ((uint64_t)n << 32), w = 0;

	for (; n > 8; n -= 8, p += 8) {
		memcpy(&w, p, 8);
		x = geo_tmap_step(x, w);
	}
	w = 0;
	for (size_t k = 0; k < n; k++)
		w |= (uint64_t)(unsigned char)p[k] << (8 * k);
	return geo_tmap_fin(geo_tmap_step(x, w));
}

/* As geo_tmap_hash(), for bytes that may be read up to seven past n (a
 * token of geo_tokens.low): the last step masks a whole load instead of
 * copying byte by byte.  Same value. */
static inline uint32_t geo_tmap_hash_padded(uint32_t seed, const char *p, size_t n)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t x = seed ^ ((uint64_t)n << 32), w;

	for (; n > 8; n -= 8, p += 8) {
		memcpy(&w, p, 8);
		x = geo_tmap_step(x, w);
	}
	memcpy(&w, p, 8);
	/* n is 0 to 8 here: keep its n low bytes (none for an empty key). */
	w &= n ? ~UINT64_C(0) >> (64 - 8 * n) : 0;
	return geo_tmap_fin(geo_tmap_step(x, w));
#else
	return geo_tmap_hash(seed, p, n);
#endif
}

/* The hash of a phrase key: the previous tokens' (h) joined with the next
 * token's own hash (th), so that each token is hashed once per sentence. */
static inline uint32_t geo_tmap_join(uint32_t h, uint32_t th)
{
	h = (h ^ th) * 0x9E3779B1u;
	return h ^ (h >> 15);
}

/* Asks the kernel to back a large buffer (8 MiB or more: one document
 * read whole, and its normalised copy) with huge pages, where it can:
 * such a buffer otherwise costs a page fault per 4 KiB the first time it
 * is written, near a tenth of the CPU time of a 17 MB file.  Advice only;
 * nothing where the system has no such call.  Call it again when the
 * buffer has grown. */
void geo_text_hugepages(void *p, size_t n);

/* stream.c: the bytes left to read in a regular file (its size when
 * nothing was read), or 0 when unknown (a pipe, standard input).  A hint
 * for one allocation: the file may change while it is read. */
size_t geo_stream_size_hint(const geo_stream *s);

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
/* The same for text that goes on from a paragraph break of a document
 * whose earlier part ended a sentence already: no first line is taken for
 * a headline. */
geo_err geo_sentences_split_more(const char *s, size_t n, geo_sentences *out);
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
	uint32_t hash;       /* geo_tmap_hash() of the lower-cased bytes */
} geo_tok;

typedef struct geo_tokens {
	geo_tok *v;
	size_t n, cap;
	char *low;   /* the sentence with ASCII letters lower-cased, same offsets;
		      * NUL-ended, then GEO_TMAP_PAD zero bytes */
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
/* Token map                                                           */

/*
 * A string -> uint32 map for the per-token lookups of the extractor (word
 * classes, phrase keys).  geo_strmap from core keeps a 3/4 load and a
 * 32-byte slot; most lookups here miss, so this one stays at most half full
 * with 16-byte slots and compares a 32-bit hash before any byte, and lets
 * the caller hash a phrase one token at a time (geo_tmap_join() continues
 * from a previous hash).  Keys are copied into the map's pool.
 */
typedef struct geo_tmap_slot {
	uint32_t hash;
	uint32_t len; /* 0: empty */
	uint32_t off; /* key in pool */
	uint32_t value;
} geo_tmap_slot;

#define GEO_TMAP_FILTER 512 /* 64-bit words: 32 Kbit, 4 KiB */

typedef struct geo_tmap {
	/* One bit per key hash (bits the slot index does not use): a word of
	 * the text that is in no key is turned away without touching the slot
	 * table, which is much larger than the first-level cache. */
	uint64_t filter[GEO_TMAP_FILTER];
	geo_tmap_slot *slots;
	size_t cap, count;
	char *pool;
	size_t plen, pcap;
} geo_tmap;


/* The filter word and bit of a key hash: 9 + 6 bits above the 17 low bits
 * that index the slots of any map up to 128 Ki slots, and disjoint from
 * each other, so that the 32 Kbit really are 32 Kbit. */
static inline size_t geo_tmap_fword(uint32_t h)
{
	return (h >> 17) % GEO_TMAP_FILTER;
}

static inline uint64_t geo_tmap_fbit(uint32_t h)
{
	return UINT64_C(1) << (h >> 26);
}

void geo_tmap_free(geo_tmap *m);
/* Finds key (hashed as h); absent, adds it with *value.  *value gets the
 * value stored.  GEO_ENOMEM; GEO_ELIMIT for an empty key or a pool past
 * 4 GiB. */
geo_err geo_tmap_put(geo_tmap *m, const char *key, size_t len, uint32_t h, uint32_t *value);

/* Keys are words, a few bytes long: a loop here beats a call to memcmp. */
static inline bool geo_tmap_same(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

/* As geo_tmap_same(), eight bytes at a time, for a and b that may be read
 * up to seven bytes past n: tokens of geo_tokens.low and keys of a map's
 * pool, both padded so.  No loop for a word of up to eight bytes, so no
 * branch on where it ends. */
static inline bool geo_tmap_same_padded(const char *a, const char *b, size_t n)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	for (; n > 8; n -= 8, a += 8, b += 8)
		if (geo_swar_load(a) != geo_swar_load(b))
			return false;
	/* 1 to 8 bytes left (or none): the first n of the next eight. */
	return n == 0 || ((geo_swar_load(a) ^ geo_swar_load(b)) & (~UINT64_C(0) >> (64 - 8 * n))) == 0;
#else
	return geo_tmap_same(a, b, n);
#endif
}

/* The bytes a map's pool keeps readable (and zero) past its last key, and
 * geo_tokens.low past its NUL, for geo_tmap_same_padded(). */
#define GEO_TMAP_PAD 8

/* The lookup of geo_tmap_get() and geo_tmap_get_padded(); padded is a
 * constant at each call, so each inlines its own compare. */
static inline bool geo_tmap_find(const geo_tmap *m, const char *key, size_t len, uint32_t h, uint32_t *value,
				 bool padded)
{
	size_t mask = m->cap - 1;

	if (!m->cap || !(m->filter[geo_tmap_fword(h)] & geo_tmap_fbit(h)))
		return false;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		const geo_tmap_slot *s = &m->slots[i];
		if (!s->len)
			return false;
		if (s->hash == h && s->len == len &&
		    (padded ? geo_tmap_same_padded(m->pool + s->off, key, len) : geo_tmap_same(m->pool + s->off, key, len))) {
			*value = s->value;
			return true;
		}
	}
}

/* True when key (hashed as h) is in the map; *value gets its value. */
static inline bool geo_tmap_get(const geo_tmap *m, const char *key, size_t len, uint32_t h,
				uint32_t *value)
{
	return geo_tmap_find(m, key, len, h, value, false);
}

/* As geo_tmap_get(), for a key that may be read up to seven bytes past
 * len (a token of geo_tokens.low). */
static inline bool geo_tmap_get_padded(const geo_tmap *m, const char *key, size_t len, uint32_t h,
				       uint32_t *value)
{
	return geo_tmap_find(m, key, len, h, value, true);
}

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
	bool any_case;     /* no upper-case letter: fits text in any case */
	uint8_t upper;     /* bit k: token k (k < 8) of the spelling has an upper-case letter */
	uint16_t case_len; /* bytes of that spelling, UINT16_MAX for as many or more */
} geo_lex_item;

struct geo_lex_key {
	int32_t first;  /* first item, -1 for a pure prefix */
	int32_t parent; /* the key one token shorter, -1 for one token */
};

/* Visible here only so that the per-token calls below can be inline: the
 * first-token test turns most tokens away without a function call. */
#define GEO_LEX_FIRST 1024 /* 64-bit words: 64 Kbit, 8 KiB */

typedef struct geo_lex {
	/* One bit per hash of a phrase's first token.  The map's own filter
	 * also holds every longer prefix, and for the big lexicons lets one
	 * word in seven through for nothing. */
	uint64_t first[GEO_LEX_FIRST];
	/* The same bits for phrases of one token only.  A first word whose
	 * bit is clear starts longer phrases only ("the" of "the Hague"):
	 * its own key has no item, and the scan goes straight to the key of
	 * two words, which exists only if that of one does. */
	uint64_t whole[GEO_LEX_FIRST];
	/* The same bits for a first token and an item's ref together
	 * (geo_lex_refmix()): geo_lex_find_ref() asks for one ref, and a word
	 * that starts phrases of other refs only ("to" of "sell ... to" when
	 * the gap of "force ... out of" asks) needs no scan. */
	uint64_t firstref[GEO_LEX_FIRST];
	geo_tmap map; /* key -> index in keys */
	struct geo_lex_key *keys;
	size_t nkeys, capkeys;
	geo_lex_item *items;
	size_t nitems, capitems;
	geo_buf pool;    /* original spellings, tokens separated by '\1', NUL-ended */
	geo_tokens scratch;
} geo_lex;

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
static inline int32_t geo_lex_longest(const geo_lex *lx, const char *s, const geo_tokens *t, size_t i,
				      size_t *ntok);

/* As geo_lex_longest(), but only phrases with an item of this ref count;
 * returns that item, or -1. */
static inline int32_t geo_lex_find_ref(const geo_lex *lx, const char *s, const geo_tokens *t, size_t i,
				       int32_t ref, size_t *ntok);

/* As geo_lex_longest(), and *fit gets the first item of the phrase (in
 * the order of its next links from the one returned) that fits the
 * text's capitals, or -1: the items before it do not fit, so a caller
 * that walks them need not check them again. */
static inline int32_t geo_lex_longest_fit(const geo_lex *lx, const char *s, const geo_tokens *t, size_t i,
					  size_t *ntok, int32_t *fit);

/* match.c: the scan behind them.  The longest phrase of lx at token i with
 * an item that matches the case rules and, unless any, has that ref.
 * Returns the phrase's first item (any) or the matching item, or -1;
 * *ntok its length, *fit the item that matched (-1 for none). */
int32_t geo_lex_scan(const geo_lex *lx, const char *s, const geo_tokens *t, size_t i, bool any, int32_t ref,
		     size_t *ntok, int32_t *fit);

/* The first-token filter's bit of a token hash, as word index and mask. */
static inline size_t geo_lex_fword(uint32_t h)
{
	return (h >> 16) / 64 % GEO_LEX_FIRST;
}

static inline uint64_t geo_lex_fbit(uint32_t h)
{
	return UINT64_C(1) << ((h >> 16) % 64);
}

/* A first token's hash and a ref, mixed for geo_lex.firstref: the ref
 * lands in the high bits that geo_lex_fword() and geo_lex_fbit() read. */
static inline uint32_t geo_lex_refmix(uint32_t h, int32_t ref)
{
	return h ^ ((uint32_t)ref * UINT32_C(0x9E3779B1));
}

/* True when token i may start a phrase of lx: false means none does. */
static inline bool geo_lex_may_start(const geo_lex *lx, const geo_tokens *t, size_t i)
{
	uint32_t h;

	if (i >= t->n)
		return false;
	h = t->v[i].hash;
	return (lx->first[geo_lex_fword(h)] & geo_lex_fbit(h)) != 0;
}

static inline int32_t geo_lex_longest_fit(const geo_lex *lx, const char *s, const geo_tokens *t, size_t i,
					  size_t *ntok, int32_t *fit)
{
	if (!geo_lex_may_start(lx, t, i)) {
		*ntok = 0;
		*fit = -1;
		return -1;
	}
	return geo_lex_scan(lx, s, t, i, true, -1, ntok, fit);
}

static inline int32_t geo_lex_longest(const geo_lex *lx, const char *s, const geo_tokens *t, size_t i,
				      size_t *ntok)
{
	int32_t fit;

	return geo_lex_longest_fit(lx, s, t, i, ntok, &fit);
}

static inline int32_t geo_lex_find_ref(const geo_lex *lx, const char *s, const geo_tokens *t, size_t i,
				       int32_t ref, size_t *ntok)
{
	uint32_t m = i < t->n ? geo_lex_refmix(t->v[i].hash, ref) : 0;
	int32_t fit;

	if (!geo_lex_may_start(lx, t, i) || !(lx->firstref[geo_lex_fword(m)] & geo_lex_fbit(m))) {
		*ntok = 0;
		return -1;
	}
	return geo_lex_scan(lx, s, t, i, false, ref, ntok, &fit);
}

static inline const geo_lex_item *geo_lex_item_at(const geo_lex *lx, int32_t idx)
{
	return idx >= 0 && (size_t)idx < lx->nitems ? &lx->items[idx] : NULL;
}

/* match.c: geo_lex_case_ok() for an item with a capital. */
bool geo_lex_case_check(const geo_lex *lx, const geo_lex_item *it, const char *s, const geo_tokens *t, size_t i);

/* True when the text's tokens from i fit the item's capitalisation.  it
 * is an item of the phrase found at token i (geo_lex_longest(),
 * geo_lex_find_ref()): its tokens are as long as the text's.  Inline for
 * the items in lower case, which fit any text with no call. */
static inline bool geo_lex_case_ok(const geo_lex *lx, const geo_lex_item *it, const char *s, const geo_tokens *t,
				   size_t i)
{
	return it->any_case || geo_lex_case_check(lx, it, s, t, i);
}

/*
 * text.c: geo_extract_text() a sentence at a time, so that a reader can
 * hand out a long document's events as they come instead of holding them
 * all.  geo_text_doc_begin() normalises the document in text in place and
 * takes the block (text gets the extractor's previous one, which the
 * caller frees or reuses), splits it and gives its sentence count and
 * replaced bytes; each geo_text_doc_step() reads the next
 * sentence, calling emit for its events, and sets *more while sentences
 * are left.  The extractor holds doc (borrowed) until the document ends.
 * The strings of the events a step emits (the evidence, the people met,
 * the dictionary's) stay as they are until the next call of the three or
 * geo_extractor_free(): the text reader hands them out without a copy.
 */
geo_err geo_text_doc_begin(geo_extractor *x, const char *doc, const char *date, geo_buf *text,
			   bool continues, geo_event_fn emit, void *user, size_t *nsent, size_t *replaced,
			   geo_error *err);
geo_err geo_text_doc_step(geo_extractor *x, bool *more, geo_error *err);

/*
 * A document too long to hold is read in windows: geo_text_doc_begin()
 * takes the first with continues set when more text follows; once its
 * sentences are read, geo_text_doc_take() gives the window's block back,
 * emptied, in text (whose block, empty, goes to the extractor) and
 * geo_text_doc_more() takes the next window (normalised in place, as
 * geo_text_doc_begin() does) and splits it.  Sentence indices count from
 * the document's start; the date and the people and antecedents met carry
 * over as from one sentence to the next, and so does a quotation left
 * open.  A window must start at a paragraph break (after a blank line)
 * for its sentences to be those of the whole document; at any other
 * character boundary the sentence that spans it is cut in two.
 */
void geo_text_doc_take(geo_extractor *x, geo_buf *text);
geo_err geo_text_doc_more(geo_extractor *x, geo_buf *text, bool continues, size_t *nsent, size_t *replaced,
			  geo_error *err);

#ifdef GEO_TESTING
/* text.c: the date a text states near its start, else fallback. */
void geo_text_find_date(const char *s, size_t n, const char *fallback, char out[11]);
/* text.c: the mentions and triggers of the last sentence read. */
void geo_text_dump(const geo_extractor *x, FILE *fp);
#endif

#endif

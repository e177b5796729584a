/*
 * token.c - splits a sentence into tokens for the matchers.  Dictionary
 * phrases go through the same function, so "U.S.", "People's" and
 * "Guinea-Bissau" are cut the same way in both.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text_internal.h"

/* Abbreviations that take a period, by first letter: a word is turned
 * away by its first byte or compared with a handful (the splitter asks at
 * every period, the tokenizer at every capitalised word before one). */
static const char *const abbrevs[26] = {
	"adm amb apr aug", "brig", "capt cmdr co col corp", "dec dept dr", NULL, "feb ft", "gen gov", "hon", "inc",
	"jan jr jul jun", NULL, "lieut lt ltd", "maj mar messrs mr mrs ms mt", "no nos nov", "oct", "pres prof",
	NULL, "rep rev", "sec sen sep sept sgt sr st", NULL, NULL, "vs", NULL, NULL, NULL, NULL,
};

bool geo_text_is_abbrev(const char *w, size_t n)
{
	const char *p;

	if (n == 0 || n > 6 || !geo_a_lower((unsigned char)w[0]) || !(p = abbrevs[w[0] - 'a']))
		return false;
	while (*p) {
		size_t k = 0;
		while (p[k] && p[k] != ' ')
			k++;
		if (k == n) {
			size_t i = 1;
			while (i < n && p[i] == w[i])
				i++;
			if (i == n)
				return true;
		}
		p += p[k] ? k + 1 : k;
	}
	return false;
}

/* Byte classes for the scanning loops: one table load instead of a chain
 * of range tests per byte.  Every byte from 0x80 up is a word byte, so a
 * UTF-8 letter never splits a word. */
enum { C_WORD = 1, C_SPACE = 2, C_UPPER = 4, C_LOWER = 8, C_DIGIT = 16 };
_Static_assert((int)C_UPPER == (int)GEO_TOK_CAP && (int)C_DIGIT == (int)GEO_TOK_NUM, "word_flags() copies these bits");

#define C_U (C_WORD | C_UPPER)
#define C_L (C_WORD | C_LOWER)
#define C_D (C_WORD | C_DIGIT)
#define C_H C_WORD
#define ROW_HIGH C_H, C_H, C_H, C_H, C_H, C_H, C_H, C_H, C_H, C_H, C_H, C_H, C_H, C_H, C_H, C_H

static const unsigned char cls[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, C_SPACE, C_SPACE, 0, 0, 0, 0, 0,                   /* 0x00 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,                               /* 0x10 */
	C_SPACE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,                         /* 0x20 */
	C_D, C_D, C_D, C_D, C_D, C_D, C_D, C_D, C_D, C_D, 0, 0, 0, 0, 0, 0,           /* 0x30 */
	0, C_U, C_U, C_U, C_U, C_U, C_U, C_U, C_U, C_U, C_U, C_U, C_U, C_U, C_U, C_U, /* 0x40 */
	C_U, C_U, C_U, C_U, C_U, C_U, C_U, C_U, C_U, C_U, C_U, 0, 0, 0, 0, 0,         /* 0x50 */
	0, C_L, C_L, C_L, C_L, C_L, C_L, C_L, C_L, C_L, C_L, C_L, C_L, C_L, C_L, C_L, /* 0x60 */
	C_L, C_L, C_L, C_L, C_L, C_L, C_L, C_L, C_L, C_L, C_L, 0, 0, 0, 0, 0,         /* 0x70 */
	ROW_HIGH, ROW_HIGH, ROW_HIGH, ROW_HIGH, ROW_HIGH, ROW_HIGH, ROW_HIGH, ROW_HIGH,
};

static inline bool word_byte(unsigned char c)
{
	return cls[c] & C_WORD;
}

/* Room for need tokens. */
static geo_err reserve(geo_tokens *t, size_t need)
{
	size_t cap = t->cap ? t->cap : 64;
	geo_tok *v;

	while (cap < need)
		cap *= 2;
	if (!(v = realloc(t->v, cap * sizeof *v)))
		return GEO_ENOMEM;
	t->v = v;
	t->cap = cap;
	return GEO_OK;
}

/* A word's flags from its bytes.  All capitals: two upper-case letters
 * and no lower-case one, so a word that starts in lower case is settled by
 * its first byte, and most others by their second. */
static inline uint32_t word_flags(const unsigned char *p, size_t len)
{
	unsigned char c0 = cls[p[0]];
	/* The class bits are the flag bits (checked below): no branch. */
	uint32_t f = GEO_TOK_WORD | (c0 & (C_UPPER | C_DIGIT));

	/* "Republic": a capital, then a lower-case letter. */
	if (!(c0 & C_LOWER) && !(len >= 2 && (cls[p[1]] & C_LOWER))) {
		size_t up = 0;
		bool lo = false;
		for (size_t i = 0; i < len && !lo; i++) {
			up += (cls[p[i]] & C_UPPER) != 0;
			lo = (cls[p[i]] & C_LOWER) != 0;
		}
		if (up >= 2 && !lo)
			f |= GEO_TOK_ALLCAP;
	}
	return f;
}

/* Room was made for a token per byte (geo_tokenize): no check here. */
static inline geo_err push_hashed(geo_tokens *t, size_t start, size_t len, uint32_t flags, uint32_t h)
{
	geo_tok *k = &t->v[t->n++];

	k->start = (uint32_t)start;
	k->len = (uint32_t)len;
	k->flags = flags;
	k->hash = h;
	return GEO_OK;
}

/* A token [start, start + len) of the sentence, hashed here: t->low is
 * padded, so the hash reads it eight bytes at a time. */
static inline geo_err push(geo_tokens *t, size_t start, size_t len, uint32_t flags)
{
	return push_hashed(t, start, len, flags, geo_tmap_hash_padded(GEO_TMAP_SEED, t->low + start, len));
}

/* A word token [start, start + len) of s. */
static inline geo_err push_word(geo_tokens *t, const char *s, size_t start, size_t len)
{
	return push(t, start, len, word_flags((const unsigned char *)s + start, len));
}

/* Bytes readable past the NUL of geo_tokens.low: the hash's padding, and
 * room for a sixteen-byte load at the NUL itself. */
#define LOW_PAD (GEO_TMAP_PAD > 15 ? GEO_TMAP_PAD : 15)

/* The first byte from j on of the lower-cased sentence lw that is no word
 * byte: its NUL ends any run.  lw holds no upper-case ASCII, so a word
 * byte is a digit, a lower-case letter or a byte from 0x80 up. */
static inline size_t word_end(const unsigned char *lw, size_t j)
{
#ifdef GEO_TEXT_SSE2
	const __m128i d0 = _mm_set1_epi8('0' - 1), d1 = _mm_set1_epi8('9' + 1), a0 = _mm_set1_epi8('a' - 1),
		      a1 = _mm_set1_epi8('z' + 1), zero = _mm_setzero_si128();

	for (;; j += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(lw + j));
		__m128i word = _mm_or_si128(
			_mm_cmplt_epi8(v, zero),
			_mm_or_si128(_mm_and_si128(_mm_cmpgt_epi8(v, d0), _mm_cmplt_epi8(v, d1)),
				     _mm_and_si128(_mm_cmpgt_epi8(v, a0), _mm_cmplt_epi8(v, a1))));
		unsigned m = ~(unsigned)_mm_movemask_epi8(word) & 0xFFFFu;
		if (m)
			return j + (unsigned)__builtin_ctz(m);
	}
#else
	while (cls[lw[j]] & C_WORD)
		j++;
	return j;
#endif
}

#ifdef GEO_TESTING
/* Tests: word_end() against the class table. */
size_t geo_test_word_end(const unsigned char *lw, size_t j);
size_t geo_test_word_end(const unsigned char *lw, size_t j)
{
	return word_end(lw, j);
}
#endif

/* Length of a clitic starting at the apostrophe s[i], or 0. */
static size_t clitic_len(const char *s, size_t n, size_t i)
{
	static const char *const cl[] = {"'s", "'ll", "'re", "'ve", "'m", "'d", NULL};

	for (const char *const *p = cl; *p; p++) {
		size_t k = strlen(*p);
		if (i + k <= n && strncasecmp(s + i, *p, k) == 0 &&
		    (i + k == n || !word_byte((unsigned char)s[i + k])))
			return k;
	}
	return 0;
}

/* ASCII lower-casing eight bytes at a time: bytes from 0x80 up are left
 * alone, as geo_a_tolower() leaves them. */
static void lower_ascii(char *out, const char *in, size_t n)
{
	const uint64_t ones = UINT64_C(0x0101010101010101), high = ones * 0x80;
	size_t k = 0;

	for (; k + 8 <= n; k += 8) {
		uint64_t w, t, ge_a, gt_z;
		memcpy(&w, in + k, 8);
		t = w & ~high;
		/* Per byte, no carry across bytes: t < 0x80 and the addends
		 * keep every sum below 0x100. */
		ge_a = t + ones * (0x80 - 'A');
		gt_z = t + ones * (0x80 - 'Z' - 1);
		w |= ((ge_a ^ gt_z) & ~w & high) >> 2;
		memcpy(out + k, &w, 8);
	}
	for (; k < n; k++)
		out[k] = geo_a_tolower((unsigned char)in[k]);
}

geo_err geo_tokenize(const char *s, size_t n, geo_tokens *t)
{
	const unsigned char *u = (const unsigned char *)s, *lw;
	unsigned char e;
	size_t i = 0;
	geo_err rc = GEO_OK;

	t->n = 0;
	if (t->lowcap < n + 1 + LOW_PAD) {
		char *low = realloc(t->low, n + 1 + LOW_PAD);
		if (!low)
			return GEO_ENOMEM;
		t->low = low;
		t->lowcap = n + 1 + LOW_PAD;
	}
	/* Every token takes a byte at least. */
	if (t->cap < n && reserve(t, n) != GEO_OK)
		return GEO_ENOMEM;
	lower_ascii(t->low, s, n);
	memset(t->low + n, 0, 1 + LOW_PAD);
	lw = (const unsigned char *)t->low;

	while (i < n) {
		unsigned char c = u[i], cc = cls[c];
		size_t j;

		if (cc & C_SPACE) {
			i++;
			continue;
		}
		if (!(cc & C_WORD)) {
			size_t k;
			if (c == '\'' && (k = clitic_len(s, n, i)) > 0) {
				rc = push(t, i, k, GEO_TOK_WORD | GEO_TOK_CLITIC);
				i += k;
			} else {
				rc = push(t, i, 1, GEO_TOK_PUNCT);
				i++;
			}
			if (rc)
				return rc;
			continue;
		}
		j = i;
		/* An initialism: U.S., U.N., U.S.A. */
		if ((cc & (C_UPPER | C_LOWER)) && i + 2 < n && s[i + 1] == '.' && (cls[u[i + 2]] & (C_UPPER | C_LOWER)) &&
		    (i + 3 >= n || s[i + 3] == '.')) {
			while (j + 1 < n && (cls[u[j]] & (C_UPPER | C_LOWER)) && s[j + 1] == '.')
				j += 2;
			if ((rc = push_word(t, s, i, j - i)) != GEO_OK)
				return rc;
			i = j;
			continue;
		}
		/* The scan reads the lower-cased copy, whose NUL at n stops
		 * it; the word is hashed once its end is known. */
		for (;;) {
			j = word_end(lw, j);
			/* Only , . and ' may join more to the word (most words
			 * end at a space: one test). */
			if (lw[j] == ' ' || j + 1 >= n || (lw[j] != ',' && lw[j] != '.' && lw[j] != '\''))
				break;
			/* 25,000 and 5.1 stay one number. */
			if ((s[j] == ',' || s[j] == '.') && (cc & C_DIGIT) && (cls[u[j + 1]] & C_DIGIT)) {
				j++;
				continue;
			}
			/* Inner apostrophes (d'Ivoire, O'Brien) unless a clitic follows. */
			if (s[j] == '\'' && word_byte(u[j + 1]) && !clitic_len(s, n, j) &&
			    !(j + 2 < n && (s[j + 1] == 't' || s[j + 1] == 'T') && !word_byte(u[j + 2]) &&
			      (s[j - 1] == 'n' || s[j - 1] == 'N'))) {
				j++;
				continue;
			}
			break;
		}
		/* What follows the word (NUL at the end): the checks below need
		 * ' or . there. */
		e = lw[j];
		/* n't belongs to the next token: did|n't, ca|n't. */
		if (e == '\'' && j + 1 < n && (s[j + 1] == 't' || s[j + 1] == 'T') && j - i >= 2 &&
		    (s[j - 1] == 'n' || s[j - 1] == 'N') && (j + 2 >= n || !word_byte(u[j + 2]))) {
			if ((rc = push_word(t, s, i, j - 1 - i)) != GEO_OK ||
			    (rc = push(t, j - 1, 3, GEO_TOK_WORD | GEO_TOK_CLITIC)) != GEO_OK)
				return rc;
			i = j + 2;
			continue;
		}
		/* A period that belongs to an abbreviation: Mr. Gen. No. */
		if (e == '.' && (cc & C_UPPER) && j - i <= 5 && geo_text_is_abbrev(t->low + i, j - i))
			j++;
		if ((rc = push_word(t, s, i, j - i)) != GEO_OK)
			return rc;
		/* Plural possessive: countries' */
		if (e == '\'' && (s[j - 1] == 's' || s[j - 1] == 'S') &&
		    (j + 1 >= n || !word_byte(u[j + 1]))) {
			if ((rc = push(t, j, 1, GEO_TOK_WORD | GEO_TOK_CLITIC)) != GEO_OK)
				return rc;
			j++;
		}
		/* The space after a word, as the loop's first test would skip it. */
		i = j < n && u[j] == ' ' ? j + 1 : j;
	}
	return rc;
}

void geo_tokens_free(geo_tokens *t)
{
	if (!t)
		return;
	free(t->v);
	free(t->low);
	t->v = NULL;
	t->low = NULL;
	t->n = t->cap = t->lowcap = 0;
}

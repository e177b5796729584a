/*
 * token.c - splits a sentence into tokens for the matchers.  Dictionary
 * phrases go through the same function, so "U.S.", "People's" and
 * "Guinea-Bissau" are cut the same way in both.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text_internal.h"

static const char *const abbrevs[] = {
	"mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov", "sen",
	"rep", "rev", "prof", "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
	"sept", "oct", "nov", "dec", "no", "nos", "inc", "corp", "ltd", "co", "jr", "sr", "vs",
	"ft", "mt", "pres", "sec", "dept", "messrs", "cmdr", "brig", "lieut", "amb", "hon", NULL,
};

bool geo_text_is_abbrev(const char *w, size_t n)
{
	if (!n)
		return false;
	for (const char *const *p = abbrevs; *p; p++)
		if ((*p)[0] == w[0] && strncmp(*p, w, n) == 0 && (*p)[n] == '\0')
			return true;
	return false;
}

static bool word_byte(unsigned char c)
{
	return geo_a_alnum(c) || c >= 0x80;
}

static geo_err push(geo_tokens *t, size_t start, size_t len, uint32_t flags)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		geo_tok *v = realloc(t->v, cap * sizeof *v);
		if (!v)
			return GEO_ENOMEM;
		t->v = v;
		t->cap = cap;
	}
	t->v[t->n].start = (uint32_t)start;
	t->v[t->n].len = (uint32_t)len;
	t->v[t->n].flags = flags;
	t->v[t->n].hash = geo_tmap_hash(GEO_TMAP_SEED, t->low + start, len);
	t->n++;
	return GEO_OK;
}

static uint32_t word_flags(const char *s, size_t len)
{
	uint32_t f = GEO_TOK_WORD;
	size_t up = 0, lo = 0;

	/* One lower-case letter settles it: most words stop at their second byte. */
	for (size_t i = 0; i < len && !lo; i++) {
		unsigned char c = (unsigned char)s[i];
		up += geo_a_upper(c);
		lo += geo_a_lower(c);
	}
	if (geo_a_upper((unsigned char)s[0]))
		f |= GEO_TOK_CAP;
	if (geo_a_digit((unsigned char)s[0]))
		f |= GEO_TOK_NUM;
	if (up >= 2 && lo == 0)
		f |= GEO_TOK_ALLCAP;
	return f;
}

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

geo_err geo_tokenize(const char *s, size_t n, geo_tokens *t)
{
	size_t i = 0;
	geo_err rc = GEO_OK;

	t->n = 0;
	if (t->lowcap < n + 1) {
		char *low = realloc(t->low, n + 1);
		if (!low)
			return GEO_ENOMEM;
		t->low = low;
		t->lowcap = n + 1;
	}
	for (size_t k = 0; k < n; k++)
		t->low[k] = (char)geo_a_tolower((unsigned char)s[k]);
	t->low[n] = '\0';

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t j;

		if (c == ' ' || c == '\t' || c == '\n') {
			i++;
			continue;
		}
		if (!word_byte(c)) {
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
		if (geo_a_alpha(c) && i + 1 < n && s[i + 1] == '.' && i + 2 < n && geo_a_alpha((unsigned char)s[i + 2]) &&
		    (i + 3 >= n || s[i + 3] == '.')) {
			while (j + 1 < n && geo_a_alpha((unsigned char)s[j]) && s[j + 1] == '.')
				j += 2;
			if ((rc = push(t, i, j - i, word_flags(s + i, j - i))) != GEO_OK)
				return rc;
			i = j;
			continue;
		}
		for (;;) {
			while (j < n && word_byte((unsigned char)s[j]))
				j++;
			/* 25,000 and 5.1 stay one number. */
			if (j + 1 < n && (s[j] == ',' || s[j] == '.') && geo_a_digit((unsigned char)s[i]) &&
			    geo_a_digit((unsigned char)s[j + 1])) {
				j++;
				continue;
			}
			/* Inner apostrophes (d'Ivoire, O'Brien) unless a clitic follows. */
			if (j + 1 < n && s[j] == '\'' && word_byte((unsigned char)s[j + 1]) && !clitic_len(s, n, j) &&
			    !(j + 2 < n && (s[j + 1] == 't' || s[j + 1] == 'T') && !word_byte((unsigned char)s[j + 2]) &&
			      (s[j - 1] == 'n' || s[j - 1] == 'N'))) {
				j++;
				continue;
			}
			break;
		}
		/* n't belongs to the next token: did|n't, ca|n't. */
		if (j + 1 < n && s[j] == '\'' && (s[j + 1] == 't' || s[j + 1] == 'T') && j - i >= 2 &&
		    (s[j - 1] == 'n' || s[j - 1] == 'N') && (j + 2 >= n || !word_byte((unsigned char)s[j + 2]))) {
			if ((rc = push(t, i, j - 1 - i, word_flags(s + i, j - 1 - i))) != GEO_OK ||
			    (rc = push(t, j - 1, 3, GEO_TOK_WORD | GEO_TOK_CLITIC)) != GEO_OK)
				return rc;
			i = j + 2;
			continue;
		}
		/* A period that belongs to an abbreviation: Mr. Gen. No. */
		if (j < n && s[j] == '.' && j - i <= 5 && geo_text_is_abbrev(t->low + i, j - i) &&
		    geo_a_upper(c))
			j++;
		if ((rc = push(t, i, j - i, word_flags(s + i, j - i))) != GEO_OK)
			return rc;
		/* Plural possessive: countries' */
		if (j < n && s[j] == '\'' && (s[j - 1] == 's' || s[j - 1] == 'S') &&
		    (j + 1 >= n || !word_byte((unsigned char)s[j + 1]))) {
			if ((rc = push(t, j, 1, GEO_TOK_WORD | GEO_TOK_CLITIC)) != GEO_OK)
				return rc;
			j++;
		}
		i = j;
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

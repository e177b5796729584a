/*
 * sentence.c - splits normalised news text into sentences.
 *
 * Wire copy is hard on naive splitters: "U.S." and "Gen." end in periods,
 * quotes close after the period, headlines have no period at all and
 * hard-wrapped paragraphs break lines mid-sentence.  The rules here look
 * at the word before a period and the word after it.
 */
#include <stdlib.h>
#include <string.h>

#include "text_internal.h"

/* Words after which "U.S." or another initialism ends its sentence, with
 * their lengths: asked at every initialism before a capital. */
#define STARTER(lit) {"" lit, sizeof(lit) - 1}
static const struct {
	const char *s;
	size_t n;
} starters[] = {
	STARTER("The"), STARTER("He"), STARTER("She"), STARTER("It"), STARTER("They"), STARTER("We"),
	STARTER("I"), STARTER("But"), STARTER("And"), STARTER("In"), STARTER("A"), STARTER("An"),
	STARTER("This"), STARTER("That"), STARTER("These"), STARTER("Those"), STARTER("His"), STARTER("Her"),
	STARTER("Their"), STARTER("Its"), STARTER("On"), STARTER("At"), STARTER("After"), STARTER("Before"),
	STARTER("While"), STARTER("Meanwhile"), STARTER("However"), STARTER("Officials"), STARTER("There"),
	STARTER("Our"), STARTER("If"), STARTER("When"), STARTER("As"),
};
#undef STARTER

static bool is_starter(const char *w, size_t n)
{
	for (size_t k = 0; k < sizeof starters / sizeof starters[0]; k++)
		if (starters[k].n == n && starters[k].s[0] == w[0] && memcmp(starters[k].s, w, n) == 0)
			return true;
	return false;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

static bool is_closer(char c)
{
	return c == '"' || c == '\'' || c == ')' || c == ']';
}

/* A "sentence" longer than this is no sentence (a table, a list, text
 * without punctuation): it is cut at spaces so that every event's evidence
 * stays readable and output stays proportional to input. */
#define MAX_SENTENCE 4096

static geo_err push_one(geo_sentences *ss, size_t a, size_t b);

static geo_err push(geo_sentences *ss, const char *s, size_t a, size_t b)
{
	geo_err rc = GEO_OK;

	while (a < b && is_space(s[a]))
		a++;
	while (b > a && is_space(s[b - 1]))
		b--;
	while (rc == GEO_OK && b - a > MAX_SENTENCE) {
		size_t cut = a + MAX_SENTENCE;
		while (cut > a + MAX_SENTENCE / 2 && !is_space(s[cut]))
			cut--;
		if (!is_space(s[cut]))
			cut = a + MAX_SENTENCE; /* one huge word: cut anywhere... */
		while (cut > a && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--; /* ...but not inside a UTF-8 character */
		rc = push_one(ss, a, cut);
		a = cut;
		while (a < b && is_space(s[a]))
			a++;
	}
	if (rc == GEO_OK && a < b)
		rc = push_one(ss, a, b);
	return rc;
}

static geo_err push_one(geo_sentences *ss, size_t a, size_t b)
{
	if (a == b)
		return GEO_OK;
	if (ss->n == ss->cap) {
		size_t cap = ss->cap ? ss->cap * 2 : 32;
		geo_span *v = realloc(ss->v, cap * sizeof *v);
		if (!v)
			return GEO_ENOMEM;
		ss->v = v;
		ss->cap = cap;
	}
	ss->v[ss->n].start = (uint32_t)a;
	ss->v[ss->n].end = (uint32_t)b;
	ss->n++;
	return GEO_OK;
}

/*
 * Does the period at s[dot] end the sentence?  next is the first byte of
 * the following word (after spaces and opening quotes).
 */
static bool period_ends(const char *s, size_t n, size_t dot, size_t next)
{
	size_t w = dot, letters = 0, dots = 0;
	size_t e = next;

	/* The word before the period, including inner dots ("U.S"). */
	while (w > 0 && (geo_a_alnum((unsigned char)s[w - 1]) || s[w - 1] == '.')) {
		w--;
		if (s[w] == '.')
			dots++;
		else if (geo_a_alpha((unsigned char)s[w]))
			letters++;
	}
	while (e < n && geo_a_alpha((unsigned char)s[e]))
		e++;
	if (dot - w == 1 && geo_a_upper((unsigned char)s[w]))
		return false; /* an initial: "John F. Kennedy" */
	if (dots > 0 && letters == dots + 1 && letters <= 4) {
		/* An initialism such as U.S. or U.K.: usually inside the sentence. */
		return is_starter(s + next, e - next);
	}
	/* Abbreviations are capitalised here ("Gen.", "Mr."): a word in
	 * lower case needs no lookup. */
	if (dots == 0 && letters > 0 && geo_a_upper((unsigned char)s[w])) {
		char low[8];
		size_t k = dot - w;
		if (k < sizeof low) {
			for (size_t i = 0; i < k; i++)
				low[i] = (char)geo_a_tolower((unsigned char)s[w + i]);
			if (geo_text_is_abbrev(low, k))
				return false;
		}
	}
	return true;
}

/* any: a sentence has ended already (text that continues a document). */
static geo_err split(const char *s, size_t n, bool any, geo_sentences *out)
{
	size_t start = 0, i = 0, lines = 0;
	geo_err rc = GEO_OK;

	out->n = 0;
	while (i < n) {
		char c = s[i];

		if (c != '\n' && c != '.' && c != '!' && c != '?') {
			/* Only line breaks and final punctuation stop the scan: it
			 * goes many bytes at a time straight to the first one. */
			i++;
			i += geo_sent_stop(s + i, n - i);
			continue;
		}
		if (c == '\n') {
			size_t j = i + 1;
			bool blank = false;
			while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n')) {
				if (s[j] == '\n')
					blank = true;
				j++;
			}
			if (!any && lines == 0) {
				size_t k = start;
				while (k < i && is_space(s[k]))
					k++;
				if (k == i) { /* leading empty lines */
					start = i = j;
					continue;
				}
			}
			lines++;
			/* A paragraph break, or the end of a first line without final
			 * punctuation (the headline), ends the sentence. */
			if (blank || (!any && lines == 1)) {
				if ((rc = push(out, s, start, i)) != GEO_OK)
					goto out;
				any = true;
				start = j;
			}
			i = j;
			continue;
		}
		if (c == '.' || c == '!' || c == '?') {
			size_t end = i + 1, next;
			while (end < n && (s[end] == '.' || s[end] == '!' || s[end] == '?'))
				end++;
			while (end < n && is_closer(s[end]))
				end++;
			next = end;
			while (next < n && (s[next] == ' ' || s[next] == '\t' || s[next] == '\n'))
				next++;
			if (next > end || next == n) {
				size_t word = next;
				while (word < n && (s[word] == '"' || s[word] == '(' || s[word] == '\''))
					word++;
				if (next == n || ((geo_a_upper((unsigned char)s[word]) || geo_a_digit((unsigned char)s[word]) ||
						   word > next) &&
						  (c != '.' || end - i > 1 || period_ends(s, n, i, word)))) {
					if ((rc = push(out, s, start, end)) != GEO_OK)
						goto out;
					any = true;
					start = next;
					/* A line break right after counts as consumed. */
					for (size_t k = end; k < next; k++)
						if (s[k] == '\n')
							lines++;
					i = next;
					continue;
				}
			}
			i = end;
			continue;
		}
		i++;
	}
	rc = push(out, s, start, n);
out:
	return rc;
}

geo_err geo_sentences_split(const char *s, size_t n, geo_sentences *out)
{
	return split(s, n, false, out);
}

geo_err geo_sentences_split_more(const char *s, size_t n, geo_sentences *out)
{
	return split(s, n, true, out);
}

void geo_sentences_free(geo_sentences *ss)
{
	if (!ss)
		return;
	free(ss->v);
	ss->v = NULL;
	ss->n = ss->cap = 0;
}

/* test_text.c - the text extractor's parts: normaliser, sentence splitter,
 * tokenizer, phrase lexicon, inflection, dates, and the extractor on
 * hostile input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text_internal.h"
#include "text_lex.h"

static char *norm(const char *in, size_t n, size_t *replaced)
{
	geo_buf b = {0};

	assert_int_equal(geo_text_normalize(in, n, &b, replaced), GEO_OK);
	if (!b.data)
		return strdup("");
	return b.data;
}

static void test_normalize(void **state)
{
	size_t bad;
	char *s;

	(void)state;
	s = norm("\xEF\xBB\xBFIt\xE2\x80\x99s \xE2\x80\x9C" "fine\xE2\x80\x9D\r\nA\xE2\x80\x94" "B\xC2\xA0" "C\rD", 32, &bad);
	assert_string_equal(s, "It's \"fine\"\nA-B C\nD");
	assert_int_equal(bad, 0);
	free(s);
	/* Invalid bytes become U+FFFD, one each; a truncated sequence too. */
	s = norm("a\xFF" "b\xC3", 4, &bad);
	assert_string_equal(s, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
	assert_int_equal(bad, 2);
	free(s);
	/* Surrogates and overlong forms are invalid; NUL is a space. */
	s = norm("\xED\xA0\x80x\xC0\xAF\0y", 8, &bad);
	assert_int_equal(bad, 5);
	assert_non_null(strstr(s, "x"));
	assert_non_null(strstr(s, " y"));
	free(s);
	s = norm("", 0, &bad);
	assert_string_equal(s, "");
	assert_int_equal(bad, 0);
	free(s);
}

static void split(const char *text, const char *const *want, size_t nwant)
{
	geo_sentences ss = {0};

	assert_int_equal(geo_sentences_split(text, strlen(text), &ss), GEO_OK);
	for (size_t i = 0; i < ss.n && i < nwant; i++) {
		size_t n = ss.v[i].end - ss.v[i].start;
		if (strlen(want[i]) != n || memcmp(want[i], text + ss.v[i].start, n) != 0)
			fail_msg("sentence %zu: \"%.*s\", want \"%s\"", i, (int)n, text + ss.v[i].start, want[i]);
	}
	assert_int_equal(ss.n, nwant);
	geo_sentences_free(&ss);
}

static void test_sentences(void **state)
{
	static const char *const a[] = {"U.S. to Press China", "Mr. Smith met Gen. Jones on Aug. 3 in the U.S. capital.",
					"He left."};
	static const char *const b[] = {"In the U.S.", "The talks went on.", "\"We agree,\" he said.",
					"\"Is it over?\" she asked."};
	static const char *const c[] = {"Shares of Acme Inc. rose 5.1 percent.", "It was No. 1 in the U.K. market."};
	static const char *const d[] = {"Title", "One line\nwrapped here.", "Second paragraph"};
	static const char *const e[] = {"John F. Kennedy spoke.", "Then J. R. Smith did."};

	(void)state;
	split("U.S. to Press China\n\nMr. Smith met Gen. Jones on Aug. 3 in the U.S. capital. He left.", a, 3);
	split("In the U.S. The talks went on. \"We agree,\" he said. \"Is it over?\" she asked.", b, 4);
	split("Shares of Acme Inc. rose 5.1 percent. It was No. 1 in the U.K. market.", c, 2);
	split("\n\n  Title\nOne line\nwrapped here.\n\nSecond paragraph\n", d, 3);
	split("John F. Kennedy spoke. Then J. R. Smith did.", e, 2);
	split("", NULL, 0);
	split(" \n \n", NULL, 0);
	{
		/* 10,000 bytes without a period: cut at spaces, none too long. */
		char *big = malloc(10001);
		geo_sentences ss = {0};
		assert_non_null(big);
		for (size_t i = 0; i < 10000; i++)
			big[i] = "word "[i % 5];
		big[10000] = '\0';
		assert_int_equal(geo_sentences_split(big, 10000, &ss), GEO_OK);
		assert_int_equal(ss.n, 3);
		for (size_t i = 0; i < ss.n; i++) {
			assert_true(ss.v[i].end - ss.v[i].start <= 4096);
			assert_true(big[ss.v[i].start] == 'w');
			assert_true(big[ss.v[i].end - 1] == 'd');
		}
		geo_sentences_free(&ss);
		free(big);
	}
}

static void tokens(const char *text, const char *const *want, size_t nwant)
{
	geo_tokens t = {0};

	assert_int_equal(geo_tokenize(text, strlen(text), &t), GEO_OK);
	for (size_t i = 0; i < t.n && i < nwant; i++)
		if (strlen(want[i]) != t.v[i].len || memcmp(want[i], text + t.v[i].start, t.v[i].len) != 0)
			fail_msg("token %zu: \"%.*s\", want \"%s\"", i, (int)t.v[i].len, text + t.v[i].start, want[i]);
	assert_int_equal(t.n, nwant);
	geo_tokens_free(&t);
}

static void test_tokens(void **state)
{
	static const char *const a[] = {"U.S.", "-", "China", "talks", "did", "n't", "end", ";", "Beijing", "'s",
					"view", "."};
	static const char *const b[] = {"Gen.", "Smith", "paid", "$", "25,000", "and", "5.1", "%", "to", "Côte",
					"d'Ivoire", "'s", "allies", "'", "envoy"};
	static const char *const c[] = {"We", "'ll", "see", "it", "'s", "O'Brien"};
	geo_tokens t = {0};

	(void)state;
	tokens("U.S.-China talks didn't end; Beijing's view.", a, 12);
	tokens("Gen. Smith paid $25,000 and 5.1% to Côte d'Ivoire's allies' envoy", b, 15);
	tokens("We'll see it's O'Brien", c, 6);
	tokens("", NULL, 0);
	assert_int_equal(geo_tokenize("US us", 5, &t), GEO_OK);
	assert_true(t.v[0].flags & GEO_TOK_ALLCAP);
	assert_false(t.v[1].flags & (GEO_TOK_ALLCAP | GEO_TOK_CAP));
	assert_string_equal(t.low, "us us");
	geo_tokens_free(&t);
}

static void test_lexicon(void **state)
{
	geo_lex *lx = geo_lex_new();
	geo_tokens t = {0};
	const char *text = "the US and us met the United States of America";
	size_t n;
	int32_t it;

	(void)state;
	assert_non_null(lx);
	assert_int_equal(geo_lex_add(lx, "US", 2, 1, 7, 0), GEO_OK);
	assert_int_equal(geo_lex_add(lx, "United States", 13, 1, 7, 0), GEO_OK);
	assert_int_equal(geo_lex_add(lx, "United States of America", 24, 1, 7, 0), GEO_OK);
	assert_int_equal(geo_lex_add(lx, "met", 3, 2, 9, 0), GEO_OK);
	assert_int_equal(geo_lex_add(lx, "met", 3, 2, 9, 0), GEO_OK); /* kept once */
	assert_int_equal(geo_tokenize(text, strlen(text), &t), GEO_OK);
	it = geo_lex_longest(lx, text, &t, 1, &n); /* US */
	assert_true(it >= 0);
	assert_int_equal(n, 1);
	assert_int_equal(geo_lex_item_at(lx, it)->ref, 7);
	assert_true(geo_lex_longest(lx, text, &t, 3, &n) < 0); /* us: case */
	it = geo_lex_longest(lx, text, &t, 4, &n); /* met, any case */
	assert_true(it >= 0);
	assert_int_equal(geo_lex_item_at(lx, it)->next, -1);
	it = geo_lex_longest(lx, text, &t, 6, &n); /* the longest name wins */
	assert_true(it >= 0);
	assert_int_equal(n, 4);
	geo_tokens_free(&t);
	geo_lex_free(lx);
	geo_lex_free(NULL);
}

static bool has_form(const geo_inflections *f, const char *w, int form)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->w[i], w) == 0 && f->form[i] == form)
			return true;
	return false;
}

static void test_inflect(void **state)
{
	geo_inflections f;

	(void)state;
	geo_inflect_verb("sanction", 8, &f);
	assert_true(has_form(&f, "sanctions", GEO_FORM_S));
	assert_true(has_form(&f, "sanctioned", GEO_FORM_PASTPART));
	assert_true(has_form(&f, "sanctioning", GEO_FORM_ING));
	geo_inflect_verb("buy", 3, &f);
	assert_true(has_form(&f, "buys", GEO_FORM_S));
	assert_true(has_form(&f, "bought", GEO_FORM_PASTPART));
	assert_true(has_form(&f, "buying", GEO_FORM_ING));
	geo_inflect_verb("impose", 6, &f);
	assert_true(has_form(&f, "imposed", GEO_FORM_PASTPART));
	assert_true(has_form(&f, "imposing", GEO_FORM_ING));
	geo_inflect_verb("ban", 3, &f);
	assert_true(has_form(&f, "banned", GEO_FORM_PASTPART));
	geo_inflect_verb("deny", 4, &f);
	assert_true(has_form(&f, "denies", GEO_FORM_S));
	assert_true(has_form(&f, "denied", GEO_FORM_PASTPART));
	geo_inflect_verb("withdraw", 8, &f);
	assert_true(has_form(&f, "withdrew", GEO_FORM_PAST));
	assert_true(has_form(&f, "withdrawn", GEO_FORM_PART));
	geo_inflect_noun("purchase of", 11, &f);
	assert_true(has_form(&f, "purchases of", GEO_FORM_NOUN));
	geo_inflect_noun("trade deal", 10, &f);
	assert_true(has_form(&f, "trade deals", GEO_FORM_NOUN));
	geo_inflect_noun("sanctions", 9, &f);
	assert_int_equal(f.n, 1);
}

static void test_date(void **state)
{
	char d[11];
	const char *s;

	(void)state;
	s = "WASHINGTON, July 21, 2025 (Reuters) - text";
	geo_text_find_date(s, strlen(s), NULL, d);
	assert_string_equal(d, "2025-07-21");
	s = "LONDON, 3 Sept 2024 - text";
	geo_text_find_date(s, strlen(s), NULL, d);
	assert_string_equal(d, "");
	s = "LONDON, 3 September 2024 - text";
	geo_text_find_date(s, strlen(s), NULL, d);
	assert_string_equal(d, "2024-09-03");
	s = "Published 2023-11-02. Text";
	geo_text_find_date(s, strlen(s), "2020-01-01", d);
	assert_string_equal(d, "2023-11-02");
	s = "TOKYO, Aug. 5 (Kyodo) - text";
	geo_text_find_date(s, strlen(s), "2021-06-30", d);
	assert_string_equal(d, "2021-08-05");
	geo_text_find_date(s, strlen(s), NULL, d);
	assert_string_equal(d, "");
	s = "No date here, 2025-13-45 is not one.";
	geo_text_find_date(s, strlen(s), "2019-02-03", d);
	assert_string_equal(d, "2019-02-03");
}

struct count {
	size_t n;
	char last[64];
};

static geo_err count_event(void *user, const geo_event *ev, geo_error *err)
{
	struct count *c = user;

	(void)err;
	assert_non_null(ev->evidence);
	assert_true(ev->span_trigger.end <= strlen(ev->evidence));
	assert_true(ev->span_source.end <= strlen(ev->evidence));
	assert_true(ev->span_target.end <= strlen(ev->evidence));
	assert_string_not_equal(ev->source.id, ev->target.id);
	snprintf(c->last, sizeof c->last, "%s %s %s", ev->source.id, ev->relation, ev->target.id);
	c->n++;
	return GEO_OK;
}

static geo_err stop_event(void *user, const geo_event *ev, geo_error *err)
{
	(void)user, (void)ev;
	return geo_error_set(err, GEO_EIO, "stopped");
}

static void test_extractor(void **state)
{
	geo_dict *d;
	geo_extractor *x;
	geo_error err;
	struct count c = {0};
	size_t nsent, replaced;
	geo_extract_opts o = {GEO_LEVEL_COUNTRY};
	static const char text[] = "Japan sanctioned Russia. \xFF\xFE\x00 China's war in";
	char *big;

	(void)state;
	assert_int_equal(geo_dict_new_builtin(&d, &err), GEO_OK);
	assert_int_equal(geo_extractor_new(&x, d, &o, &err), GEO_OK);
	assert_int_equal(geo_extract_text(x, "t", NULL, text, sizeof text - 1, count_event, &c, &nsent, &replaced, &err),
			 GEO_OK);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.last, "JPN sanction RUS");
	assert_int_equal(nsent, 1); /* no capital after the period: one sentence */
	assert_int_equal(replaced, 2);
	/* The callback's error comes back. */
	assert_int_equal(geo_extract_text(x, "t", NULL, text, sizeof text - 1, stop_event, NULL, NULL, NULL, &err),
			 GEO_EIO);
	assert_string_equal(err.msg, "stopped");
	/* Empty text, and a long run of punctuation and names without space. */
	c.n = 0;
	assert_int_equal(geo_extract_text(x, "t", NULL, "", 0, count_event, &c, &nsent, NULL, &err), GEO_OK);
	assert_int_equal(nsent, 0);
	big = malloc(200001);
	assert_non_null(big);
	for (size_t i = 0; i < 200000; i++)
		big[i] = "China, and U.S. "[i % 16];
	assert_int_equal(geo_extract_text(x, "t", NULL, big, 200000, count_event, &c, &nsent, NULL, &err), GEO_OK);
	free(big);
	geo_extractor_free(x);
	geo_extractor_free(NULL);
	geo_dict_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalize), cmocka_unit_test(test_sentences), cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_lexicon),   cmocka_unit_test(test_inflect),   cmocka_unit_test(test_date),
		cmocka_unit_test(test_extractor),
	};

	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}

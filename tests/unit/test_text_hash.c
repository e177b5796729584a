/* test_text_hash.c - the key hash of the text extractor's maps and the
 * tokenizer's word scan.  The tokenizer hashes a token with the padded
 * hash, which loads eight bytes at a time past the token's end; the maps
 * are built with the plain one: both must give the same value for the
 * same key whatever lies past it.  The word scan looks at sixteen bytes a
 * step and must stop where the byte classes say a word ends. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text_internal.h"
#include "text_lex.h"

size_t geo_test_word_end(const unsigned char *lw, size_t j);
void geo_test_evidence_spaces(char *p, size_t n);

static uint32_t lcg(uint32_t *st)
{
	*st = *st * 1103515245u + 12345u;
	return *st >> 8;
}

/* Every length up to 40 at every offset of a buffer, random bytes in the
 * key and random bytes past it. */
static void test_hash_padded_same(void **state)
{
	char buf[64 + GEO_TMAP_PAD];
	uint32_t st = 99;

	(void)state;
	for (int r = 0; r < 50000; r++) {
		size_t n = lcg(&st) % 41, at = lcg(&st) % 16;
		uint32_t h1, h2;
		for (size_t i = 0; i < sizeof buf; i++)
			buf[i] = (char)(lcg(&st) & 0xFF);
		h1 = geo_tmap_hash(GEO_TMAP_SEED, buf + at, n);
		h2 = geo_tmap_hash_padded(GEO_TMAP_SEED, buf + at, n);
		assert_int_equal(h1, h2);
		/* Bytes past the key do not count. */
		buf[at + n] = (char)(buf[at + n] ^ 0x5A);
		assert_int_equal(geo_tmap_hash_padded(GEO_TMAP_SEED, buf + at, n), h1);
		/* A byte inside it does (a one-bit change of one byte). */
		if (n) {
			size_t k = lcg(&st) % n;
			buf[at + k] = (char)(buf[at + k] ^ (1u << (lcg(&st) % 8)));
			assert_int_not_equal(geo_tmap_hash(GEO_TMAP_SEED, buf + at, n), h1);
		}
	}
}

/* A key's length counts: "a", "a\0" and "a\0\0" are different keys. */
static void test_hash_length(void **state)
{
	static const char z[16] = "a";

	(void)state;
	for (size_t n = 0; n < 16; n++)
		for (size_t m = n + 1; m < 16; m++)
			assert_int_not_equal(geo_tmap_hash(GEO_TMAP_SEED, z, n), geo_tmap_hash(GEO_TMAP_SEED, z, m));
}

/* The maps index their slots by the low bits and their filters by the
 * high ones: every two- and three-letter word gets its own hash, and the
 * bits of each use reach all their values. */
static void test_hash_spread(void **state)
{
	enum { N = 26 * 26 + 26 * 26 * 26 };
	uint32_t *h = malloc(N * sizeof *h);
	unsigned char top[64] = {0}, fword[512] = {0}, low[1024] = {0};
	size_t k = 0;

	(void)state;
	assert_non_null(h);
	for (int a = 0; a < 26; a++)
		for (int b = 0; b < 26; b++) {
			char w[3] = {(char)('a' + a), (char)('a' + b), 0};
			h[k++] = geo_tmap_hash(GEO_TMAP_SEED, w, 2);
			for (int c = 0; c < 26; c++) {
				w[2] = (char)('a' + c);
				h[k++] = geo_tmap_hash(GEO_TMAP_SEED, w, 3);
			}
		}
	assert_int_equal(k, N);
	for (size_t i = 0; i < N; i++) {
		top[h[i] >> 26] = 1;
		fword[geo_tmap_fword(h[i])] = 1;
		low[h[i] & 1023] = 1;
		for (size_t j = i + 1; j < N; j++)
			assert_int_not_equal(h[i], h[j]);
	}
	for (size_t i = 0; i < 64; i++)
		assert_true(top[i]);
	for (size_t i = 0; i < 512; i++)
		assert_true(fword[i]);
	for (size_t i = 0; i < 1024; i++)
		assert_true(low[i]);
	free(h);
}

static bool plain_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* The word scan against a byte loop, on lower-cased text with runs of
 * word bytes of every length up to 70, from every start in a run. */
static void test_word_end_same(void **state)
{
	static const char alpha[] = "abcxyz0189\x80\xC3\xA9\xFF";
	static const char stop[] = " .,'-\"()\t\n@[`{/:;\x01\x7F";
	unsigned char buf[160 + 16];
	uint32_t st = 4242;

	(void)state;
	for (int r = 0; r < 20000; r++) {
		size_t n = 0;
		while (n < 150) {
			size_t run = lcg(&st) % 71;
			for (size_t i = 0; i < run && n < 150; i++)
				buf[n++] = (unsigned char)alpha[lcg(&st) % (sizeof alpha - 1)];
			if (n < 150)
				buf[n++] = (unsigned char)stop[lcg(&st) % (sizeof stop - 1)];
		}
		/* The tokenizer's copy ends in a NUL and zero padding. */
		memset(buf + n, 0, sizeof buf - n);
		for (size_t j = 0; j <= n; j++) {
			size_t e = j;
			while (plain_word_byte(buf[e]))
				e++;
			assert_int_equal(geo_test_word_end(buf, j), e);
		}
	}
}

/* The word table's one-slot lookup against the map and the two arrays
 * it replaces: every token of text made of the class words themselves
 * (so that most tokens are known, short and long), their prefixes and
 * random letters, with lists marked as the grammar marks its own. */
static void test_words_same(void **state)
{
	static const char *const l0[] = {"namely", "including", "xyzzy", "internationally", NULL};
	static const char *const l1[] = {"said", "the", "a", "interventionists", "ab", NULL};
	static const char *const *const marked[] = {l0, l1, NULL};
	static const char *const text[] = {
		"The officials said the governments would not impose sanctions on them, reportedly.",
		"Countries including Japan namely the interventionists said; xyzzy xyzz xyzzyx internationally",
		"threatened threatening threatens refused declines quickly slowly ly fly ably",
		"Is was were been being 's 're wo n't ca cannot shall 'll would could mIGHT",
	};
	geo_words ws;
	geo_tokens t = {0};
	char buf[96];
	uint32_t st = 11;
	size_t known = 0;

	(void)state;
	assert_int_equal(geo_words_build(&ws, marked), GEO_OK);
	for (int r = 0; r < 4 + 20000; r++) {
		const char *s;
		size_t n;
		if (r < 4) {
			s = text[r];
			n = strlen(s);
		} else {
			/* Random lower-case words of 1 to 20 letters. */
			n = 0;
			while (n < 80) {
				size_t w = 1 + lcg(&st) % 20;
				for (size_t k = 0; k < w && n < 80; k++)
					buf[n++] = "aeioustnrldyl"[lcg(&st) % 13];
				if (n < 80)
					buf[n++] = ' ';
			}
			buf[n] = '\0';
			s = buf;
		}
		assert_int_equal(geo_tokenize(s, n, &t), GEO_OK);
		for (size_t i = 0; i < t.n; i++) {
			const char *low = t.low + t.v[i].start;
			uint64_t a = 7, b = 9;
			uint32_t ba = geo_words_get_lists(&ws, low, t.v[i].len, t.v[i].hash, &a);
			uint32_t bb = geo_words_get_lists_plain(&ws, low, t.v[i].len, t.v[i].hash, &b);
			assert_int_equal(ba, bb);
			assert_int_equal(a, b);
			assert_int_equal(geo_words_get(&ws, low, t.v[i].len, t.v[i].hash), bb);
			known += bb != 0;
		}
	}
	assert_true(known > 60);
	/* The marked words carry their lists. */
	{
		uint64_t m;
		assert_int_equal(geo_tokenize("internationally interventionists", 32, &t), GEO_OK);
		assert_int_equal(t.n, 2);
		(void)geo_words_get_lists(&ws, t.low, 15, t.v[0].hash, &m);
		assert_int_equal(m, 1);
		(void)geo_words_get_lists(&ws, t.low + 16, 16, t.v[1].hash, &m);
		assert_int_equal(m, 2);
	}
	geo_tokens_free(&t);
	geo_words_free(&ws);
}

/* Evidence: line breaks and tabs into spaces, everything else kept,
 * wherever in the eight-byte steps they fall. */
static void test_evidence_spaces(void **state)
{
	static const char alpha[] = "ab \n\t.\"\x80\xC3\r";
	char a[80], b[80];
	uint32_t st = 3;

	(void)state;
	for (int r = 0; r < 20000; r++) {
		size_t n = lcg(&st) % 80;
		for (size_t i = 0; i < n; i++)
			a[i] = b[i] = alpha[lcg(&st) % (sizeof alpha - 1)];
		geo_test_evidence_spaces(a, n);
		for (size_t i = 0; i < n; i++)
			if (b[i] == '\n' || b[i] == '\t')
				b[i] = ' ';
		assert_memory_equal(a, b, n ? n : 1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_padded_same),
		cmocka_unit_test(test_hash_length),
		cmocka_unit_test(test_hash_spread),
		cmocka_unit_test(test_word_end_same),
		cmocka_unit_test(test_words_same),
		cmocka_unit_test(test_evidence_spaces),
	};

	return cmocka_run_group_tests_name("text_hash", tests, NULL, NULL);
}

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

size_t geo_test_word_end(const unsigned char *lw, size_t j);

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_padded_same),
		cmocka_unit_test(test_hash_length),
		cmocka_unit_test(test_hash_spread),
		cmocka_unit_test(test_word_end_same),
	};

	return cmocka_run_group_tests_name("text_hash", tests, NULL, NULL);
}

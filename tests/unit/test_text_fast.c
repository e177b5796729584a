/* test_text_fast.c - the fast paths of the text extractor's front end give
 * exactly what the plain versions give.  Each reference below is the
 * straightforward code the fast path replaced (byte-at-a-time, ctype-like
 * tests, one pass per property); both run on hand-picked edge cases and on
 * a few thousand pseudo-random strings built from the characters the
 * scanners treat specially. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "text_internal.h"

/* ------------------------------------------------------------------ */
/* Reference tokenizer                                                 */

static bool ref_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static bool ref_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool ref_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static void ref_push(geo_tokens *t, size_t start, size_t len, uint32_t flags)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->v = realloc(t->v, t->cap * sizeof *t->v);
		assert_non_null(t->v);
	}
	t->v[t->n].start = (uint32_t)start;
	t->v[t->n].len = (uint32_t)len;
	t->v[t->n].flags = flags;
	t->v[t->n].hash = geo_tmap_hash(GEO_TMAP_SEED, t->low + start, len);
	t->n++;
}

static uint32_t ref_word_flags(const char *s, size_t len)
{
	uint32_t f = GEO_TOK_WORD;
	size_t up = 0, lo = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		up += c >= 'A' && c <= 'Z';
		lo += c >= 'a' && c <= 'z';
	}
	if (s[0] >= 'A' && s[0] <= 'Z')
		f |= GEO_TOK_CAP;
	if (ref_digit((unsigned char)s[0]))
		f |= GEO_TOK_NUM;
	if (up >= 2 && lo == 0)
		f |= GEO_TOK_ALLCAP;
	return f;
}

static size_t ref_clitic_len(const char *s, size_t n, size_t i)
{
	static const char *const cl[] = {"'s", "'ll", "'re", "'ve", "'m", "'d", NULL};

	for (const char *const *p = cl; *p; p++) {
		size_t k = strlen(*p);
		if (i + k <= n && strncasecmp(s + i, *p, k) == 0 &&
		    (i + k == n || !ref_word_byte((unsigned char)s[i + k])))
			return k;
	}
	return 0;
}

static void ref_tokenize(const char *s, size_t n, geo_tokens *t)
{
	size_t i = 0;

	t->n = 0;
	free(t->low);
	t->low = malloc(n + 1);
	assert_non_null(t->low);
	t->lowcap = n + 1;
	for (size_t k = 0; k < n; k++) {
		unsigned char c = (unsigned char)s[k];
		t->low[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	t->low[n] = '\0';
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t j, k;

		if (c == ' ' || c == '\t' || c == '\n') {
			i++;
			continue;
		}
		if (!ref_word_byte(c)) {
			if (c == '\'' && (k = ref_clitic_len(s, n, i)) > 0) {
				ref_push(t, i, k, GEO_TOK_WORD | GEO_TOK_CLITIC);
				i += k;
			} else {
				ref_push(t, i, 1, GEO_TOK_PUNCT);
				i++;
			}
			continue;
		}
		j = i;
		if (ref_alpha(c) && i + 1 < n && s[i + 1] == '.' && i + 2 < n && ref_alpha((unsigned char)s[i + 2]) &&
		    (i + 3 >= n || s[i + 3] == '.')) {
			while (j + 1 < n && ref_alpha((unsigned char)s[j]) && s[j + 1] == '.')
				j += 2;
			ref_push(t, i, j - i, ref_word_flags(s + i, j - i));
			i = j;
			continue;
		}
		for (;;) {
			while (j < n && ref_word_byte((unsigned char)s[j]))
				j++;
			if (j + 1 < n && (s[j] == ',' || s[j] == '.') && ref_digit((unsigned char)s[i]) &&
			    ref_digit((unsigned char)s[j + 1])) {
				j++;
				continue;
			}
			if (j + 1 < n && s[j] == '\'' && ref_word_byte((unsigned char)s[j + 1]) && !ref_clitic_len(s, n, j) &&
			    !(j + 2 < n && (s[j + 1] == 't' || s[j + 1] == 'T') && !ref_word_byte((unsigned char)s[j + 2]) &&
			      (s[j - 1] == 'n' || s[j - 1] == 'N'))) {
				j++;
				continue;
			}
			break;
		}
		if (j + 1 < n && s[j] == '\'' && (s[j + 1] == 't' || s[j + 1] == 'T') && j - i >= 2 &&
		    (s[j - 1] == 'n' || s[j - 1] == 'N') && (j + 2 >= n || !ref_word_byte((unsigned char)s[j + 2]))) {
			ref_push(t, i, j - 1 - i, ref_word_flags(s + i, j - 1 - i));
			ref_push(t, j - 1, 3, GEO_TOK_WORD | GEO_TOK_CLITIC);
			i = j + 2;
			continue;
		}
		if (j < n && s[j] == '.' && j - i <= 5 && geo_text_is_abbrev(t->low + i, j - i) && c >= 'A' && c <= 'Z')
			j++;
		ref_push(t, i, j - i, ref_word_flags(s + i, j - i));
		if (j < n && s[j] == '\'' && (s[j - 1] == 's' || s[j - 1] == 'S') &&
		    (j + 1 >= n || !ref_word_byte((unsigned char)s[j + 1]))) {
			ref_push(t, j, 1, GEO_TOK_WORD | GEO_TOK_CLITIC);
			j++;
		}
		i = j;
	}
}

/* ------------------------------------------------------------------ */
/* Inputs                                                              */

static const char *const cases[] = {
	"U.S.-China talks didn't end; Beijing's view.",
	"Gen. Smith paid $25,000 and 5.1% to C\xC3\xB4te d'Ivoire's allies' envoy",
	"We'll see it's O'Brien CAN'T won't ISN'T n't 'S 'LL 'd 'x' ''",
	"NEW YORK, March 3 - U.N. U.S.A. A.B a.b. 1.2.3 1,2,3 ,5 5, .5 5.",
	"Mr. MR. mr. Inc. INC. Messrs. Lieut. Xyzzy. A. I. No.1 NO. co.",
	"\xE2\x80\x94 \xEF\xBF\xBD caf\xC3\xA9 \xC3\x89TAT ABC\xC3\xA9 \x01\x7F\t\n \r|~^`{}[]@",
	"a", "A", ".", "'", "''", "n't", "x'", "s'", "S'", "AB", "Ab", "aB", "9A", "A9",
	"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@[`{",
	/* Words around the sixteen bytes of one load of the word scan. */
	"abcdefghijklmno abcdefghijklmnop abcdefghijklmnopq ABCDEFGHIJKLMNOPQRSTUVWXYZabcde.",
	"Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa Bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb 1234567890123456,789.5 caf\xC3\xA9" "caf\xC3\xA9" "caf\xC3\xA9" "x",
	"O'Briennnnnnnnnnnnnnn's d'Ivoireeeeeeeeeeeeeee countriessssssssssssss' Gen.",
};

/* Characters the tokenizer looks at, with letters and spaces common. */
static const char alphabet[] = "aAbBnNtTsSdDlLmMrRvVeE  ..,,''-0199$%&\"()\t\n\x80\xC3\xA9\xFF@[`{Z";

static uint32_t lcg(uint32_t *st)
{
	*st = *st * 1103515245u + 12345u;
	return *st >> 8;
}

/* A pseudo-random string of up to 80 bytes from the alphabet. */
static size_t random_text(uint32_t *st, char *buf)
{
	size_t n = lcg(st) % 81;

	for (size_t i = 0; i < n; i++)
		buf[i] = alphabet[lcg(st) % (sizeof alphabet - 1)];
	buf[n] = '\0';
	return n;
}

static void same_tokens(const char *s, size_t n, geo_tokens *fast, geo_tokens *ref)
{
	assert_int_equal(geo_tokenize(s, n, fast), GEO_OK);
	ref_tokenize(s, n, ref);
	if (fast->n != ref->n)
		fail_msg("\"%.*s\": %zu tokens, want %zu", (int)n, s, fast->n, ref->n);
	assert_memory_equal(fast->low, ref->low, n + 1);
	for (size_t i = 0; i < ref->n; i++) {
		const geo_tok *a = &fast->v[i], *b = &ref->v[i];
		if (a->start != b->start || a->len != b->len || a->flags != b->flags || a->hash != b->hash)
			fail_msg("\"%.*s\" token %zu: %u+%u flags %u, want %u+%u flags %u", (int)n, s, i, a->start, a->len,
				 a->flags, b->start, b->len, b->flags);
	}
}

static void test_tokenize_same(void **state)
{
	geo_tokens fast = {0}, ref = {0};
	char buf[96];
	uint32_t st = 12345;

	(void)state;
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		size_t n = strlen(cases[c]);
		/* Every suffix too: the eight-byte steps start at other places. */
		for (size_t k = 0; k <= n; k++)
			same_tokens(cases[c] + k, n - k, &fast, &ref);
	}
	for (int r = 0; r < 20000; r++) {
		size_t n = random_text(&st, buf);
		same_tokens(buf, n, &fast, &ref);
	}
	geo_tokens_free(&fast);
	geo_tokens_free(&ref);
}

/* The eight-byte tests against the byte tests they stand for: every byte
 * value at every position, among fillers that are and are not plain. */
static void test_swar(void **state)
{
	static const unsigned char fill[] = {'a', ' ', '~', 0x1F, 0x7F, 0x80, 0xFF, '\n', '.', 0x00};
	unsigned char b[8];

	(void)state;
	for (size_t f = 0; f < sizeof fill; f++) {
		for (int pos = 0; pos < 8; pos++) {
			for (int v = 0; v < 256; v++) {
				bool printable = true, has[4] = {false, false, false, false};
				static const unsigned char look[4] = {'\n', '.', '!', '?'};
				uint64_t w;
				memset(b, fill[f], sizeof b);
				b[pos] = (unsigned char)v;
				for (int k = 0; k < 8; k++) {
					printable &= b[k] >= 0x20 && b[k] < 0x7F;
					for (int l = 0; l < 4; l++)
						has[l] |= b[k] == look[l];
				}
				w = geo_swar_load(b);
				assert_int_equal(geo_swar_printable(w), printable);
				for (int l = 0; l < 4; l++)
					assert_int_equal(geo_swar_has(w, look[l]), has[l]);
			}
		}
	}
}

/* geo_swar_eq() flags exactly the bytes equal to c, and geo_swar_first()
 * finds the first of them in memory order: every byte value at every
 * position, a second byte at every later position. */
static void test_swar_first(void **state)
{
	static const unsigned char fill[] = {'a', ' ', '.', 0x00, 0x01, 0x2D, 0x2F, 0x7F, 0x80, 0xFF};
	static const unsigned char look[] = {'\n', '.', '!', '?', 0x00, 0x80, 0xFF};
	unsigned char b[8];

	(void)state;
	for (size_t f = 0; f < sizeof fill; f++)
		for (int pos = 0; pos < 8; pos++)
			for (int pos2 = pos; pos2 < 8; pos2++)
				for (int v = 0; v < 256; v++) {
					memset(b, fill[f], sizeof b);
					b[pos] = (unsigned char)v;
					b[pos2] = (unsigned char)(255 - v);
					for (size_t l = 0; l < sizeof look; l++) {
						uint64_t m = geo_swar_eq(geo_swar_load(b), look[l]);
						unsigned char mb[8];
						int first = -1;
						memcpy(mb, &m, 8);
						for (int k = 0; k < 8; k++) {
							assert_int_equal(mb[k], b[k] == look[l] ? 0x80 : 0);
							if (first < 0 && b[k] == look[l])
								first = k;
						}
						if (first >= 0)
							assert_int_equal(geo_swar_first(m), first);
						else
							assert_true(m == 0);
					}
				}
}

/* The skip to the next line break or final mark, both ways, against a
 * byte loop: every length up to 40 at every offset, marks anywhere. */
static void test_sent_stop_same(void **state)
{
	static const char marks[] = "\n.!?a \x80\xFF\x0A\x2E\x21\x3F\x00\x1E\x2F\x40";
	char buf[64];
	uint32_t st = 31;

	(void)state;
	for (int r = 0; r < 20000; r++) {
		size_t off = lcg(&st) % 8, n = lcg(&st) % 41, want = 0;
		for (size_t i = 0; i < off + n; i++)
			buf[i] = lcg(&st) % 6 ? 'x' : marks[lcg(&st) % (sizeof marks - 1)];
		while (want < n && buf[off + want] != '\n' && buf[off + want] != '.' && buf[off + want] != '!' &&
		       buf[off + want] != '?')
			want++;
		assert_int_equal(geo_sent_stop_swar(buf + off, n), want);
		assert_int_equal(geo_sent_stop(buf + off, n), want);
#ifdef GEO_TEXT_SSE2
		assert_int_equal(geo_sent_stop_sse2(buf + off, n), want);
#endif
	}
}

/* ------------------------------------------------------------------ */
/* Reference sentence splitter: the splitter with its scan a byte at a
 * time (the eight-byte skip to the next line break or final mark is the
 * fast path). */

static const char *const ref_starters[] = {
	"The", "He", "She", "It", "They", "We", "I", "But", "And", "In", "A", "An", "This",
	"That", "These", "Those", "His", "Her", "Their", "Its", "On", "At", "After", "Before",
	"While", "Meanwhile", "However", "Officials", "There", "Our", "If", "When", "As", NULL,
};

static bool ref_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

static void ref_push_one(geo_sentences *ss, size_t a, size_t b)
{
	if (a == b)
		return;
	if (ss->n == ss->cap) {
		ss->cap = ss->cap ? ss->cap * 2 : 8;
		ss->v = realloc(ss->v, ss->cap * sizeof *ss->v);
		assert_non_null(ss->v);
	}
	ss->v[ss->n].start = (uint32_t)a;
	ss->v[ss->n].end = (uint32_t)b;
	ss->n++;
}

static void ref_push_sent(geo_sentences *ss, const char *s, size_t a, size_t b)
{
	while (a < b && ref_is_space(s[a]))
		a++;
	while (b > a && ref_is_space(s[b - 1]))
		b--;
	while (b - a > 4096) {
		size_t cut = a + 4096;
		while (cut > a + 2048 && !ref_is_space(s[cut]))
			cut--;
		if (!ref_is_space(s[cut]))
			cut = a + 4096;
		while (cut > a && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
		ref_push_one(ss, a, cut);
		a = cut;
		while (a < b && ref_is_space(s[a]))
			a++;
	}
	if (a < b)
		ref_push_one(ss, a, b);
}

static bool ref_period_ends(const char *s, size_t n, size_t dot, size_t next)
{
	size_t w = dot, letters = 0, dots = 0, e = next;

	while (w > 0 && (ref_alpha((unsigned char)s[w - 1]) || ref_digit((unsigned char)s[w - 1]) || s[w - 1] == '.')) {
		w--;
		if (s[w] == '.')
			dots++;
		else if (ref_alpha((unsigned char)s[w]))
			letters++;
	}
	while (e < n && ref_alpha((unsigned char)s[e]))
		e++;
	if (dot - w == 1 && s[w] >= 'A' && s[w] <= 'Z')
		return false;
	if (dots > 0 && letters == dots + 1 && letters <= 4) {
		for (const char *const *p = ref_starters; *p; p++)
			if (strlen(*p) == e - next && memcmp(*p, s + next, e - next) == 0)
				return true;
		return false;
	}
	if (dots == 0 && letters > 0 && dot - w < 8) {
		char low[8];
		for (size_t i = 0; i < dot - w; i++)
			low[i] = (char)((s[w + i] >= 'A' && s[w + i] <= 'Z') ? s[w + i] + 32 : s[w + i]);
		if (geo_text_is_abbrev(low, dot - w) && s[w] >= 'A' && s[w] <= 'Z')
			return false;
	}
	return true;
}

static void ref_split(const char *s, size_t n, geo_sentences *out)
{
	size_t start = 0, i = 0, lines = 0;
	bool any = false;

	out->n = 0;
	while (i < n) {
		char c = s[i];
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
				while (k < i && ref_is_space(s[k]))
					k++;
				if (k == i) {
					start = i = j;
					continue;
				}
			}
			lines++;
			if (blank || (!any && lines == 1)) {
				ref_push_sent(out, s, start, i);
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
			while (end < n && (s[end] == '"' || s[end] == '\'' || s[end] == ')' || s[end] == ']'))
				end++;
			next = end;
			while (next < n && ref_is_space(s[next]))
				next++;
			if (next > end || next == n) {
				size_t word = next;
				while (word < n && (s[word] == '"' || s[word] == '(' || s[word] == '\''))
					word++;
				if (next == n || (((s[word] >= 'A' && s[word] <= 'Z') || ref_digit((unsigned char)s[word]) ||
						   word > next) &&
						  (c != '.' || end - i > 1 || ref_period_ends(s, n, i, word)))) {
					ref_push_sent(out, s, start, end);
					any = true;
					start = next;
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
	ref_push_sent(out, s, start, n);
}

static void same_sentences(const char *s, size_t n, geo_sentences *fast, geo_sentences *ref)
{
	assert_int_equal(geo_sentences_split(s, n, fast), GEO_OK);
	ref_split(s, n, ref);
	if (fast->n != ref->n)
		fail_msg("\"%.*s\": %zu sentences, want %zu", (int)n, s, fast->n, ref->n);
	for (size_t i = 0; i < ref->n; i++)
		if (fast->v[i].start != ref->v[i].start || fast->v[i].end != ref->v[i].end)
			fail_msg("\"%.*s\" sentence %zu: %u-%u, want %u-%u", (int)n, s, i, fast->v[i].start,
				 fast->v[i].end, ref->v[i].start, ref->v[i].end);
}

/* Sentence marks and line breaks among plain text, at every distance. */
static void test_sentences_same(void **state)
{
	static const char *const scases[] = {
		"The U.S. said so. He left! Did he? Yes.\nNext line\n\nNew paragraph. Gen. Smith met Mr. Lee.",
		"HEADLINE WITHOUT A MARK\nBody text follows here. And more text... \"Quoted.\" (Aside.) End",
		"\n\n  \nLeading blank lines. Then U.S. The end.",
		"No mark at all in this text that runs on for a good many bytes without stopping",
		"a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p ?!?!.. \n\t\n x",
	};
	static const char salpha[] = "aAbTheUSsMr   ....!!??\n\n\t\"'()]0199,-\xC3\xA9";
	geo_sentences fast = {0}, ref = {0};
	char buf[200];
	uint32_t st = 99;

	(void)state;
	for (size_t c = 0; c < sizeof scases / sizeof scases[0]; c++) {
		size_t n = strlen(scases[c]);
		for (size_t k = 0; k <= n; k++)
			same_sentences(scases[c] + k, n - k, &fast, &ref);
	}
	for (int r = 0; r < 20000; r++) {
		size_t n = lcg(&st) % 200;
		/* Long plain runs between the marks, so that the eight-byte
		 * steps are taken and stop at every offset. */
		for (size_t i = 0; i < n; i++)
			buf[i] = lcg(&st) % 4 ? 'x' : salpha[lcg(&st) % (sizeof salpha - 1)];
		same_sentences(buf, n, &fast, &ref);
	}
	geo_sentences_free(&fast);
	free(ref.v);
}

/* Reference normaliser: what text_norm.c does, one byte at a time. */
static const char *ref_replacement(utf8proc_int32_t cp)
{
	switch (cp) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC:
		return "'";
	case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB:
	case 0x00BB:
		return "\"";
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
	case 0x2212:
		return "-";
	case 0x2026:
		return "...";
	case 0x00A0: case 0x202F: case 0x205F: case 0x3000: case 0x1680:
		return " ";
	case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: case 0x00AD:
		return "";
	case 0x2028: case 0x2029:
		return "\n";
	default:
		break;
	}
	if (cp >= 0x2000 && cp <= 0x200A)
		return " ";
	if (cp >= 0x80 && cp < 0xA0)
		return " ";
	return NULL;
}

static void ref_normalize(const char *text, size_t len, geo_buf *out, size_t *replaced)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
	size_t i = 0;

	*replaced = 0;
	geo_buf_reset(out);
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len) {
		unsigned char c = p[i];
		utf8proc_int32_t cp;
		utf8proc_ssize_t k;
		const char *rep;
		if (c == '\r') {
			assert_int_equal(geo_buf_putc(out, '\n'), GEO_OK);
			i += (i + 1 < len && p[i + 1] == '\n') ? 2 : 1;
			continue;
		}
		if (c < 0x80) {
			assert_int_equal(geo_buf_putc(out, (c < 0x20 && c != '\n' && c != '\t') || c == 0x7F ? ' ' : (char)c),
					 GEO_OK);
			i++;
			continue;
		}
		k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
		if (k <= 0) {
			(*replaced)++;
			i++;
			assert_int_equal(geo_buf_append(out, "\xEF\xBF\xBD", 3), GEO_OK);
			continue;
		}
		rep = ref_replacement(cp);
		assert_int_equal(rep ? geo_buf_puts(out, rep) : geo_buf_append(out, p + i, (size_t)k), GEO_OK);
		i += (size_t)k;
	}
}

static const char norm_alphabet[][4] = {
	"a", "Z", " ", "~", ".", "\n", "\r", "\t", "\x01", "\x7F", "\xC3\xA9", "\xE2\x80\x99", "\xE2\x80\x94",
	"\xC2\xA0", "\xE2\x80\x8B", "\xC2\x85", "\xFF", "\xC3", "\xE2\x80", "\xEF\xBB\xBF", "\xED\xA0\x80",
};

static void test_normalize_same(void **state)
{
	geo_buf fast = {0}, ref = {0};
	char buf[512];
	uint32_t st = 99;

	(void)state;
	for (int r = 0; r < 20000; r++) {
		size_t n = 0, parts = lcg(&st) % 60;
		size_t bad_fast = 0, bad_ref = 0;
		for (size_t k = 0; k < parts; k++) {
			/* Runs of plain text between the special pieces, so that the
			 * eight-byte steps start and stop everywhere. */
			size_t plain = lcg(&st) % 4 == 0 ? lcg(&st) % 20 : 0;
			const char *piece = norm_alphabet[lcg(&st) % (sizeof norm_alphabet / sizeof norm_alphabet[0])];
			for (size_t q = 0; q < plain; q++)
				buf[n++] = (char)('a' + q % 26);
			memcpy(buf + n, piece, strlen(piece));
			n += strlen(piece);
		}
		geo_buf_reset(&fast);
		assert_int_equal(geo_text_normalize(buf, n, &fast, &bad_fast), GEO_OK);
		ref_normalize(buf, n, &ref, &bad_ref);
		assert_int_equal(fast.len, ref.len);
		if (ref.len)
			assert_memory_equal(fast.data, ref.data, ref.len);
		assert_int_equal(bad_fast, bad_ref);
		/* In place: the same bytes, whether the text shrinks enough
		 * for each U+FFFD or the rest goes to a block of its own. */
		geo_buf_reset(&fast);
		assert_int_equal(geo_buf_append(&fast, buf, n), GEO_OK);
		bad_fast = 99;
		assert_int_equal(geo_text_normalize_inplace(&fast, &bad_fast), GEO_OK);
		assert_int_equal(fast.len, ref.len);
		if (ref.len)
			assert_memory_equal(fast.data, ref.data, ref.len);
		if (fast.data)
			assert_int_equal(fast.data[fast.len], '\0');
		assert_int_equal(bad_fast, bad_ref);
	}
	geo_buf_free(&fast);
	geo_buf_free(&ref);
}

/* In place, the cases the random texts may miss: an invalid byte first
 * (no room: the rest is copied), after a CRLF and a BOM (room for one
 * U+FFFD), a text that only shrinks, and nothing at all. */
static void test_normalize_inplace_cases(void **state)
{
	static const struct {
		const char *in, *out;
		size_t bad;
	} texts[] = {
		{"\xFF" "abc", "\xEF\xBF\xBD" "abc", 1},
		{"a\r\n\r\n\xFF" "b", "a\n\n\xEF\xBF\xBD" "b", 1},
		{"\xEF\xBB\xBF" "\xFF" "x\xFFy", "\xEF\xBF\xBD" "x\xEF\xBF\xBD" "y", 2},
		{"\xE2\x80\x9CHi\xE2\x80\x9D\r\n", "\"Hi\"\n", 0},
		{"plain ASCII, long enough for eight-byte steps.\n", "plain ASCII, long enough for eight-byte steps.\n", 0},
		{"", "", 0},
	};
	geo_buf b = {0};

	(void)state;
	for (size_t c = 0; c < sizeof texts / sizeof *texts; c++) {
		size_t bad = 99;
		geo_buf_reset(&b);
		assert_int_equal(geo_buf_append(&b, texts[c].in, strlen(texts[c].in)), GEO_OK);
		assert_int_equal(geo_text_normalize_inplace(&b, &bad), GEO_OK);
		assert_int_equal(b.len, strlen(texts[c].out));
		assert_memory_equal(b.data, texts[c].out, b.len + 1);
		assert_int_equal(bad, texts[c].bad);
	}
	geo_buf_free(&b);
}

/* Abbreviations: the table with lengths against a plain list walk. */
static const char *const ref_abbrevs[] = {
	"mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov", "sen",
	"rep", "rev", "prof", "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
	"sept", "oct", "nov", "dec", "no", "nos", "inc", "corp", "ltd", "co", "jr", "sr", "vs",
	"ft", "mt", "pres", "sec", "dept", "messrs", "cmdr", "brig", "lieut", "amb", "hon", NULL,
};

static bool ref_is_abbrev(const char *w, size_t n)
{
	for (const char *const *p = ref_abbrevs; *p; p++)
		if (strlen(*p) == n && memcmp(*p, w, n) == 0)
			return true;
	return false;
}

static void test_abbrev_same(void **state)
{
	static const char *const words[] = {"mr", "mrs", "messrs", "lieut", "hon", "m", "mrx", "messrsx", "", "no",
					    "n", "co", "corp", "corps", "sept", "septe", "x"};
	char buf[96];
	uint32_t st = 5;

	(void)state;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		assert_int_equal(geo_text_is_abbrev(words[i], strlen(words[i])), ref_is_abbrev(words[i], strlen(words[i])));
	/* Every word of up to three letters, and every abbreviation with each
	 * of its letters changed, cut short or run on. */
	for (size_t n = 1; n <= 3; n++)
		for (size_t v = 0; v < 27u * 27u * 27u; v++) {
			size_t x = v;
			for (size_t k = 0; k < n; k++, x /= 27)
				buf[k] = x % 27 ? (char)('a' + x % 27 - 1) : 'A';
			assert_int_equal(geo_text_is_abbrev(buf, n), ref_is_abbrev(buf, n));
		}
	for (const char *const *p = ref_abbrevs; *p; p++) {
		size_t n = strlen(*p);
		memcpy(buf, *p, n);
		buf[n] = 's';
		for (size_t k = 0; k <= n + 1; k++)
			assert_int_equal(geo_text_is_abbrev(buf, k), ref_is_abbrev(buf, k));
		assert_true(geo_text_is_abbrev(buf, n));
		for (size_t k = 0; k < n; k++) {
			char c = buf[k];
			buf[k] = 'q';
			assert_int_equal(geo_text_is_abbrev(buf, n), ref_is_abbrev(buf, n));
			buf[k] = (char)(c - 32);
			assert_false(geo_text_is_abbrev(buf, n));
			buf[k] = c;
		}
	}
	for (int r = 0; r < 20000; r++) {
		size_t n = random_text(&st, buf) % 8;
		assert_int_equal(geo_text_is_abbrev(buf, n), ref_is_abbrev(buf, n));
	}
}

/* Capitalisation check: the lower-case-phrase shortcut against the walk
 * over the spelling. */
static bool ref_case_ok(const geo_lex *lx, const geo_lex_item *it, const char *s, const geo_tokens *t, size_t i)
{
	const char *p = lx->pool.data + it->case_off;

	for (size_t k = 0; k < it->ntok; k++) {
		const char *e = p;
		bool upper = false;
		const geo_tok *tok = &t->v[i + k];
		while (*e && *e != '\1') {
			upper |= *e >= 'A' && *e <= 'Z';
			e++;
		}
		if (upper && ((size_t)(e - p) != tok->len || memcmp(p, s + tok->start, tok->len) != 0))
			return false;
		p = *e ? e + 1 : e;
	}
	return true;
}

/* Whether the text's tokens from i, lower-cased, are the item's phrase:
 * the only items geo_lex_case_ok() is asked about are those of the
 * phrase found there. */
static bool same_key(const geo_lex *lx, const geo_lex_item *it, const geo_tokens *t, size_t i)
{
	const char *p = lx->pool.data + it->case_off;

	for (size_t k = 0; k < it->ntok; k++) {
		const geo_tok *tok = &t->v[i + k];
		for (size_t c = 0; c < tok->len; c++, p++)
			if (!*p || *p == '\1' || geo_a_tolower((unsigned char)*p) != (unsigned char)t->low[tok->start + c])
				return false;
		if (*p != (k + 1 < it->ntok ? '\1' : '\0'))
			return false;
		p++;
	}
	return true;
}

static void test_case_ok_same(void **state)
{
	static const char *const phrases[] = {"a", "ab", "A B", "b a", "nN", "Ed", "s", "US", "U.S.", "de Ab",
					      "tT sS", "a b a", "Ab", "aB", "AB", "b", "a B", NULL};
	geo_lex *lx = geo_lex_new();
	geo_tokens t = {0};
	char buf[96];
	uint32_t st = 4242;
	size_t checked = 0;

	(void)state;
	assert_non_null(lx);
	for (size_t p = 0; phrases[p]; p++)
		assert_int_equal(geo_lex_add(lx, phrases[p], strlen(phrases[p]), 1, (int32_t)p, 0), GEO_OK);
	for (int r = 0; r < 20000; r++) {
		size_t n = random_text(&st, buf);
		assert_int_equal(geo_tokenize(buf, n, &t), GEO_OK);
		for (size_t i = 0; i < t.n; i++) {
			for (size_t it = 0; it < lx->nitems; it++) {
				const geo_lex_item *li = geo_lex_item_at(lx, (int32_t)it);
				if (i + li->ntok > t.n || !same_key(lx, li, &t, i))
					continue;
				assert_int_equal(geo_lex_case_ok(lx, li, buf, &t, i), ref_case_ok(lx, li, buf, &t, i));
				checked++;
			}
		}
	}
	assert_true(checked > 10000);
	geo_tokens_free(&t);
	geo_lex_free(lx);
}

/* The phrase scan as it was: key spelled out, then looked up, token by
 * token, with no filter in front. */
static int32_t ref_lex_scan(const geo_lex *lx, const char *s, const geo_tokens *t, size_t i, bool any,
			    int32_t ref, size_t *ntok)
{
	char key[512];
	size_t klen = 0;
	uint32_t idx, h = GEO_TMAP_SEED;
	int32_t best = -1;

	*ntok = 0;
	for (size_t k = i; k < t->n; k++) {
		const geo_tok *tok = &t->v[k];
		if (klen + tok->len + 1 >= sizeof key)
			break;
		if (k > i)
			key[klen++] = ' ';
		memcpy(key + klen, t->low + tok->start, tok->len);
		klen += tok->len;
		h = k > i ? geo_tmap_join(h, tok->hash) : tok->hash;
		if (!geo_tmap_get(&lx->map, key, klen, h, &idx))
			break;
		for (int32_t it = lx->keys[idx].first; it >= 0; it = lx->items[it].next) {
			if ((any || lx->items[it].ref == ref) && ref_case_ok(lx, &lx->items[it], s, t, i)) {
				best = any ? lx->keys[idx].first : it;
				*ntok = k - i + 1;
				break;
			}
		}
	}
	return best;
}

/* The first-token filters (of any phrase, and of a phrase with a given
 * ref) and the filter test before each longer key change no answer:
 * every token of many strings, against the plain scan. */
static void test_lex_filter_same(void **state)
{
	static const char *const phrases[] = {"a", "ab", "A B", "b a", "nN", "Ed", "s", "US", "U.S.", "n't",
					      "'s", "2", "de Ab", "tT sS", "'", "a b a", "Ab", "a b a b", "s a b a Ab",
					      "ab s a", NULL};
	geo_lex *lx = geo_lex_new();
	geo_tokens t = {0};
	char buf[96];
	uint32_t st = 777;
	size_t hits = 0;

	(void)state;
	assert_non_null(lx);
	for (size_t p = 0; phrases[p]; p++)
		assert_int_equal(geo_lex_add(lx, phrases[p], strlen(phrases[p]), 1, (int32_t)(p % 3), 0), GEO_OK);
	for (int r = 0; r < 5000; r++) {
		size_t n = random_text(&st, buf);
		assert_int_equal(geo_tokenize(buf, n, &t), GEO_OK);
		for (size_t i = 0; i <= t.n; i++) {
			size_t n1 = 99, n2 = 98;
			int32_t a = geo_lex_longest(lx, buf, &t, i, &n1), b = ref_lex_scan(lx, buf, &t, i, true, -1, &n2);
			assert_int_equal(a, b);
			assert_int_equal(n1, n2);
			hits += a >= 0;
			{
				/* fit: the first item of the phrase whose
				 * capitals fit, the same phrase and length */
				int32_t fit = 77, want = -1;
				size_t n3 = 97;
				assert_int_equal(geo_lex_longest_fit(lx, buf, &t, i, &n3, &fit), a);
				assert_int_equal(n3, n1);
				for (int32_t it = a; it >= 0 && want < 0; it = lx->items[it].next)
					if (ref_case_ok(lx, &lx->items[it], buf, &t, i))
						want = it;
				assert_int_equal(fit, want);
			}
			/* refs 3 and 4 have no phrase: the per-ref first-token
			 * filter must turn them away, never a phrase of 0-2 */
			for (int32_t ref = 0; ref < 5; ref++) {
				n1 = 99;
				n2 = 98;
				a = geo_lex_find_ref(lx, buf, &t, i, ref, &n1);
				b = ref_lex_scan(lx, buf, &t, i, false, ref, &n2);
				assert_int_equal(a, b);
				assert_int_equal(n1, n2);
			}
		}
	}
	assert_true(hits > 1000); /* the strings do reach the phrases */
	geo_tokens_free(&t);
	geo_lex_free(lx);
}

/* The eight-byte compare against the byte loop: every length up to 40,
 * equal strings and strings that differ at one byte anywhere, inside the
 * length or just past it (where the answer must not change). */
static void test_same_padded(void **state)
{
	char a[48 + GEO_TMAP_PAD], b[48 + GEO_TMAP_PAD];
	uint32_t st = 31;

	(void)state;
	for (int r = 0; r < 20000; r++) {
		size_t n = lcg(&st) % 41, at = lcg(&st) % (n + GEO_TMAP_PAD + 1);
		for (size_t i = 0; i < sizeof a; i++)
			a[i] = b[i] = (char)(lcg(&st) & 0xFF);
		if (lcg(&st) % 2)
			b[at] = (char)(b[at] ^ (1u << (lcg(&st) % 8)));
		assert_int_equal(geo_tmap_same_padded(a, b, n), geo_tmap_same(a, b, n));
		assert_int_equal(geo_tmap_same_padded(b, a, n), geo_tmap_same(a, b, n));
	}
}

/* The padded lookup against the plain one, for every token of many
 * strings, in a map of the alphabet's short words: a map pool and token
 * buffers padded as the tokenizer and geo_tmap_put() pad them. */
static void test_get_padded_same(void **state)
{
	geo_tmap m;
	geo_tokens t = {0};
	char buf[96];
	uint32_t st = 5150, v = 0;
	size_t found = 0;

	(void)state;
	memset(&m, 0, sizeof m);
	for (int r = 0; r < 3000; r++) {
		size_t n = random_text(&st, buf);
		assert_int_equal(geo_tokenize(buf, n, &t), GEO_OK);
		for (size_t i = 0; i < t.n; i++) {
			if (lcg(&st) % 3 == 0) {
				v = (uint32_t)i;
				assert_int_equal(geo_tmap_put(&m, t.low + t.v[i].start, t.v[i].len, t.v[i].hash, &v), GEO_OK);
			}
		}
	}
	for (int r = 0; r < 5000; r++) {
		size_t n = random_text(&st, buf);
		assert_int_equal(geo_tokenize(buf, n, &t), GEO_OK);
		for (size_t i = 0; i < t.n; i++) {
			uint32_t v1 = 1234, v2 = 4321;
			bool a = geo_tmap_get_padded(&m, t.low + t.v[i].start, t.v[i].len, t.v[i].hash, &v1);
			bool b = geo_tmap_get(&m, t.low + t.v[i].start, t.v[i].len, t.v[i].hash, &v2);
			assert_int_equal(a, b);
			if (a)
				assert_int_equal(v1, v2);
			found += a;
		}
	}
	assert_true(found > 1000);
	geo_tmap_free(&m);
	geo_tokens_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tokenize_same),
		cmocka_unit_test(test_lex_filter_same),
		cmocka_unit_test(test_swar),
		cmocka_unit_test(test_swar_first),
		cmocka_unit_test(test_sent_stop_same),
		cmocka_unit_test(test_sentences_same),
		cmocka_unit_test(test_normalize_same),
		cmocka_unit_test(test_normalize_inplace_cases),
		cmocka_unit_test(test_abbrev_same),
		cmocka_unit_test(test_case_ok_same),
		cmocka_unit_test(test_same_padded),
		cmocka_unit_test(test_get_padded_same),
	};

	return cmocka_run_group_tests_name("text_fast", tests, NULL, NULL);
}

/* test_text_window.c - a text document read in windows of whole
 * paragraphs gives the events of the whole document. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "extract_internal.h"

extern size_t geo_text_window;
size_t geo_text_window_cut(const unsigned char *p, size_t n, bool *odd);
size_t geo_text_count_quotes(const unsigned char *p, size_t n);

#include "unit_dict_fixture.h"

static int setup(void **state)
{
	(void)state;
	return dict_fixture_setup("geo-win");
}

static char *slurp_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *s;
	long n;

	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	assert_true(n >= 0);
	rewind(fp);
	s = malloc((size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, fp), (size_t)n);
	s[n] = '\0';
	fclose(fp);
	*len = (size_t)n;
	return s;
}

static const char *write_doc(const char *name, const char *text, size_t len)
{
	static char path[256];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, len, fp), len);
	fclose(fp);
	return path;
}

/* Every event of path as JSON Lines, read with the given window; the
 * source's counters in *stats. */
static char *events_of(const char *path, size_t window, geo_source_stats *stats)
{
	char *out;

	geo_text_window = window;
	out = source_json(path, GEO_LEVEL_COUNTRY, NULL, NULL, stats);
	geo_text_window = (size_t)64 << 20;
	return out;
}

static size_t count_lines(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* The sample articles, one after the other, each ending in a blank line. */
static char *samples_text(size_t *len)
{
	static const char *const names[] = {"samples/oil-supply.txt", "samples/stockholm-talks.txt",
					    "samples/border-conflict.txt", "samples/tariff-dispute.txt",
					    "samples/sanctions-package.txt"};
	geo_buf b = {0};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		size_t n;
		char *s = slurp_file(names[i], &n);
		assert_int_equal(geo_buf_append(&b, s, n), GEO_OK);
		assert_int_equal(geo_buf_append(&b, "\n\n", 2), GEO_OK);
		free(s);
	}
	*len = b.len;
	return b.data;
}

/* Windows that hold the longest paragraph (2,147 bytes in the samples)
 * cut only at blank lines: the events are those of the whole document,
 * byte for byte, with the same sentence and document counts. */
static void check_windows(const char *name, const char *text, size_t len)
{
	static const size_t windows[] = {2300, 3001, 4096, 5000, 8192, 20000};
	const char *path = write_doc(name, text, len);
	geo_source_stats whole_st, st;
	char *whole = events_of(path, (size_t)64 << 20, &whole_st);

	assert_true(count_lines(whole) > 10);
	for (size_t w = 0; w < sizeof windows / sizeof windows[0]; w++) {
		char *got = events_of(path, windows[w], &st);
		assert_string_equal(got, whole);
		assert_int_equal(st.documents, 1);
		assert_int_equal(st.sentences, whole_st.sentences);
		assert_int_equal(st.replaced_bytes, whole_st.replaced_bytes);
		free(got);
	}
	free(whole);
}

static void test_windows_samples(void **state)
{
	size_t len;
	char *text = samples_text(&len);

	(void)state;
	check_windows("samples.txt", text, len);
	free(text);
}

/* An article repeated n times: n times its events, the sentence indices
 * shifted by its sentence count.  Spans are relative to the sentence (the
 * evidence) and stay as they are. */
static void test_windows_repeated(void **state)
{
	size_t len, n = 40;
	char *one = slurp_file("samples/border-conflict.txt", &len);
	geo_buf b = {0};
	geo_source_stats st1, st;
	const char *path;
	char *ev1, *got, *line;

	(void)state;
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(geo_buf_append(&b, one, len), GEO_OK);
		assert_int_equal(geo_buf_append(&b, "\n\n", 2), GEO_OK);
	}
	path = write_doc("border-conflict.txt", one, len);
	ev1 = events_of(path, (size_t)64 << 20, &st1);
	path = write_doc("border-conflict.txt", b.data, b.len);
	got = events_of(path, 1000, &st);
	assert_int_equal(st.sentences, n * st1.sentences);
	assert_int_equal(count_lines(got), n * count_lines(ev1));
	line = got;
	for (size_t i = 0; i < n; i++) {
		/* Each copy's events are the article's with "sent" moved on. */
		for (const char *e = ev1; *e;) {
			const char *eol = strchr(e, '\n'), *p = strstr(e, "\"sent\":");
			char want[2048];
			long sent;
			int k;
			assert_non_null(eol);
			assert_non_null(p);
			sent = strtol(p + 7, NULL, 10);
			k = snprintf(want, sizeof want, "%.*s\"sent\":%ld%.*s", (int)(p - e), e,
				     sent + (long)(i * st1.sentences), (int)(eol + 1 - strchr(p + 7, ',')),
				     strchr(p + 7, ','));
			assert_true(k > 0 && (size_t)k < sizeof want);
			assert_memory_equal(line, want, (size_t)k);
			line += k;
			e = eol + 1;
		}
	}
	assert_int_equal(*line, '\0');
	free(got);
	/* The same with the whole document in one window. */
	got = events_of(path, (size_t)64 << 20, NULL);
	assert_int_equal(count_lines(got), n * count_lines(ev1));
	free(got);
	free(ev1);
	free(one);
	geo_buf_free(&b);
}

/* CRLF line breaks, a BOM, invalid bytes and curly quotes: normalised a
 * window at a time, as in one piece. */
static void test_windows_crlf_invalid(void **state)
{
	size_t len;
	char *text = samples_text(&len);
	geo_buf b = {0};

	(void)state;
	assert_int_equal(geo_buf_append(&b, "\xEF\xBB\xBF", 3), GEO_OK);
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n')
			assert_int_equal(geo_buf_append(&b, "\r\n", 2), GEO_OK);
		else
			assert_int_equal(geo_buf_putc(&b, text[i]), GEO_OK);
		/* an invalid byte now and then, and a truncated sequence */
		if (i % 997 == 500)
			assert_int_equal(geo_buf_append(&b, "\xFF", 1), GEO_OK);
		if (i % 1499 == 700)
			assert_int_equal(geo_buf_append(&b, "\xE2\x80", 2), GEO_OK);
	}
	check_windows("crlf.txt", b.data, b.len);
	free(text);
	geo_buf_free(&b);
}

/* A quotation mark with no partner: quotations are paired across the
 * windows as in the whole document. */
static void test_windows_stray_quote(void **state)
{
	size_t len;
	char *text = samples_text(&len);
	geo_buf b = {0};

	(void)state;
	assert_int_equal(geo_buf_append(&b, "A \"stray mark.\n\n", 16), GEO_OK);
	for (int i = 0; i < 3; i++)
		assert_int_equal(geo_buf_append(&b, text, len), GEO_OK);
	check_windows("stray.txt", b.data, b.len);
	free(text);
	geo_buf_free(&b);
}

static size_t cut_of(const char *s, bool *odd)
{
	return geo_text_window_cut((const unsigned char *)s, strlen(s), odd);
}

/* The quotation marks counted eight bytes at a time are those counted one
 * at a time, wherever they fall: random texts of the bytes that matter. */
static void test_count_quotes(void **state)
{
	static const unsigned char alphabet[] = {'"', 0xE2, 0x80, 0x9C, 0x9D, 0x9E, 0x9F, 0xB3, 0xA0,
						 0xC2, 0xAB, 0xBB, 'a', ' ', '\n'};
	unsigned char buf[200];
	unsigned seed = 12345;

	(void)state;
	for (int t = 0; t < 20000; t++) {
		size_t n = (size_t)(t % 200), want = 0;
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			buf[i] = alphabet[(seed >> 16) % sizeof alphabet];
		}
		for (size_t i = 0; i < n; i++) {
			if (buf[i] == '"')
				want++;
			else if (buf[i] == 0xE2 && i + 2 < n && buf[i + 1] == 0x80 &&
				 ((buf[i + 2] >= 0x9C && buf[i + 2] <= 0x9F) || buf[i + 2] == 0xB3))
				want++;
			else if (buf[i] == 0xC2 && i + 1 < n && (buf[i + 1] == 0xAB || buf[i + 1] == 0xBB))
				want++;
		}
		assert_int_equal(geo_text_count_quotes(buf, n), want);
	}
	/* One of each, across an eight-byte boundary. */
	assert_int_equal(geo_text_count_quotes((const unsigned char *)"abcdefg\xE2\x80\x9Cx\xC2\xABy\"", 15), 3);
	assert_int_equal(geo_text_count_quotes((const unsigned char *)"abcdef\xE2\x80", 8), 0);
}

/* Where a window ends. */
static void test_window_cut(void **state)
{
	bool odd = false;

	(void)state;
	/* After the last blank line. */
	assert_int_equal(cut_of("aaaa.\n\nbbbb.\n\ncc", &odd), 14);
	assert_false(odd);
	/* Blank lines of spaces, tabs and CRLFs. */
	assert_int_equal(cut_of("aaaa.\r\n \t\r\nbbbbbbbb", &odd), 11);
	/* Not after the blank line where a quotation is open, but after an
	 * earlier one in the window's second half. */
	assert_int_equal(cut_of("aaaaaaaaaaaaaaaaaaaa\n\n\"bb.\n\ncc\"", &odd), 22);
	assert_false(odd);
	/* Curly quotation marks count as well: “ and ” */
	assert_int_equal(cut_of("aaaaaaaaaaaaaaaaaaaa\n\n\xE2\x80\x9C" "bb.\n\ncc\xE2\x80\x9D", &odd), 22);
	assert_false(odd);
	/* ... unless none is: then the last blank line, and the quotation
	 * stays open. */
	assert_int_equal(cut_of("aaaaaaaaaaaaaaaaaaaa \"bb.\n\ncc\"", &odd), 27);
	assert_true(odd);
	/* Parity carried from the window before: now even at 27. */
	assert_int_equal(cut_of("aaaaaaaaaaaaaaaaaaaa \"bb.\n\ncc\"", &odd), 27);
	assert_false(odd);
	/* One paragraph longer than the window: the last line break. */
	assert_int_equal(cut_of("aaaa\nbbbb\r\ncccc", &odd), 11);
	/* One line: after the last space. */
	assert_int_equal(cut_of("aaaa bbbb cccc", &odd), 10);
	/* One word: before its last character, never inside one. */
	assert_int_equal(cut_of("aaaa\xC3\xA9", &odd), 4);
	assert_int_equal(cut_of("aaaa\xE2\x80\x94", &odd), 4);
	assert_int_equal(cut_of("aaaab", &odd), 4);
	assert_int_equal(cut_of("a", &odd), 1);
	/* a lone CR stays with what comes after it: no cut between CR and LF */
	assert_int_equal(cut_of("aaaa\r", &odd), 4);
	assert_false(odd);
}

/* A paragraph longer than the window is cut at a line break: each part's
 * events are found, the sentence that spans the cut is two sentences. */
static void test_window_long_paragraph(void **state)
{
	static const char text[] = "Israel attacked Gaza on Monday.\n"
				   "China criticized Japan on Tuesday, and\n"
				   "Russia attacked Ukraine on Wednesday.\n"
				   "France praised Germany.\n";
	geo_source_stats st;
	const char *path = write_doc("long.txt", text, sizeof text - 1);
	char *whole = events_of(path, (size_t)64 << 20, &st);
	char *got;

	(void)state;
	assert_int_equal(st.sentences, 3);
	assert_int_equal(count_lines(whole), 4);
	/* Windows of 40 bytes: cut after each line. */
	got = events_of(path, 40, &st);
	assert_int_equal(st.sentences, 4);
	assert_string_equal(
		got,
		"{\"cameo\":\"180\",\"doc\":\"long\",\"evidence\":\"Israel attacked Gaza on Monday.\",\"goldstein\":-9.0,"
		"\"modality\":\"asserted\",\"negated\":false,\"quad\":4,\"relation\":\"attack\",\"sent\":0,\"source\":\"ISR\","
		"\"span\":{\"source\":[0,6],\"target\":[16,20],\"trigger\":[7,15]},\"target\":\"PSE\"}\n"
		"{\"cameo\":\"111\",\"doc\":\"long\",\"evidence\":\"China criticized Japan on Tuesday, and\",\"goldstein\":-2.0,"
		"\"modality\":\"asserted\",\"negated\":false,\"quad\":3,\"relation\":\"criticize\",\"sent\":1,\"source\":\"CHN\","
		"\"span\":{\"source\":[0,5],\"target\":[17,22],\"trigger\":[6,16]},\"target\":\"JPN\"}\n"
		"{\"cameo\":\"180\",\"doc\":\"long\",\"evidence\":\"Russia attacked Ukraine on Wednesday.\",\"goldstein\":-9.0,"
		"\"modality\":\"asserted\",\"negated\":false,\"quad\":4,\"relation\":\"attack\",\"sent\":2,\"source\":\"RUS\","
		"\"span\":{\"source\":[0,6],\"target\":[16,23],\"trigger\":[7,15]},\"target\":\"UKR\"}\n"
		"{\"cameo\":\"051\",\"doc\":\"long\",\"evidence\":\"France praised Germany.\",\"goldstein\":3.4,"
		"\"modality\":\"asserted\",\"negated\":false,\"quad\":1,\"relation\":\"praise\",\"sent\":3,\"source\":\"FRA\","
		"\"span\":{\"source\":[0,6],\"target\":[15,22],\"trigger\":[7,14]},\"target\":\"DEU\"}\n");
	free(got);
	free(whole);
}

/* A quotation open across the cut.  Its speaker is known only where it
 * closes: the window after the cut knows the quotation is open (carried
 * over) and gives its "we" to Putin; the window before the cut cannot, so
 * the reader cuts where no quotation is open when the window's second
 * half has such a blank line (80 bytes here), and only otherwise (100
 * bytes) loses what the first part says. */
static void test_window_open_quote(void **state)
{
	static const char text[] = "Russian President Vladimir Putin spoke.\n\n"
				   "\"We will attack Ukraine again.\n\n"
				   "We will sanction Japan,\" Putin said.\n";
	const char *path = write_doc("quote.txt", text, sizeof text - 1);
	char *whole = events_of(path, (size_t)64 << 20, NULL);
	char *got;
	const char *second;

	(void)state;
	assert_int_equal(count_lines(whole), 2);
	assert_non_null(strstr(whole, "\"evidence\":\"\\\"We will attack Ukraine again.\""));
	assert_non_null(strstr(whole, "\"sent\":1,\"source\":\"RUS\""));
	second = strchr(whole, '\n') + 1;
	assert_non_null(strstr(second, "\"relation\":\"sanction\",\"sent\":2,\"source\":\"RUS\""));
	got = events_of(path, 80, NULL);
	assert_string_equal(got, whole);
	free(got);
	got = events_of(path, 100, NULL);
	assert_string_equal(got, second);
	free(got);
	free(whole);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_count_quotes),
		cmocka_unit_test(test_window_cut),
		cmocka_unit_test(test_windows_samples),
		cmocka_unit_test(test_windows_repeated),
		cmocka_unit_test(test_windows_crlf_invalid),
		cmocka_unit_test(test_windows_stray_quote),
		cmocka_unit_test(test_window_long_paragraph),
		cmocka_unit_test(test_window_open_quote),
	};

	return cmocka_run_group_tests_name("text_window", tests, setup, teardown);
}

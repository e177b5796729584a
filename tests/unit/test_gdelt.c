/* test_gdelt.c - the GDELT reader: actor resolution, field parsing, and
 * whole files read through geo_source (plain, gzip, zip, and their
 * failures). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <zip.h>
#include <zlib.h>

#include "gdelt_internal.h"

/* ------------------------------------------------------------------ */
/* Actors                                                              */

struct actor_case {
	const char *code, *country, *group;
	enum gdelt_resolved want;
	const char *id;
	geo_actor_type type;
};

static void test_resolve_actor(void **state)
{
	static const struct actor_case cases[] = {
		/* countries: ISO3 kept, CAMEO's own codes translated */
		{"USAGOV", "USA", "", GDELT_ACTOR_OK, "USA", GEO_ACTOR_UNKNOWN},
		{"", "CHN", "", GDELT_ACTOR_OK, "CHN", GEO_ACTOR_UNKNOWN},
		{"ROM", "ROM", "", GDELT_ACTOR_OK, "ROU", GEO_ACTOR_UNKNOWN},
		{"ZARMIL", "ZAR", "", GDELT_ACTOR_OK, "COD", GEO_ACTOR_UNKNOWN},
		{"TMP", "TMP", "", GDELT_ACTOR_OK, "TLS", GEO_ACTOR_UNKNOWN},
		{"WSB", "WSB", "", GDELT_ACTOR_OK, "PSE", GEO_ACTOR_UNKNOWN},
		/* regions are kept as they are */
		{"AFR", "AFR", "", GDELT_ACTOR_OK, "AFR", GEO_ACTOR_UNKNOWN},
		{"MEAREB", "MEA", "", GDELT_ACTOR_OK, "MEA", GEO_ACTOR_UNKNOWN},
		/* organisations: the IGO code's most specific part wins */
		{"IGOEUREEC", "EUR", "EEC", GDELT_ACTOR_OK, "EU", GEO_ACTOR_UNKNOWN},
		{"", "EUR", "", GDELT_ACTOR_OK, "EU", GEO_ACTOR_UNKNOWN},
		{"IGOUNO", "", "UNO", GDELT_ACTOR_OK, "UN", GEO_ACTOR_UNKNOWN},
		{"IGOUNODEVWBK", "", "UNO", GDELT_ACTOR_OK, "WB", GEO_ACTOR_UNKNOWN},
		{"IGOUNODEVWBKMED", "", "UNO", GDELT_ACTOR_OK, "WB", GEO_ACTOR_UNKNOWN},
		{"IGOUNOREFHCR", "", "UNO", GDELT_ACTOR_OK, "UNHCR", GEO_ACTOR_UNKNOWN},
		{"IGOAFRAFU", "AFR", "", GDELT_ACTOR_OK, "AU", GEO_ACTOR_UNKNOWN},
		{"IGOSEAASN", "SEA", "ASN", GDELT_ACTOR_OK, "ASEAN", GEO_ACTOR_UNKNOWN},
		{"IGOWSTNAT", "", "NAT", GDELT_ACTOR_OK, "NATO", GEO_ACTOR_UNKNOWN},
		{"", "", "OPC", GDELT_ACTOR_OK, "OPEC", GEO_ACTOR_UNKNOWN},
		/* an organisation no table knows: its region, else its code */
		{"IGOSAFSAD", "SAF", "SAD", GDELT_ACTOR_OK, "SAF", GEO_ACTOR_UNKNOWN},
		{"IGOXYZ", "", "", GDELT_ACTOR_OK, "IGOXYZ", GEO_ACTOR_IGO},
		/* a known group without a country is kept, typed as a group */
		{"TAL", "", "TAL", GDELT_ACTOR_OK, "TAL", GEO_ACTOR_GROUP},
		{"AFGINSTAL", "AFG", "TAL", GDELT_ACTOR_OK, "AFG", GEO_ACTOR_UNKNOWN},
		/* roles without a country are not actors */
		{"GOV", "", "", GDELT_ACTOR_NONE, NULL, GEO_ACTOR_UNKNOWN},
		{"", "", "", GDELT_ACTOR_NONE, NULL, GEO_ACTOR_UNKNOWN},
		{"IGO", "", "", GDELT_ACTOR_NONE, NULL, GEO_ACTOR_UNKNOWN},
		/* codes that cannot be written as ids */
		{"", "U\"S", "", GDELT_ACTOR_BAD_COUNTRY, NULL, GEO_ACTOR_UNKNOWN},
		{"", "", "T\xffL", GDELT_ACTOR_BAD_GROUP, NULL, GEO_ACTOR_UNKNOWN},
		{"IGOX-Y", "", "", GDELT_ACTOR_BAD_CODE, NULL, GEO_ACTOR_UNKNOWN},
		{"", "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGH", "", GDELT_ACTOR_BAD_COUNTRY, NULL,
		 GEO_ACTOR_UNKNOWN},
	};
	(void)state;
	assert_true(gdelt_tables_sorted());
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const struct actor_case *c = &cases[i];
		char buf[GDELT_ID_MAX];
		const char *id = "unset";
		geo_actor_type type = GEO_ACTOR_COUNTRY;
		enum gdelt_resolved got;

		got = gdelt_resolve_actor(c->code, strlen(c->code), c->country, strlen(c->country),
					  c->group, strlen(c->group), buf, &id, &type);
		if (got != c->want || (c->id ? !id || strcmp(id, c->id) != 0 : id != NULL) ||
		    type != c->type)
			fail_msg("case %zu (%s/%s/%s): got %d %s type %d", i, c->code, c->country, c->group,
				 (int)got, id ? id : "(null)", (int)type);
	}
}

/* ------------------------------------------------------------------ */
/* Fields                                                              */

static void test_parse_date(void **state)
{
	char out[11];

	(void)state;
	assert_true(gdelt_parse_date("20191024", 8, out));
	assert_string_equal(out, "2019-10-24");
	assert_true(gdelt_parse_date("19790101", 8, out));
	assert_string_equal(out, "1979-01-01");
	assert_true(gdelt_parse_date("20240229", 8, out));
	assert_true(gdelt_parse_date("20000229", 8, out));
	assert_false(gdelt_parse_date("19000229", 8, out));
	assert_false(gdelt_parse_date("20230229", 8, out));
	assert_false(gdelt_parse_date("20250431", 8, out));
	assert_false(gdelt_parse_date("20251301", 8, out));
	assert_false(gdelt_parse_date("20250001", 8, out));
	assert_false(gdelt_parse_date("20250100", 8, out));
	assert_false(gdelt_parse_date("2025010", 7, out));
	assert_false(gdelt_parse_date("201910241", 9, out));
	assert_false(gdelt_parse_date("2019-10-", 8, out));
	assert_false(gdelt_parse_date("", 0, out));
}

static void test_parse_decimal(void **state)
{
	double v = 99;

	(void)state;
	assert_true(gdelt_parse_decimal("-7.0", 4, &v) && v == -7.0);
	assert_true(gdelt_parse_decimal("10", 2, &v) && v == 10.0);
	assert_true(gdelt_parse_decimal("+3.4", 4, &v) && v == 3.4);
	assert_true(gdelt_parse_decimal("2.8", 3, &v) && v == 2.8);
	assert_true(gdelt_parse_decimal("-0.5", 4, &v) && v == -0.5);
	assert_true(gdelt_parse_decimal(".5", 2, &v) && v == 0.5);
	/* only the n bytes given count */
	assert_true(gdelt_parse_decimal("1.25\t9", 4, &v) && v == 1.25);
	assert_false(gdelt_parse_decimal("", 0, &v));
	assert_false(gdelt_parse_decimal("-", 1, &v));
	assert_false(gdelt_parse_decimal(".", 1, &v));
	assert_false(gdelt_parse_decimal("1e3", 3, &v));
	assert_false(gdelt_parse_decimal("1.2.3", 5, &v));
	assert_false(gdelt_parse_decimal("nan", 3, &v));
	assert_false(gdelt_parse_decimal(" 1", 2, &v));
}

/* The GoldsteinScale parse: its shortcut for "-D.D", "D.D" and "10.0"
 * gives the very bits the general parse gives (-0.0 included), and every
 * other string what the general parse and the range check say: every
 * byte at every place of strings of three to five bytes built around the
 * short forms. */
static void test_parse_goldstein(void **state)
{
	static const char *const forms[] = {"-0.0", "0.0", "10.0", "-10.0", "9.9", "-9.9", "3.5", "10", "-10",
					    "10.1", "-10.5", "1.25", "11.0", "+3.4", "09.5", "-", ""};
	char s[8];

	(void)state;
	for (size_t f = 0; f < sizeof forms / sizeof *forms; f++) {
		size_t n = strlen(forms[f]);
		for (size_t at = 0; at <= n; at++)
			for (int c = at < n ? 0 : 256; c < 257; c++) {
				double want = 0, got = 0;
				bool ok_want, ok_got;

				memset(s, '\t', sizeof s); /* the row goes on after the field */
				memcpy(s, forms[f], n);
				if (c < 256)
					s[at] = (char)c;
				ok_want = gdelt_parse_decimal(s, n, &want) && want >= -10 && want <= 10;
				ok_got = gdelt_parse_goldstein(s, n, &got);
				assert_int_equal(ok_got, ok_want);
				if (ok_want)
					assert_memory_equal(&got, &want, sizeof got);
			}
	}
	{
		double v = 1;
		assert_true(gdelt_parse_goldstein("-0.0", 4, &v));
		assert_true(v == 0 && signbit(v));
		assert_true(gdelt_parse_goldstein("-10.0", 5, &v) && v == -10.0);
		assert_true(gdelt_parse_goldstein("7.4", 3, &v) && v == 7.4);
		assert_false(gdelt_parse_goldstein("10.1", 4, &v));
	}
}

/* Every byte value at every position of digit strings 1 to 20 long (the
 * check goes eight bytes at a time, then one by one). */
static void test_all_digits(void **state)
{
	char s[24];

	(void)state;
	assert_false(gdelt_all_digits("", 0));
	for (size_t n = 1; n <= 20; n++) {
		memset(s, '7', n);
		assert_true(gdelt_all_digits(s, n));
		for (size_t at = 0; at < n; at++)
			for (int c = 0; c < 256; c++) {
				s[at] = (char)c;
				assert_int_equal(gdelt_all_digits(s, n), c >= '0' && c <= '9');
				s[at] = c == 255 ? '0' : '9';
				assert_true(gdelt_all_digits(s, n));
			}
	}
}

/* The scan a byte at a time, as the test states it: up to the first
 * '\n', the first GDELT_SPLIT_POS TABs kept, all counted, the last one's
 * offset, and whether a byte past the last TAB is >= 0x80. */
static size_t naive_scan(const unsigned char *s, size_t n, gdelt_split *want)
{
	size_t i;

	memset(want, 0, sizeof *want);
	want->ascii = true;
	for (i = 0; i < n && s[i] != '\n'; i++) {
		if (s[i] == '\t') {
			if (want->ntabs < GDELT_SPLIT_POS)
				want->pos[want->ntabs] = (uint32_t)i;
			want->ntabs++;
			want->last = (uint32_t)i;
			want->ascii = true;
		} else if (s[i] >= 0x80) {
			want->ascii = false;
		}
	}
	return i;
}

typedef size_t (*scan_fn)(void *sp, const char *s, size_t n);

static void assert_scan_with(scan_fn scan, const unsigned char *s, size_t n, size_t want_end,
			     const gdelt_split *want)
{
	gdelt_split got;

	memset(&got, 0xA5, sizeof got);
	assert_int_equal(scan(&got, (const char *)s, n), want_end);
	assert_int_equal(got.ntabs, want->ntabs);
	assert_int_equal(got.ascii, want->ascii);
	if (want->ntabs > 0)
		assert_int_equal(got.last, want->last);
	for (size_t k = 0; k < want->ntabs && k < GDELT_SPLIT_POS; k++)
		assert_int_equal(got.pos[k], want->pos[k]);
}

/* Every scanner this build has agrees with the naive one. */
static void assert_scan(const unsigned char *s, size_t n)
{
	gdelt_split want;
	size_t end = naive_scan(s, n, &want);

	assert_scan_with(gdelt_scan_scalar, s, n, end, &want);
#if defined(__SSE2__) && defined(__GNUC__)
	assert_scan_with(gdelt_scan_sse2, s, n, end, &want);
	if (gdelt_have_avx2())
		assert_scan_with(gdelt_scan_avx2, s, n, end, &want);
	if (gdelt_have_avx512())
		assert_scan_with(gdelt_scan_avx512, s, n, end, &want);
#endif
}

static void test_scan(void **state)
{
	static unsigned char buf[9000];
	unsigned seed = 12345;
	gdelt_split sp;

	(void)state;
	assert_int_equal(gdelt_scan_scalar(&sp, "", 0), 0);
	assert_int_equal(sp.ntabs, 0);
	assert_true(sp.ascii);
	assert_int_equal(gdelt_scan_scalar(&sp, "a\tb\t\tc", 6), 6);
	assert_int_equal(sp.ntabs, 3);
	assert_int_equal(sp.pos[0], 1);
	assert_int_equal(sp.pos[1], 3);
	assert_int_equal(sp.pos[2], 4);
	assert_int_equal(sp.last, 4);
	assert_int_equal(gdelt_scan_scalar(&sp, "a\tb\nc\td", 7), 3);
	assert_int_equal(sp.ntabs, 1);
	/* Every length and alignment, TABs dense and sparse, with bytes next
	 * to TAB's value (0x08, 0x0a: a line end) and high bytes (0x80,
	 * 0x89, 0xff) on either side of the last TAB, which may fall
	 * anywhere in a 16-, 32- or 64-byte block. */
	for (size_t round = 0; round < 3000; round++) {
		static const unsigned char pick[] = {'\t', 0x08, 0x0a, 0x80, 0x89, 0xff, 0x00, 'A', 0x19, 'z'};
		size_t n = (round * 7) % 700, dense = round % 5;
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			if ((seed >> 16) % (dense + 1) == 0)
				buf[i] = '\t';
			else if ((seed >> 8) % (round % 3 ? 23 : 4000) == 0)
				buf[i] = pick[(seed >> 20) % sizeof pick];
			else
				buf[i] = (unsigned char)('a' + (seed >> 24) % 26);
		}
		assert_scan(buf, n);
	}
	/* Long TAB runs, the line end at every place in the last blocks. */
	memset(buf, '\t', sizeof buf);
	assert_scan(buf, sizeof buf);
	buf[sizeof buf - 1] = 0xC3;
	assert_scan(buf, sizeof buf);
	for (size_t at = 0; at < 80; at++) {
		memset(buf, '\t', 200);
		buf[at] = 0xC3;
		buf[at + 40] = '\n';
		assert_scan(buf, 200);
		assert_scan(buf, at + 41);
		assert_scan(buf, at + 40);
	}
	/* A row as GDELT writes it: 61 columns, a UTF-8 URL at the end, then
	 * the next row. */
	{
		size_t n = 0;
		for (int c = 0; c < 60; c++)
			n += (size_t)snprintf((char *)buf + n, sizeof buf - n, "c%d\t", c);
		n += (size_t)snprintf((char *)buf + n, sizeof buf - n, "https://example.org/caf\xc3\xa9");
		assert_scan(buf, n);
		assert_int_equal(gdelt_scan_scalar(&sp, (const char *)buf, n), n);
		assert_int_equal(sp.ntabs, 60);
		assert_false(sp.ascii);
		memcpy(buf + n, "\r\n1\t2\t\xff\n", 9);
		assert_scan(buf, n + 9);
		assert_int_equal(gdelt_scan_scalar(&sp, (const char *)buf, n + 9), n + 1);
		assert_int_equal(sp.ntabs, 60);
	}
}

static void test_sniff(void **state)
{
	char row[200];
	size_t n = 0;

	(void)state;
	assert_true(geo_gdelt_sniff((const unsigned char *)"PK\3\4rest", 8));
	assert_true(geo_gdelt_sniff((const unsigned char *)"\x1f\x8b\x08", 3));
	n += (size_t)snprintf(row, sizeof row, "881990832");
	for (int i = 0; i < 56; i++)
		row[n++] = '\t';
	assert_true(geo_gdelt_sniff((const unsigned char *)row, n));
	assert_false(geo_gdelt_sniff((const unsigned char *)row, n - 1));
	assert_false(geo_gdelt_sniff((const unsigned char *)"The EU sanctioned Russia.", 25));
	assert_false(geo_gdelt_sniff((const unsigned char *)"{\"source\":\"USA\"}", 16));
	assert_false(geo_gdelt_sniff((const unsigned char *)"", 0));
}

/* ------------------------------------------------------------------ */
/* Whole files                                                         */

static char tmpdir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/geo-gdelt-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd);
}

/* A 61-column row; url may be "" and ncols cuts or pads the row. */
static void make_row(char *out, size_t outlen, long id, const char *a1, const char *a2,
		     const char *code, const char *goldstein, int ncols)
{
	size_t n = 0;

	for (int col = 0; col < ncols; col++) {
		const char *v = "";
		char num[32];
		switch (col) {
		case 0: snprintf(num, sizeof num, "%ld", id); v = num; break;
		case 1: v = "20191024"; break;
		case 7: v = a1; break;
		case 17: v = a2; break;
		case 26: v = code; break;
		case 29: v = "1"; break;
		case 30: v = goldstein; break;
		case 31: v = "3"; break;
		case 60: v = "https://example.com/a"; break;
		}
		n += (size_t)snprintf(out + n, outlen - n, "%s%s", col ? "\t" : "", v);
	}
	snprintf(out + n, outlen - n, "\n");
}

static void path_of(char *out, size_t len, const char *name)
{
	snprintf(out, len, "%s/%s", tmpdir, name);
}

static void write_bytes(const char *name, const void *data, size_t n)
{
	char path[256];
	FILE *fp;

	path_of(path, sizeof path, name);
	assert_non_null(fp = fopen(path, "wb"));
	assert_int_equal(fwrite(data, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
}

/* Reads every event of one file: "doc:source>target:relation;" each. */
static geo_err read_file(const char *name, const geo_dict *dict, bool strict, char *out, size_t outlen,
			 geo_source_stats *stats, geo_error *err)
{
	char path[256];
	const char *paths[1] = {path};
	geo_source_opts opts = {.dict = dict, .strict = strict};
	geo_source *src;
	const geo_event *ev;
	geo_err rc;

	path_of(path, sizeof path, name);
	out[0] = '\0';
	assert_int_equal(geo_source_open(&src, paths, 1, &opts, err), GEO_OK);
	while ((rc = geo_source_next(src, &ev, err)) == GEO_OK && ev) {
		size_t used = strlen(out);
		snprintf(out + used, outlen - used, "%s:%s>%s:%s;", ev->doc, ev->source.id, ev->target.id,
			 ev->relation);
	}
	if (stats)
		*stats = *geo_source_get_stats(src);
	geo_source_free(src);
	return rc;
}

static void test_no_dictionary(void **state)
{
	char row[1024], got[64];
	geo_error err;

	(void)state;
	make_row(row, sizeof row, 1, "USA", "CHN", "040", "1.0", 61);
	write_bytes("nodict.CSV", row, strlen(row));
	assert_int_equal(read_file("nodict.CSV", NULL, false, got, sizeof got, NULL, &err), GEO_EUSAGE);
	assert_non_null(strstr(err.msg, "nodict.CSV: GDELT input needs a dictionary"));
}

static void test_rows_and_counts(void **state)
{
	geo_dict *d;
	geo_error err;
	geo_source_stats st;
	char text[8192], got[1024];
	size_t n = 0;

	(void)state;
	assert_int_equal(geo_dict_new_builtin(&d, &err), GEO_OK);
	make_row(text + n, sizeof text - n, 1, "USA", "CHN", "163", "-8.0", 61);
	n += strlen(text + n);
	make_row(text + n, sizeof text - n, 2, "USA", "", "010", "0.0", 61);   /* one actor */
	n += strlen(text + n);
	make_row(text + n, sizeof text - n, 3, "RUS", "RUS", "010", "0.0", 58); /* domestic */
	n += strlen(text + n);
	make_row(text + n, sizeof text - n, 4, "RUS", "UKR", "190", "-10", 57);
	n += strlen(text + n);
	make_row(text + n, sizeof text - n, 5, "RUS", "UKR", "190", "-10", 59); /* columns */
	n += strlen(text + n);
	make_row(text + n, sizeof text - n, 6, "RUS", "UKR", "190", "x", 61);   /* malformed */
	n += strlen(text + n);
	make_row(text + n, sizeof text - n, 7, "EUR", "IRN", "0311", "5.2", 58);
	n += strlen(text + n);
	write_bytes("rows.CSV", text, n);

	assert_int_equal(read_file("rows.CSV", d, false, got, sizeof got, &st, &err), GEO_OK);
	assert_string_equal(got, "1:USA>CHN:sanction;4:RUS>UKR:war;7:EU>IRN:intend_trade;");
	assert_int_equal(st.records, 7);
	assert_int_equal(st.documents, 7);
	assert_int_equal(st.events, 3);
	assert_int_equal(st.skipped[GEO_SKIP_ONE_ACTOR], 2);
	assert_int_equal(st.skipped[GEO_SKIP_COLUMNS], 1);
	assert_int_equal(st.skipped[GEO_SKIP_MALFORMED], 1);
	assert_int_equal(st.bytes, n);

	/* Under strict, one-actor rows are still only counted; the row with
	 * the wrong column count is the error. */
	assert_int_equal(read_file("rows.CSV", d, true, got, sizeof got, &st, &err), GEO_EDATA);
	assert_string_equal(got, "1:USA>CHN:sanction;4:RUS>UKR:war;");
	assert_non_null(strstr(err.msg, "rows.CSV:5: 59 columns; a GDELT export row has 57, 58 or 61"));
	geo_dict_free(d);
}

/* Every event's doc and URL, "doc url;" each, and the stats. */
static void read_urls(const char *name, const geo_dict *dict, char *out, size_t outlen, geo_source_stats *st)
{
	char path[256];
	const char *paths[1] = {path};
	geo_source_opts opts = {.dict = dict};
	geo_source *src;
	const geo_event *ev;
	geo_error err;

	path_of(path, sizeof path, name);
	out[0] = '\0';
	assert_int_equal(geo_source_open(&src, paths, 1, &opts, &err), GEO_OK);
	while (geo_source_next(src, &ev, &err) == GEO_OK && ev) {
		size_t used = strlen(out);
		snprintf(out + used, outlen - used, "%s %s;", ev->doc, ev->url ? ev->url : "-");
	}
	*st = *geo_source_get_stats(src);
	geo_source_free(src);
}

/* Row ends and URLs, read from a plain file (mapped: its lines have no
 * NUL after them) and from a gzip copy (read into a buffer): LF, CRLF, a
 * last row without its newline, an ASCII, a UTF-8 and a malformed URL,
 * an empty one. */
static void test_line_ends(void **state)
{
	static const char *const urls[] = {"https://example.com/a", "https://example.com/caf\xc3\xa9",
					   "https://example.com/\xff", "", "https://example.com/last"};
	static const char *const ends[] = {"\n", "\r\n", "\n", "\r\n", ""};
	char text[8192], got[1024], gz[256];
	geo_source_stats st;
	geo_dict *d;
	geo_error err;
	gzFile g;
	size_t n = 0;

	(void)state;
	assert_int_equal(geo_dict_new_builtin(&d, &err), GEO_OK);
	for (int r = 0; r < 5; r++) {
		char *url;
		make_row(text + n, sizeof text - n, r + 1, "USA", "CHN", "163", "-8.0", 61);
		url = strstr(text + n, "https://example.com/a\n");
		assert_non_null(url);
		n = (size_t)(url - text);
		n += (size_t)snprintf(text + n, sizeof text - n, "%s%s", urls[r], ends[r]);
	}
	write_bytes("ends.CSV", text, n);
	path_of(gz, sizeof gz, "ends.CSV.gz");
	assert_non_null(g = gzopen(gz, "wb"));
	assert_int_equal(gzwrite(g, text, (unsigned)n), (int)n);
	assert_int_equal(gzclose(g), Z_OK);
	for (int k = 0; k < 2; k++) {
		read_urls(k ? "ends.CSV.gz" : "ends.CSV", d, got, sizeof got, &st);
		assert_string_equal(got, "1 https://example.com/a;2 https://example.com/caf\xc3\xa9;4 -;"
					 "5 https://example.com/last;");
		assert_int_equal(st.records, 5);
		assert_int_equal(st.events, 4);
		assert_int_equal(st.skipped[GEO_SKIP_MALFORMED], 1);
		if (k == 0)
			assert_int_equal(st.bytes, n);
	}
	geo_dict_free(d);
}

/* Many rows, so that gzip input and output cross several buffers. */
static size_t many_rows(char **out, size_t rows)
{
	size_t cap = rows * 200 + 1, n = 0;
	char *text = malloc(cap);

	assert_non_null(text);
	for (size_t i = 0; i < rows; i++) {
		make_row(text + n, cap - n, (long)(i + 1), i % 3 ? "USA" : "GBR", i % 2 ? "CHN" : "IND",
			 "043", "2.8", 61);
		n += strlen(text + n);
	}
	*out = text;
	return n;
}

static void test_gzip(void **state)
{
	geo_dict *d;
	geo_error err;
	geo_source_stats st;
	char *text, *got = malloc(1 << 20);
	size_t n = many_rows(&text, 5000);
	uLongf clen = compressBound((uLong)n) + 64;
	unsigned char *gz = malloc(clen + 64);
	z_stream z = {0};
	char path[256];

	(void)state;
	assert_non_null(got);
	assert_non_null(gz);
	/* gzip wrapper: windowBits 16 + 15 */
	assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY), Z_OK);
	z.next_in = (Bytef *)text;
	z.avail_in = (uInt)n;
	z.next_out = gz;
	z.avail_out = (uInt)clen;
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	clen = z.total_out;
	deflateEnd(&z);
	write_bytes("many.CSV.gz", gz, clen);

	assert_int_equal(geo_dict_new_builtin(&d, &err), GEO_OK);
	assert_int_equal(read_file("many.CSV.gz", d, false, got, 1 << 20, &st, &err), GEO_OK);
	assert_int_equal(st.records, 5000);
	assert_int_equal(st.events, 5000);
	assert_int_equal(st.bytes, clen); /* compressed bytes read */
	assert_true(strncmp(got, "1:GBR>IND:host;2:USA>CHN:host;", 30) == 0);
	assert_non_null(strstr(got, ";5000:USA>CHN:host;"));

	/* Cut short, or with garbage after the member: errors naming the file. */
	write_bytes("short.CSV.gz", gz, clen - 9);
	assert_int_equal(read_file("short.CSV.gz", d, false, got, 1 << 20, NULL, &err), GEO_EDATA);
	path_of(path, sizeof path, "short.CSV.gz");
	assert_non_null(strstr(err.msg, path));
	assert_non_null(strstr(err.msg, "truncated gzip data"));
	memcpy(gz + clen, "garbage!", 8);
	write_bytes("trailing.CSV.gz", gz, clen + 8);
	assert_int_equal(read_file("trailing.CSV.gz", d, false, got, 1 << 20, NULL, &err), GEO_EDATA);
	assert_non_null(strstr(err.msg, "corrupt gzip data"));

	geo_dict_free(d);
	free(text);
	free(gz);
	free(got);
}

/* Writes a zip archive of the named members (NULL data: a directory). */
static void write_zip(const char *name, const char *const *members, const char *const *data,
		      size_t n, bool store)
{
	char path[256];
	zip_t *za;
	int zerr;

	path_of(path, sizeof path, name);
	assert_non_null(za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr));
	for (size_t i = 0; i < n; i++) {
		zip_int64_t idx;
		if (!data[i]) {
			assert_true(zip_dir_add(za, members[i], 0) >= 0);
			continue;
		}
		zip_source_t *zs = zip_source_buffer(za, data[i], strlen(data[i]), 0);
		assert_non_null(zs);
		assert_true((idx = zip_file_add(za, members[i], zs, 0)) >= 0);
		if (store)
			assert_int_equal(zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0), 0);
	}
	assert_int_equal(zip_close(za), 0);
}

static void test_zip(void **state)
{
	geo_dict *d;
	geo_error err;
	geo_source_stats st;
	char *text, *got = malloc(1 << 20);
	char row[1024];
	size_t n = many_rows(&text, 3000);
	const char *one[] = {"x.export.CSV"}, *with_dir[] = {"dir/", "dir/x.export.CSV"},
		   *two[] = {"a.CSV", "b.CSV"};
	const char *data1[] = {text}, *data_dir[] = {NULL, text}, *data2[] = {text, text};

	(void)state;
	assert_non_null(got);
	assert_int_equal(geo_dict_new_builtin(&d, &err), GEO_OK);

	write_zip("deflated.CSV.zip", one, data1, 1, false);
	assert_int_equal(read_file("deflated.CSV.zip", d, false, got, 1 << 20, &st, &err), GEO_OK);
	assert_int_equal(st.events, 3000);
	assert_true(st.bytes > 0 && st.bytes < n); /* the member's compressed size */
	assert_non_null(strstr(got, ";3000:USA>CHN:host;"));

	write_zip("stored.zip", with_dir, data_dir, 2, true);
	assert_int_equal(read_file("stored.zip", d, false, got, 1 << 20, &st, &err), GEO_OK);
	assert_int_equal(st.events, 3000);
	assert_int_equal(st.bytes, n);

	write_zip("two.zip", two, data2, 2, false);
	assert_int_equal(read_file("two.zip", d, false, got, 1 << 20, NULL, &err), GEO_EDATA);
	assert_non_null(strstr(err.msg, "two.zip: zip archive holds 2 files"));

	/* Zip magic, then nothing a zip reader can use. */
	make_row(row, sizeof row, 1, "USA", "CHN", "040", "1.0", 61);
	memcpy(row, "PK\3\4", 4);
	write_bytes("broken.zip", row, strlen(row));
	assert_int_equal(read_file("broken.zip", d, false, got, 1 << 20, NULL, &err), GEO_EDATA);
	assert_non_null(strstr(err.msg, "broken.zip: not a readable zip archive"));

	geo_dict_free(d);
	free(text);
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resolve_actor),
		cmocka_unit_test(test_parse_date),
		cmocka_unit_test(test_parse_decimal),
		cmocka_unit_test(test_parse_goldstein),
		cmocka_unit_test(test_all_digits),
		cmocka_unit_test(test_scan),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_no_dictionary),
		cmocka_unit_test(test_rows_and_counts),
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_gzip),
		cmocka_unit_test(test_zip),
	};
	return cmocka_run_group_tests_name("gdelt", tests, setup, teardown);
}

/* test_event_json.c - the direct JSON Lines writer against jansson, which
 * wrote every line before it: reals one by one against jansson's dump of
 * a real, and adversarial events (quotes, backslashes, every control
 * byte, DEL, '/', U+2028, four-byte characters, invalid UTF-8, long
 * strings, odd numbers, absent keys) against the jansson writer kept as
 * the oracle, with a stream of events taking both its rebuild and its
 * in-place paths. */
#define _GNU_SOURCE /* open_memstream */
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "extract_internal.h"

struct jw;
size_t geo_json_real(char *b, double v);
struct jw *geo_event_oracle_new(void);
void geo_event_oracle_free(struct jw *j);
size_t geo_event_oracle_line(struct jw *j, const geo_event *ev, const char **line);

static uint64_t next_rand(uint64_t *st)
{
	*st ^= *st << 13;
	*st ^= *st >> 7;
	*st ^= *st << 17;
	return *st;
}

/* v as jansson dumps a real with the writer's precision. */
static void jansson_real(double v, char *out, size_t cap)
{
	json_t *r = json_real(v);
	size_t n;

	assert_non_null(r);
	n = json_dumpb(r, out, cap - 1, JSON_ENCODE_ANY | JSON_COMPACT | JSON_REAL_PRECISION(15));
	assert_true(n > 0 && n < cap);
	out[n] = '\0';
	json_decref(r);
}

static void check_real(double v)
{
	char want[64], got[64];
	size_t n = geo_json_real(got, v);

	jansson_real(v, want, sizeof want);
	got[n] = '\0';
	if (strcmp(got, want) != 0)
		fail_msg("%.17g: wrote %s, jansson %s", v, got, want);
}

static void test_real_same(void **state)
{
	static const double edge[] = {0.0, 1.0, -1.0, 0.1, -0.1, 0.5, 3.4, -8.0, 10.0, -10.0, 7.2,
				      0.30000000000000004, 1e-4, 1e-5, 1.5e-7, 123456.7, 999999999.9,
				      1e9, 1e9 + 0.1, 999999999.95, 1e10, 1e14, 1e15, 1e16, 1e17,
				      123456789012345678.0, 1e21, 1e100, 1e300, -1e-300, 5e-324,
				      DBL_MIN, DBL_MAX, -DBL_MAX, 2.5, 0.25, 0.05, 1.0 / 3, 2.0 / 3,
				      4294967295.0, 9007199254740993.0};
	uint64_t st = 0x9E3779B97F4A7C15u;
	char b[64];

	(void)state;
	for (size_t i = 0; i < sizeof edge / sizeof *edge; i++) {
		check_real(edge[i]);
		check_real(-edge[i]);
	}
	/* -0.0 keeps its sign, as "%.15g" does. */
	assert_int_equal(geo_json_real(b, -0.0), 4);
	assert_memory_equal(b, "-0.0", 4);
	assert_int_equal(geo_json_real(b, -8.0), 4);
	assert_memory_equal(b, "-8.0", 4);
	assert_int_equal(geo_json_real(b, 3.4), 3);
	assert_memory_equal(b, "3.4", 3);
	b[geo_json_real(b, 1e-5)] = '\0';
	assert_string_equal(b, "1e-5");
	b[geo_json_real(b, 1e20)] = '\0';
	assert_string_equal(b, "1e20");
	/* Every tenth up to a thousand, both signs: the fast path. */
	for (int k = -10000; k <= 10000; k++)
		check_real(k / 10.0);
	for (int r = 0; r < 200000; r++) {
		uint64_t bits = next_rand(&st);
		double v;
		switch (r % 4) {
		case 0: /* any finite double */
			memcpy(&v, &bits, sizeof v);
			if (!isfinite(v))
				continue;
			break;
		case 1: /* tenths and hundredths across the fast path's range */
			v = (double)(int64_t)(bits % 40000000000u - 20000000000) / (r % 8 ? 10 : 100);
			break;
		case 2: /* whole numbers up to 2^53 and past */
			v = (double)(bits >> (bits % 40));
			break;
		default: /* near the fast path's bound, below and above */
			v = 1e9 + ((double)(bits % 2000001) - 1000000) / 10;
			break;
		}
		check_real(v);
	}
}

/* A string made of parts that each need care, or, one time in ten, random
 * bytes (mostly invalid UTF-8). */
static void random_text(uint64_t *st, char *buf, size_t cap)
{
	static const char *const parts[] = {
		"a", "Z", " ", "\"", "\\", "/", "\x7f", "\b", "\f", "\n", "\r", "\t", "\x01", "\x1f",
		"\x1b", "\x0b", "\xc3\xa9", "\xe2\x82\xac", "\xe2\x80\xa8", "\xe2\x80\xa9",
		"\xf0\x9f\x98\x80", "\xef\xbf\xbf", "\\u0041", "C\xc3\xb4te d'Ivoire", "abcdefgh",
		"0123456789abcdef"};
	size_t n = 0, want;

	if (next_rand(st) % 10 == 0) {
		n = next_rand(st) % (cap / 4);
		for (size_t i = 0; i < n; i++) {
			buf[i] = (char)(next_rand(st) % 255 + 1);
		}
		buf[n] = '\0';
		return;
	}
	/* Mostly short, sometimes long (past the writer's first buffer). */
	want = next_rand(st) % 8 == 0 ? next_rand(st) % (cap - 32) : next_rand(st) % 40;
	while (n < want) {
		const char *p = parts[next_rand(st) % (sizeof parts / sizeof *parts)];
		size_t k = strlen(p);
		if (n + k >= cap)
			break;
		memcpy(buf + n, p, k);
		n += k;
	}
	buf[n] = '\0';
}

static double random_real(uint64_t *st)
{
	static const double odd[] = {0.0, -0.0, 1.0, 3.4, -8.0, -10.0, 10.0, 0.1, 1e-5, 1e20, 5e-324,
				     DBL_MAX, 1.0 / 3, 0.30000000000000004, 123456789.5, 1e15};
	uint64_t bits = next_rand(st);
	double v;

	if (bits % 3 == 0) {
		memcpy(&v, &bits, sizeof v);
		if (isfinite(v))
			return v;
	}
	if (bits % 3 == 1)
		return (double)(int64_t)(bits % 201 - 100) / 10;
	return odd[bits % (sizeof odd / sizeof *odd)];
}

static geo_span random_span(uint64_t *st)
{
	static const uint32_t odd[] = {0, 1, 9, 10, 99, 100, 4294967295u, 2147483648u};
	geo_span s = {(uint32_t)next_rand(st), (uint32_t)next_rand(st)};

	switch (next_rand(st) % 4) {
	case 0:
		s.end = s.start; /* absent */
		break;
	case 1:
		s.start = odd[next_rand(st) % 8];
		s.end = odd[next_rand(st) % 8];
		break;
	case 2:
		s.start %= 300;
		s.end = s.start + (uint32_t)(next_rand(st) % 40);
		break;
	}
	return s;
}

enum { NTEXT = 12, TEXT_CAP = 3000 };

/* A random event whose strings are in text[]; every optional key absent
 * now and then. */
static void random_event(uint64_t *st, geo_event *ev, char text[NTEXT][TEXT_CAP])
{
	static const int32_t sents[] = {-1, 0, 1, 9, 10, 2147483647};
	static const int quads[] = {0, 1, 4, -1, 2147483647, -2147483647 - 1};
	uint64_t absent = next_rand(st);

	for (int k = 0; k < NTEXT; k++)
		random_text(st, text[k], TEXT_CAP);
	geo_event_init(ev);
	/* Most keys are there most of the time, so that runs of events with
	 * one set of keys take the oracle's in-place path. */
#define MAYBE(i) ((absent >> (i)) % 8 ? text[i] : NULL)
	ev->doc = MAYBE(0);
	ev->source.id = text[1];
	ev->source.label = MAYBE(2);
	ev->source.affiliation = MAYBE(3);
	ev->source.type = (geo_actor_type)(next_rand(st) % 6);
	ev->target.id = text[4];
	ev->target.label = MAYBE(5);
	ev->target.affiliation = MAYBE(6);
	ev->target.type = (geo_actor_type)(next_rand(st) % 6);
	ev->relation = text[7];
	ev->cameo = MAYBE(8);
	ev->evidence = MAYBE(9);
	ev->via = MAYBE(10);
	ev->url = MAYBE(11);
#undef MAYBE
	if (next_rand(st) % 4)
		memcpy(ev->date, "2024-02-29", 11);
	ev->sent = sents[next_rand(st) % 6];
	ev->quad = quads[next_rand(st) % 6];
	ev->negated = next_rand(st) % 2;
	/* 7: out of range, no name, no key. */
	ev->modality = (geo_modality)(next_rand(st) % 8 == 0 ? 7 : next_rand(st) % 5);
	ev->goldstein = random_real(st);
	ev->weight = next_rand(st) % 2 ? 1.0 : random_real(st);
	ev->span_source = random_span(st);
	ev->span_target = random_span(st);
	ev->span_trigger = random_span(st);
}

/* Writes events through one stream writer and holds every line to the
 * oracle, both a fresh one (which builds the object) and one kept for the
 * stream (which changes values in place). */
static void test_events_same(void **state)
{
	static char text[NTEXT][TEXT_CAP];
	char *s = NULL;
	size_t len = 0, off = 0, good = 0, bad = 0, longer = 0;
	FILE *fp = open_memstream(&s, &len);
	geo_event_writer *w = NULL;
	struct jw *kept = geo_event_oracle_new();
	geo_error err = {0};
	uint64_t st = 12345;

	(void)state;
	assert_non_null(fp);
	assert_non_null(kept);
	assert_int_equal(geo_event_writer_new(&w, fp, &err), GEO_OK);
	for (int r = 0; r < 20000; r++) {
		geo_event ev;
		struct jw *fresh = geo_event_oracle_new();
		const char *want, *want2;
		size_t n, n2;
		geo_err rc;

		assert_non_null(fresh);
		random_event(&st, &ev, text);
		n = geo_event_oracle_line(fresh, &ev, &want);
		n2 = geo_event_oracle_line(kept, &ev, &want2);
		assert_int_equal(n, n2);
		rc = geo_event_writer_write(w, &ev, &err);
		fflush(fp);
		if (!n) {
			assert_int_equal(rc, GEO_EDATA);
			assert_int_equal(len, off);
			bad++;
		} else {
			assert_int_equal(rc, GEO_OK);
			assert_int_equal(len - off, n + 1);
			assert_memory_equal(s + off, want, n);
			assert_memory_equal(want2, want, n);
			assert_int_equal(s[off + n], '\n');
			off = len;
			good++;
			longer += n > 1024;
		}
		geo_event_oracle_free(fresh);
	}
	assert_true(good > 5000);
	assert_true(bad > 1000);
	assert_true(longer > 500);
	geo_event_writer_free(w);
	geo_event_oracle_free(kept);
	fclose(fp);
	free(s);
}

/* Lines written out by hand: the oracle could be wrong too. */
static void test_known_lines(void **state)
{
	char *s = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&s, &len);
	geo_event ev;
	geo_error err = {0};

	(void)state;
	assert_non_null(fp);
	geo_event_init(&ev);
	ev.source.id = "USA";
	ev.target.id = "CHN";
	ev.relation = "sanction";
	ev.goldstein = -8.0;
	assert_int_equal(geo_event_write_json(fp, &ev, &err), GEO_OK);
	geo_event_init(&ev);
	ev.doc = "d\"1";
	ev.sent = 3;
	memcpy(ev.date, "2019-10-24", 11);
	ev.source = (geo_actor_ref){"person:a", "A \\ B", "USA", GEO_ACTOR_PERSON};
	ev.target = (geo_actor_ref){"RUS", NULL, NULL, GEO_ACTOR_COUNTRY};
	ev.relation = "meet";
	ev.cameo = "040";
	ev.quad = 1;
	ev.goldstein = 1.0 / 3;
	ev.weight = 12;
	ev.negated = true;
	ev.modality = GEO_MOD_PLANNED;
	ev.evidence = "A\tmet\x01 \xe2\x80\xa8 Russia/\x7f";
	ev.span_source = (geo_span){0, 1};
	ev.span_trigger = (geo_span){2, 5};
	ev.via = "";
	assert_int_equal(geo_event_write_json(fp, &ev, &err), GEO_OK);
	ev.url = "bad \xc3";
	assert_int_equal(geo_event_write_json(fp, &ev, &err), GEO_EDATA);
	assert_string_equal(err.msg, "event in d\"1 holds text that is not valid UTF-8");
	fclose(fp);
	assert_string_equal(
		s, "{\"goldstein\":-8.0,\"modality\":\"asserted\",\"negated\":false,\"relation\":\"sanction\","
		   "\"source\":\"USA\",\"target\":\"CHN\"}\n"
		   "{\"cameo\":\"040\",\"date\":\"2019-10-24\",\"doc\":\"d\\\"1\",\"evidence\":"
		   "\"A\\tmet\\u0001 \xe2\x80\xa8 Russia/\x7f\",\"goldstein\":0.333333333333333,"
		   "\"modality\":\"planned\",\"negated\":true,\"quad\":1,\"relation\":\"meet\",\"sent\":3,"
		   "\"source\":\"person:a\",\"source_affiliation\":\"USA\",\"source_label\":\"A \\\\ B\","
		   "\"source_type\":\"person\",\"span\":{\"source\":[0,1],\"trigger\":[2,5]},"
		   "\"target\":\"RUS\",\"target_type\":\"country\",\"via\":\"\",\"weight\":12.0}\n");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_same),
		cmocka_unit_test(test_events_same),
		cmocka_unit_test(test_known_lines),
	};

	return cmocka_run_group_tests_name("event_json", tests, NULL, NULL);
}

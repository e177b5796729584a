/* test_writer_fast.c - the writer's fast paths against the plain code they
 * stand for: its UTF-8 check (made while it escapes, ASCII eight bytes at
 * a time) against geo_utf8_valid(), and a stream of events whose strings
 * change at every event against the one-shot writer, with strings of
 * every shape. */
#define _GNU_SOURCE /* open_memstream */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extract_internal.h"

/* Whether the writer takes n bytes (no NUL among them) as an event's
 * evidence: it checks UTF-8 while it escapes, eight bytes at a time. */
static bool geo_event_utf8_valid(const char *s, size_t n)
{
	char text[64];
	geo_event ev;
	geo_error err = {0};
	FILE *fp = fopen("/dev/null", "w");
	geo_err rc;

	assert_non_null(fp);
	assert_true(n < sizeof text);
	memcpy(text, s, n);
	text[n] = '\0';
	geo_event_init(&ev);
	ev.source.id = "A";
	ev.target.id = "B";
	ev.relation = "meet";
	ev.evidence = text;
	rc = geo_event_write_json(fp, &ev, &err);
	fclose(fp);
	assert_true(rc == GEO_OK || rc == GEO_EDATA);
	return rc == GEO_OK;
}

static uint32_t next_rand(uint32_t *st)
{
	*st = *st * 1103515245u + 12345u;
	return *st >> 8;
}

/* Bytes that make every case: ASCII, the lead and continuation bytes of
 * two, three and four byte forms, the bytes that are never valid. */
static const unsigned char pick[] = {'a', 'Z', ' ', '"', '\\', 0x7F, 0x80, 0x9F, 0xA0, 0xBF,
				     0xC2, 0xC3, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0xC0};

static size_t random_bytes(uint32_t *st, char *buf, size_t cap)
{
	size_t n = next_rand(st) % cap;
	/* Mostly ASCII, as event strings are, so the eight-byte words are
	 * taken both whole and cut by a high byte at every position. */
	unsigned ascii = next_rand(st) % 4;

	for (size_t i = 0; i < n; i++) {
		if (ascii && next_rand(st) % 16)
			buf[i] = (char)('a' + next_rand(st) % 26);
		else
			buf[i] = (char)pick[next_rand(st) % sizeof pick];
	}
	return n;
}

static void test_utf8_same(void **state)
{
	char buf[48];
	uint32_t st = 99;
	size_t valid = 0, invalid = 0;

	(void)state;
	for (int r = 0; r < 200000; r++) {
		size_t n = random_bytes(&st, buf, sizeof buf);
		bool want = geo_utf8_valid(buf, n);
		assert_int_equal(geo_event_utf8_valid(buf, n), want);
		if (want)
			valid++;
		else
			invalid++;
	}
	/* Both answers are reached, often. */
	assert_true(valid > 20000);
	assert_true(invalid > 20000);
	assert_true(geo_event_utf8_valid("", 0));
	assert_true(geo_event_utf8_valid("abcdefgh\xc3\xa9", 10));
	assert_false(geo_event_utf8_valid("abcdefgh\xc3", 9));
	assert_false(geo_event_utf8_valid("abcdefghijklmno\xed\xa0\x80", 18)); /* a surrogate */
}

/* What geo_event_write_json() writes for ev; NULL when it refuses it. */
static char *one_shot(const geo_event *ev)
{
	char *s = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&s, &len);
	geo_error err = {0};
	geo_err rc;

	assert_non_null(fp);
	rc = geo_event_write_json(fp, ev, &err);
	fclose(fp);
	if (rc != GEO_OK) {
		free(s);
		return NULL;
	}
	return s;
}

/* A valid string of ASCII, escapes and two to four byte characters, or,
 * one time in twelve, random bytes (mostly invalid). */
static void random_label(uint32_t *st, char *buf, size_t cap)
{
	static const char *const parts[] = {"a", "Z", " ", "\"", "\\", "\n", "\x7f", "\xc3\xa9", "\xe2\x82\xac",
					    "\xf0\x9f\x98\x80", "d'Ivoire", "abcdefgh"};
	size_t n = 0, want;

	if (next_rand(st) % 12 == 0) {
		n = random_bytes(st, buf, cap - 1);
		for (size_t i = 0; i < n; i++)
			if (!buf[i])
				buf[i] = 'x';
		buf[n] = '\0';
		return;
	}
	want = next_rand(st) % (cap - 8);
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

/* Events with the same keys, whose strings change at every event (the
 * in-place path), written by one stream writer: each line is the one-shot
 * writer's, or both refuse the event. */
static void test_update_same(void **state)
{
	char lab[6][48];
	char *s = NULL;
	size_t len = 0, off = 0, good = 0, bad = 0;
	FILE *fp = open_memstream(&s, &len);
	geo_event_writer *w = NULL;
	geo_error err = {0};
	uint32_t st = 7;

	(void)state;
	assert_non_null(fp);
	assert_int_equal(geo_event_writer_new(&w, fp, &err), GEO_OK);
	for (int r = 0; r < 3000; r++) {
		geo_event ev;
		char *want;
		geo_err rc;
		for (int k = 0; k < 6; k++)
			random_label(&st, lab[k], sizeof lab[k]);
		geo_event_init(&ev);
		ev.doc = "d";
		ev.sent = r;
		ev.source = (geo_actor_ref){lab[0][0] ? lab[0] : "A", lab[1], "USA", GEO_ACTOR_PERSON};
		ev.target = (geo_actor_ref){lab[2][0] ? lab[2] : "B", lab[3], NULL, GEO_ACTOR_COUNTRY};
		ev.relation = "meet";
		ev.cameo = "040";
		ev.evidence = lab[4];
		ev.via = lab[5];
		want = one_shot(&ev);
		rc = geo_event_writer_write(w, &ev, &err);
		fflush(fp);
		if (!want) {
			assert_int_equal(rc, GEO_EDATA);
			assert_int_equal(len, off);
			bad++;
			continue;
		}
		assert_int_equal(rc, GEO_OK);
		assert_int_equal(len - off, strlen(want));
		assert_memory_equal(s + off, want, strlen(want));
		off = len;
		free(want);
		good++;
	}
	assert_true(good > 300);
	assert_true(bad > 300);
	geo_event_writer_free(w);
	fclose(fp);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_same),
		cmocka_unit_test(test_update_same),
	};

	return cmocka_run_group_tests_name("writer_fast", tests, NULL, NULL);
}

/* test_event_writer.c - the stream writer (geo_event_writer) against the
 * expected bytes and against geo_event_write_json(), event after event,
 * as its kept object changes keys and values. */
#define _GNU_SOURCE /* open_memstream */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extract_internal.h"

/* A GDELT-like event: no sentence, no evidence, a weight and a URL. */
static geo_event gdelt_event(const char *doc, const char *src, const char *dst, double goldstein)
{
	geo_event ev;

	geo_event_init(&ev);
	ev.doc = doc;
	memcpy(ev.date, "2019-10-24", 11);
	ev.source.id = src;
	ev.target.id = dst;
	ev.relation = "meet";
	ev.cameo = "040";
	ev.goldstein = goldstein;
	ev.quad = 1;
	ev.weight = 3;
	ev.url = "https://example.org/a";
	return ev;
}

/* A text event: sentence, evidence and spans, actors with labels. */
static geo_event text_event(void)
{
	geo_event ev;

	geo_event_init(&ev);
	ev.doc = "doc \"one\"";
	ev.sent = 4;
	ev.source = (geo_actor_ref){"person:scott-bessent", "Scott Bessent", "USA", GEO_ACTOR_PERSON};
	ev.target = (geo_actor_ref){"CHN", NULL, NULL, GEO_ACTOR_COUNTRY};
	ev.relation = "meet";
	ev.cameo = "044";
	ev.goldstein = 2.5;
	ev.quad = 1;
	ev.negated = true;
	ev.modality = GEO_MOD_PLANNED;
	ev.evidence = "Bessent will meet \xc3\xa9 China\\.\n";
	ev.span_trigger = (geo_span){13, 17};
	ev.span_source = (geo_span){0, 7};
	ev.via = "Scott Bessent";
	return ev;
}

/* What geo_event_write_json() writes for ev. */
static char *one_shot(const geo_event *ev)
{
	char *s = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&s, &n);
	geo_error err = {0};

	assert_non_null(fp);
	assert_int_equal(geo_event_write_json(fp, ev, &err), GEO_OK);
	fclose(fp);
	return s;
}

/* Writes each event with the stream writer and checks every line against
 * geo_event_write_json()'s. */
static void same_as_one_shot(const geo_event *evs, size_t n)
{
	char *s = NULL;
	size_t len = 0, off = 0;
	FILE *fp = open_memstream(&s, &len);
	geo_event_writer *w = NULL;
	geo_error err = {0};

	assert_non_null(fp);
	assert_int_equal(geo_event_writer_new(&w, fp, &err), GEO_OK);
	for (size_t i = 0; i < n; i++) {
		char *line;
		assert_int_equal(geo_event_writer_write(w, &evs[i], &err), GEO_OK);
		fflush(fp);
		line = one_shot(&evs[i]);
		assert_true(len - off == strlen(line));
		assert_memory_equal(s + off, line, len - off);
		off = len;
		free(line);
	}
	geo_event_writer_free(w);
	fclose(fp);
	free(s);
}

static void test_expected_bytes(void **state)
{
	geo_event ev = text_event();
	char *line;

	(void)state;
	line = one_shot(&ev);
	assert_string_equal(line,
			    "{\"cameo\":\"044\",\"doc\":\"doc \\\"one\\\"\","
			    "\"evidence\":\"Bessent will meet \xc3\xa9 China\\\\.\\n\",\"goldstein\":2.5,"
			    "\"modality\":\"planned\",\"negated\":true,\"quad\":1,\"relation\":\"meet\",\"sent\":4,"
			    "\"source\":\"person:scott-bessent\",\"source_affiliation\":\"USA\","
			    "\"source_label\":\"Scott Bessent\",\"source_type\":\"person\","
			    "\"span\":{\"source\":[0,7],\"trigger\":[13,17]},\"target\":\"CHN\","
			    "\"target_type\":\"country\",\"via\":\"Scott Bessent\"}\n");
	free(line);

	ev = gdelt_event("881990836", "CAN", "AUS", -7.0);
	line = one_shot(&ev);
	assert_string_equal(line,
			    "{\"cameo\":\"040\",\"date\":\"2019-10-24\",\"doc\":\"881990836\",\"goldstein\":-7.0,"
			    "\"modality\":\"asserted\",\"negated\":false,\"quad\":1,\"relation\":\"meet\","
			    "\"source\":\"CAN\",\"target\":\"AUS\",\"url\":\"https://example.org/a\","
			    "\"weight\":3.0}\n");
	free(line);
}

/* The kept object through every kind of change: same keys with new
 * values, keys that come and go, spans that change shape, negated that
 * flips, a string that changes and one that does not. */
static void test_stream_changes(void **state)
{
	geo_event evs[12];
	char evidence[3000];

	(void)state;
	memset(evidence, 'x', sizeof evidence - 1);
	evidence[sizeof evidence - 1] = '\0';
	evs[0] = gdelt_event("1", "CAN", "AUS", -7.0);
	evs[1] = gdelt_event("2", "CAN", "USA", 1e-7);
	evs[2] = gdelt_event("3", "FRA", "USA", 1e21);
	evs[2].weight = 1.0; /* the weight key goes */
	evs[3] = gdelt_event("4", "FRA", "USA", 0.1);
	evs[3].date[0] = '\0';
	evs[3].cameo = NULL;
	evs[4] = text_event();
	evs[5] = text_event();
	evs[5].negated = false;
	evs[5].span_target = (geo_span){30, 35};
	evs[5].sent = 1000000;
	evs[6] = text_event();
	evs[6].span_source = (geo_span){0, 0}; /* the span changes keys */
	evs[6].evidence = evidence;            /* longer than the first buffer */
	evs[7] = evs[6];
	evs[7].span_trigger = (geo_span){1, 2}; /* same span keys, new values */
	evs[7].negated = true;
	evs[8] = text_event();
	evs[8].span_trigger = evs[8].span_source = (geo_span){0, 0};
	evs[9] = text_event();
	evs[9].evidence = NULL; /* spans without evidence are not written */
	evs[10] = text_event();
	evs[10].modality = (geo_modality)99;
	evs[10].quad = 0;
	evs[10].sent = -1;
	evs[10].source.type = GEO_ACTOR_UNKNOWN;
	evs[11] = gdelt_event("12", "CAN", "AUS", -0.0);
	same_as_one_shot(evs, sizeof evs / sizeof *evs);
}

/* A refused event writes nothing, and the writer goes on correctly. */
static void test_errors_write_nothing(void **state)
{
	char *s = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&s, &len);
	geo_event_writer *w = NULL;
	geo_error err = {0};
	geo_event ev = gdelt_event("1", "CAN", "AUS", 2.0);
	char *want;

	(void)state;
	assert_int_equal(geo_event_writer_new(&w, fp, &err), GEO_OK);
	assert_int_equal(geo_event_writer_write(w, &ev, &err), GEO_OK);
	fflush(fp);
	assert_true(len > 0);

	/* Same keys, a bad value: the in-place path refuses it. */
	ev.url = "bad \xff byte";
	assert_int_equal(geo_event_writer_write(w, &ev, &err), GEO_EDATA);
	assert_string_equal(err.msg, "event in 1 holds text that is not valid UTF-8");
	/* New keys, a bad value: the rebuild path refuses it. */
	ev.via = "\xc3";
	assert_int_equal(geo_event_writer_write(w, &ev, &err), GEO_EDATA);
	ev.via = NULL;
	ev.url = "https://example.org/a";
	ev.weight = INFINITY;
	assert_int_equal(geo_event_writer_write(w, &ev, &err), GEO_EDATA);
	assert_string_equal(err.msg, "event with a non-finite number");
	ev.weight = 3;
	ev.relation = NULL;
	assert_int_equal(geo_event_writer_write(w, &ev, &err), GEO_EDATA);
	assert_string_equal(err.msg, "event without source, target or relation");

	/* The same event again, good: written as the one-shot writer would. */
	ev = gdelt_event("1", "CAN", "AUS", 2.0);
	assert_int_equal(geo_event_writer_write(w, &ev, &err), GEO_OK);
	fflush(fp);
	want = one_shot(&ev);
	assert_int_equal(len, 2 * strlen(want));
	assert_memory_equal(s, want, strlen(want));
	assert_memory_equal(s + strlen(want), want, strlen(want));
	free(want);
	geo_event_writer_free(w);
	fclose(fp);
	free(s);

	/* A stream that cannot be written: GEO_EIO. */
	fp = fopen("/dev/null", "r");
	assert_non_null(fp);
	assert_int_equal(geo_event_writer_new(&w, fp, &err), GEO_OK);
	assert_int_equal(geo_event_writer_write(w, &ev, &err), GEO_EIO);
	geo_event_writer_free(w);
	fclose(fp);
	geo_event_writer_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expected_bytes),
		cmocka_unit_test(test_stream_changes),
		cmocka_unit_test(test_errors_write_nothing),
	};

	return cmocka_run_group_tests_name("event_writer", tests, NULL, NULL);
}

/* test_text_reader_pool.c - the text reader keeps a sentence's events
 * (their strings are the extractor's, which stay as they are until the
 * next sentence is read) and hands them out one at a time: the events it
 * gives must be those the extractor emits, byte for byte, at both actor
 * levels, in sentences with several events and across sentences. */
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

#include "unit_dict_fixture.h"

static int setup(void **state)
{
	(void)state;
	return dict_fixture_setup("geo-pool");
}

/* The extractor's own events, written as they are emitted (their strings
 * are the extractor's, valid during the call only). */
static geo_err write_emitted(void *user, const geo_event *ev, geo_error *err)
{
	return geo_event_write_json(user, ev, err);
}

static char *emitted(const char *doc, const char *text, geo_level level, size_t *nev)
{
	geo_extract_opts xo = {.level = level};
	geo_extractor *x = NULL;
	geo_error err;
	char *out = NULL;
	size_t outlen = 0;
	FILE *mem = open_memstream(&out, &outlen);

	assert_non_null(mem);
	assert_int_equal(geo_extractor_new(&x, dict, &xo, &err), GEO_OK);
	assert_int_equal(geo_extract_text(x, doc, NULL, text, strlen(text), write_emitted, mem, NULL, NULL, &err),
			 GEO_OK);
	geo_extractor_free(x);
	fclose(mem);
	*nev = 0;
	for (const char *p = out; *p; p++)
		*nev += *p == '\n';
	return out;
}

/* The same text as a file through geo_source (the text reader). */
static char *handed_out(const char *name, const char *text, geo_level level, size_t *nev)
{
	char path[256];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s.txt", tmpdir, name);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
	fclose(fp);
	return source_json(path, level, name, nev, NULL);
}

static void check_same(const char *name, const char *text, size_t min_events)
{
	static const geo_level levels[] = {GEO_LEVEL_COUNTRY, GEO_LEVEL_ACTOR};

	for (size_t l = 0; l < 2; l++) {
		size_t n1, n2;
		char *want = emitted(name, text, levels[l], &n1);
		char *got = handed_out(name, text, levels[l], &n2);
		assert_true(n1 >= min_events);
		assert_int_equal(n2, n1);
		assert_string_equal(got, want);
		free(want);
		free(got);
	}
}

/* Sentences with several events (every ordered pair of a group, one side
 * acting on several targets), sides that act again, people with labels
 * and affiliations at the actor level, a sentence with no event between. */
static void test_pool_several_events(void **state)
{
	static const char text[] =
		"France, Germany and Italy held talks in Rome on Monday.\n\n"
		"The weather was mild.\n\n"
		"China sanctioned Japan, South Korea and Australia.\n\n"
		"China criticized Japan. Japan criticized China.\n\n"
		"Russian President Vladimir Putin met German Chancellor Olaf Scholz in Moscow.\n\n"
		"Putin accused Scholz of hypocrisy, and Scholz condemned Russia.\n\n"
		"Iran and Iraq signed an agreement, and Iraq praised Iran.\n";

	(void)state;
	check_same("several", text, 10);
}

/* A one-letter document name and a long one: the name is the reader's
 * pointer, never a copy that could be cut or moved. */
static void test_pool_doc_names(void **state)
{
	static const char text[] = "Egypt and Israel held talks.\n\nEgypt condemned Israel.\n";
	char name[200];

	(void)state;
	check_same("x", text, 3);
	memset(name, 'd', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	check_same(name, text, 3);
}

/* The sample articles. */
static void test_pool_samples(void **state)
{
	static const char *const names[] = {"samples/oil-supply.txt", "samples/stockholm-talks.txt",
					    "samples/border-conflict.txt", "samples/tariff-dispute.txt",
					    "samples/sanctions-package.txt"};

	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		FILE *fp = fopen(names[i], "rb");
		char buf[65536];
		size_t n;
		assert_non_null(fp);
		n = fread(buf, 1, sizeof buf - 1, fp);
		assert_true(n > 0 && n < sizeof buf - 1);
		buf[n] = '\0';
		fclose(fp);
		check_same("sample", buf, 1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pool_several_events),
		cmocka_unit_test(test_pool_doc_names),
		cmocka_unit_test(test_pool_samples),
	};

	return cmocka_run_group_tests_name("text_reader_pool", tests, setup, teardown);
}

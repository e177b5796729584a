/* test_dict.c - the dictionary loader: built-in data, errors with
 * file:line, atomic loading, lookups. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "extract_internal.h"

static void test_builtin(void **state)
{
	geo_dict *d;
	geo_error err;
	const geo_actor_info *a;
	const geo_relation_info *r;

	(void)state;
	assert_int_equal(geo_dict_new_builtin(&d, &err), GEO_OK);
	a = geo_dict_actor(d, "USA");
	assert_non_null(a);
	assert_string_equal(a->label, "United States");
	assert_int_equal(a->type, GEO_ACTOR_COUNTRY);
	assert_string_equal(a->cameo, "USA");
	assert_null(a->affiliation);
	assert_null(geo_dict_actor(d, "usa"));

	r = geo_dict_relation(d, "buys_oil");
	assert_non_null(r);
	assert_string_equal(r->display, "buys oil from");
	assert_string_equal(r->cameo, "061");
	assert_true(r->goldstein == 6.4);
	assert_int_equal(r->quad, 2);
	assert_true(r->trade);
	assert_false(r->symmetric);
	assert_true(geo_dict_relation(d, "meet")->symmetric);
	assert_int_equal(r->grammar, 0);
	assert_int_equal(geo_dict_relation(d, "meet")->grammar, GEO_REL_MEET);
	assert_int_equal(geo_dict_relation(d, "fight")->grammar, GEO_REL_WORDS | GEO_REL_MUTUAL);
	assert_int_equal(geo_dict_relation(d, "accuse")->grammar, GEO_REL_NESTED | GEO_REL_THAT | GEO_REL_MUTUAL);
	assert_int_equal(geo_dict_relation(d, "host")->grammar, GEO_REL_HOST);
	assert_int_equal(geo_dict_relation(d, "visit")->grammar, GEO_REL_VISIT);
	assert_int_equal(geo_dict_relation(d, "military_aid")->grammar, GEO_REL_DEPLOY);
	assert_true(geo_dict_relation_count(d) >= 30);
	geo_dict_free(d);
}

static void test_by_cameo(void **state)
{
	geo_dict *d;
	geo_error err;

	(void)state;
	assert_int_equal(geo_dict_new_builtin(&d, &err), GEO_OK);
	/* The first label listed with a code wins. */
	assert_string_equal(geo_dict_relation_by_cameo(d, "061")->label, "trade");
	assert_string_equal(geo_dict_relation_by_cameo(d, "163")->label, "sanction");
	assert_string_equal(geo_dict_relation_by_cameo(d, "1312")->label, "threaten_sanctions");
	/* Four digits fall back to their three-digit base, then to the root. */
	assert_string_equal(geo_dict_relation_by_cameo(d, "0874")->label, "de_escalate");
	assert_string_equal(geo_dict_relation_by_cameo(d, "1014")->label, "demand");
	assert_string_equal(geo_dict_relation_by_cameo(d, "0214")->label, "appeal");
	assert_string_equal(geo_dict_relation_by_cameo(d, "19")->label, "war");
	assert_null(geo_dict_relation_by_cameo(d, "99"));
	geo_dict_free(d);
}

struct bad_case {
	const char *text;
	const char *msg;
};

static void test_errors_name_file_and_line(void **state)
{
	static const struct bad_case cases[] = {
		{"actor\tXX\tplanet\tMars\n", "t.txt:1: unknown actor type \"planet\""},
		{"# c\n\nactor\tXX\tcountry\n", "t.txt:3: actor needs ID, TYPE and LABEL"},
		{"actor\tX X\tcountry\tL\n", "t.txt:1: actor ID is empty or holds spaces"},
		{"actor\tXX\tcountry\tL\tcolour=red\n", "t.txt:1: unknown actor option \"colour=red\""},
		{"actor\tXX\tcountry\tL\n\tnmae\tfoo\n", "t.txt:2: unknown actor line kind \"nmae\""},
		{"\tname\tfoo\n", "t.txt:1: indented line outside an actor or relation block"},
		{"relation\tBad\tx\t010\t0\t1\n", "t.txt:1: relation LABEL must be"},
		{"relation\tok\tx\t1\t0\t1\n", "t.txt:1: relation CAMEO must be 2 to 4 digits"},
		{"relation\tok\tx\t010\t11\t1\n", "t.txt:1: relation GOLDSTEIN must be a number"},
		{"relation\tok\tx\t010\tabc\t1\n", "t.txt:1: relation GOLDSTEIN must be a number"},
		{"relation\tok\tx\t010\t1\t5\n", "t.txt:1: relation QUAD must be 1, 2, 3 or 4"},
		{"relation\tok\tx\t010\t1\t1\tcheap\n", "t.txt:1: unknown relation flag \"cheap\""},
		{"frobnicate\tx\n", "t.txt:1: unknown keyword \"frobnicate\""},
		{"media\n", "t.txt:1: media needs a value"},
		{"actor\tXX\tcountry\tL\xff\n", "t.txt:1: not valid UTF-8"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		geo_dict *d;
		geo_error err;
		assert_int_equal(geo_dict_new_empty(&d, &err), GEO_OK);
		assert_int_equal(geo_dict_load_buffer(d, "t.txt", cases[i].text, strlen(cases[i].text), &err),
				 GEO_EDATA);
		if (strncmp(err.msg, cases[i].msg, strlen(cases[i].msg)) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s...\"", i, err.msg, cases[i].msg);
		geo_dict_free(d);
	}
}

static void test_nul_byte(void **state)
{
	static const char text[] = "actor\tXX\tcountry\tL\0x\n";
	geo_dict *d;
	geo_error err;

	(void)state;
	assert_int_equal(geo_dict_new_empty(&d, &err), GEO_OK);
	assert_int_equal(geo_dict_load_buffer(d, "n.txt", text, sizeof text - 1, &err), GEO_EDATA);
	assert_string_equal(err.msg, "n.txt:1: NUL byte in dictionary line");
	geo_dict_free(d);
}

static void test_bad_file_changes_nothing(void **state)
{
	static const char good[] = "actor\tAAA\tcountry\tAland\n\tname\tAland\n";
	static const char bad[] = "actor\tBBB\tcountry\tBland\nactor\tCCC\tweird\tC\n";
	geo_dict *d;
	geo_error err;

	(void)state;
	assert_int_equal(geo_dict_new_empty(&d, &err), GEO_OK);
	assert_int_equal(geo_dict_load_buffer(d, "g", good, strlen(good), &err), GEO_OK);
	assert_int_equal(geo_dict_load_buffer(d, "b", bad, strlen(bad), &err), GEO_EDATA);
	assert_non_null(geo_dict_actor(d, "AAA"));
	assert_null(geo_dict_actor(d, "BBB"));
	assert_int_equal(geo_dict_actor_count(d), 1);
	assert_int_equal(geo_dict_entry_count(d), 1);
	geo_dict_free(d);
}

static geo_err collect(void *user, const char *s, size_t n)
{
	char *out = user;
	size_t used = strlen(out);

	/* The caller's buffer is 256 bytes. */
	snprintf(out + used, 256 - used, "%.*s|", (int)n, s);
	return GEO_OK;
}

static void test_entries_and_merge(void **state)
{
	static const char text[] =
		"\xEF\xBB\xBF# BOM, comments, CRLF and spaces around fields\r\n"
		"actor\tSWE\tcountry\tSweden\tcameo=SWE\r\n"
		"\tname\t Sweden ;Kingdom of Sweden;; \r\n"
		"actor\tperson:ulf-kristersson\tperson\tUlf Kristersson\taffiliation=SWE\n"
		"\tname\tUlf Kristersson; Kristersson\n"
		"actor\tSWE\tcountry\tKingdom of Sweden\n"
		"\tadj\tSwedish\n"
		"role\tPrime Minister\tPM; premier\n"
		"media\tReuters; The Gaze\n";
	geo_dict *d;
	geo_error err;
	const geo_dict_entry *e;
	char seen[256] = "";

	(void)state;
	assert_int_equal(geo_dict_new_empty(&d, &err), GEO_OK);
	assert_int_equal(geo_dict_load_buffer(d, "x", text, strlen(text), &err), GEO_OK);
	assert_int_equal(geo_dict_actor_count(d), 2);
	assert_int_equal(geo_dict_entry_count(d), 5);
	/* The later block updates the label and adds its lines. */
	assert_string_equal(geo_dict_actor(d, "SWE")->label, "Kingdom of Sweden");
	assert_string_equal(geo_dict_actor(d, "person:ulf-kristersson")->affiliation, "SWE");
	assert_int_equal(geo_dict_actor(d, "person:ulf-kristersson")->type, GEO_ACTOR_PERSON);

	e = geo_dict_entry_at(d, 0);
	assert_string_equal(e->kind, "actor");
	assert_int_equal(e->nlines, 1);
	assert_string_equal(e->lines[0].kind, "name");
	assert_int_equal(e->lines[0].lineno, 3);
	assert_int_equal(geo_dict_each_alias(e->lines[0].fields[0], collect, seen), GEO_OK);
	assert_string_equal(seen, "Sweden|Kingdom of Sweden|");
	assert_int_equal(geo_dict_entry_at(d, 2)->index, 0);

	e = geo_dict_entry_at(d, 3);
	assert_string_equal(e->kind, "role");
	assert_int_equal(e->nfields, 2);
	assert_string_equal(e->fields[0], "Prime Minister");
	assert_string_equal(geo_dict_entry_at(d, 4)->fields[0], "Reuters; The Gaze");
	geo_dict_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin),
		cmocka_unit_test(test_by_cameo),
		cmocka_unit_test(test_errors_name_file_and_line),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_bad_file_changes_nothing),
		cmocka_unit_test(test_entries_and_merge),
	};

	return cmocka_run_group_tests_name("dict", tests, NULL, NULL);
}

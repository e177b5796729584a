/* unit_dict_fixture.h - the group fixture of unit tests that extract text:
 * the built-in dictionary, and a scratch folder that teardown() removes.
 * Include once per test, after cmocka.h and extract_internal.h; call
 * dict_fixture_setup() from the test's own setup with the folder's name
 * prefix. */
#ifndef GEO_UNIT_DICT_FIXTURE_H
#define GEO_UNIT_DICT_FIXTURE_H

static char tmpdir[64];
static geo_dict *dict;

static int dict_fixture_setup(const char *prefix)
{
	geo_error err;

	snprintf(tmpdir, sizeof tmpdir, "/tmp/%s-XXXXXX", prefix);
	if (!mkdtemp(tmpdir))
		return -1;
	return geo_dict_new_builtin(&dict, &err) == GEO_OK ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	geo_dict_free(dict);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd);
}

#endif

/* unit_dict_fixture.h - the group fixture of unit tests that extract text:
 * the built-in dictionary, a scratch folder that teardown() removes, and
 * a file's events read through geo_source as JSON Lines.
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

/* Every event of path read through geo_source, as JSON Lines (malloc'd);
 * each event's doc must be doc when doc is not NULL; the count in *nev and
 * the source's counters in *stats when they are not NULL. */
static char *source_json(const char *path, geo_level level, const char *doc, size_t *nev,
			 geo_source_stats *stats)
{
	geo_source_opts opts = {.dict = dict, .level = level};
	const char *paths[] = {path};
	geo_source *src;
	const geo_event *ev;
	geo_error err;
	char *out = NULL;
	size_t outlen = 0, n = 0;
	FILE *mem = open_memstream(&out, &outlen);
	geo_err rc;

	assert_non_null(mem);
	assert_int_equal(geo_source_open(&src, paths, 1, &opts, &err), GEO_OK);
	while ((rc = geo_source_next(src, &ev, &err)) == GEO_OK && ev) {
		if (doc)
			assert_string_equal(ev->doc, doc);
		assert_int_equal(geo_event_write_json(mem, ev, &err), GEO_OK);
		n++;
	}
	assert_int_equal(rc, GEO_OK);
	if (stats)
		*stats = *geo_source_get_stats(src);
	geo_source_free(src);
	fclose(mem);
	if (nev)
		*nev = n;
	return out;
}

#endif

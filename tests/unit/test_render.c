/* test_render.c - the escapers, number formatting, and the writers on
 * hand-made graph views: what is drawn, merged and exported, and every
 * error path the CLI cannot reach. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <graphviz/cgraph.h>

#include "render_internal.h"

typedef geo_err (*esc_fn)(geo_buf *, const char *);

static void check_esc(esc_fn fn, const char *in, const char *want)
{
	geo_buf b = {0};

	assert_int_equal(fn(&b, in), GEO_OK);
	assert_string_equal(b.data ? b.data : "", want);
	geo_buf_free(&b);
}

static geo_err esc_csv_formula(geo_buf *b, const char *s)
{
	return geo_esc_csv(b, s, true);
}

static geo_err esc_csv_plain(geo_buf *b, const char *s)
{
	return geo_esc_csv(b, s, false);
}

static void test_escapers(void **state)
{
	(void)state;
	check_esc(geo_esc_xml, "a<b>&\"c\"", "a&lt;b&gt;&amp;&quot;c&quot;");
	check_esc(geo_esc_xml, "t\tn\nr\r\x01\x7f" "x", "t&#9;n&#10;r&#13;x");
	check_esc(geo_esc_xml, "\xc3\xa9", "\xc3\xa9");

	check_esc(geo_esc_dot, "back\\slash\\", "back\\\\slash\\\\");
	check_esc(geo_esc_dot, "two\nlines\r\x02\tend", "two\\nlines\tend");
	check_esc(geo_esc_dot, "\\N \"q\" {}<>", "\\\\N \"q\" {}<>");

	check_esc(geo_esc_dot_label, "Tom & \"&amp;\"\\", "Tom &amp; \"&amp;amp;\"\\\\");

	check_esc(geo_esc_gml, "a\"b&c", "a&quot;b&amp;c");
	check_esc(geo_esc_gml, "\xc3\xa9\xe5\x8c\x97\xf0\x9f\x8c\x8d", "&#233;&#21271;&#127757;");
	check_esc(geo_esc_gml, "x\ny\xff", "x&#10;y&#65533;");
	check_esc(geo_esc_gml, "\xed\xa0\x80", "&#65533;&#65533;&#65533;"); /* a surrogate is not UTF-8 */

	check_esc(geo_esc_pajek, "a \"q\" 100%\n\\", "a %22q%22 100%25%0A\\");

	check_esc(esc_csv_formula, "=1+1", "'=1+1");
	check_esc(esc_csv_formula, "+x", "'+x");
	check_esc(esc_csv_formula, "-x", "'-x");
	check_esc(esc_csv_formula, "@x", "'@x");
	check_esc(esc_csv_formula, "\tx", "'\tx");
	check_esc(esc_csv_formula, "=a,b", "\"'=a,b\"");
	check_esc(esc_csv_formula, "say \"hi\"", "\"say \"\"hi\"\"\"");
	check_esc(esc_csv_formula, "two\nlines", "\"two\nlines\"");
	check_esc(esc_csv_formula, "a=b", "a=b");
	check_esc(esc_csv_formula, "", "");
	check_esc(esc_csv_plain, "=1+1", "=1+1");
	check_esc(esc_csv_plain, " lead", "\" lead\"");
}

static void test_fmt_real(void **state)
{
	char buf[40];

	(void)state;
	geo_fmt_real(buf, sizeof buf, 2.0);
	assert_string_equal(buf, "2.0");
	geo_fmt_real(buf, sizeof buf, -8.0);
	assert_string_equal(buf, "-8.0");
	geo_fmt_real(buf, sizeof buf, 0.8);
	assert_string_equal(buf, "0.8");
	geo_fmt_real(buf, sizeof buf, 1e-20);
	assert_string_equal(buf, "1e-20");
	geo_fmt_real(buf, sizeof buf, 0.1 + 0.2); /* 15 digits, not the double's noise */
	assert_string_equal(buf, "0.3");
	geo_fmt_real(buf, sizeof buf, 19.2 / 3);
	assert_string_equal(buf, "6.4");
	geo_fmt_real(buf, sizeof buf, 0.077832248010621413);
	assert_string_equal(buf, "0.0778322480106214");
}

static void test_formats_by_name(void **state)
{
	geo_image_format f;
	geo_export_format e;
	geo_layout l;

	(void)state;
	assert_true(geo_image_format_from_path("out/a.SVG", &f));
	assert_int_equal(f, GEO_IMAGE_SVG);
	assert_true(geo_image_format_from_path("a.b.pdf", &f));
	assert_int_equal(f, GEO_IMAGE_PDF);
	assert_false(geo_image_format_from_path("dir.png/file", &f));
	assert_false(geo_image_format_from_path("a.jpg", &f));
	assert_true(geo_layout_parse("sfdp", &l));
	assert_int_equal(l, GEO_LAYOUT_SFDP);
	assert_false(geo_layout_parse("spring", &l));
	for (int i = 0; i < GEO_EXPORT_NFORMATS; i++) {
		assert_true(geo_export_format_parse(geo_export_format_name((geo_export_format)i), &e));
		assert_int_equal(e, i);
	}
	assert_false(geo_export_format_parse("xlsx", &e));
	assert_true(geo_export_format_is_folder(GEO_EXPORT_CSV));
	assert_true(geo_export_format_is_folder(GEO_EXPORT_NEO4J));
	assert_false(geo_export_format_is_folder(GEO_EXPORT_GML));
}

/* A star: A sends every relation to everyone, so the picture is cluttered
 * enough to merge. */
#define STAR 8
static geo_vertex star_v[STAR + 1];
static geo_edge star_e[STAR * 4];
static double star_rank[STAR + 1];
static char star_ids[STAR + 1][8];

static geo_rview make_star(void)
{
	static const char *rels[4] = {"meet", "aid", "accuse", "attack"};
	static const int quads[4] = {1, 2, 3, 4};
	size_t ne = 0;

	for (size_t i = 0; i <= STAR; i++) {
		snprintf(star_ids[i], sizeof star_ids[i], "%c", (char)('A' + i));
		star_v[i] = (geo_vertex){.id = star_ids[i], .label = star_ids[i], .type = GEO_ACTOR_COUNTRY};
		star_rank[i] = i == 0 ? 0.5 : 0.5 / STAR * (double)(STAR + 1 - i) / STAR;
	}
	for (size_t t = 1; t <= STAR; t++)
		for (int r = 0; r < 4; r++)
			star_e[ne++] = (geo_edge){.from = 0, .to = t, .relation = rels[r], .display = rels[r],
						  .quad = quads[r], .count = (size_t)r + 1, .weight = r + 1.0,
						  .goldstein_mean = quads[r] <= 2 ? 3 : -3};
	return (geo_rview){.nv = STAR + 1, .ne = ne, .v = star_v, .e = star_e, .rank = star_rank};
}

static char *render_dot(const geo_rview *v, const geo_render_opts *o)
{
	char *data = NULL;
	size_t len = 0;
	geo_error err = {0};

	assert_int_equal(geo_render_view_mem(v, o, &data, &len, &err), GEO_OK);
	assert_non_null(data);
	assert_int_equal(strlen(data), len);
	return data;
}

static size_t count(const char *s, const char *needle)
{
	size_t n = 0;

	for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void test_render_merge_and_top(void **state)
{
	geo_rview v = make_star();
	geo_render_opts o;
	char *dot;
	Agraph_t *g;

	(void)state;
	geo_render_opts_init(&o);
	o.legend = false;
	/* 32 edges among 9 actors: cluttered, so one edge per pair and
	 * family (cooperation, conflict) - 16 edges - each labelled with its
	 * heaviest relation. */
	dot = render_dot(&v, &o);
	assert_int_equal(count(dot, " -> "), 16);
	assert_int_equal(count(dot, "label=\"attack \xc3\x97" "4 (+1 more)\""), 8);
	assert_int_equal(count(dot, "label=\"aid \xc3\x97" "2 (+1 more)\""), 8);
	g = agmemread(dot);
	assert_non_null(g);
	assert_int_equal(agnnodes(g), STAR + 1);
	assert_int_equal(agnedges(g), 16);
	agclose(g);
	free(dot);

	/* Never merge: every relation is drawn, count shown from 2 up. */
	o.merge = -1;
	dot = render_dot(&v, &o);
	assert_int_equal(count(dot, " -> "), 32);
	assert_int_equal(count(dot, "label=meet,"), 8);
	assert_int_equal(count(dot, "label=\"accuse \xc3\x97" "3\""), 8);
	free(dot);

	/* The top 3 by PageRank are A, B and C: two pairs, four edges after
	 * merging (forced). */
	o.merge = 1;
	o.top = 3;
	dot = render_dot(&v, &o);
	assert_int_equal(count(dot, " -> "), 4);
	assert_non_null(strstr(dot, "tooltip=A"));
	assert_non_null(strstr(dot, "tooltip=C"));
	assert_null(strstr(dot, "tooltip=D"));
	free(dot);
}

static void test_render_cluster(void **state)
{
	/* Communities {A, B, C}, {D, E} and singletons: two boxes, the
	 * singletons outside any box. */
	static int64_t comm[STAR + 1] = {0, 0, 0, 1, 1, 2, 3, 4, 5};
	geo_rview v = make_star();
	geo_render_opts o;
	char *dot;

	(void)state;
	v.community = comm;
	geo_render_opts_init(&o);
	o.cluster = true;
	dot = render_dot(&v, &o);
	assert_int_equal(count(dot, "subgraph cluster_"), 2);
	assert_non_null(strstr(dot, "subgraph cluster_c0"));
	assert_non_null(strstr(dot, "subgraph cluster_c1"));
	assert_non_null(strstr(dot, "label=\"community 1\""));
	/* Boxes need dot (or fdp): the automatic layout picks it. */
	assert_non_null(strstr(dot, "layout=dot"));
	free(dot);
}

static void test_render_edge_cap(void **state)
{
	/* 40 actors in a ring, each sending 3 edges onward: 120 edges of one
	 * family between distinct pairs, so merging cannot help - the
	 * heaviest 80 (two per actor) are drawn, and the legend says so. */
	enum { N = 40 };
	static geo_vertex vs[N];
	static geo_edge es[N * 3];
	static char ids[N][8];
	geo_rview v = {.nv = N, .ne = N * 3, .v = vs, .e = es};
	geo_render_opts o;
	char *dot;

	(void)state;
	for (size_t i = 0; i < N; i++) {
		snprintf(ids[i], sizeof ids[i], "a%02zu", i);
		vs[i] = (geo_vertex){.id = ids[i], .label = ids[i], .type = GEO_ACTOR_GROUP};
		for (size_t k = 0; k < 3; k++)
			es[i * 3 + k] = (geo_edge){.from = i, .to = (i + k + 1) % N, .relation = "meet",
						   .display = "meets", .quad = 1, .count = 1,
						   .weight = (double)(3 - k)};
	}
	geo_render_opts_init(&o);
	dot = render_dot(&v, &o);
	assert_int_equal(count(dot, " -> "), 80);
	assert_non_null(strstr(dot, "heaviest 80 of 120 edges"));
	/* Dense: a force layout, not dot. */
	assert_non_null(strstr(dot, "layout=neato"));
	free(dot);
}

static void test_render_edge_cap_keeps_everyone(void **state)
{
	/* A heavy core (a00-a05, every ordered pair, weight 10) and ten light
	 * leaves hanging off a00: 40 edges, 32 drawn - each leaf keeps its
	 * only edge, the core fills the rest. */
	enum { N = 16, CORE = 6 };
	static geo_vertex vs[N];
	static geo_edge es[CORE * (CORE - 1) + (N - CORE)];
	static char ids[N][8];
	geo_rview v = {.nv = N, .v = vs, .e = es};
	geo_render_opts o;
	char *dot, want[32];

	(void)state;
	for (size_t i = 0; i < N; i++) {
		snprintf(ids[i], sizeof ids[i], "a%02zu", i);
		vs[i] = (geo_vertex){.id = ids[i], .label = ids[i], .type = GEO_ACTOR_GROUP};
	}
	for (size_t i = 0; i < CORE; i++)
		for (size_t j = 0; j < CORE; j++)
			if (i != j)
				es[v.ne++] = (geo_edge){.from = i, .to = j, .relation = "aid", .display = "aids",
							.quad = 2, .count = 10, .weight = 10};
	for (size_t i = CORE; i < N; i++)
		es[v.ne++] = (geo_edge){.from = 0, .to = i, .relation = "aid", .display = "aids", .quad = 2,
					.count = 1, .weight = 1};
	geo_render_opts_init(&o);
	dot = render_dot(&v, &o);
	assert_int_equal(count(dot, " -> "), 32);
	assert_non_null(strstr(dot, "heaviest 32 of 40 edges"));
	for (size_t i = CORE; i < N; i++) {
		snprintf(want, sizeof want, "n0 -> n%zu\t", i);
		assert_non_null(strstr(dot, want));
	}
	free(dot);
}

static void test_render_images(void **state)
{
	geo_rview v = make_star();
	geo_render_opts o;
	char *a = NULL, *b = NULL;
	size_t alen, blen;
	geo_error err = {0};

	(void)state;
	geo_render_opts_init(&o);
	o.format = GEO_IMAGE_SVG;
	assert_int_equal(geo_render_view_mem(&v, &o, &a, &alen, &err), GEO_OK);
	assert_int_equal(geo_render_view_mem(&v, &o, &b, &blen, &err), GEO_OK);
	assert_non_null(strstr(a, "<svg"));
	assert_int_equal(alen, blen);
	assert_memory_equal(a, b, alen);
	free(a);
	free(b);
	o.format = GEO_IMAGE_PNG;
	assert_int_equal(geo_render_view_mem(&v, &o, &a, &alen, &err), GEO_OK);
	assert_true(alen > 8 && memcmp(a, "\x89PNG\r\n\x1a\n", 8) == 0);
	free(a);
	o.format = (geo_image_format)99;
	assert_int_equal(geo_render_view_mem(&v, &o, &a, &alen, &err), GEO_EUSAGE);
	assert_null(a);
}

static void test_render_empty(void **state)
{
	geo_rview v = {0};
	geo_render_opts o;
	char *dot;

	(void)state;
	geo_render_opts_init(&o);
	dot = render_dot(&v, &o);
	assert_non_null(strstr(dot, "digraph geograph"));
	assert_null(strstr(dot, "legend"));
	free(dot);
}

static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static void test_export_small(void **state)
{
	static geo_vertex vs[2] = {
		{.id = "USA", .label = "United States", .type = GEO_ACTOR_COUNTRY},
		{.id = "person:x", .label = "X \"the\" <Y>", .type = GEO_ACTOR_PERSON, .affiliation = "USA"},
	};
	static geo_edge es[1] = {{.from = 1, .to = 0, .relation = "accuse", .display = "accuses", .cameo = "112",
				  .quad = 3, .count = 2, .weight = 2, .goldstein_sum = -4, .goldstein_mean = -2,
				  .first_date = "2025-01-02", .last_date = "2025-03-04", .docs = 2}};
	geo_rview v = {.nv = 2, .ne = 1, .v = vs, .e = es};
	char dir[] = "/tmp/geo-render-XXXXXX", path[256];
	geo_error err = {0};
	char *text;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/g.net", dir);
	assert_int_equal(geo_export_view(&v, GEO_EXPORT_PAJEK, path, &err), GEO_OK);
	text = slurp(path);
	assert_string_equal(text, "*Vertices 2\n1 \"USA\"\n2 \"person:x\"\n*Arcs\n2 1 2.0 l \"accuse\"\n");
	free(text);
	unlink(path);

	snprintf(path, sizeof path, "%s/g.gml", dir);
	assert_int_equal(geo_export_view(&v, GEO_EXPORT_GML, path, &err), GEO_OK);
	text = slurp(path);
	assert_string_equal(text, "graph [\n  directed 1\n  multigraph 1\n"
				  "  node [\n    id 0\n    label \"USA\"\n    name \"United States\"\n"
				  "    type \"country\"\n  ]\n"
				  "  node [\n    id 1\n    label \"person:x\"\n    name \"X &quot;the&quot; <Y>\"\n"
				  "    type \"person\"\n    affiliation \"USA\"\n  ]\n"
				  "  edge [\n    source 1\n    target 0\n    relation \"accuse\"\n"
				  "    label \"accuses\"\n    cameo \"112\"\n    quad 3\n    count 2\n"
				  "    weight 2.0\n    goldstein -2.0\n    goldstein_sum -4.0\n"
				  "    first_date \"2025-01-02\"\n    last_date \"2025-03-04\"\n    docs 2\n  ]\n]\n");
	free(text);
	unlink(path);

	/* The folder formats write into an existing folder only. */
	assert_int_equal(geo_export_view(&v, GEO_EXPORT_CSV, dir, &err), GEO_OK);
	snprintf(path, sizeof path, "%s/nodes.csv", dir);
	text = slurp(path);
	assert_string_equal(text, "Id,Label,Type,Affiliation\r\nUSA,United States,country,\r\n"
				  "person:x,\"X \"\"the\"\" <Y>\",person,USA\r\n");
	free(text);
	unlink(path);
	snprintf(path, sizeof path, "%s/edges.csv", dir);
	text = slurp(path);
	assert_non_null(strstr(text, "\r\nperson:x,USA,Directed,accuses,2.0,accuse,112,3,2,-2.0,-4.0,"
				     "2025-01-02,2025-03-04,2\r\n"));
	free(text);
	unlink(path);
	snprintf(path, sizeof path, "%s/missing", dir);
	assert_int_equal(geo_export_view(&v, GEO_EXPORT_NEO4J, path, &err), GEO_EIO);
	assert_non_null(strstr(err.msg, "missing"));
	snprintf(path, sizeof path, "%s/missing/g.json", dir);
	assert_int_equal(geo_export_view(&v, GEO_EXPORT_JSON, path, &err), GEO_EIO);
	assert_int_equal(geo_export_view(&v, GEO_EXPORT_JSON, "/dev/full", &err), GEO_EIO);
	assert_int_equal(geo_export_view(&v, GEO_EXPORT_DOT, "/dev/full", &err), GEO_EIO);
	assert_int_equal(geo_export_view(&v, GEO_EXPORT_GRAPHML, "/dev/full", &err), GEO_EIO);
	assert_int_equal(geo_export_view(&v, GEO_EXPORT_NFORMATS, path, &err), GEO_EUSAGE);
	assert_int_equal(rmdir(dir), 0);
}

static void test_export_bad_utf8(void **state)
{
	/* jansson refuses text that is not UTF-8: the JSON export says so
	 * instead of writing a file without the value. */
	static geo_vertex vs[1] = {{.id = "bad\xff", .label = "bad", .type = GEO_ACTOR_GROUP}};
	geo_rview v = {.nv = 1, .v = vs};
	char dir[] = "/tmp/geo-render-XXXXXX", path[256];
	geo_error err = {0};
	struct stat st;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/g.json", dir);
	assert_int_equal(geo_export_view(&v, GEO_EXPORT_JSON, path, &err), GEO_EDATA);
	assert_non_null(strstr(err.msg, "UTF-8"));
	assert_int_equal(stat(path, &st), -1);
	assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escapers),
		cmocka_unit_test(test_fmt_real),
		cmocka_unit_test(test_formats_by_name),
		cmocka_unit_test(test_render_merge_and_top),
		cmocka_unit_test(test_render_cluster),
		cmocka_unit_test(test_render_edge_cap),
		cmocka_unit_test(test_render_edge_cap_keeps_everyone),
		cmocka_unit_test(test_render_images),
		cmocka_unit_test(test_render_empty),
		cmocka_unit_test(test_export_small),
		cmocka_unit_test(test_export_bad_utf8),
	};

	return cmocka_run_group_tests_name("render", tests, NULL, NULL);
}

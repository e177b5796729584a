/* table.c - the actor table: every actor with its centrality scores, as an
 * aligned text table, CSV or JSON (geograph centrality, and centrality.csv
 * of geograph run). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "render.h"
#include "render_internal.h"

static bool integer_measure(geo_measure m)
{
	return m == GEO_M_DEGREE_IN || m == GEO_M_DEGREE_OUT || m == GEO_M_DEGREE || m == GEO_M_CORENESS ||
	       m == GEO_M_COMMUNITY;
}

/* Text tables round to 6 significant digits; CSV keeps 12. */
static void format_number(char *buf, size_t len, geo_measure m, double x, bool precise)
{
	if (isnan(x))
		snprintf(buf, len, "nan");
	else if (integer_measure(m))
		snprintf(buf, len, "%.0f", x);
	else
		snprintf(buf, len, precise ? "%.12g" : "%.6g", x);
}

/* qsort has no context argument, so each row carries the graph. */
typedef struct row {
	size_t v;
	const geo_graph *g;
} row;

/* Highest PageRank first, NaN last, then id. */
static int cmp_rows(const void *x, const void *y)
{
	const row *a = x, *b = y;
	double ra = geo_graph_score(a->g, GEO_M_PAGERANK, a->v);
	double rb = geo_graph_score(b->g, GEO_M_PAGERANK, b->v);

	if (isnan(ra) != isnan(rb))
		return isnan(ra) ? 1 : -1;
	if (!isnan(ra) && ra != rb)
		return ra > rb ? -1 : 1;
	return strcmp(geo_graph_vertex(a->g, a->v)->id, geo_graph_vertex(b->g, b->v)->id);
}

typedef struct table {
	const geo_graph *g;
	const geo_table_opts *o;
	const row *rows;
	size_t nrows;
} table;

/* Display width of UTF-8 text: code points (good enough for labels). */
static size_t text_width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

/* Table cells are one line each: control bytes in an id or label (which
 * come from input) print as spaces. */
static void put_text(FILE *fp, const char *s)
{
	for (; *s; s++)
		fputc((unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s, fp);
}

static void pad(FILE *fp, size_t n)
{
	while (n--)
		fputc(' ', fp);
}

static const char *community_name(const geo_centrality_opts *co)
{
	return co && co->community == GEO_COMMUNITY_LEIDEN ? "leiden" : "louvain";
}

static void write_text(FILE *fp, const table *t)
{
	const geo_table_opts *o = t->o;
	const geo_graph *g = t->g;
	size_t wid = 2, wlabel = 5, wcol[GEO_M_COUNT];
	char num[64];
	double cutoff = geo_graph_betweenness_cutoff(g);
	size_t nv = geo_graph_vcount(g), ne = geo_graph_ecount(g);

	fprintf(fp, "# %zu actor%s, %zu edge%s; weight %s; betweenness %s", nv, nv == 1 ? "" : "s", ne,
		ne == 1 ? "" : "s", geo_weight_mode_name(o->co->weight), o->co->normalize ? "normalized" : "raw");
	if (cutoff > 0)
		fprintf(fp, "; betweenness and closeness over paths up to distance %g only%s", cutoff,
			o->co->cutoff == 0 ? " (graph above the exact size limit, V*E > 1e9)" : "");
	if (geo_graph_community_count(g))
		fprintf(fp, "; %zu communit%s (%s), modularity %.4f", geo_graph_community_count(g),
			geo_graph_community_count(g) == 1 ? "y" : "ies", community_name(o->co), isnan(geo_graph_modularity(g)) ? 0.0 : geo_graph_modularity(g));
	if (t->nrows < nv)
		fprintf(fp, "; top %zu by pagerank", t->nrows);
	fputc('\n', fp);
	for (size_t k = 0; k < o->nmeasures; k++)
		wcol[k] = strlen(geo_measure_name(o->measures[k]));
	for (size_t i = 0; i < t->nrows; i++) {
		const geo_vertex *v = geo_graph_vertex(g, t->rows[i].v);
		if (text_width(v->id) > wid)
			wid = text_width(v->id);
		if (text_width(v->label) > wlabel)
			wlabel = text_width(v->label);
		for (size_t k = 0; k < o->nmeasures; k++) {
			format_number(num, sizeof num, o->measures[k],
				      geo_graph_score(g, o->measures[k], t->rows[i].v), false);
			if (strlen(num) > wcol[k])
				wcol[k] = strlen(num);
		}
	}
	fputs("id", fp);
	pad(fp, wid - 2 + 2);
	fputs("label", fp);
	pad(fp, wlabel - 5);
	for (size_t k = 0; k < o->nmeasures; k++) {
		const char *name = geo_measure_name(o->measures[k]);
		pad(fp, 2 + wcol[k] - strlen(name));
		fputs(name, fp);
	}
	fputc('\n', fp);
	for (size_t i = 0; i < t->nrows; i++) {
		const geo_vertex *v = geo_graph_vertex(g, t->rows[i].v);
		put_text(fp, v->id);
		pad(fp, wid - text_width(v->id) + 2);
		put_text(fp, v->label);
		pad(fp, wlabel - text_width(v->label));
		for (size_t k = 0; k < o->nmeasures; k++) {
			format_number(num, sizeof num, o->measures[k],
				      geo_graph_score(g, o->measures[k], t->rows[i].v), false);
			pad(fp, 2 + wcol[k] - strlen(num));
			fputs(num, fp);
		}
		fputc('\n', fp);
	}
}

static geo_err write_csv(FILE *fp, const table *t)
{
	const geo_table_opts *o = t->o;
	geo_buf b = {0};
	char num[64];
	geo_err rc = geo_buf_puts(&b, "id,label");

	for (size_t k = 0; k < o->nmeasures && rc == GEO_OK; k++)
		rc = geo_buf_printf(&b, ",%s", geo_measure_name(o->measures[k]));
	if (rc == GEO_OK)
		rc = geo_buf_putc(&b, '\n');
	for (size_t i = 0; i < t->nrows && rc == GEO_OK; i++) {
		const geo_vertex *v = geo_graph_vertex(t->g, t->rows[i].v);

		rc = geo_esc_csv(&b, v->id, true);
		if (rc == GEO_OK && (rc = geo_buf_putc(&b, ',')) == GEO_OK)
			rc = geo_esc_csv(&b, v->label, true);
		for (size_t k = 0; k < o->nmeasures && rc == GEO_OK; k++) {
			format_number(num, sizeof num, o->measures[k],
				      geo_graph_score(t->g, o->measures[k], t->rows[i].v), true);
			rc = geo_buf_printf(&b, ",%s", num);
		}
		if (rc == GEO_OK)
			rc = geo_buf_putc(&b, '\n');
	}
	if (rc == GEO_OK && b.len)
		fwrite(b.data, 1, b.len, fp);
	geo_buf_free(&b);
	return rc;
}

/* A number for JSON: integers as integers, NaN as null. */
static json_t *json_score(geo_measure m, double x)
{
	if (isnan(x))
		return json_null();
	if (integer_measure(m))
		return json_integer((json_int_t)x);
	return json_real(x);
}

static geo_err write_json(FILE *fp, const table *t, geo_error *err)
{
	const geo_table_opts *o = t->o;
	const geo_graph *g = t->g;
	json_t *root = json_object(), *actors = json_array(), *measures = json_array();
	json_t *btw = json_object(), *clo = json_object(), *comm = NULL, *graph = json_object();
	double cutoff = geo_graph_betweenness_cutoff(g), q = geo_graph_modularity(g);
	bool communities = false;
	geo_err rc = GEO_OK;
	int bad = 0;
	char *text = NULL;

	if (!root || !actors || !measures || !btw || !clo || !graph)
		goto nomem;
	for (size_t k = 0; k < o->nmeasures; k++) {
		bad |= json_array_append_new(measures, json_string(geo_measure_name(o->measures[k])));
		communities |= o->measures[k] == GEO_M_COMMUNITY;
	}
	for (size_t i = 0; i < t->nrows; i++) {
		const geo_vertex *v = geo_graph_vertex(g, t->rows[i].v);
		json_t *a = json_object();
		if (!a)
			goto nomem;
		bad |= json_array_append_new(actors, a);
		/* A label that is not valid UTF-8 would make json_string() NULL. */
		bad |= json_object_set_new(a, "id", json_string(v->id));
		bad |= json_object_set_new(a, "label", json_string(v->label));
		for (size_t k = 0; k < o->nmeasures; k++)
			bad |= json_object_set_new(a, geo_measure_name(o->measures[k]),
						   json_score(o->measures[k], geo_graph_score(g, o->measures[k], t->rows[i].v)));
	}
	bad |= json_object_set_new(graph, "actors", json_integer((json_int_t)geo_graph_vcount(g)));
	bad |= json_object_set_new(graph, "edges", json_integer((json_int_t)geo_graph_ecount(g)));
	bad |= json_object_set_new(btw, "normalized", json_boolean(o->co->normalize));
	bad |= json_object_set_new(btw, "cutoff", cutoff > 0 ? json_real(cutoff) : json_null());
	bad |= json_object_set_new(clo, "cutoff", cutoff > 0 ? json_real(cutoff) : json_null());
	bad |= json_object_set_new(clo, "harmonic", json_true());
	if (communities) {
		if (!(comm = json_object()))
			goto nomem;
		bad |= json_object_set_new(comm, "algorithm", json_string(community_name(o->co)));
		bad |= json_object_set_new(comm, "count", json_integer((json_int_t)geo_graph_community_count(g)));
		bad |= json_object_set_new(comm, "modularity", isnan(q) ? json_null() : json_real(q));
		bad |= json_object_set_new(root, "community", comm);
	}
	bad |= json_object_set_new(root, "actors", actors);
	actors = NULL;
	bad |= json_object_set_new(root, "measures", measures);
	measures = NULL;
	bad |= json_object_set_new(root, "betweenness", btw);
	btw = NULL;
	bad |= json_object_set_new(root, "closeness", clo);
	clo = NULL;
	bad |= json_object_set_new(root, "graph", graph);
	graph = NULL;
	bad |= json_object_set_new(root, "weight", json_string(geo_weight_mode_name(o->co->weight)));
	bad |= json_object_set_new(root, "sorted_by", json_string("pagerank"));
	if (bad) {
		rc = geo_error_set(err, GEO_EDATA, "cannot write JSON: an actor id or label is not valid UTF-8");
		goto out;
	}
	if (!(text = json_dumps(root, JSON_SORT_KEYS | JSON_INDENT(2) | JSON_REAL_PRECISION(12))))
		goto nomem;
	fputs(text, fp);
	fputc('\n', fp);
	goto out;
nomem:
	rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
out:
	free(text);
	json_decref(root);
	json_decref(actors);
	json_decref(measures);
	json_decref(btw);
	json_decref(clo);
	json_decref(graph);
	return rc;
}

geo_err geo_table_write(const geo_graph *g, const geo_table_opts *o, FILE *out, geo_error *err)
{
	static const geo_centrality_opts no_opts;
	geo_table_opts opts;
	size_t nv;
	row *rows = NULL;
	table t;
	geo_err rc = GEO_OK;

	if (!g || !o || !out || (o->nmeasures && !o->measures) || o->nmeasures > GEO_M_COUNT)
		return geo_error_set(err, GEO_EUSAGE, "actor table: no graph, options, measures or output");
	opts = *o;
	if (!opts.co)
		opts.co = &no_opts;
	nv = geo_graph_vcount(g);
	if (!(rows = malloc((nv ? nv : 1) * sizeof *rows)))
		return geo_error_set(err, GEO_ENOMEM, "out of memory");
	for (size_t i = 0; i < nv; i++)
		rows[i] = (row){.v = i, .g = g};
	qsort(rows, nv, sizeof *rows, cmp_rows);
	t = (table){.g = g, .o = &opts, .rows = rows, .nrows = o->top && o->top < nv ? o->top : nv};
	switch (o->format) {
	case GEO_TABLE_TEXT:
		write_text(out, &t);
		break;
	case GEO_TABLE_CSV:
		if (write_csv(out, &t) != GEO_OK)
			rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
		break;
	case GEO_TABLE_JSON:
		rc = write_json(out, &t, err);
		break;
	}
	if (rc == GEO_OK && ferror(out))
		rc = geo_error_set(err, GEO_EIO, "write failed");
	free(rows);
	return rc;
}

/* report_csv.c - the actor table of the report as CSV (centrality.csv of
 * `geograph run`), in the layout `geograph centrality --format csv` uses. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "render_internal.h"

typedef struct order {
	const geo_graph *g;
	const double *rank; /* or NULL */
} order;

/* Highest rank first, then id; NaN ranks last.  qsort has no context
 * argument, so the rows carry a pointer to it. */
typedef struct row {
	size_t v;
	const order *o;
} row;

static int cmp_rows(const void *x, const void *y)
{
	const row *a = x, *b = y;
	const order *o = a->o;

	if (o->rank) {
		double ra = o->rank[a->v], rb = o->rank[b->v];
		bool na = isnan(ra), nb = isnan(rb);

		if (na != nb)
			return na ? 1 : -1;
		if (!na && ra != rb)
			return ra > rb ? -1 : 1;
	}
	return strcmp(geo_graph_vertex(o->g, a->v)->id, geo_graph_vertex(o->g, b->v)->id);
}

static geo_err put_number(geo_buf *b, double x, bool integer)
{
	char num[64];

	if (isnan(x))
		snprintf(num, sizeof num, "nan");
	else if (integer)
		snprintf(num, sizeof num, "%.0f", x);
	else
		snprintf(num, sizeof num, "%.12g", x);
	return geo_buf_puts(b, num);
}

geo_err geo_report_write_csv(const geo_graph *g, const geo_report_column *columns, size_t ncolumns,
			     FILE *out, geo_error *err)
{
	size_t nv = g ? geo_graph_vcount(g) : 0;
	row *rows = NULL;
	order o = {.g = g, .rank = NULL};
	geo_buf b = {0};
	geo_err rc = GEO_OK;

	if (!g || !out || (ncolumns && !columns)) {
		rc = geo_error_set(err, GEO_EUSAGE, "centrality CSV: no graph, columns or output");
		goto out;
	}
	for (size_t k = 0; k < ncolumns; k++) {
		if (!columns[k].name || !columns[k].values) {
			rc = geo_error_set(err, GEO_EUSAGE, "centrality CSV: column %zu has no name or values", k);
			goto out;
		}
		if (!o.rank && strcmp(columns[k].name, "pagerank") == 0)
			o.rank = columns[k].values;
	}
	if (!(rows = malloc((nv ? nv : 1) * sizeof *rows))) {
		rc = geo_error_set(err, GEO_ENOMEM, "centrality CSV: out of memory");
		goto out;
	}
	for (size_t i = 0; i < nv; i++)
		rows[i] = (row){.v = i, .o = &o};
	qsort(rows, nv, sizeof *rows, cmp_rows);

	rc = geo_buf_puts(&b, "id,label");
	for (size_t k = 0; k < ncolumns && rc == GEO_OK; k++) {
		if ((rc = geo_buf_putc(&b, ',')) == GEO_OK)
			rc = geo_esc_csv(&b, columns[k].name, true);
	}
	if (rc == GEO_OK)
		rc = geo_buf_putc(&b, '\n');
	for (size_t i = 0; i < nv && rc == GEO_OK; i++) {
		const geo_vertex *v = geo_graph_vertex(g, rows[i].v);

		rc = geo_esc_csv(&b, v->id, true);
		if (rc == GEO_OK && (rc = geo_buf_putc(&b, ',')) == GEO_OK)
			rc = geo_esc_csv(&b, v->label ? v->label : v->id, true);
		for (size_t k = 0; k < ncolumns && rc == GEO_OK; k++) {
			if ((rc = geo_buf_putc(&b, ',')) == GEO_OK)
				rc = put_number(&b, columns[k].values[rows[i].v], columns[k].integer);
		}
		if (rc == GEO_OK)
			rc = geo_buf_putc(&b, '\n');
	}
	if (rc != GEO_OK) {
		geo_error_set(err, rc, "centrality CSV: out of memory");
		goto out;
	}
	if (fwrite(b.data, 1, b.len, out) != b.len || fflush(out) != 0 || ferror(out))
		rc = geo_error_set(err, GEO_EIO, "centrality CSV: write failed");
out:
	geo_buf_free(&b);
	free(rows);
	return rc;
}

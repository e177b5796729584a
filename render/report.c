/* report.c - the self-contained HTML report: the embedded template with
 * its style sheet and script, the graph as a JSON block, the diagram
 * inline. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "render.h"
#include "report_internal.h"

/* render/report_data.S */
extern const char geo_report_html_data[], geo_report_css_data[], geo_report_js_data[];
extern const uint64_t geo_report_html_size, geo_report_css_size, geo_report_js_size;

#define DEFAULT_TITLE "geograph report"

/* A JSON string of s as valid UTF-8; NULL when out of memory. */
static json_t *jstr(geo_buf *tmp, const char *s)
{
	geo_buf_reset(tmp);
	if (geo_report_utf8(tmp, s ? s : "", s ? strlen(s) : 0, NULL) != GEO_OK ||
	    geo_buf_putc(tmp, '\0') != GEO_OK)
		return NULL;
	return json_stringn(tmp->data, tmp->len - 1);
}

/* Adds key: value to obj, taking value; false on any failure (value NULL
 * included, which is how a failed allocation arrives here). */
static bool put(json_t *obj, const char *key, json_t *value)
{
	return value && json_object_set_new(obj, key, value) == 0;
}

static bool put_str(json_t *obj, const char *key, geo_buf *tmp, const char *s)
{
	return put(obj, key, jstr(tmp, s));
}

/* NaN and infinities (closeness of an isolated actor) become null. */
static json_t *jnum(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static json_t *actor_json(const geo_graph *g, size_t i, const geo_report_opts *o, geo_buf *tmp)
{
	const geo_vertex *v = geo_graph_vertex(g, i);
	json_t *a = json_object(), *scores = json_array();
	bool ok = a && scores;

	ok = ok && put_str(a, "id", tmp, v->id) && put_str(a, "label", tmp, v->label ? v->label : v->id) &&
	     put_str(a, "type", tmp, geo_actor_type_name(v->type));
	if (ok && v->affiliation)
		ok = put_str(a, "affiliation", tmp, v->affiliation);
	for (size_t k = 0; ok && o && k < o->ncolumns; k++)
		ok = json_array_append_new(scores, jnum(o->columns[k].values[i])) == 0;
	if (ok) {
		ok = json_object_set_new(a, "scores", scores) == 0;
		scores = NULL;
	}
	json_decref(scores);
	if (!ok) {
		json_decref(a);
		a = NULL;
	}
	return a;
}

static json_t *evidence_json(const geo_evidence *ev, geo_buf *tmp)
{
	json_t *e = json_object();
	bool ok = e && put_str(e, "text", tmp, ev->text);

	if (ok && ev->doc)
		ok = put_str(e, "doc", tmp, ev->doc);
	if (ok && ev->sent >= 0)
		ok = put(e, "sent", json_integer(ev->sent));
	if (ok && ev->date[0])
		ok = put_str(e, "date", tmp, ev->date);
	if (!ok) {
		json_decref(e);
		e = NULL;
	}
	return e;
}

static json_t *edge_json(const geo_edge *ed, geo_buf *tmp)
{
	json_t *e = json_object(), *evs = json_array();
	bool ok = e && evs;

	ok = ok && put(e, "from", json_integer((json_int_t)ed->from)) &&
	     put(e, "to", json_integer((json_int_t)ed->to)) && put_str(e, "relation", tmp, ed->relation) &&
	     put_str(e, "display", tmp, ed->display ? ed->display : ed->relation) &&
	     put(e, "quad", json_integer(ed->quad)) && put(e, "trade", json_boolean(ed->trade)) &&
	     put(e, "count", json_integer((json_int_t)ed->count)) && put(e, "weight", jnum(ed->weight)) &&
	     put(e, "goldstein_mean", jnum(ed->goldstein_mean)) &&
	     put(e, "docs", json_integer((json_int_t)ed->docs));
	if (ok && ed->cameo)
		ok = put_str(e, "cameo", tmp, ed->cameo);
	if (ok && ed->first_date[0])
		ok = put_str(e, "first_date", tmp, ed->first_date) &&
		     put_str(e, "last_date", tmp, ed->last_date);
	for (size_t k = 0; ok && k < ed->nevidence && k < GEO_EVIDENCE_MAX; k++)
		ok = json_array_append_new(evs, evidence_json(&ed->evidence[k], tmp)) == 0;
	if (ok) {
		ok = json_object_set_new(e, "evidence", evs) == 0;
		evs = NULL;
	}
	json_decref(evs);
	if (!ok) {
		json_decref(e);
		e = NULL;
	}
	return e;
}

/* Appends v as compact JSON, escaped for a <script> element, to out, and
 * drops v.  False when out of memory (v NULL included). */
static bool put_json(geo_buf *out, json_t *v)
{
	char *text = v ? json_dumps(v, JSON_SORT_KEYS | JSON_COMPACT | JSON_REAL_PRECISION(15) | JSON_ENCODE_ANY)
		       : NULL;
	bool ok = text && geo_report_json_script(out, text, strlen(text)) == GEO_OK;

	free(text);
	json_decref(v);
	return ok;
}

static bool put_raw(geo_buf *out, const char *s)
{
	return geo_buf_puts(out, s) == GEO_OK;
}

/*
 * The page's data block, escaped for a <script> element, into out:
 * {"actors":[...],"columns":[...],"edges":[...],"stats":{...},"title":...},
 * the keys in sorted order as JSON_SORT_KEYS would give them.  Each actor
 * and edge is built, written and dropped in turn, so memory holds the
 * text, not a tree of the whole graph as well (on millions of edges the
 * tree alone took gigabytes).
 */
static geo_err data_block(const geo_graph *g, const geo_report_opts *o, geo_buf *out, geo_error *err)
{
	json_t *cols = json_array(), *stats = NULL;
	geo_buf tmp = {0};
	size_t nv = geo_graph_vcount(g), ne = geo_graph_ecount(g);
	bool ok = cols != NULL;

	ok = ok && put_raw(out, "{\"actors\":[");
	for (size_t i = 0; ok && i < nv; i++)
		ok = (i == 0 || put_raw(out, ",")) && put_json(out, actor_json(g, i, o, &tmp));
	ok = ok && put_raw(out, "],\"columns\":");
	for (size_t k = 0; ok && o && k < o->ncolumns; k++)
		ok = json_array_append_new(cols, jstr(&tmp, o->columns[k].name)) == 0;
	if (ok) {
		ok = put_json(out, cols);
		cols = NULL;
	}
	ok = ok && put_raw(out, ",\"edges\":[");
	for (size_t i = 0; ok && i < ne; i++)
		ok = (i == 0 || put_raw(out, ",")) && put_json(out, edge_json(geo_graph_edge(g, i), &tmp));
	ok = ok && put_raw(out, "]");
	if (ok && o && o->counts) {
		ok = (stats = json_object()) != NULL &&
		     put(stats, "documents", json_integer((json_int_t)o->documents)) &&
		     put(stats, "events", json_integer((json_int_t)o->events)) && put_raw(out, ",\"stats\":");
		if (ok) {
			ok = put_json(out, stats);
			stats = NULL;
		}
	}
	ok = ok && put_raw(out, ",\"title\":") &&
	     put_json(out, jstr(&tmp, o && o->title ? o->title : DEFAULT_TITLE)) && put_raw(out, "}");
	json_decref(cols);
	json_decref(stats);
	geo_buf_free(&tmp);
	return ok ? GEO_OK : geo_error_set(err, GEO_ENOMEM, "report: out of memory");
}

/* Copies the template to out, each @@NAME@@ replaced by its part. */
static geo_err fill(FILE *out, const geo_buf *title, const geo_buf *data, const char *svg,
		    size_t svglen, geo_error *err)
{
	const char *t = geo_report_html_data, *end = t + geo_report_html_size;
	geo_err rc = GEO_OK;

	while (t < end) {
		const char *m = strstr(t, "@@"), *name, *close;
		size_t nlen;

		if (!m || m >= end) {
			fwrite(t, 1, (size_t)(end - t), out);
			break;
		}
		fwrite(t, 1, (size_t)(m - t), out);
		name = m + 2;
		close = strstr(name, "@@");
		if (!close) {
			rc = geo_error_set(err, GEO_EINTERNAL, "report: template marker not closed");
			goto out;
		}
		nlen = (size_t)(close - name);
#define IS(s) (nlen == sizeof(s) - 1 && memcmp(name, s, nlen) == 0)
		if (IS("TITLE"))
			fwrite(title->data, 1, title->len, out);
		else if (IS("VERSION"))
			fputs(geo_version(), out);
		else if (IS("CSS"))
			fwrite(geo_report_css_data, 1, (size_t)geo_report_css_size, out);
		else if (IS("JS"))
			fwrite(geo_report_js_data, 1, (size_t)geo_report_js_size, out);
		else if (IS("DATA"))
			fwrite(data->data, 1, data->len, out);
		else if (IS("SVG")) {
			if (svg)
				fwrite(svg, 1, svglen, out);
		} else {
			rc = geo_error_set(err, GEO_EINTERNAL, "report: unknown template marker %.*s",
					   (int)nlen, name);
			goto out;
		}
#undef IS
		t = close + 2;
	}
out:
	return rc;
}

geo_err geo_report_write(const geo_graph *g, const char *svg, size_t svglen,
			 const geo_report_opts *o, FILE *out, geo_error *err)
{
	geo_buf title = {0}, fixed = {0}, data = {0};
	const char *el = NULL;
	size_t ellen = 0;
	geo_err rc = GEO_OK;

	if (!g || !out) {
		rc = geo_error_set(err, GEO_EUSAGE, "report: no graph or no output");
		goto out;
	}
	for (size_t k = 0; o && k < o->ncolumns; k++) {
		if (!o->columns[k].name || !o->columns[k].values) {
			rc = geo_error_set(err, GEO_EUSAGE, "report: column %zu has no name or values", k);
			goto out;
		}
	}
	if (svg && (rc = geo_report_svg_element(svg, svglen, &el, &ellen, err)) != GEO_OK)
		goto out;
	if ((rc = geo_report_utf8(&fixed, o && o->title ? o->title : DEFAULT_TITLE,
				  strlen(o && o->title ? o->title : DEFAULT_TITLE), NULL)) != GEO_OK ||
	    (rc = geo_buf_putc(&fixed, '\0')) != GEO_OK ||
	    (rc = geo_report_html_text(&title, fixed.data)) != GEO_OK) {
		geo_error_set(err, rc, "report: out of memory");
		goto out;
	}
	/* An empty buffer has no data pointer; the template writer wants one. */
	if ((rc = geo_buf_puts(&title, "")) != GEO_OK || (rc = data_block(g, o, &data, err)) != GEO_OK)
		goto out;
	if ((rc = fill(out, &title, &data, el, ellen, err)) != GEO_OK)
		goto out;
	if (fflush(out) != 0 || ferror(out))
		rc = geo_error_set(err, GEO_EIO, "report: write failed");
out:
	geo_buf_free(&data);
	geo_buf_free(&fixed);
	geo_buf_free(&title);
	return rc;
}

/* export.c - the graph in the formats other tools read: GraphML, GML, GEXF,
 * node-link and Cytoscape JSON, Gephi CSV, Pajek, Neo4j import CSV, DOT. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "render_internal.h"

static const char *const format_names[GEO_EXPORT_NFORMATS] = {
	[GEO_EXPORT_GRAPHML] = "graphml", [GEO_EXPORT_GML] = "gml",
	[GEO_EXPORT_GEXF] = "gexf",       [GEO_EXPORT_JSON] = "json",
	[GEO_EXPORT_CYTOSCAPE] = "cytoscape", [GEO_EXPORT_CSV] = "csv",
	[GEO_EXPORT_PAJEK] = "pajek",     [GEO_EXPORT_NEO4J] = "neo4j",
	[GEO_EXPORT_DOT] = "dot",
};

const char *geo_export_format_name(geo_export_format f)
{
	return (unsigned)f < GEO_EXPORT_NFORMATS ? format_names[f] : NULL;
}

bool geo_export_format_parse(const char *s, geo_export_format *out)
{
	for (int i = 0; i < GEO_EXPORT_NFORMATS; i++) {
		if (strcmp(s, format_names[i]) == 0) {
			*out = (geo_export_format)i;
			return true;
		}
	}
	return false;
}

bool geo_export_format_is_folder(geo_export_format f)
{
	return f == GEO_EXPORT_CSV || f == GEO_EXPORT_NEO4J;
}

/* ------------------------------------------------------------------ */
/* A writer that remembers its first failure, so the format code below
 * reads as the file it writes. */

typedef struct writer {
	FILE *fp;
	geo_buf tmp;
	geo_err rc;
} writer;

static void w_puts(writer *w, const char *s)
{
	if (w->rc == GEO_OK)
		fputs(s, w->fp);
}

static void w_printf(writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void w_printf(writer *w, const char *fmt, ...)
{
	va_list ap;

	if (w->rc != GEO_OK)
		return;
	va_start(ap, fmt);
	vfprintf(w->fp, fmt, ap);
	va_end(ap);
}

/* Writes s through an escaper. */
static void w_esc(writer *w, geo_err (*esc)(geo_buf *, const char *), const char *s)
{
	if (w->rc != GEO_OK)
		return;
	geo_buf_reset(&w->tmp);
	w->rc = esc(&w->tmp, s);
	if (w->rc == GEO_OK && w->tmp.len)
		fwrite(w->tmp.data, 1, w->tmp.len, w->fp);
}

static void w_csv(writer *w, const char *s, bool formula)
{
	if (w->rc != GEO_OK)
		return;
	geo_buf_reset(&w->tmp);
	w->rc = geo_esc_csv(&w->tmp, s, formula);
	if (w->rc == GEO_OK && w->tmp.len)
		fwrite(w->tmp.data, 1, w->tmp.len, w->fp);
}

static void w_real(writer *w, double x)
{
	char buf[40];

	geo_fmt_real(buf, sizeof buf, x);
	w_puts(w, buf);
}

static const char *type_name(const geo_vertex *v)
{
	return geo_actor_type_name(v->type);
}

/* ------------------------------------------------------------------ */
/* XML: GraphML and GEXF                                               */

static void xml_data(writer *w, const char *key, const char *value)
{
	w_printf(w, "      <data key=\"%s\">", key);
	w_esc(w, geo_esc_xml, value);
	w_puts(w, "</data>\n");
}

static void xml_data_real(writer *w, const char *key, double x)
{
	w_printf(w, "      <data key=\"%s\">", key);
	w_real(w, x);
	w_puts(w, "</data>\n");
}

static void write_graphml(writer *w, const geo_rview *v)
{
	static const char *const keys[][4] = {
		{"v_label", "node", "label", "string"},
		{"v_type", "node", "type", "string"},
		{"v_affiliation", "node", "affiliation", "string"},
		{"v_pagerank", "node", "pagerank", "double"},
		{"v_community", "node", "community", "long"},
		{"e_relation", "edge", "relation", "string"},
		{"e_label", "edge", "label", "string"},
		{"e_cameo", "edge", "cameo", "string"},
		{"e_quad", "edge", "quad", "int"},
		{"e_count", "edge", "count", "long"},
		{"e_weight", "edge", "weight", "double"},
		{"e_goldstein", "edge", "goldstein", "double"},
		{"e_goldstein_sum", "edge", "goldstein_sum", "double"},
		{"e_first_date", "edge", "first_date", "string"},
		{"e_last_date", "edge", "last_date", "string"},
		{"e_docs", "edge", "docs", "long"},
	};

	w_puts(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		  "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
		  "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
		  "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
		  "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		if ((!v->rank && strcmp(keys[i][0], "v_pagerank") == 0) ||
		    (!v->community && strcmp(keys[i][0], "v_community") == 0))
			continue;
		w_printf(w, "  <key id=\"%s\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\"/>\n", keys[i][0],
			 keys[i][1], keys[i][2], keys[i][3]);
	}
	w_puts(w, "  <graph id=\"G\" edgedefault=\"directed\">\n");
	for (size_t i = 0; i < v->nv; i++) {
		const geo_vertex *x = &v->v[i];
		w_puts(w, "    <node id=\"");
		w_esc(w, geo_esc_xml, x->id);
		w_puts(w, "\">\n");
		xml_data(w, "v_label", x->label);
		xml_data(w, "v_type", type_name(x));
		if (x->affiliation)
			xml_data(w, "v_affiliation", x->affiliation);
		if (v->rank)
			xml_data_real(w, "v_pagerank", v->rank[i]);
		if (v->community)
			w_printf(w, "      <data key=\"v_community\">%lld</data>\n", (long long)v->community[i]);
		w_puts(w, "    </node>\n");
	}
	for (size_t i = 0; i < v->ne; i++) {
		const geo_edge *e = &v->e[i];
		w_printf(w, "    <edge id=\"e%zu\" source=\"", i);
		w_esc(w, geo_esc_xml, v->v[e->from].id);
		w_puts(w, "\" target=\"");
		w_esc(w, geo_esc_xml, v->v[e->to].id);
		w_puts(w, "\">\n");
		xml_data(w, "e_relation", e->relation);
		xml_data(w, "e_label", e->display);
		if (e->cameo)
			xml_data(w, "e_cameo", e->cameo);
		w_printf(w, "      <data key=\"e_quad\">%d</data>\n", e->quad);
		w_printf(w, "      <data key=\"e_count\">%zu</data>\n", e->count);
		xml_data_real(w, "e_weight", e->weight);
		xml_data_real(w, "e_goldstein", e->goldstein_mean);
		xml_data_real(w, "e_goldstein_sum", e->goldstein_sum);
		if (e->first_date[0])
			xml_data(w, "e_first_date", e->first_date);
		if (e->last_date[0])
			xml_data(w, "e_last_date", e->last_date);
		w_printf(w, "      <data key=\"e_docs\">%zu</data>\n", e->docs);
		w_puts(w, "    </edge>\n");
	}
	w_puts(w, "  </graph>\n</graphml>\n");
}

static void gexf_att(writer *w, const char *id, const char *value)
{
	w_printf(w, "          <attvalue for=\"%s\" value=\"", id);
	w_esc(w, geo_esc_xml, value);
	w_puts(w, "\"/>\n");
}

static void gexf_att_real(writer *w, const char *id, double x)
{
	w_printf(w, "          <attvalue for=\"%s\" value=\"", id);
	w_real(w, x);
	w_puts(w, "\"/>\n");
}

static void write_gexf(writer *w, const geo_rview *v)
{
	w_printf(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<gexf xmlns=\"http://gexf.net/1.3\"\n"
		    "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
		    "    xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\"\n"
		    "    version=\"1.3\">\n"
		    "  <meta>\n    <creator>geograph %s</creator>\n  </meta>\n"
		    "  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\">\n"
		    "    <attributes class=\"node\" mode=\"static\">\n"
		    "      <attribute id=\"type\" title=\"type\" type=\"string\"/>\n"
		    "      <attribute id=\"affiliation\" title=\"affiliation\" type=\"string\"/>\n",
		 geo_version());
	if (v->rank)
		w_puts(w, "      <attribute id=\"pagerank\" title=\"pagerank\" type=\"double\"/>\n");
	if (v->community)
		w_puts(w, "      <attribute id=\"community\" title=\"community\" type=\"long\"/>\n");
	w_puts(w, "    </attributes>\n"
		  "    <attributes class=\"edge\" mode=\"static\">\n"
		  "      <attribute id=\"relation\" title=\"relation\" type=\"string\"/>\n"
		  "      <attribute id=\"cameo\" title=\"cameo\" type=\"string\"/>\n"
		  "      <attribute id=\"quad\" title=\"quad\" type=\"integer\"/>\n"
		  "      <attribute id=\"count\" title=\"count\" type=\"long\"/>\n"
		  "      <attribute id=\"goldstein\" title=\"goldstein\" type=\"double\"/>\n"
		  "      <attribute id=\"goldstein_sum\" title=\"goldstein_sum\" type=\"double\"/>\n"
		  "      <attribute id=\"first_date\" title=\"first_date\" type=\"string\"/>\n"
		  "      <attribute id=\"last_date\" title=\"last_date\" type=\"string\"/>\n"
		  "      <attribute id=\"docs\" title=\"docs\" type=\"long\"/>\n"
		  "    </attributes>\n"
		  "    <nodes>\n");
	for (size_t i = 0; i < v->nv; i++) {
		const geo_vertex *x = &v->v[i];
		w_puts(w, "      <node id=\"");
		w_esc(w, geo_esc_xml, x->id);
		w_puts(w, "\" label=\"");
		w_esc(w, geo_esc_xml, x->label);
		w_puts(w, "\">\n        <attvalues>\n");
		gexf_att(w, "type", type_name(x));
		if (x->affiliation)
			gexf_att(w, "affiliation", x->affiliation);
		if (v->rank)
			gexf_att_real(w, "pagerank", v->rank[i]);
		if (v->community)
			w_printf(w, "          <attvalue for=\"community\" value=\"%lld\"/>\n",
				 (long long)v->community[i]);
		w_puts(w, "        </attvalues>\n      </node>\n");
	}
	w_puts(w, "    </nodes>\n    <edges>\n");
	for (size_t i = 0; i < v->ne; i++) {
		const geo_edge *e = &v->e[i];
		w_printf(w, "      <edge id=\"%zu\" source=\"", i);
		w_esc(w, geo_esc_xml, v->v[e->from].id);
		w_puts(w, "\" target=\"");
		w_esc(w, geo_esc_xml, v->v[e->to].id);
		w_puts(w, "\" label=\"");
		w_esc(w, geo_esc_xml, e->display);
		w_puts(w, "\" weight=\"");
		w_real(w, e->weight);
		w_puts(w, "\"");
		/* The edge lives from its first to its last dated event. */
		if (e->first_date[0])
			w_printf(w, " start=\"%s\" end=\"%s\"", e->first_date, e->last_date);
		w_puts(w, ">\n        <attvalues>\n");
		gexf_att(w, "relation", e->relation);
		if (e->cameo)
			gexf_att(w, "cameo", e->cameo);
		w_printf(w, "          <attvalue for=\"quad\" value=\"%d\"/>\n", e->quad);
		w_printf(w, "          <attvalue for=\"count\" value=\"%zu\"/>\n", e->count);
		gexf_att_real(w, "goldstein", e->goldstein_mean);
		gexf_att_real(w, "goldstein_sum", e->goldstein_sum);
		if (e->first_date[0]) {
			gexf_att(w, "first_date", e->first_date);
			gexf_att(w, "last_date", e->last_date);
		}
		w_printf(w, "          <attvalue for=\"docs\" value=\"%zu\"/>\n", e->docs);
		w_puts(w, "        </attvalues>\n      </edge>\n");
	}
	w_puts(w, "    </edges>\n  </graph>\n</gexf>\n");
}

/* ------------------------------------------------------------------ */
/* GML                                                                 */

static void gml_str(writer *w, const char *indent, const char *key, const char *value)
{
	w_printf(w, "%s%s \"", indent, key);
	w_esc(w, geo_esc_gml, value);
	w_puts(w, "\"\n");
}

static void gml_real(writer *w, const char *indent, const char *key, double x)
{
	w_printf(w, "%s%s ", indent, key);
	w_real(w, x);
	w_puts(w, "\n");
}

/* GML's node key is "label" (NetworkX reads nodes by it, so it must be
 * unique): it holds the actor id, and the display name goes in "name". */
static void write_gml(writer *w, const geo_rview *v)
{
	w_puts(w, "graph [\n  directed 1\n  multigraph 1\n");
	for (size_t i = 0; i < v->nv; i++) {
		const geo_vertex *x = &v->v[i];
		w_printf(w, "  node [\n    id %zu\n", i);
		gml_str(w, "    ", "label", x->id);
		gml_str(w, "    ", "name", x->label);
		gml_str(w, "    ", "type", type_name(x));
		if (x->affiliation)
			gml_str(w, "    ", "affiliation", x->affiliation);
		if (v->rank)
			gml_real(w, "    ", "pagerank", v->rank[i]);
		if (v->community)
			w_printf(w, "    community %lld\n", (long long)v->community[i]);
		w_puts(w, "  ]\n");
	}
	for (size_t i = 0; i < v->ne; i++) {
		const geo_edge *e = &v->e[i];
		w_printf(w, "  edge [\n    source %zu\n    target %zu\n", e->from, e->to);
		gml_str(w, "    ", "relation", e->relation);
		gml_str(w, "    ", "label", e->display);
		if (e->cameo)
			gml_str(w, "    ", "cameo", e->cameo);
		w_printf(w, "    quad %d\n    count %zu\n", e->quad, e->count);
		gml_real(w, "    ", "weight", e->weight);
		gml_real(w, "    ", "goldstein", e->goldstein_mean);
		gml_real(w, "    ", "goldstein_sum", e->goldstein_sum);
		if (e->first_date[0]) {
			gml_str(w, "    ", "first_date", e->first_date);
			gml_str(w, "    ", "last_date", e->last_date);
		}
		w_printf(w, "    docs %zu\n", e->docs);
		w_puts(w, "  ]\n");
	}
	w_puts(w, "]\n");
}

/* ------------------------------------------------------------------ */
/* Pajek                                                               */

static void write_pajek(writer *w, const geo_rview *v)
{
	w_printf(w, "*Vertices %zu\n", v->nv);
	for (size_t i = 0; i < v->nv; i++) {
		w_printf(w, "%zu \"", i + 1);
		w_esc(w, geo_esc_pajek, v->v[i].id);
		w_puts(w, "\"\n");
	}
	w_puts(w, "*Arcs\n");
	for (size_t i = 0; i < v->ne; i++) {
		const geo_edge *e = &v->e[i];
		w_printf(w, "%zu %zu ", e->from + 1, e->to + 1);
		w_real(w, e->weight);
		w_puts(w, " l \"");
		w_esc(w, geo_esc_pajek, e->relation);
		w_puts(w, "\"\n");
	}
}

/* ------------------------------------------------------------------ */
/* CSV: Gephi's spreadsheet import and neo4j-admin import              */

static void csv_real(writer *w, double x)
{
	w_puts(w, ",");
	w_real(w, x);
}

static void write_gephi_nodes(writer *w, const geo_rview *v)
{
	w_puts(w, "Id,Label,Type,Affiliation");
	w_puts(w, v->rank ? ",PageRank" : "");
	w_puts(w, v->community ? ",Community" : "");
	w_puts(w, "\r\n");
	for (size_t i = 0; i < v->nv; i++) {
		const geo_vertex *x = &v->v[i];
		w_csv(w, x->id, true);
		w_puts(w, ",");
		w_csv(w, x->label, true);
		w_puts(w, ",");
		w_csv(w, type_name(x), true);
		w_puts(w, ",");
		w_csv(w, x->affiliation ? x->affiliation : "", true);
		if (v->rank)
			csv_real(w, v->rank[i]);
		if (v->community)
			w_printf(w, ",%lld", (long long)v->community[i]);
		w_puts(w, "\r\n");
	}
}

static void write_gephi_edges(writer *w, const geo_rview *v)
{
	w_puts(w, "Source,Target,Type,Label,Weight,Relation,Cameo,Quad,Count,Goldstein,GoldsteinSum,"
		  "FirstDate,LastDate,Docs\r\n");
	for (size_t i = 0; i < v->ne; i++) {
		const geo_edge *e = &v->e[i];
		w_csv(w, v->v[e->from].id, true);
		w_puts(w, ",");
		w_csv(w, v->v[e->to].id, true);
		w_puts(w, ",Directed,");
		w_csv(w, e->display, true);
		csv_real(w, e->weight);
		w_puts(w, ",");
		w_csv(w, e->relation, true);
		w_puts(w, ",");
		w_csv(w, e->cameo ? e->cameo : "", true);
		w_printf(w, ",%d,%zu", e->quad, e->count);
		csv_real(w, e->goldstein_mean);
		csv_real(w, e->goldstein_sum);
		w_printf(w, ",%s,%s,%zu\r\n", e->first_date, e->last_date, e->docs);
	}
}

/* Neo4j node labels by actor type: "Actor;Country". */
static const char *neo4j_label(geo_actor_type t)
{
	switch (t) {
	case GEO_ACTOR_COUNTRY: return "Actor;Country";
	case GEO_ACTOR_IGO: return "Actor;Organisation";
	case GEO_ACTOR_PERSON: return "Actor;Person";
	case GEO_ACTOR_INSTITUTION: return "Actor;Institution";
	case GEO_ACTOR_GROUP: return "Actor;Group";
	default: return "Actor";
	}
}

/* A relationship type Cypher accepts unquoted: upper-case letters, digits
 * and _ ("buys_oil" -> BUYS_OIL). */
static void neo4j_type(writer *w, const char *relation)
{
	char buf[64];
	size_t n = 0;

	for (const unsigned char *p = (const unsigned char *)relation; *p && n < sizeof buf - 1; p++) {
		if (*p >= 'a' && *p <= 'z')
			buf[n++] = (char)(*p - 'a' + 'A');
		else if ((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
			buf[n++] = (char)*p;
		else if (n && buf[n - 1] != '_')
			buf[n++] = '_';
	}
	while (n && buf[n - 1] == '_')
		n--;
	buf[n] = '\0';
	/* A type must start with a letter. */
	w_puts(w, n && buf[0] >= 'A' && buf[0] <= 'Z' ? "" : "REL_");
	w_puts(w, buf);
}

static void write_neo4j_nodes(writer *w, const geo_rview *v)
{
	w_puts(w, "actorId:ID,label,type,affiliation");
	w_puts(w, v->rank ? ",pagerank:double" : "");
	w_puts(w, v->community ? ",community:long" : "");
	w_puts(w, ",:LABEL\n");
	for (size_t i = 0; i < v->nv; i++) {
		const geo_vertex *x = &v->v[i];
		w_csv(w, x->id, false);
		w_puts(w, ",");
		w_csv(w, x->label, false);
		w_printf(w, ",%s,", type_name(x));
		w_csv(w, x->affiliation ? x->affiliation : "", false);
		if (v->rank)
			csv_real(w, v->rank[i]);
		if (v->community)
			w_printf(w, ",%lld", (long long)v->community[i]);
		w_printf(w, ",%s\n", neo4j_label(x->type));
	}
}

static void write_neo4j_edges(writer *w, const geo_rview *v)
{
	w_puts(w, ":START_ID,:END_ID,:TYPE,relation,label,cameo,quad:int,count:long,weight:double,"
		  "goldstein:double,goldstein_sum:double,first_date:date,last_date:date,docs:long\n");
	for (size_t i = 0; i < v->ne; i++) {
		const geo_edge *e = &v->e[i];
		w_csv(w, v->v[e->from].id, false);
		w_puts(w, ",");
		w_csv(w, v->v[e->to].id, false);
		w_puts(w, ",");
		neo4j_type(w, e->relation);
		w_puts(w, ",");
		w_csv(w, e->relation, false);
		w_puts(w, ",");
		w_csv(w, e->display, false);
		w_puts(w, ",");
		w_csv(w, e->cameo ? e->cameo : "", false);
		w_printf(w, ",%d,%zu", e->quad, e->count);
		csv_real(w, e->weight);
		csv_real(w, e->goldstein_mean);
		csv_real(w, e->goldstein_sum);
		w_printf(w, ",%s,%s,%zu\n", e->first_date, e->last_date, e->docs);
	}
}

/* ------------------------------------------------------------------ */
/* JSON: NetworkX node-link and Cytoscape.js                           */

/* Sets key to a string; a string jansson refuses (not UTF-8) fails. */
static int jset_str(json_t *o, const char *key, const char *s)
{
	return json_object_set_new(o, key, json_string(s));
}

static int jset_real(json_t *o, const char *key, double x)
{
	return json_object_set_new(o, key, json_real(x));
}

static int jset_int(json_t *o, const char *key, long long x)
{
	return json_object_set_new(o, key, json_integer(x));
}

static int json_vertex(json_t *o, const geo_rview *v, size_t i)
{
	const geo_vertex *x = &v->v[i];
	int bad = 0;

	bad |= jset_str(o, "type", type_name(x));
	if (x->affiliation)
		bad |= jset_str(o, "affiliation", x->affiliation);
	if (v->rank)
		bad |= jset_real(o, "pagerank", v->rank[i]);
	if (v->community)
		bad |= jset_int(o, "community", (long long)v->community[i]);
	return bad;
}

static int json_edge(json_t *o, const geo_rview *v, size_t i)
{
	const geo_edge *e = &v->e[i];
	int bad = 0;

	bad |= jset_str(o, "source", v->v[e->from].id);
	bad |= jset_str(o, "target", v->v[e->to].id);
	bad |= jset_str(o, "relation", e->relation);
	bad |= jset_str(o, "label", e->display);
	if (e->cameo)
		bad |= jset_str(o, "cameo", e->cameo);
	bad |= jset_int(o, "quad", e->quad);
	bad |= jset_int(o, "count", (long long)e->count);
	bad |= jset_real(o, "weight", e->weight);
	bad |= jset_real(o, "goldstein", e->goldstein_mean);
	bad |= jset_real(o, "goldstein_sum", e->goldstein_sum);
	if (e->first_date[0]) {
		bad |= jset_str(o, "first_date", e->first_date);
		bad |= jset_str(o, "last_date", e->last_date);
	}
	bad |= jset_int(o, "docs", (long long)e->docs);
	return bad;
}

/* Builds the document; *bad is set when some value could not be stored
 * (text that is not UTF-8, a number that is not finite). */
static json_t *json_document(const geo_rview *v, bool cytoscape, int *bad)
{
	json_t *root = json_object(), *nodes = json_array(), *edges = json_array();

	*bad = !root || !nodes || !edges;
	for (size_t i = 0; !*bad && i < v->nv; i++) {
		json_t *o = json_object(), *item = o;
		if (!o) {
			*bad = 1;
			break;
		}
		*bad |= jset_str(o, "id", v->v[i].id);
		if (cytoscape) {
			/* "value" is the node key NetworkX's cytoscape_graph() reads;
			 * "name" is what Cytoscape shows. */
			*bad |= jset_str(o, "value", v->v[i].id);
			*bad |= jset_str(o, "name", v->v[i].label);
			item = json_object();
			*bad |= !item || json_object_set_new(item, "data", o);
		} else {
			*bad |= jset_str(o, "label", v->v[i].label);
		}
		*bad |= json_vertex(o, v, i);
		*bad |= json_array_append_new(nodes, item);
	}
	for (size_t i = 0; !*bad && i < v->ne; i++) {
		json_t *o = json_object(), *item = o;
		if (!o) {
			*bad = 1;
			break;
		}
		/* Parallel edges differ by relation, so it is the multigraph key. */
		*bad |= jset_str(o, "key", v->e[i].relation);
		if (cytoscape) {
			char id[32];
			snprintf(id, sizeof id, "e%zu", i);
			*bad |= jset_str(o, "id", id);
			item = json_object();
			*bad |= !item || json_object_set_new(item, "data", o);
		}
		*bad |= json_edge(o, v, i);
		*bad |= json_array_append_new(edges, item);
	}
	if (!*bad) {
		*bad |= json_object_set_new(root, "directed", json_true());
		*bad |= json_object_set_new(root, "multigraph", json_true());
		if (cytoscape) {
			json_t *el = json_object();
			*bad |= !el;
			*bad |= json_object_set_new(root, "data", json_object());
			*bad |= json_object_set_new(el, "nodes", nodes);
			*bad |= json_object_set_new(el, "edges", edges);
			*bad |= json_object_set_new(root, "elements", el);
		} else {
			*bad |= json_object_set_new(root, "graph", json_object());
			*bad |= json_object_set_new(root, "nodes", nodes);
			*bad |= json_object_set_new(root, "links", edges);
		}
		nodes = edges = NULL;
	}
	json_decref(nodes);
	json_decref(edges);
	return root;
}

static geo_err write_json(writer *w, const geo_rview *v, bool cytoscape, const char *path, geo_error *err)
{
	int bad;
	json_t *doc = json_document(v, cytoscape, &bad);
	geo_err rc = GEO_OK;

	if (bad) {
		rc = geo_error_set(err, GEO_EDATA, "%s: text that is not UTF-8, or a number that is not finite",
				   path);
		goto out;
	}
	if (json_dumpf(doc, w->fp, JSON_SORT_KEYS | JSON_INDENT(1) | JSON_REAL_PRECISION(15)) != 0 ||
	    fputc('\n', w->fp) == EOF)
		rc = geo_error_set(err, GEO_EIO, "%s: write failed", path);
out:
	json_decref(doc);
	return rc;
}

/* ------------------------------------------------------------------ */

typedef void (*write_fn)(writer *w, const geo_rview *v);

/* Writes one file through geo_outfile. */
static geo_err export_file(const geo_rview *v, geo_export_format f, write_fn fn, const char *path,
			   geo_error *err)
{
	geo_outfile *of = NULL;
	writer w = {0};
	geo_err rc = geo_outfile_open(&of, path, err);

	if (rc != GEO_OK)
		goto out;
	w.fp = geo_outfile_fp(of);
	if (f == GEO_EXPORT_JSON || f == GEO_EXPORT_CYTOSCAPE)
		rc = write_json(&w, v, f == GEO_EXPORT_CYTOSCAPE, path, err);
	else if (f == GEO_EXPORT_DOT)
		rc = geo_dot_export(v, w.fp, err);
	else {
		fn(&w, v);
		rc = w.rc;
		if (rc != GEO_OK)
			geo_error_set(err, rc, "out of memory");
	}
	if (rc != GEO_OK && rc != GEO_EIO)
		goto out;
	/* After a write error the stream is in error, so the commit fails and
	 * says which file and why. */
	{
		geo_err crc = geo_outfile_commit(of, err);
		if (crc != GEO_OK)
			rc = crc;
	}
	of = NULL;
out:
	geo_outfile_abort(of);
	geo_buf_free(&w.tmp);
	return rc;
}

static geo_err export_folder(const geo_rview *v, const char *dir, const char *names[2],
			     write_fn fns[2], geo_error *err)
{
	struct stat st;
	geo_buf path = {0};
	geo_err rc = GEO_OK;

	if (stat(dir, &st) != 0) {
		rc = geo_error_set(err, GEO_EIO, "%s: %s (the folder must exist)", dir, strerror(errno));
		goto out;
	}
	if (!S_ISDIR(st.st_mode)) {
		rc = geo_error_set(err, GEO_EIO, "%s: not a folder", dir);
		goto out;
	}
	for (int i = 0; i < 2; i++) {
		geo_buf_reset(&path);
		if (geo_buf_printf(&path, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]) !=
		    GEO_OK) {
			rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
			goto out;
		}
		rc = export_file(v, GEO_EXPORT_CSV, fns[i], path.data, err);
		if (rc != GEO_OK)
			goto out;
	}
out:
	geo_buf_free(&path);
	return rc;
}

geo_err geo_export_view(const geo_rview *v, geo_export_format f, const char *path, geo_error *err)
{
	static const char *gephi_names[2] = {"nodes.csv", "edges.csv"};
	static write_fn gephi_fns[2] = {write_gephi_nodes, write_gephi_edges};
	static const char *neo4j_names[2] = {"nodes.csv", "relationships.csv"};
	static write_fn neo4j_fns[2] = {write_neo4j_nodes, write_neo4j_edges};

	switch (f) {
	case GEO_EXPORT_GRAPHML: return export_file(v, f, write_graphml, path, err);
	case GEO_EXPORT_GML: return export_file(v, f, write_gml, path, err);
	case GEO_EXPORT_GEXF: return export_file(v, f, write_gexf, path, err);
	case GEO_EXPORT_PAJEK: return export_file(v, f, write_pajek, path, err);
	case GEO_EXPORT_JSON:
	case GEO_EXPORT_CYTOSCAPE:
	case GEO_EXPORT_DOT: return export_file(v, f, NULL, path, err);
	case GEO_EXPORT_CSV: return export_folder(v, path, gephi_names, gephi_fns, err);
	case GEO_EXPORT_NEO4J: return export_folder(v, path, neo4j_names, neo4j_fns, err);
	default: return geo_error_set(err, GEO_EUSAGE, "unknown export format %d", (int)f);
	}
}

/* draw.c - diagrams: the graph as a styled cgraph graph, laid out and
 * rendered in-process by gvc; and the plain DOT export. */
#include <dlfcn.h>
#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include "render_internal.h"

static const char *const image_names[] = {"dot", "svg", "png", "pdf"};
static const char *const layout_names[] = {"auto", "dot", "sfdp", "neato", "circo", "fdp"};

const char *geo_image_format_name(geo_image_format f)
{
	return (unsigned)f < sizeof image_names / sizeof *image_names ? image_names[f] : NULL;
}

bool geo_image_format_from_path(const char *path, geo_image_format *out)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash + 1 : path, '.');

	if (!dot)
		return false;
	for (size_t i = 0; i < sizeof image_names / sizeof *image_names; i++) {
		if (strcasecmp(dot + 1, image_names[i]) == 0) {
			*out = (geo_image_format)i;
			return true;
		}
	}
	return false;
}

const char *geo_layout_name(geo_layout l)
{
	return (unsigned)l < sizeof layout_names / sizeof *layout_names ? layout_names[l] : NULL;
}

bool geo_layout_parse(const char *s, geo_layout *out)
{
	for (size_t i = 0; i < sizeof layout_names / sizeof *layout_names; i++) {
		if (strcmp(s, layout_names[i]) == 0) {
			*out = (geo_layout)i;
			return true;
		}
	}
	return false;
}

void geo_render_opts_init(geo_render_opts *o)
{
	memset(o, 0, sizeof *o);
	o->format = GEO_IMAGE_DOT;
	o->layout = GEO_LAYOUT_AUTO;
	o->legend = true;
}

/* ------------------------------------------------------------------ */
/* Graphviz, loaded when first needed                                  */

/*
 * libgvc and libcgraph (and libcdt, libpathplan, libxdot, libltdl behind
 * them) are opened when a command first draws or writes DOT, not linked:
 * loading them cost every start of the program about 1.2 ms, for the few
 * commands that use them.  The members have Graphviz's own declared types.
 * Agdirected, AgMemDisc and AgIoDisc are data: the table holds their
 * addresses.
 *
 * GEOGRAPH_GRAPHVIZ, when set, names the one libgvc to open (a path or a
 * soname) instead of the sonames below: the tests use it to prove the
 * message given when Graphviz cannot be loaded.
 */
static struct gv_api {
	__typeof__(agsafeset) *agsafeset;
	__typeof__(agstrdup) *agstrdup;
	__typeof__(agstrdup_html) *agstrdup_html;
	__typeof__(agstrfree) *agstrfree;
	__typeof__(agopen) *agopen;
	__typeof__(agseterrf) *agseterrf;
	__typeof__(agreseterrors) *agreseterrors;
	__typeof__(agnode) *agnode;
	__typeof__(agedge) *agedge;
	__typeof__(agwrite) *agwrite;
	__typeof__(agclose) *agclose;
	__typeof__(agattr) *agattr;
	__typeof__(agsubg) *agsubg;
	__typeof__(gvContext) *gvContext;
	__typeof__(gvLayout) *gvLayout;
	__typeof__(gvRenderData) *gvRenderData;
	__typeof__(gvFreeRenderData) *gvFreeRenderData;
	__typeof__(gvFreeLayout) *gvFreeLayout;
	Agdesc_t *Agdirected;
	Agmemdisc_t *AgMemDisc;
	Agiodisc_t *AgIoDisc;
} gv;

/* ------------------------------------------------------------------ */
/* cgraph takes char * everywhere; these calls never write through it. */

#define S(s) ((char *)(s))

#define GEO_RENDER_LABELS_MAX 150

/* Sets an attribute, escaping text the Graphviz way (see geo_esc_dot). */
static geo_err set_text(void *obj, const char *name, const char *value, geo_buf *tmp)
{
	bool label = strcmp(name, "label") == 0;

	geo_buf_reset(tmp);
	if ((label ? geo_esc_dot_label(tmp, value) : geo_esc_dot(tmp, value)) != GEO_OK)
		return GEO_ENOMEM;
	return gv.agsafeset(obj, S(name), tmp->data ? tmp->data : S(""), S("")) == 0 ? GEO_OK : GEO_ENOMEM;
}

/* Sets a tooltip.  Graphviz 2.42 reads one byte past a tooltip that ends
 * in an escaped backslash (valgrind shows it in initMapData): a trailing
 * space, invisible on hover, keeps it inside the string. */
static geo_err set_tooltip(void *obj, const char *value, geo_buf *tmp)
{
	geo_buf_reset(tmp);
	if (geo_esc_dot_label(tmp, value) != GEO_OK || (tmp->len && tmp->data[tmp->len - 1] == '\\' &&
						  geo_buf_putc(tmp, ' ') != GEO_OK))
		return GEO_ENOMEM;
	return gv.agsafeset(obj, S("tooltip"), tmp->data ? tmp->data : S(""), S("")) == 0 ? GEO_OK : GEO_ENOMEM;
}

/* Sets an attribute that needs no escaping (our own numbers and names). */
static geo_err set_raw(void *obj, const char *name, const char *value)
{
	return gv.agsafeset(obj, S(name), S(value), S("")) == 0 ? GEO_OK : GEO_ENOMEM;
}

static geo_err set_real(void *obj, const char *name, double x)
{
	char buf[40];

	geo_fmt_real(buf, sizeof buf, x);
	return set_raw(obj, name, buf);
}

/* Object ids in creation order.  cgraph's default gives a named object
 * the address of its interned name as id, and keeps subgraphs in id
 * order: cluster boxes would come out (and be laid out) in heap order,
 * which changes from run to run.  Here the n-th name created gets id
 * 2n; unnamed objects (edges) odd ids, as cgraph expects. */
typedef struct seq_ids {
	Agraph_t *g;
	geo_strmap *names;  /* name -> creation index */
	char **byidx;       /* creation index -> the name, interned by cgraph
			     * (its writer reads flags stored before it) */
	size_t n, cap;
	IDTYPE anon;
} seq_ids;

static void *ids_open(Agraph_t *g, Agdisc_t *disc)
{
	seq_ids *s = calloc(1, sizeof *s);

	(void)disc;
	if (s && !(s->names = geo_strmap_new())) {
		free(s);
		s = NULL;
	}
	if (s) {
		s->g = g;
		s->anon = 1;
	}
	return s;
}

static long ids_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
	seq_ids *s = state;
	size_t idx, len;
	const char *key;

	(void)objtype;
	if (!s)
		return 0;
	if (!str) {
		*id = s->anon;
		s->anon += 2;
		return 1;
	}
	len = strlen(str);
	if (!geo_strmap_get(s->names, str, len, &idx)) {
		if (!createflag)
			return 0;
		if (s->n == s->cap) {
			size_t cap = s->cap ? 2 * s->cap : 64;
			char **p = realloc(s->byidx, cap * sizeof *p);
			if (!p)
				return 0;
			s->byidx = p;
			s->cap = cap;
		}
		idx = s->n;
		if (geo_strmap_put(s->names, str, len, &idx, &key) != GEO_OK)
			return 0;
		s->byidx[s->n++] = NULL;
	}
	/* Each object holds a reference to its interned name, as with
	 * cgraph's own discipline; ids_free() drops it. */
	if (createflag) {
		char *name = gv.agstrdup(s->g, str);
		if (!name)
			return 0;
		s->byidx[idx] = name;
	}
	*id = 2 * ((IDTYPE)idx + 1);
	return 1;
}

static long ids_alloc(void *state, int objtype, IDTYPE id)
{
	(void)state;
	(void)objtype;
	(void)id;
	return 0; /* no caller-chosen ids */
}

static void ids_free(void *state, int objtype, IDTYPE id)
{
	seq_ids *s = state;

	(void)objtype;
	if (s && id % 2 == 0 && id && id / 2 <= s->n && s->byidx[id / 2 - 1])
		gv.agstrfree(s->g, s->byidx[id / 2 - 1]);
}

static char *ids_print(void *state, int objtype, IDTYPE id)
{
	seq_ids *s = state;

	(void)objtype;
	if (!s || id % 2 || id == 0 || id / 2 > s->n)
		return NULL;
	return s->byidx[id / 2 - 1];
}

static void ids_close(void *state)
{
	seq_ids *s = state;

	if (!s)
		return;
	geo_strmap_free(s->names);
	free(s->byidx);
	free(s);
}

static void ids_register(void *state, int objtype, void *obj)
{
	(void)state;
	(void)objtype;
	(void)obj;
}

static Agiddisc_t seq_id_disc = {ids_open, ids_map, ids_alloc, ids_free, ids_print, ids_close, ids_register};
/* Memory and I/O disciplines are Graphviz's own, set when it is loaded. */
static Agdisc_t seq_disc = {NULL, &seq_id_disc, NULL};

/* Graphviz's sonames: Debian 12's, and the development link. */
static const char *const gv_sonames[] = {"libgvc.so.6", "libgvc.so"};

static pthread_once_t gv_once = PTHREAD_ONCE_INIT;
static bool gv_ready;
static char gv_why[512]; /* why it could not be loaded */

static void gv_load(void)
{
	static const struct {
		const char *name;
		size_t offset;
	} syms[] = {
#define SYM(name) {#name, offsetof(struct gv_api, name)}
		SYM(agsafeset), SYM(agstrdup), SYM(agstrdup_html), SYM(agstrfree), SYM(agopen), SYM(agseterrf),
		SYM(agreseterrors), SYM(agnode), SYM(agedge), SYM(agwrite), SYM(agclose), SYM(agattr),
		SYM(agsubg), SYM(gvContext), SYM(gvLayout), SYM(gvRenderData), SYM(gvFreeRenderData),
		SYM(gvFreeLayout), SYM(Agdirected), SYM(AgMemDisc), SYM(AgIoDisc),
#undef SYM
	};
	const char *want = getenv("GEOGRAPH_GRAPHVIZ");
	void *h = NULL;

	if (want && *want) {
		h = dlopen(want, RTLD_NOW | RTLD_GLOBAL);
	} else {
		for (size_t i = 0; i < sizeof gv_sonames / sizeof *gv_sonames && !h; i++)
			h = dlopen(gv_sonames[i], RTLD_NOW | RTLD_GLOBAL);
	}
	if (!h) {
		const char *why = dlerror();
		snprintf(gv_why, sizeof gv_why, "drawing or writing DOT needs Graphviz (libgvc), which cannot be loaded: %s",
			 why ? why : "not found");
		return;
	}
	/* libcgraph's symbols come through libgvc, which depends on it. */
	for (size_t i = 0; i < sizeof syms / sizeof *syms; i++) {
		void *sym = dlsym(h, syms[i].name);
		if (!sym) {
			snprintf(gv_why, sizeof gv_why, "the Graphviz (libgvc) found has no %s", syms[i].name);
			return;
		}
		/* POSIX: a function's address fits in a void *. */
		memcpy((char *)&gv + syms[i].offset, &sym, sizeof sym);
	}
	seq_disc.mem = gv.AgMemDisc;
	seq_disc.io = gv.AgIoDisc;
	/* Kept open for the life of the process, as the shared context is. */
	gv_ready = true;
}

/* Loads Graphviz once; GEO_EUNSUPPORTED when it cannot be. */
static geo_err gv_open(geo_error *err)
{
	pthread_once(&gv_once, gv_load);
	return gv_ready ? GEO_OK : geo_error_set(err, GEO_EUNSUPPORTED, "%s", gv_why);
}

geo_err geo_render_check(geo_error *err)
{
	return gv_open(err);
}

/* A new directed graph whose output does not depend on heap addresses. */
static Agraph_t *new_graph(void)
{
	return gv.agopen(S("geograph"), *gv.Agdirected, &seq_disc);
}

/* Graphviz reports through a process-wide callback; keep the last error
 * so it can go into a geo_error instead of onto stderr. */
static char gv_last_error[512];

static int gv_errf(char *msg)
{
	size_t n = strlen(gv_last_error);

	if (n < sizeof gv_last_error - 1)
		snprintf(gv_last_error + n, sizeof gv_last_error - n, "%s", msg);
	return 0;
}

static void gv_errors_begin(void)
{
	gv_last_error[0] = '\0';
	gv.agseterrf(gv_errf);
	gv.agreseterrors();
}

/* The captured message, one line, without Graphviz's "Error: " prefix. */
static const char *gv_errors_text(void)
{
	char *p = gv_last_error;

	if (strncmp(p, "Error: ", 7) == 0)
		p += 7;
	for (char *q = p; *q; q++)
		if (*q == '\n')
			*q = (q[1] ? ' ' : '\0');
	return *p ? p : "unknown Graphviz error";
}

/* ------------------------------------------------------------------ */
/* The plain DOT export                                                */

geo_err geo_dot_export(const geo_rview *v, FILE *fp, geo_error *err)
{
	Agraph_t *g;
	Agnode_t **nodes = NULL;
	geo_buf tmp = {0};
	geo_err rc = GEO_OK;
	char buf[64];

	if ((rc = gv_open(err)) != GEO_OK)
		return rc;
	gv_errors_begin();
	g = new_graph();
	nodes = calloc(v->nv ? v->nv : 1, sizeof *nodes);
	if (!g || !nodes) {
		rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < v->nv && rc == GEO_OK; i++) {
		const geo_vertex *x = &v->v[i];
		snprintf(buf, sizeof buf, "n%zu", i);
		nodes[i] = gv.agnode(g, buf, 1);
		if (!nodes[i]) {
			rc = GEO_ENOMEM;
			break;
		}
		rc = set_text(nodes[i], "id", x->id, &tmp);
		if (rc == GEO_OK)
			rc = set_text(nodes[i], "label", x->label, &tmp);
		if (rc == GEO_OK)
			rc = set_raw(nodes[i], "type", geo_actor_type_name(x->type));
		if (rc == GEO_OK && x->affiliation)
			rc = set_text(nodes[i], "affiliation", x->affiliation, &tmp);
		if (rc == GEO_OK && v->rank)
			rc = set_real(nodes[i], "pagerank", v->rank[i]);
		if (rc == GEO_OK && v->community) {
			snprintf(buf, sizeof buf, "%lld", (long long)v->community[i]);
			rc = set_raw(nodes[i], "community", buf);
		}
	}
	for (size_t i = 0; i < v->ne && rc == GEO_OK; i++) {
		const geo_edge *e = &v->e[i];
		Agedge_t *ed = gv.agedge(g, nodes[e->from], nodes[e->to], NULL, 1);
		if (!ed) {
			rc = GEO_ENOMEM;
			break;
		}
		rc = set_text(ed, "relation", e->relation, &tmp);
		if (rc == GEO_OK)
			rc = set_text(ed, "label", e->display, &tmp);
		if (rc == GEO_OK && e->cameo)
			rc = set_text(ed, "cameo", e->cameo, &tmp);
		snprintf(buf, sizeof buf, "%d", e->quad);
		if (rc == GEO_OK)
			rc = set_raw(ed, "quad", buf);
		snprintf(buf, sizeof buf, "%zu", e->count);
		if (rc == GEO_OK)
			rc = set_raw(ed, "count", buf);
		if (rc == GEO_OK)
			rc = set_real(ed, "weight", e->weight);
		if (rc == GEO_OK)
			rc = set_real(ed, "goldstein", e->goldstein_mean);
		if (rc == GEO_OK)
			rc = set_real(ed, "goldstein_sum", e->goldstein_sum);
		if (rc == GEO_OK && e->first_date[0])
			rc = set_raw(ed, "first_date", e->first_date);
		if (rc == GEO_OK && e->last_date[0])
			rc = set_raw(ed, "last_date", e->last_date);
		snprintf(buf, sizeof buf, "%zu", e->docs);
		if (rc == GEO_OK)
			rc = set_raw(ed, "docs", buf);
	}
	if (rc != GEO_OK) {
		geo_error_set(err, rc, "out of memory");
		goto out;
	}
	if (gv.agwrite(g, fp) != 0)
		rc = geo_error_set(err, GEO_EIO, "DOT: write failed");
out:
	free(nodes);
	if (g)
		gv.agclose(g);
	geo_buf_free(&tmp);
	return rc;
}

/* ------------------------------------------------------------------ */
/* The picture                                                         */

/* Colours by family: cooperation cool, conflict warm. */
static const char *const family_colour[5] = {
	"#8c8c8c", /* unknown */
	"#3a78c2", /* verbal cooperation: blue */
	"#1b9e77", /* material cooperation: green */
	"#e6850e", /* verbal conflict: orange */
	"#c8281e", /* material conflict: red */
};

static const char *const family_name[5] = {
	"other", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict",
};

typedef struct {
	const char *shape, *style, *fill, *name;
} type_style;

static const type_style type_styles[] = {
	[GEO_ACTOR_UNKNOWN] = {"octagon", "filled", "#eeeeee", "other"},
	[GEO_ACTOR_COUNTRY] = {"ellipse", "filled", "#dbe8f5", "state"},
	[GEO_ACTOR_IGO] = {"box", "rounded,filled", "#fdebc8", "organisation"},
	[GEO_ACTOR_PERSON] = {"note", "filled", "#e3f1dc", "person"},
	[GEO_ACTOR_INSTITUTION] = {"component", "filled", "#ebe6f3", "institution"},
	[GEO_ACTOR_GROUP] = {"hexagon", "filled", "#f9dcd4", "group"},
};

static const type_style *style_of(geo_actor_type t)
{
	return (unsigned)t < sizeof type_styles / sizeof *type_styles ? &type_styles[t] : &type_styles[0];
}

/* An edge as drawn: one relation, or (merged) every relation of one
 * family between one pair. */
typedef struct dedge {
	size_t from, to;  /* picture node indices */
	int family;       /* 1-4 (0 unknown); merged: the heaviest member's */
	int group;        /* 0 cooperation, 1 conflict, 2 unknown: the merge key */
	double weight;
	size_t count;
	size_t first;     /* index of the heaviest member edge in the view */
	size_t members;
} dedge;

typedef struct picture {
	const geo_rview *v;
	size_t n;          /* nodes drawn */
	size_t *vid;       /* picture node -> view vertex */
	double *score;     /* per view vertex: what sizes and selects nodes */
	dedge *edges;
	size_t ne;
	size_t ne_all;     /* edges before the heaviest were picked */
	bool merged;
} picture;

static const double *cmp_score;

/* Highest score first; ties in id order, so the choice is deterministic. */
static int cmp_by_score(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;

	if (cmp_score[i] != cmp_score[j])
		return cmp_score[i] > cmp_score[j] ? -1 : 1;
	return i < j ? -1 : i > j;
}

static int cmp_size(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	return i < j ? -1 : i > j;
}

static int group_of(int family)
{
	return family == 1 || family == 2 ? 0 : family == 3 || family == 4 ? 1 : 2;
}

static int cmp_dedge(const void *a, const void *b)
{
	const dedge *x = a, *y = b;

	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	if (x->to != y->to)
		return x->to < y->to ? -1 : 1;
	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

/* Heaviest first; ties in view order. */
static int cmp_dedge_weight(const void *a, const void *b)
{
	const dedge *x = a, *y = b;

	if (x->weight != y->weight)
		return x->weight > y->weight ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

static void picture_free(picture *p)
{
	free(p->vid);
	free(p->score);
	free(p->edges);
}

/* Chooses the nodes and edges to draw. */
static geo_err picture_build(picture *p, const geo_rview *v, const geo_render_opts *o, geo_error *err)
{
	size_t *pos = NULL, keep;
	geo_err rc = GEO_OK;

	memset(p, 0, sizeof *p);
	p->v = v;
	p->vid = malloc((v->nv ? v->nv : 1) * sizeof *p->vid);
	p->score = calloc(v->nv ? v->nv : 1, sizeof *p->score);
	pos = malloc((v->nv ? v->nv : 1) * sizeof *pos);
	p->edges = malloc((v->ne ? v->ne : 1) * sizeof *p->edges);
	if (!p->vid || !p->score || !pos || !p->edges) {
		rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
		goto out;
	}
	/* PageRank when the graph has it, else weighted degree. */
	for (size_t i = 0; i < v->nv; i++)
		p->score[i] = v->rank ? v->rank[i] : 0;
	if (!v->rank)
		for (size_t i = 0; i < v->ne; i++) {
			p->score[v->e[i].from] += v->e[i].weight;
			p->score[v->e[i].to] += v->e[i].weight;
		}
	for (size_t i = 0; i < v->nv; i++)
		p->vid[i] = i;
	keep = o->all ? v->nv : o->top ? o->top : GEO_RENDER_TOP_DEFAULT;
	if (keep < v->nv) {
		cmp_score = p->score;
		qsort(p->vid, v->nv, sizeof *p->vid, cmp_by_score);
		cmp_score = NULL;
		/* Back in id order, so the DOT file lists actors alphabetically. */
		qsort(p->vid, keep, sizeof *p->vid, cmp_size);
	} else {
		keep = v->nv;
	}
	p->n = keep;
	for (size_t i = 0; i < v->nv; i++)
		pos[i] = SIZE_MAX;
	for (size_t i = 0; i < keep; i++)
		pos[p->vid[i]] = i;

	for (size_t i = 0; i < v->ne; i++) {
		const geo_edge *e = &v->e[i];
		if (pos[e->from] == SIZE_MAX || pos[e->to] == SIZE_MAX)
			continue;
		p->edges[p->ne++] = (dedge){
			.from = pos[e->from], .to = pos[e->to], .family = geo_edge_family(e),
			.group = group_of(geo_edge_family(e)), .weight = e->weight, .count = e->count,
			.first = i, .members = 1,
		};
	}
	/* Cluttered: more than two edges per node on average, and enough of
	 * them that labels start to collide. */
	p->merged = o->merge > 0 || (o->merge == 0 && p->ne > 2 * p->n && p->ne > 30);
	if (p->merged && p->ne) {
		size_t out_n = 0;
		qsort(p->edges, p->ne, sizeof *p->edges, cmp_dedge);
		for (size_t i = 0; i < p->ne; i++) {
			dedge *d = &p->edges[i], *last = out_n ? &p->edges[out_n - 1] : NULL;
			if (last && last->from == d->from && last->to == d->to && last->group == d->group) {
				if (d->weight > v->e[last->first].weight) {
					last->first = d->first;
					last->family = d->family;
				}
				last->weight += d->weight;
				last->count += d->count;
				last->members++;
			} else {
				p->edges[out_n++] = *d;
			}
		}
		p->ne = out_n;
	}
	/* Still more than two edges per actor: a hairball whatever the
	 * layout.  Draw each actor's heaviest edge, then the heaviest of the
	 * rest, and say so in the legend. */
	p->ne_all = p->ne;
	if (o->merge == 0 && p->ne > 2 * p->n && p->ne > 30) {
		size_t cap = 2 * p->n > 30 ? 2 * p->n : 30, kept = 0;
		bool *has = calloc(p->n, sizeof *has);
		dedge *order = malloc(p->ne * sizeof *order);
		if (!has || !order) {
			free(has);
			free(order);
			rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
			goto out;
		}
		qsort(p->edges, p->ne, sizeof *p->edges, cmp_dedge_weight);
		/* members counts 0 for an edge taken in the first pass. */
		for (size_t i = 0; i < p->ne; i++) {
			dedge *d = &p->edges[i];
			if (!has[d->from] || !has[d->to]) {
				has[d->from] = has[d->to] = true;
				order[kept++] = *d;
				d->members = 0;
			}
		}
		for (size_t i = 0; i < p->ne && kept < cap; i++)
			if (p->edges[i].members)
				order[kept++] = p->edges[i];
		memcpy(p->edges, order, kept * sizeof *order);
		p->ne = kept;
		free(has);
		free(order);
		qsort(p->edges, p->ne, sizeof *p->edges, cmp_dedge);
	}
out:
	free(pos);
	return rc;
}

/* "buys oil from ×3"; merged: "sanctions ×2 (+1 more)". */
static geo_err edge_label(geo_buf *b, const picture *p, const dedge *d)
{
	const geo_edge *e = &p->v->e[d->first];
	geo_err rc = geo_buf_puts(b, e->display);

	if (rc == GEO_OK && e->count > 1)
		rc = geo_buf_printf(b, " \xc3\x97%zu", e->count);
	if (rc == GEO_OK && d->members > 1)
		rc = geo_buf_printf(b, " (+%zu more)", d->members - 1);
	return rc;
}

static geo_err add_legend(Agraph_t *g, const picture *p)
{
	geo_buf b = {0};
	bool seen_family[5] = {false}, seen_type[sizeof type_styles / sizeof *type_styles] = {false};
	geo_err rc;
	Agnode_t *n;
	char *html = NULL;

	for (size_t i = 0; i < p->ne; i++)
		seen_family[p->edges[i].family] = true;
	for (size_t i = 0; i < p->n; i++) {
		geo_actor_type t = p->v->v[p->vid[i]].type;
		seen_type[(unsigned)t < sizeof type_styles / sizeof *type_styles ? t : 0] = true;
	}
	rc = geo_buf_puts(&b, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"1\">"
			      "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>Legend</B></TD></TR>");
	for (int f = 1; f <= 4 && rc == GEO_OK; f++)
		if (seen_family[f])
			rc = geo_buf_printf(&b, "<TR><TD WIDTH=\"28\" HEIGHT=\"12\">"
						"<FONT COLOR=\"%s\">&#9472;&#9472;&#9654;</FONT></TD>"
						"<TD ALIGN=\"LEFT\">%s</TD></TR>",
					    family_colour[f], family_name[f]);
	for (size_t t = 0; t < sizeof type_styles / sizeof *type_styles && rc == GEO_OK; t++)
		if (seen_type[t])
			rc = geo_buf_printf(&b, "<TR><TD BGCOLOR=\"%s\" BORDER=\"1\" WIDTH=\"28\" HEIGHT=\"12\">"
						" </TD><TD ALIGN=\"LEFT\">%s (%s)</TD></TR>",
					    type_styles[t].fill, type_styles[t].name, type_styles[t].shape);
	if (rc == GEO_OK)
		rc = geo_buf_puts(&b, "<TR><TD></TD><TD ALIGN=\"LEFT\">node size: PageRank</TD></TR>"
				      "<TR><TD></TD><TD ALIGN=\"LEFT\">edge width: weight</TD></TR>");
	if (rc == GEO_OK && p->merged)
		rc = geo_buf_puts(&b, "<TR><TD></TD><TD ALIGN=\"LEFT\">one edge per pair and family</TD></TR>");
	if (rc == GEO_OK && p->ne < p->ne_all)
		rc = geo_buf_printf(&b, "<TR><TD></TD><TD ALIGN=\"LEFT\">heaviest %zu of %zu edges</TD></TR>",
				    p->ne, p->ne_all);
	if (rc == GEO_OK)
		rc = geo_buf_puts(&b, "</TABLE>");
	if (rc != GEO_OK)
		goto out;
	n = gv.agnode(g, S("legend"), 1);
	html = gv.agstrdup_html(g, b.data);
	if (!n || !html || gv.agsafeset(n, S("label"), html, S("")) != 0 || set_raw(n, "shape", "plaintext") ||
	    set_raw(n, "style", "") || set_raw(n, "fontsize", "10"))
		rc = GEO_ENOMEM;
out:
	if (html)
		gv.agstrfree(g, html);
	geo_buf_free(&b);
	return rc;
}

/* Node font size from its score: 10 pt for the least, 24 pt for the most
 * central, by square root so mid-ranked actors stay readable. */
static double font_size(const picture *p, size_t i, double lo, double hi)
{
	double s = p->score[p->vid[i]];

	if (!(hi > lo))
		return 14;
	return 10 + 14 * sqrt((s - lo) / (hi - lo));
}

/* Whether drawn node i goes in its community's box: only communities
 * with two or more drawn members get one (communities are numbered from
 * 0, so csize, indexed by community, has p->n entries). */
static bool in_cluster(const picture *p, const size_t *csize, size_t i)
{
	int64_t c = p->v->community[p->vid[i]];

	return c >= 0 && (uint64_t)c < p->n && csize[c] >= 2;
}

static geo_err build_agraph(Agraph_t **out, const picture *p, const geo_render_opts *o, geo_layout layout)
{
	Agraph_t *g = new_graph();
	Agnode_t **nodes = calloc(p->n ? p->n : 1, sizeof *nodes);
	size_t *csize = calloc(p->n ? p->n : 1, sizeof *csize);
	geo_buf tmp = {0};
	double lo = INFINITY, hi = -INFINITY, wmax = 0;
	/* Past ~150 edges labels cover the picture: they become tooltips. */
	bool big = p->ne > GEO_RENDER_LABELS_MAX;
	geo_err rc = GEO_OK;
	char buf[64];

	if (!g || !nodes || !csize) {
		rc = GEO_ENOMEM;
		goto out;
	}
	for (size_t i = 0; p->v->community && i < p->n; i++) {
		int64_t c = p->v->community[p->vid[i]];
		if (c >= 0 && (uint64_t)c < p->n)
			csize[c]++;
	}
	for (size_t i = 0; i < p->n; i++) {
		double s = p->score[p->vid[i]];
		lo = s < lo ? s : lo;
		hi = s > hi ? s : hi;
	}
	for (size_t i = 0; i < p->ne; i++)
		wmax = p->edges[i].weight > wmax ? p->edges[i].weight : wmax;

	/* Defaults first, so the DOT file states them once. */
	if (!gv.agattr(g, AGRAPH, S("fontname"), S("Helvetica,Arial,sans-serif")) ||
	    !gv.agattr(g, AGRAPH, S("bgcolor"), S("white")) || !gv.agattr(g, AGRAPH, S("pad"), S("0.3")) ||
	    !gv.agattr(g, AGRAPH, S("outputorder"), S("edgesfirst")) ||
	    !gv.agattr(g, AGNODE, S("fontname"), S("Helvetica,Arial,sans-serif")) ||
	    !gv.agattr(g, AGNODE, S("style"), S("filled")) || !gv.agattr(g, AGNODE, S("color"), S("#555555")) ||
	    !gv.agattr(g, AGNODE, S("margin"), S("0.08,0.04")) ||
	    !gv.agattr(g, AGEDGE, S("fontname"), S("Helvetica,Arial,sans-serif")) ||
	    !gv.agattr(g, AGEDGE, S("fontsize"), S("9")) || !gv.agattr(g, AGEDGE, S("arrowsize"), S("0.7"))) {
		rc = GEO_ENOMEM;
		goto out;
	}
	if (layout == GEO_LAYOUT_DOT) {
		rc = set_raw(g, "nodesep", "0.35");
		if (rc == GEO_OK)
			rc = set_raw(g, "ranksep", "0.55");
	} else {
		/* Force-directed layouts: keep labels from overlapping nodes.
		 * "scale" spreads the layout until nothing overlaps; "prism"
		 * (tighter) together with routed splines gave Graphviz 2.42
		 * a different edge path now and then on the same input
		 * (3 runs in 20 of `dot` on one 40-actor graph). */
		rc = set_raw(g, "overlap", "scale");
		if (rc == GEO_OK)
			rc = set_raw(g, "sep", "+6");
		if (rc == GEO_OK)
			rc = set_raw(g, "splines", big && p->ne > 400 ? "false" : "true");
		if (rc == GEO_OK && layout == GEO_LAYOUT_SFDP)
			rc = set_raw(g, "K", "1.2");
	}
	if (rc != GEO_OK)
		goto out;

	for (size_t i = 0; i < p->n && rc == GEO_OK; i++) {
		const geo_vertex *x = &p->v->v[p->vid[i]];
		const type_style *st = style_of(x->type);
		Agraph_t *parent = g;

		if (o->cluster && p->v->community && in_cluster(p, csize, i)) {
			int64_t c = p->v->community[p->vid[i]];
			snprintf(buf, sizeof buf, "cluster_c%lld", (long long)c);
			parent = gv.agsubg(g, buf, 1);
			if (!parent) {
				rc = GEO_ENOMEM;
				break;
			}
			snprintf(buf, sizeof buf, "community %lld", (long long)c);
			rc = set_raw(parent, "label", buf);
			if (rc == GEO_OK)
				rc = set_raw(parent, "style", "rounded,filled");
			if (rc == GEO_OK)
				rc = set_raw(parent, "fillcolor", "#f6f6f6");
			if (rc == GEO_OK)
				rc = set_raw(parent, "color", "#bbbbbb");
			if (rc == GEO_OK)
				rc = set_raw(parent, "fontsize", "10");
			if (rc != GEO_OK)
				break;
		}
		snprintf(buf, sizeof buf, "n%zu", i);
		nodes[i] = gv.agnode(parent, buf, 1);
		if (!nodes[i]) {
			rc = GEO_ENOMEM;
			break;
		}
		rc = set_text(nodes[i], "label", x->label, &tmp);
		if (rc == GEO_OK)
			rc = set_tooltip(nodes[i], x->id, &tmp);
		if (rc == GEO_OK)
			rc = set_raw(nodes[i], "shape", st->shape);
		if (rc == GEO_OK && strcmp(st->style, "filled") != 0)
			rc = set_raw(nodes[i], "style", st->style);
		if (rc == GEO_OK)
			rc = set_raw(nodes[i], "fillcolor", st->fill);
		snprintf(buf, sizeof buf, "%.1f", font_size(p, i, lo, hi));
		if (rc == GEO_OK)
			rc = set_raw(nodes[i], "fontsize", buf);
	}
	for (size_t i = 0; i < p->ne && rc == GEO_OK; i++) {
		const dedge *d = &p->edges[i];
		Agedge_t *e = gv.agedge(g, nodes[d->from], nodes[d->to], NULL, 1);
		double width = wmax > 0 ? 0.8 + 3.2 * log1p(d->weight) / log1p(wmax) : 1;

		if (!e) {
			rc = GEO_ENOMEM;
			break;
		}
		geo_buf_reset(&tmp);
		rc = edge_label(&tmp, p, d);
		if (rc == GEO_OK) {
			/* The label text is ours plus display texts: escape the whole. */
			geo_buf esc = {0};
			if (big) {
				rc = set_tooltip(e, tmp.data, &esc);
			} else {
				rc = geo_esc_dot_label(&esc, tmp.data);
				if (rc == GEO_OK)
					rc = set_raw(e, "label", esc.data ? esc.data : "");
			}
			geo_buf_free(&esc);
		}
		if (rc == GEO_OK)
			rc = set_raw(e, "color", family_colour[d->family]);
		if (rc == GEO_OK && !big)
			rc = set_raw(e, "fontcolor", family_colour[d->family]);
		snprintf(buf, sizeof buf, "%.2f", width);
		if (rc == GEO_OK)
			rc = set_raw(e, "penwidth", buf);
	}
	if (rc == GEO_OK && o->legend && p->n)
		rc = add_legend(g, p);
out:
	free(nodes);
	free(csize);
	geo_buf_free(&tmp);
	if (rc != GEO_OK && g) {
		gv.agclose(g);
		g = NULL;
	}
	*out = g;
	return rc;
}

/* cairo 1.16 stamps PDFs with the time of day (and ignores
 * SOURCE_DATE_EPOCH).  The stamp becomes the graph's last event date, or
 * 1970-01-01: same length, so the file's byte offsets stay right. */
static void pdf_fix_date(char *data, size_t len, const geo_rview *v)
{
	static const char key[] = "/CreationDate (D:";
	char stamp[15] = "19700101000000";
	const char *last = "";

	for (size_t i = 0; i < v->ne; i++)
		if (strcmp(v->e[i].last_date, last) > 0)
			last = v->e[i].last_date;
	if (strlen(last) == 10)
		snprintf(stamp, sizeof stamp, "%.4s%.2s%.2s000000", last, last + 5, last + 8);
	for (size_t i = 0; i + sizeof key - 1 + 14 <= len; i++) {
		if (memcmp(data + i, key, sizeof key - 1) == 0) {
			memcpy(data + i + sizeof key - 1, stamp, 14);
			break;
		}
	}
}

/* One Graphviz context for the process.  A second gvContext() after
 * gvFreeContext() reads freed font names in the pango plugin (ASan and
 * valgrind show it), so the context is made once and kept. */
static GVC_t *shared_gvc;
static pthread_once_t shared_gvc_once = PTHREAD_ONCE_INIT;

static void shared_gvc_init(void)
{
	shared_gvc = gv.gvContext();
}

geo_err geo_render_view(const geo_rview *v, const geo_render_opts *o, FILE *out, geo_error *err)
{
	static const char *const renderers[] = {"dot", "svg", "png:cairo", "pdf:cairo"};
	picture p;
	Agraph_t *g = NULL;
	GVC_t *gvc = NULL;
	geo_layout layout = o->layout;
	bool laid_out = false;
	char *data = NULL;
	unsigned int len = 0;
	geo_err rc;

	if ((unsigned)o->format >= sizeof renderers / sizeof *renderers ||
	    (unsigned)o->layout >= sizeof layout_names / sizeof *layout_names)
		return geo_error_set(err, GEO_EUSAGE, "bad render options");
	if ((rc = gv_open(err)) != GEO_OK)
		return rc;
	rc = picture_build(&p, v, o, err);
	if (rc != GEO_OK)
		goto out;
	/* dot draws sparse graphs best; dense ones it spreads into a wide
	 * band, and past ~60 nodes it is slow (TOOLCHAIN.md timings). */
	if (layout == GEO_LAYOUT_AUTO && o->cluster && p.v->community)
		/* Only dot and fdp draw cluster boxes. */
		layout = p.n > GEO_RENDER_DOT_MAX ? GEO_LAYOUT_FDP : GEO_LAYOUT_DOT;
	else if (layout == GEO_LAYOUT_AUTO)
		layout = p.n > GEO_RENDER_DOT_MAX ? GEO_LAYOUT_SFDP
			 : p.ne <= p.n + 10        ? GEO_LAYOUT_DOT
						   : GEO_LAYOUT_NEATO;
	gv_errors_begin();
	rc = build_agraph(&g, &p, o, layout);
	if (rc != GEO_OK) {
		geo_error_set(err, rc, "out of memory");
		goto out;
	}
	if (set_raw(g, "layout", geo_layout_name(layout)) != GEO_OK) {
		rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
		goto out;
	}
	if (o->format == GEO_IMAGE_DOT) {
		if (gv.agwrite(g, out) != 0)
			rc = geo_error_set(err, GEO_EIO, "write failed");
		goto out;
	}
	pthread_once(&shared_gvc_once, shared_gvc_init);
	gvc = shared_gvc;
	if (!gvc) {
		rc = geo_error_set(err, GEO_ENOMEM, "out of memory (Graphviz context)");
		goto out;
	}
	if (gv.gvLayout(gvc, g, geo_layout_name(layout)) != 0) {
		rc = geo_error_set(err, GEO_EINTERNAL, "Graphviz layout %s failed: %s", geo_layout_name(layout),
				   gv_errors_text());
		goto out;
	}
	laid_out = true;
	/* Into memory first: gvRender() on a FILE calls exit() when a write
	 * fails (a full disk), which a library must never do. */
	if (gv.gvRenderData(gvc, g, S(renderers[o->format]), &data, &len) != 0 || !data) {
		rc = geo_error_set(err, GEO_EINTERNAL, "Graphviz could not render %s: %s",
				   geo_image_format_name(o->format), gv_errors_text());
		goto out;
	}
	if (o->format == GEO_IMAGE_PDF)
		pdf_fix_date(data, len, v);
	if (len && fwrite(data, 1, len, out) != len)
		rc = geo_error_set(err, GEO_EIO, "write failed");
out:
	if (data)
		gv.gvFreeRenderData(data);
	if (laid_out)
		gv.gvFreeLayout(gvc, g);
	if (g)
		gv.agclose(g);
	picture_free(&p);
	return rc;
}

geo_err geo_render_view_mem(const geo_rview *v, const geo_render_opts *o, char **data, size_t *len,
			    geo_error *err)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);
	geo_err rc;

	*data = NULL;
	*len = 0;
	if (!fp)
		return geo_error_set(err, GEO_ENOMEM, "out of memory");
	rc = geo_render_view(v, o, fp, err);
	if (fclose(fp) != 0 && rc == GEO_OK)
		rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
	if (rc != GEO_OK) {
		free(buf);
		return rc;
	}
	*data = buf;
	*len = n;
	return GEO_OK;
}

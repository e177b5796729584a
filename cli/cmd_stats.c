/* cmd_stats.c - geograph stats: what was read and what graph it made. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "graph_internal.h"

#define TOP_PAIRS 10
#define PAIR_AHEAD 16 /* edges between a pair's prefetch and its use */

/* Rows of the "by relation" table. */
typedef struct rel_row {
	const char *label, *display;
	size_t edges, events;
} rel_row;

static int cmp_rel(const void *x, const void *y)
{
	const rel_row *a = x, *b = y;

	if (a->events != b->events)
		return a->events > b->events ? -1 : 1;
	return strcmp(a->label, b->label);
}

/* An ordered pair: its first edge index (edges are sorted by pair) and
 * how many edges and events it has. */
typedef struct pair_row {
	size_t first, nedges, events;
} pair_row;

static int cmp_pair(const void *x, const void *y)
{
	const pair_row *a = x, *b = y;

	if (a->events != b->events)
		return a->events > b->events ? -1 : 1;
	/* Edges are in (source id, target id) order already. */
	return a->first < b->first ? -1 : a->first > b->first;
}

/*
 * The row of relation label in rels[0..*nrel), added when new.  index is
 * an open-addressing table of cap (a power of two, > twice the labels)
 * row numbers plus one, keyed by the label's address: the graph's labels
 * are interned, so one relation has one address and a lookup costs no
 * string compare.  Should two addresses hold one label, the strcmp scan
 * still finds its row, and the new address joins the table.
 */
static size_t rel_row_of(rel_row *rels, size_t *nrel, size_t *index, const char **keys, size_t cap,
			 const geo_edge *e)
{
	size_t h = ((size_t)(uintptr_t)e->relation >> 3) * 0x9E3779B97F4A7C15ULL, i, r;

	for (i = (h >> 20) & (cap - 1); index[i]; i = (i + 1) & (cap - 1))
		if (keys[i] == e->relation)
			return index[i] - 1;
	for (r = 0; r < *nrel && strcmp(rels[r].label, e->relation) != 0; r++)
		;
	if (r == *nrel)
		rels[(*nrel)++] = (rel_row){.label = e->relation, .display = e->display};
	keys[i] = e->relation;
	index[i] = r + 1;
	return r;
}

static void plural(FILE *fp, size_t n, const char *one, const char *many)
{
	fprintf(fp, "%zu %s", n, n == 1 ? one : many);
}

/* One of the pairs with most events: its actors, and its edges in
 * relation label order. */
typedef struct top_pair {
	const char *from, *to;
	size_t events, nedges;
	const char **labels;
	size_t *counts;
	size_t *ranks; /* from the aggregate: the labels' ranks */
} top_pair;

/* Everything stats prints from "dates:" on, from the graph or, when no
 * graph option filters anything, from the aggregate. */
typedef struct summary {
	size_t nv, ne, npairs, events, undated;
	char first[11], last[11]; /* "" when no edge is dated */
	size_t bytype[GEO_ACTOR_GROUP + 1], fam_edges[5], fam_events[5];
	rel_row *rels;
	size_t nrel;
	top_pair top[TOP_PAIRS];
	size_t ntop;
} summary;

static void summary_free(summary *s)
{
	for (size_t p = 0; p < s->ntop; p++) {
		free(s->top[p].labels);
		free(s->top[p].counts);
		free(s->top[p].ranks);
	}
	free(s->rels);
}

/* strcmp of two dates of geo_edge (char[11]): the first 8 bytes compared
 * as one number when neither holds the NUL, as in "YYYY-MM-DD" (two
 * strcmp calls per edge showed in the profile of counting the
 * aggregate). */
static int date_cmp(const char *x, const char *y)
{
#if defined(__GNUC__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	uint64_t a, b;

	memcpy(&a, x, 8);
	memcpy(&b, y, 8);
	if (a != b && !((a - ones) & ~a & high) && !((b - ones) & ~b & high))
		return __builtin_bswap64(a) < __builtin_bswap64(b) ? -1 : 1;
#endif
	return strcmp(x, y);
}

/* A graph edge's dates' share of the summary. */
static void note_dates(summary *s, const char *first_date, const char *last_date)
{
	if (!first_date[0])
		s->undated++;
	else {
		if (!s->first[0] || date_cmp(first_date, s->first) < 0)
			memcpy(s->first, first_date, sizeof s->first);
		if (!s->last[0] || date_cmp(last_date, s->last) > 0)
			memcpy(s->last, last_date, sizeof s->last);
	}
}

/* nedges edges of nevents events, of quad and trade, in the families. */
static void note_family(summary *s, int quad, bool trade, size_t nedges, size_t nevents)
{
	unsigned fam = 0;

	if (quad == 1 || quad == 2)
		fam |= 1;
	if (quad == 3 || quad == 4)
		fam |= 2;
	if (quad == 1 || quad == 3)
		fam |= 4;
	if (quad == 2 || quad == 4)
		fam |= 8;
	if (trade)
		fam |= 16;
	for (int k = 0; k < 5; k++)
		if (fam & (1u << k)) {
			s->fam_edges[k] += nedges;
			s->fam_events[k] += nevents;
		}
}

/* An edge's share of the counts but its dates; rel is its row in s->rels. */
static void note_edge(summary *s, rel_row *rel, int quad, bool trade, size_t count)
{
	s->events += count;
	rel->edges++;
	rel->events += count;
	note_family(s, quad, trade, 1, count);
}

static void note_type(summary *s, geo_actor_type t)
{
	s->bytype[(unsigned)t <= GEO_ACTOR_GROUP ? t : GEO_ACTOR_UNKNOWN]++;
}

/* Room for the edges of top pair t. */
static bool top_alloc(top_pair *t)
{
	t->labels = calloc(t->nedges + 1, sizeof *t->labels);
	t->counts = calloc(t->nedges + 1, sizeof *t->counts);
	return t->labels && t->counts;
}

static geo_err summarise_graph(const geo_graph *g, summary *s, geo_error *err)
{
	size_t ne = geo_graph_ecount(g), nv = geo_graph_vcount(g), nrel = 0, npairs = 0, ntop;
	pair_row *pairs = calloc(ne + 1, sizeof *pairs);
	size_t cap = 64, *index = NULL;
	const char **keys = NULL;
	geo_err rc = GEO_OK;

	s->ne = ne;
	s->nv = nv;
	s->rels = calloc(ne + 1, sizeof *s->rels);
	/* At most one distinct label address per edge. */
	while (cap < 2 * ne + 2)
		cap *= 2;
	index = calloc(cap, sizeof *index);
	keys = calloc(cap, sizeof *keys);
	if (!s->rels || !pairs || !index || !keys)
		goto nomem;
	for (size_t i = 0; i < ne; i++) {
		const geo_edge *e = geo_graph_edge(g, i);
		size_t r = rel_row_of(s->rels, &nrel, index, keys, cap, e);

		note_edge(s, &s->rels[r], e->quad, e->trade, e->count);
		note_dates(s, e->first_date, e->last_date);
		if (npairs && geo_graph_edge(g, pairs[npairs - 1].first)->from == e->from &&
		    geo_graph_edge(g, pairs[npairs - 1].first)->to == e->to) {
			pairs[npairs - 1].nedges++;
			pairs[npairs - 1].events += e->count;
		} else {
			pairs[npairs++] = (pair_row){.first = i, .nedges = 1, .events = e->count};
		}
	}
	s->nrel = nrel;
	s->npairs = npairs;
	for (size_t i = 0; i < nv; i++)
		note_type(s, geo_graph_vertex(g, i)->type);

	/* Only the first TOP_PAIRS in cmp_pair order are shown: an insertion
	 * into that short list per pair, not a sort of every pair. */
	ntop = 0;
	for (size_t p = 0; p < npairs; p++) {
		pair_row cur = pairs[p];
		size_t k = ntop < TOP_PAIRS ? ntop++ : TOP_PAIRS;
		if (k == TOP_PAIRS && cmp_pair(&cur, &pairs[TOP_PAIRS - 1]) >= 0)
			continue;
		if (k == TOP_PAIRS)
			k--;
		for (; k > 0 && cmp_pair(&cur, &pairs[k - 1]) < 0; k--)
			pairs[k] = pairs[k - 1];
		pairs[k] = cur;
	}
	for (size_t p = 0; p < ntop; p++) {
		const geo_edge *e = geo_graph_edge(g, pairs[p].first);
		top_pair *t = &s->top[s->ntop++];

		*t = (top_pair){.from = geo_graph_vertex(g, e->from)->id, .to = geo_graph_vertex(g, e->to)->id,
				.events = pairs[p].events, .nedges = pairs[p].nedges};
		if (!top_alloc(t))
			goto nomem;
		for (size_t k = 0; k < t->nedges; k++) {
			const geo_edge *x = geo_graph_edge(g, pairs[p].first + k);
			t->labels[k] = x->relation;
			t->counts[k] = x->count;
		}
	}
	goto out;
nomem:
	rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
out:
	free(index);
	free(keys);
	free(pairs);
	return rc;
}

/*
 * From the aggregate.  Without a filter the graph holds every edge of the
 * aggregate and every actor with an edge, so what stats prints can be
 * counted from the aggregate's records as they lie, without the graph's
 * copy of them (which doubled the memory of `stats` and was a tenth of
 * its time on GDELT).  What the graph's order decides - ties between
 * pairs, the order of a pair's relations - comes from ranks of the ids
 * and labels.  The output is the graph path's byte for byte (a CLI test
 * compares them).
 */

/* A pair of the aggregate: its vertices, counts, and its place among the
 * top pairs (0: none). */
typedef struct agg_pair {
	uint32_t from, to;
	uint32_t nedges; /* 0: an empty slot */
	uint32_t top1;
	size_t events;
} agg_pair;

/* The pairs: with few actors an array of every (from, to), else an open
 * addressing table. */
typedef struct pair_table {
	agg_pair *slot;
	size_t nv; /* > 0: slot is the nv x nv array */
	size_t cap, n;
} pair_table;

#define DENSE_PAIRS_MAX 1024 /* actors; the array is then at most 24 MB,
			      * of which only the pairs met are touched */

/* The first slot where (from, to) may be. */
static size_t pair_home(const pair_table *t, uint32_t from, uint32_t to)
{
	if (t->nv)
		return (size_t)from * t->nv + to;
	return (size_t)((((uint64_t)from << 32 | to) * 0x9E3779B97F4A7C15ULL) >> 20) & (t->cap - 1);
}

static agg_pair *pair_find(const pair_table *t, uint32_t from, uint32_t to)
{
	size_t i = pair_home(t, from, to);

	if (t->nv)
		return &t->slot[i];
	while (t->slot[i].nedges && (t->slot[i].from != from || t->slot[i].to != to))
		i = (i + 1) & (t->cap - 1);
	return &t->slot[i];
}

static bool pair_grow(pair_table *t)
{
	pair_table nt = {.cap = t->cap ? 2 * t->cap : 1024, .n = t->n};

	if (!(nt.slot = calloc(nt.cap, sizeof *nt.slot)))
		return false;
	for (size_t i = 0; i < t->cap; i++)
		if (t->slot[i].nedges)
			*pair_find(&nt, t->slot[i].from, t->slot[i].to) = t->slot[i];
	free(t->slot);
	*t = nt;
	return true;
}

static bool pair_init(pair_table *t, size_t nv)
{
	if (nv == 0 || nv > DENSE_PAIRS_MAX)
		return pair_grow(t);
	t->nv = nv;
	t->cap = nv * nv;
	return (t->slot = calloc(t->cap, sizeof *t->slot)) != NULL;
}

/* The pair (from, to), made when new; NULL when out of memory. */
static agg_pair *pair_get(pair_table *t, uint32_t from, uint32_t to)
{
	agg_pair *p = pair_find(t, from, to);

	if (p->nedges)
		return p;
	if (!t->nv && (t->n + 1) * 2 > t->cap) {
		if (!pair_grow(t))
			return NULL;
		p = pair_find(t, from, to);
	}
	p->from = from;
	p->to = to;
	t->n++;
	return p;
}

typedef struct id_rank {
	const char *id;
	size_t idx;
} id_rank;

static int cmp_id_rank(const void *x, const void *y)
{
	return strcmp(((const id_rank *)x)->id, ((const id_rank *)y)->id);
}

/* rank[i] = place of ids[i] in strcmp order. */
static bool rank_ids(const char *const *ids, size_t n, size_t stride, size_t *rank)
{
	id_rank *order = malloc((n + 1) * sizeof *order);

	if (!order)
		return false;
	for (size_t i = 0; i < n; i++)
		order[i] = (id_rank){.id = *(const char *const *)(const void *)((const char *)ids + i * stride),
				     .idx = i};
	qsort(order, n, sizeof *order, cmp_id_rank);
	for (size_t i = 0; i < n; i++)
		rank[order[i].idx] = i;
	free(order);
	return true;
}

/* Whether pair x comes before pair y among the top pairs (cmp_pair's
 * order: more events, then (source id, target id)). */
static bool pair_before(const agg_pair *x, const agg_pair *y, const size_t *vrank)
{
	if (x->events != y->events)
		return x->events > y->events;
	if (vrank[x->from] != vrank[y->from])
		return vrank[x->from] < vrank[y->from];
	return vrank[x->to] < vrank[y->to];
}

static geo_err summarise_agg(const geo_agg *a, summary *s, geo_error *err)
{
	size_t nv = a->nv, nrel = a->nrels, *vrank = NULL, *rrank = NULL, ntop = 0;
	uint32_t first = 0, last = 0; /* date codes; 0: none yet */
	const geo_relation_info **ri = NULL;
	agg_pair *top[TOP_PAIRS];
	pair_table pt = {0};
	bool *alive = NULL;
	geo_err rc = GEO_OK;

	if (geo_agg_flush(a) != GEO_OK)
		goto nomem;
	vrank = malloc((nv + 1) * sizeof *vrank);
	rrank = malloc((nrel + 1) * sizeof *rrank);
	alive = calloc(nv + 1, sizeof *alive);
	ri = calloc(nrel + 1, sizeof *ri);
	s->rels = calloc(nrel + 1, sizeof *s->rels);
	if (!vrank || !rrank || !alive || !ri || !s->rels || !pair_init(&pt, nv) ||
	    (nv && !rank_ids(&a->v[0].id, nv, sizeof *a->v, vrank)) ||
	    (nrel && !rank_ids(a->rels, nrel, sizeof *a->rels, rrank)))
		goto nomem;
	for (size_t r = 0; r < nrel; r++) {
		ri[r] = a->dict ? geo_dict_relation(a->dict, a->rels[r]) : NULL;
		s->rels[r] = (rel_row){.label = a->rels[r],
				       .display = ri[r] && ri[r]->display ? ri[r]->display : a->rels[r]};
	}
	for (size_t i = 0; i < a->ne; i++) {
		const geo_agg_edge *e = &a->e[i];
		const geo_relation_info *r = ri[e->rel];
		agg_pair *p;
		size_t count = (size_t)geo_agg_edge_count(a, i);

		/* Edges come in first-seen order, so their pairs at random: the
		 * pair of an edge some edges ahead is asked for now (on 10^6
		 * generated GDELT rows waiting for it was 3% of `stats`).  A
		 * table that grows in between makes the guess wrong, not the
		 * count. */
		if (i + PAIR_AHEAD < a->ne)
			GEO_PREFETCH(&pt.slot[pair_home(&pt, a->e[i + PAIR_AHEAD].from, a->e[i + PAIR_AHEAD].to)]);

		/* The families of a relation the dictionary knows are its
		 * own, counted once per relation below; others go by the
		 * edge's quad. */
		s->events += count;
		s->rels[e->rel].edges++;
		s->rels[e->rel].events += count;
		if (!r)
			note_family(s, geo_agg_edge_quad(a, i), false, 1, count);
		/* Dates are compared as the aggregate's codes, read out once. */
		if (!e->first_date)
			s->undated++;
		else {
			if (!first || geo_agg_date_cmp(a, e->first_date, first) < 0)
				first = e->first_date;
			if (!last || geo_agg_date_cmp(a, e->last_date, last) > 0)
				last = e->last_date;
		}
		alive[e->from] = alive[e->to] = true;
		if (!(p = pair_get(&pt, e->from, e->to)))
			goto nomem;
		p->events += count;
		p->nedges++;
	}
	for (size_t r = 0; r < nrel; r++)
		if (ri[r])
			note_family(s, ri[r]->quad, ri[r]->trade, s->rels[r].edges, s->rels[r].events);
	geo_agg_date_str(a, first, s->first);
	geo_agg_date_str(a, last, s->last);
	s->ne = a->ne;
	s->npairs = pt.n;
	/* Relations without an edge are not in the graph. */
	for (size_t r = 0; r < nrel; r++)
		if (s->rels[r].edges)
			s->rels[s->nrel++] = s->rels[r];
	for (size_t i = 0; i < nv; i++) {
		const geo_agg_vertex *av = &a->v[i];
		const geo_actor_info *info;

		if (!alive[i])
			continue;
		s->nv++;
		info = a->dict ? geo_dict_actor(a->dict, av->id) : NULL;
		note_type(s, info ? info->type
			  : av->type != GEO_ACTOR_UNKNOWN ? av->type : geo_graph_guess_type(av->id));
	}

	for (size_t i = 0; i < pt.cap; i++) {
		agg_pair *p = &pt.slot[i];
		size_t k;

		if (!p->nedges || (ntop == TOP_PAIRS && !pair_before(p, top[TOP_PAIRS - 1], vrank)))
			continue;
		k = ntop < TOP_PAIRS ? ntop++ : TOP_PAIRS - 1;
		for (; k > 0 && pair_before(p, top[k - 1], vrank); k--)
			top[k] = top[k - 1];
		top[k] = p;
	}
	/* alive[] now marks the sources of top pairs: most edges are passed
	 * over without a pair lookup. */
	memset(alive, 0, nv * sizeof *alive);
	for (size_t k = 0; k < ntop; k++) {
		top_pair *t = &s->top[s->ntop++];

		alive[top[k]->from] = true;

		*t = (top_pair){.from = a->v[top[k]->from].id, .to = a->v[top[k]->to].id, .events = top[k]->events};
		top[k]->top1 = k + 1;
		t->nedges = top[k]->nedges;
		if (!top_alloc(t) || !(t->ranks = calloc(t->nedges + 1, sizeof *t->ranks)))
			goto nomem;
		t->nedges = 0;
	}
	for (size_t i = 0; i < a->ne && ntop; i++) {
		const geo_agg_edge *e = &a->e[i];
		const agg_pair *p;
		top_pair *t;
		size_t k;

		if (!alive[e->from] || !(p = pair_find(&pt, e->from, e->to))->top1)
			continue;
		/* Insertion by label rank: a pair has a few relations. */
		t = &s->top[p->top1 - 1];
		for (k = t->nedges++; k > 0 && rrank[e->rel] < t->ranks[k - 1]; k--) {
			t->labels[k] = t->labels[k - 1];
			t->counts[k] = t->counts[k - 1];
			t->ranks[k] = t->ranks[k - 1];
		}
		t->labels[k] = a->rels[e->rel];
		t->counts[k] = (size_t)geo_agg_edge_count(a, i);
		t->ranks[k] = rrank[e->rel];
	}
	goto out;
nomem:
	rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
out:
	free(pt.slot);
	free(vrank);
	free(rrank);
	free(alive);
	free(ri);
	return rc;
}
static void write_stats(FILE *fp, const cli_inputs *in, const geo_source_stats *st, const geo_agg_stats *as,
			const summary *s)
{
	static const char *const families[] = {"cooperation", "conflict", "verbal", "material", "trade"};
	size_t skipped = 0;

	fputs("read:       ", fp);
	plural(fp, st->files, "file", "files");
	fputs(", ", fp);
	plural(fp, st->records, "record", "records");
	fputs(", ", fp);
	plural(fp, st->documents, "text document or GDELT row", "text documents or GDELT rows");
	fputs(", ", fp);
	plural(fp, st->sentences, "sentence", "sentences");
	fputc('\n', fp);
	fputs("skipped:    ", fp);
	for (int i = 0; i < GEO_SKIP_NREASONS; i++)
		if (st->skipped[i])
			fprintf(fp, "%s%zu %s", skipped++ ? ", " : "", st->skipped[i], geo_skip_name((geo_skip)i));
	fputs(skipped ? "\n" : "none\n", fp);
	fprintf(fp, "events:     %zu read, %zu in the aggregate; dropped %zu self-loop%s, %zu negated, %zu outside the dates\n",
		as->events, as->kept, as->self_loops, as->self_loops == 1 ? "" : "s", as->negated, as->out_of_range);
	fprintf(fp, "documents:  %zu (runs of one document id among those events)\n", as->documents);

	fprintf(fp, "dates:      %s to %s", s->first[0] ? s->first : "-", s->last[0] ? s->last : "-");
	if (s->undated)
		fprintf(fp, " (%zu edge%s without a date)", s->undated, s->undated == 1 ? "" : "s");
	fputc('\n', fp);
	fprintf(fp, "graph:      level %s; %zu actor%s, %zu edge%s (%zu ordered pair%s), %zu event%s\n",
		in->level == GEO_LEVEL_ACTOR ? "actor" : "country", s->nv, s->nv == 1 ? "" : "s", s->ne,
		s->ne == 1 ? "" : "s", s->npairs, s->npairs == 1 ? "" : "s", s->events, s->events == 1 ? "" : "s");

	fputs("\nactors by type:\n", fp);
	for (int t = GEO_ACTOR_COUNTRY; t <= GEO_ACTOR_GROUP + 1; t++) {
		geo_actor_type tt = t > GEO_ACTOR_GROUP ? GEO_ACTOR_UNKNOWN : (geo_actor_type)t;
		if (s->bytype[tt])
			fprintf(fp, "  %-12s %6zu\n", geo_actor_type_name(tt), s->bytype[tt]);
	}

	qsort(s->rels, s->nrel, sizeof *s->rels, cmp_rel);
	fprintf(fp, "\nedges by relation:\n  %-22s %6s %7s  %s\n", "relation", "edges", "events", "shown as");
	for (size_t r = 0; r < s->nrel; r++)
		fprintf(fp, "  %-22s %6zu %7zu  %s\n", s->rels[r].label, s->rels[r].edges, s->rels[r].events,
			s->rels[r].display);

	fprintf(fp, "\nedges by family:\n  %-22s %6s %7s\n", "family", "edges", "events");
	for (int k = 0; k < 5; k++)
		fprintf(fp, "  %-22s %6zu %7zu\n", families[k], s->fam_edges[k], s->fam_events[k]);

	fprintf(fp, "\ntop pairs by events:\n");
	for (size_t p = 0; p < s->ntop; p++) {
		const top_pair *t = &s->top[p];
		fprintf(fp, "  %s -> %s  %zu:", t->from, t->to, t->events);
		for (size_t k = 0; k < t->nedges; k++)
			fprintf(fp, "%s %s %zu", k ? "," : "", t->labels[k], t->counts[k]);
		fputc('\n', fp);
	}
}

/* Whether the graph options leave every edge of the aggregate, and every
 * actor with an edge, in the graph. */
static bool unfiltered(const cli_graph_opts *go)
{
	const geo_filter *f = &go->filter;
	size_t top = go->all ? 0 : go->top_set ? f->top : go->top_default;

	return !f->relations && !f->since[0] && !f->until[0] && f->min_count == 0 && !f->ego && top == 0;
}

static int run(const cli_cmd *self, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		CLI_INPUT_LONGOPTS,
		CLI_GRAPH_LONGOPTS,
		{NULL, 0, NULL, 0},
	};
	cli_inputs in = {0};
	cli_graph_opts go = {0};
	const char *output = "-";
	geo_dict *dict = NULL;
	geo_agg *agg = NULL;
	geo_graph *g = NULL;
	geo_outfile *out = NULL;
	geo_source_stats st;
	summary sum = {0};
	geo_error err = {0};
	int opt, status = EXIT_OK;

	while ((opt = cli_next_option(self, argc, argv, ":o:h", longopts, &in, &go, &status)) >= 0) {
		switch (opt) {
		case 'o':
			output = optarg;
			break;
		}
	}
	if (opt == CLI_OPTS_EXIT)
		return status;
	if (optind == argc)
		return cli_usage_error(self, "no INPUT given (use - for standard input)");
	cli_diag_setup(self, in.quiet, in.verbose);

	if ((status = cli_load_agg(self, &in, &go, argv + optind, argc - optind, &dict, &agg, &st)) != EXIT_OK)
		goto done;
	if (unfiltered(&go)) {
		if (summarise_agg(agg, &sum, &err) != GEO_OK)
			goto fail;
	} else {
		if ((status = cli_build_graph(self, &go, agg, &g)) != EXIT_OK)
			goto done;
		if (summarise_graph(g, &sum, &err) != GEO_OK)
			goto fail;
	}
	if (geo_outfile_open(&out, output, &err) != GEO_OK)
		goto fail;
	write_stats(geo_outfile_fp(out), &in, &st, geo_agg_get_stats(agg), &sum);
	if (cli_commit(&out, &err) != GEO_OK)
		goto fail;
	goto done;
fail:
	status = cli_fail(self, &err);
	geo_outfile_abort(out);
done:
	summary_free(&sum);
	geo_graph_free(g);
	geo_agg_free(agg);
	geo_dict_free(dict);
	return status;
}

const cli_cmd cmd_stats = {
	.name = "stats",
	.summary = "count documents, events, actors and edges",
	.help = "Usage: geograph stats [OPTIONS] INPUT...\n"
		"\n"
		"Reads INPUT (text, events JSON Lines, GDELT) and says what was read and\n"
		"what graph it makes: files, records, documents and sentences read; what\n"
		"was skipped and why; events kept and dropped (self-loops, negated, outside\n"
		"the dates); the date range; actors by type; edges and events by relation\n"
		"and by family; the ten ordered pairs with most events.  The graph options\n"
		"filter what is counted from \"graph:\" on (default: every actor).\n"
		"\n"
		"Options:\n"
		"  -o, --output FILE  write to FILE (default: standard output)\n"
		"  -h, --help         show this help\n"
		CLI_GRAPH_HELP
		CLI_INPUT_HELP,
	.run = run,
};

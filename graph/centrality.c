/* centrality.c - the measures of geo_graph_compute(), through igraph. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "graph_internal.h"

/* Leiden passes over the graph; each pass can only improve the partition,
 * and past a few the gain is nil on news graphs. */
#define LEIDEN_ITERATIONS 20

/* The igraph graph of pair edges plus their weights. */
typedef struct pair_graph {
	igraph_t g;
	bool has_g;
	igraph_vector_t w;    /* weights, one per pair */
	igraph_vector_t dist; /* 1 / weight */
	bool has_w;
} pair_graph;

static geo_err make_igraph(igraph_t *ig, bool *has, size_t n, size_t m, const size_t *from,
			   const size_t *to, bool directed, geo_error *err)
{
	igraph_vector_int_t ev;
	geo_err rc = GEO_OK;
	bool has_ev = false;

	GEO_IGRAPH(igraph_vector_int_init(&ev, (igraph_integer_t)(2 * m)), "edge list");
	has_ev = true;
	for (size_t i = 0; i < m; i++) {
		VECTOR(ev)[2 * i] = (igraph_integer_t)from[i];
		VECTOR(ev)[2 * i + 1] = (igraph_integer_t)to[i];
	}
	GEO_IGRAPH(igraph_create(ig, &ev, (igraph_integer_t)n, directed), "graph");
	*has = true;
out:
	if (has_ev)
		igraph_vector_int_destroy(&ev);
	return rc;
}

geo_err geo_graph_pagerank_pairs(size_t n, size_t m, const size_t *from, const size_t *to,
				 const double *weight, double *res, geo_error *err)
{
	igraph_t g;
	igraph_vector_t w, pr;
	bool has_g = false, has_w = false, has_pr = false;
	igraph_real_t value;
	geo_err rc = GEO_OK;

	geo_igraph_init();
	if (n == 0)
		return GEO_OK;
	if ((rc = make_igraph(&g, &has_g, n, m, from, to, true, err)) != GEO_OK)
		goto out;
	GEO_IGRAPH(igraph_vector_init(&w, (igraph_integer_t)m), "weights");
	has_w = true;
	for (size_t i = 0; i < m; i++)
		VECTOR(w)[i] = weight[i];
	GEO_IGRAPH(igraph_vector_init(&pr, 0), "pagerank");
	has_pr = true;
	GEO_IGRAPH(igraph_pagerank(&g, IGRAPH_PAGERANK_ALGO_PRPACK, &pr, &value, igraph_vss_all(), true,
				   0.85, &w, NULL),
		   "pagerank");
	for (size_t i = 0; i < n; i++)
		res[i] = VECTOR(pr)[i];
out:
	if (has_pr)
		igraph_vector_destroy(&pr);
	if (has_w)
		igraph_vector_destroy(&w);
	if (has_g)
		igraph_destroy(&g);
	return rc;
}

static double pair_weight(const geo_edge *e, geo_weight_mode mode)
{
	switch (mode) {
	case GEO_WEIGHT_MENTIONS:
		return e->weight;
	case GEO_WEIGHT_GOLDSTEIN_ABS:
		return e->goldstein_abs_sum;
	case GEO_WEIGHT_NONE:
		return 1.0;
	case GEO_WEIGHT_COUNT:
	default:
		return (double)e->count;
	}
}

/* Merges the relation edges of each ordered pair (they are adjacent, edges
 * being sorted by pair) into from/to/w arrays; returns the pair count. */
static size_t collect_pairs(const geo_graph *g, geo_weight_mode mode, size_t *from, size_t *to,
			    double *w)
{
	size_t m = 0, ne = geo_graph_ecount(g);

	for (size_t i = 0; i < ne; i++) {
		const geo_edge *e = geo_graph_edge(g, i);
		double x = pair_weight(e, mode);
		if (m && from[m - 1] == e->from && to[m - 1] == e->to) {
			if (mode != GEO_WEIGHT_NONE)
				w[m - 1] += x;
		} else {
			from[m] = e->from;
			to[m] = e->to;
			w[m] = x;
			m++;
		}
	}
	/* A pair of weight 0 would be an infinitely long path: leave it out. */
	if (mode != GEO_WEIGHT_NONE) {
		size_t k = 0;
		for (size_t i = 0; i < m; i++)
			if (w[i] > 0) {
				from[k] = from[i];
				to[k] = to[i];
				w[k] = w[i];
				k++;
			}
		m = k;
	}
	return m;
}

typedef struct upair {
	size_t a, b;
	double w;
} upair;

static int cmp_upair(const void *x, const void *y)
{
	const upair *p = x, *q = y;

	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	if (p->b != q->b)
		return p->b < q->b ? -1 : 1;
	return 0;
}

/* Community ids renumbered by size (largest first), ties by lowest vertex. */
static geo_err renumber(const igraph_vector_int_t *memb, size_t n, double *out, size_t *ncomm,
			geo_error *err)
{
	size_t k = 0, *size = NULL, *first = NULL, *order = NULL, *newid = NULL;
	geo_err rc = GEO_OK;

	for (size_t i = 0; i < n; i++)
		if ((size_t)VECTOR(*memb)[i] + 1 > k)
			k = (size_t)VECTOR(*memb)[i] + 1;
	size = calloc(k + 1, sizeof *size);
	first = malloc((k + 1) * sizeof *first);
	order = malloc((k + 1) * sizeof *order);
	newid = malloc((k + 1) * sizeof *newid);
	if (!size || !first || !order || !newid) {
		rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
		goto out;
	}
	for (size_t c = 0; c < k; c++)
		first[c] = SIZE_MAX;
	for (size_t i = 0; i < n; i++) {
		size_t c = (size_t)VECTOR(*memb)[i];
		size[c]++;
		if (first[c] == SIZE_MAX)
			first[c] = i;
	}
	/* Insertion sort: k is the number of communities, usually small, and
	 * this keeps the comparison free of globals. */
	for (size_t c = 0; c < k; c++) {
		size_t j = c;
		while (j > 0 && (size[order[j - 1]] < size[c] ||
				 (size[order[j - 1]] == size[c] && first[order[j - 1]] > first[c]))) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = c;
	}
	*ncomm = 0;
	for (size_t r = 0; r < k; r++) {
		newid[order[r]] = r;
		if (size[order[r]])
			(*ncomm)++;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = (double)newid[(size_t)VECTOR(*memb)[i]];
out:
	free(size);
	free(first);
	free(order);
	free(newid);
	return rc;
}

/* y = A^T x (tr) or A x over the m pairs, A[from][to] = w. */
static void hits_mul(size_t n, size_t m, const size_t *from, const size_t *to, const double *w, bool tr,
		     const double *x, double *y)
{
	for (size_t i = 0; i < n; i++)
		y[i] = 0.0;
	for (size_t e = 0; e < m; e++) {
		if (tr)
			y[to[e]] += w[e] * x[from[e]];
		else
			y[from[e]] += w[e] * x[to[e]];
	}
}

/* Scales x so its largest entry is 1 (igraph's scale for hub and
 * authority); false when x is all zeros or not finite. */
static bool hits_scale(size_t n, double *x)
{
	double top = 0.0;

	for (size_t i = 0; i < n; i++) {
		if (!isfinite(x[i]))
			return false;
		if (fabs(x[i]) > top)
			top = fabs(x[i]);
	}
	if (top == 0.0)
		return false;
	for (size_t i = 0; i < n; i++)
		x[i] /= top;
	return true;
}

/*
 * Hub and authority scores, checked.  igraph 0.10.2 answers some small
 * graphs wrongly: for the single edge 1 -> 0 it gives hub [1, 0] and
 * authority [nan, nan].  Its hub vector is kept when it is finite and an
 * eigenvector of A A^T for the value igraph reports; otherwise the hubs
 * come from power iteration on A A^T started from the out-strengths (the
 * start decides only between equally dominant eigenvectors).  Authorities
 * are A^T h, scaled, as igraph derives them.  scratch holds 2n doubles.
 */
static void hits_settle(size_t n, size_t m, const size_t *from, const size_t *to, const double *w,
			double value, double *hub, double *auth, double *scratch)
{
	double *a = scratch, *y = scratch + n, tol = 1e-6 * (fabs(value) > 1.0 ? fabs(value) : 1.0);
	bool ok = m > 0;

	for (size_t i = 0; i < n && ok; i++)
		ok = isfinite(hub[i]) && isfinite(auth[i]);
	if (ok) {
		hits_mul(n, m, from, to, w, true, hub, a);
		hits_mul(n, m, from, to, w, false, a, y);
		for (size_t i = 0; i < n && ok; i++)
			ok = fabs(y[i] - value * hub[i]) <= tol;
	}
	if (!ok && m > 0) {
		for (size_t i = 0; i < n; i++)
			hub[i] = 0.0;
		for (size_t e = 0; e < m; e++)
			hub[from[e]] += w[e];
		hits_scale(n, hub);
		for (int it = 0; it < 10000; it++) {
			double moved = 0.0;
			hits_mul(n, m, from, to, w, true, hub, a);
			hits_mul(n, m, from, to, w, false, a, y);
			if (!hits_scale(n, y))
				break;
			for (size_t i = 0; i < n; i++) {
				if (fabs(y[i] - hub[i]) > moved)
					moved = fabs(y[i] - hub[i]);
				hub[i] = y[i];
			}
			if (moved < 1e-13)
				break;
		}
	}
	hits_mul(n, m, from, to, w, true, hub, auth);
	if (!hits_scale(n, auth) || !hits_scale(n, hub))
		for (size_t i = 0; i < n; i++)
			hub[i] = auth[i] = 0.0;
}

static bool want(const geo_centrality_opts *o, geo_measure m)
{
	return o->measures == 0 || (o->measures & (1u << m));
}

geo_err geo_graph_compute(geo_graph *gr, const geo_centrality_opts *opts, geo_error *err)
{
	static const geo_centrality_opts defaults;
	const geo_centrality_opts *o = opts ? opts : &defaults;
	double **score = geo_graph_scores(gr);
	size_t n = geo_graph_vcount(gr), ne = geo_graph_ecount(gr), m = 0, um = 0, ncomm = 0;
	size_t *from = NULL, *to = NULL, *ufrom = NULL, *uto = NULL;
	double *w = NULL, *hub = NULL, *auth = NULL, *scratch = NULL, cutoff = 0, modularity = NAN;
	upair *up = NULL;
	bool weighted = o->weight != GEO_WEIGHT_NONE;
	igraph_t g, u;
	bool has_g = false, has_u = false;
	igraph_vector_t wv, dv, uwv, res, res2;
	igraph_vector_int_t ires, memb;
	bool has_wv = false, has_dv = false, has_uwv = false, has_res = false, has_res2 = false;
	bool has_ires = false, has_memb = false;
	igraph_arpack_options_t arpack;
	igraph_real_t value;
	geo_err rc = GEO_OK;

	geo_igraph_init();
	for (int k = 0; k < GEO_M_COUNT; k++) {
		free(score[k]);
		score[k] = NULL;
	}
	geo_graph_set_results(gr, 0, NAN, 0);
	for (int k = 0; k < GEO_M_COUNT; k++)
		if (want(o, (geo_measure)k) && !(score[k] = calloc(n + 1, sizeof **score)))
			goto nomem;

	from = malloc((ne + 1) * sizeof *from);
	to = malloc((ne + 1) * sizeof *to);
	w = malloc((ne + 1) * sizeof *w);
	up = malloc((ne + 1) * sizeof *up);
	ufrom = malloc((ne + 1) * sizeof *ufrom);
	uto = malloc((ne + 1) * sizeof *uto);
	if (!from || !to || !w || !up || !ufrom || !uto)
		goto nomem;
	m = collect_pairs(gr, o->weight, from, to, w);

	if ((rc = make_igraph(&g, &has_g, n, m, from, to, true, err)) != GEO_OK)
		goto out;
	GEO_IGRAPH(igraph_vector_init(&wv, (igraph_integer_t)m), "weights");
	has_wv = true;
	GEO_IGRAPH(igraph_vector_init(&dv, (igraph_integer_t)m), "distances");
	has_dv = true;
	for (size_t i = 0; i < m; i++) {
		VECTOR(wv)[i] = w[i];
		VECTOR(dv)[i] = 1.0 / w[i];
	}
	GEO_IGRAPH(igraph_vector_init(&res, 0), "result");
	has_res = true;
	GEO_IGRAPH(igraph_vector_init(&res2, 0), "result");
	has_res2 = true;
	GEO_IGRAPH(igraph_vector_int_init(&ires, 0), "result");
	has_ires = true;
	GEO_IGRAPH(igraph_vector_int_init(&memb, 0), "membership");
	has_memb = true;

	{
		static const struct {
			geo_measure m;
			igraph_neimode_t mode;
		} degs[] = {{GEO_M_DEGREE_IN, IGRAPH_IN}, {GEO_M_DEGREE_OUT, IGRAPH_OUT}, {GEO_M_DEGREE, IGRAPH_ALL}};
		for (size_t k = 0; k < 3; k++) {
			if (!want(o, degs[k].m))
				continue;
			GEO_IGRAPH(igraph_degree(&g, &ires, igraph_vss_all(), degs[k].mode, IGRAPH_LOOPS), "degree");
			for (size_t i = 0; i < n; i++)
				score[degs[k].m][i] = (double)VECTOR(ires)[i];
		}
	}
	if (want(o, GEO_M_STRENGTH_IN) || want(o, GEO_M_STRENGTH_OUT)) {
		for (int k = 0; k < 2; k++) {
			geo_measure mm = k ? GEO_M_STRENGTH_OUT : GEO_M_STRENGTH_IN;
			if (!want(o, mm))
				continue;
			GEO_IGRAPH(igraph_strength(&g, &res, igraph_vss_all(), k ? IGRAPH_OUT : IGRAPH_IN, IGRAPH_LOOPS,
						   weighted ? &wv : NULL),
				   "strength");
			for (size_t i = 0; i < n; i++)
				score[mm][i] = VECTOR(res)[i];
		}
	}
	if (want(o, GEO_M_BETWEENNESS) || want(o, GEO_M_CLOSENESS)) {
		if (o->cutoff > 0)
			cutoff = o->cutoff;
		else if (o->cutoff == 0 && (double)n * (double)m > GEO_BETWEENNESS_EXACT_MAX)
			cutoff = GEO_BETWEENNESS_CUTOFF;
	}
	if (want(o, GEO_M_BETWEENNESS)) {
		double *b = score[GEO_M_BETWEENNESS];
		if ((rc = geo_graph_betweenness_pairs(n, m, from, to, weighted ? VECTOR(dv) : NULL,
						      cutoff > 0 ? cutoff : -1.0, b, err)) != GEO_OK)
			goto out;
		for (size_t i = 0; i < n && o->normalize; i++)
			b[i] = n > 2 ? b[i] / ((double)(n - 1) * (double)(n - 2)) : 0.0;
	}
	if (want(o, GEO_M_CLOSENESS)) {
		if (cutoff > 0)
			GEO_IGRAPH(igraph_harmonic_centrality_cutoff(&g, &res, igraph_vss_all(), IGRAPH_OUT,
								     weighted ? &dv : NULL, false, cutoff),
				   "closeness");
		else
			GEO_IGRAPH(igraph_harmonic_centrality(&g, &res, igraph_vss_all(), IGRAPH_OUT,
							      weighted ? &dv : NULL, false),
				   "closeness");
		/* Divided here: igraph's normalisation of a one-vertex graph is 0/0. */
		for (size_t i = 0; i < n; i++)
			score[GEO_M_CLOSENESS][i] = n > 1 ? VECTOR(res)[i] / (double)(n - 1) : 0.0;
	}
	if (want(o, GEO_M_PAGERANK) && n) {
		GEO_IGRAPH(igraph_pagerank(&g, IGRAPH_PAGERANK_ALGO_PRPACK, &res, &value, igraph_vss_all(), true,
					   0.85, weighted ? &wv : NULL, NULL),
			   "pagerank");
		for (size_t i = 0; i < n; i++)
			score[GEO_M_PAGERANK][i] = VECTOR(res)[i];
	}
	if ((want(o, GEO_M_HUB) || want(o, GEO_M_AUTHORITY)) && n) {
		igraph_arpack_options_init(&arpack);
		GEO_IGRAPH(igraph_hub_and_authority_scores(&g, &res, &res2, &value, true, weighted ? &wv : NULL,
							   &arpack),
			   "hub and authority");
		if (!(hub = malloc(n * sizeof *hub)) || !(auth = malloc(n * sizeof *auth)) ||
		    !(scratch = malloc(2 * n * sizeof *scratch)))
			goto nomem;
		for (size_t i = 0; i < n; i++) {
			hub[i] = VECTOR(res)[i];
			auth[i] = VECTOR(res2)[i];
		}
		hits_settle(n, m, from, to, w, value, hub, auth, scratch);
		for (size_t i = 0; i < n; i++) {
			if (score[GEO_M_HUB])
				score[GEO_M_HUB][i] = hub[i];
			if (score[GEO_M_AUTHORITY])
				score[GEO_M_AUTHORITY][i] = auth[i];
		}
	}

	if (want(o, GEO_M_EIGENVECTOR) || want(o, GEO_M_CORENESS) || want(o, GEO_M_COMMUNITY)) {
		/* The undirected view: both directions of a pair summed. */
		for (size_t i = 0; i < m; i++)
			up[i] = (upair){from[i] < to[i] ? from[i] : to[i], from[i] < to[i] ? to[i] : from[i], w[i]};
		qsort(up, m, sizeof *up, cmp_upair);
		for (size_t i = 0; i < m; i++) {
			if (um && ufrom[um - 1] == up[i].a && uto[um - 1] == up[i].b) {
				w[um - 1] += up[i].w;
			} else {
				ufrom[um] = up[i].a;
				uto[um] = up[i].b;
				w[um] = up[i].w;
				um++;
			}
		}
		if ((rc = make_igraph(&u, &has_u, n, um, ufrom, uto, false, err)) != GEO_OK)
			goto out;
		GEO_IGRAPH(igraph_vector_init(&uwv, (igraph_integer_t)um), "weights");
		has_uwv = true;
		for (size_t i = 0; i < um; i++)
			VECTOR(uwv)[i] = weighted ? w[i] : 1.0;
	}
	if (want(o, GEO_M_EIGENVECTOR) && n) {
		igraph_arpack_options_init(&arpack);
		GEO_IGRAPH(igraph_eigenvector_centrality(&u, &res, &value, false, true, weighted ? &uwv : NULL,
							 &arpack),
			   "eigenvector");
		for (size_t i = 0; i < n; i++)
			score[GEO_M_EIGENVECTOR][i] = VECTOR(res)[i];
	}
	if (want(o, GEO_M_CORENESS)) {
		GEO_IGRAPH(igraph_coreness(&u, &ires, IGRAPH_ALL), "coreness");
		for (size_t i = 0; i < n; i++)
			score[GEO_M_CORENESS][i] = (double)VECTOR(ires)[i];
	}
	if (want(o, GEO_M_COMMUNITY) && n) {
		double total = 0;
		for (size_t i = 0; i < um; i++)
			total += VECTOR(uwv)[i];
		igraph_rng_seed(igraph_rng_default(), o->seed ? o->seed : 1);
		if (total <= 0) {
			/* No edges: every actor is a community of its own. */
			GEO_IGRAPH(igraph_vector_int_resize(&memb, (igraph_integer_t)n), "membership");
			for (size_t i = 0; i < n; i++)
				VECTOR(memb)[i] = (igraph_integer_t)i;
		} else if (o->community == GEO_COMMUNITY_LEIDEN) {
			igraph_integer_t nclusters;
			igraph_real_t quality;
			/* Leiden optimises CPM; with node weights = strength and
			 * resolution 1/(2W) CPM is modularity. */
			GEO_IGRAPH(igraph_strength(&u, &res, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, &uwv),
				   "strength");
			/* A bounded number of iterations: "until stable" (-1) never
			 * ends in igraph 0.10.2 on a graph of self-loops only. */
			GEO_IGRAPH(igraph_community_leiden(&u, &uwv, &res, 1.0 / (2.0 * total), 0.01, false,
							   LEIDEN_ITERATIONS, &memb, &nclusters, &quality),
				   "leiden");
		} else {
			GEO_IGRAPH(igraph_community_multilevel(&u, &uwv, 1.0, &memb, NULL, NULL), "louvain");
		}
		if ((rc = renumber(&memb, n, score[GEO_M_COMMUNITY], &ncomm, err)) != GEO_OK)
			goto out;
		for (size_t i = 0; i < n; i++)
			VECTOR(memb)[i] = (igraph_integer_t)score[GEO_M_COMMUNITY][i];
		if (total > 0)
			GEO_IGRAPH(igraph_modularity(&u, &memb, &uwv, 1.0, false, &value), "modularity");
		else
			value = NAN;
		modularity = value;
	}
	if (want(o, GEO_M_GOLDSTEIN_IN) || want(o, GEO_M_GOLDSTEIN_OUT)) {
		for (size_t i = 0; i < ne; i++) {
			const geo_edge *e = geo_graph_edge(gr, i);
			if (score[GEO_M_GOLDSTEIN_IN])
				score[GEO_M_GOLDSTEIN_IN][e->to] += e->goldstein_sum;
			if (score[GEO_M_GOLDSTEIN_OUT])
				score[GEO_M_GOLDSTEIN_OUT][e->from] += e->goldstein_sum;
		}
	}
	/* ARPACK leaves rounding noise (1e-18, -0) where the exact score is 0;
	 * the scaled scores have maximum 1, so below 1e-12 is zero. */
	for (int k = 0; k < GEO_M_COUNT; k++) {
		bool scaled = k == GEO_M_HUB || k == GEO_M_AUTHORITY || k == GEO_M_EIGENVECTOR;
		for (size_t i = 0; score[k] && i < n; i++)
			if (score[k][i] == 0 || (scaled && fabs(score[k][i]) < 1e-12))
				score[k][i] = 0.0;
	}
	geo_graph_set_results(gr, cutoff, modularity, ncomm);
	goto out;
nomem:
	rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
out:
	if (rc != GEO_OK)
		for (int k = 0; k < GEO_M_COUNT; k++) {
			free(score[k]);
			score[k] = NULL;
		}
	if (has_memb)
		igraph_vector_int_destroy(&memb);
	if (has_ires)
		igraph_vector_int_destroy(&ires);
	if (has_res2)
		igraph_vector_destroy(&res2);
	if (has_res)
		igraph_vector_destroy(&res);
	if (has_uwv)
		igraph_vector_destroy(&uwv);
	if (has_dv)
		igraph_vector_destroy(&dv);
	if (has_wv)
		igraph_vector_destroy(&wv);
	if (has_u)
		igraph_destroy(&u);
	if (has_g)
		igraph_destroy(&g);
	free(from);
	free(to);
	free(w);
	free(hub);
	free(auth);
	free(scratch);
	free(up);
	free(ufrom);
	free(uto);
	return rc;
}

/* view.c - the graph as the writers see it, and the public entry points
 * that take a geo_graph. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render_internal.h"

void geo_rview_free(geo_rview *v)
{
	if (!v)
		return;
	free(v->v);
	free(v->e);
	free(v->rank);
	free(v->community);
	memset(v, 0, sizeof *v);
}

geo_err geo_rview_from_graph(geo_rview *out, const geo_graph *g, geo_error *err)
{
	geo_rview v = {0};
	bool have_rank, have_comm;
	geo_err rc = GEO_OK;

	v.nv = geo_graph_vcount(g);
	v.ne = geo_graph_ecount(g);
	v.v = malloc((v.nv ? v.nv : 1) * sizeof *v.v);
	v.e = malloc((v.ne ? v.ne : 1) * sizeof *v.e);
	if (!v.v || !v.e)
		goto nomem;
	for (size_t i = 0; i < v.nv; i++)
		v.v[i] = *geo_graph_vertex(g, i);
	for (size_t i = 0; i < v.ne; i++)
		v.e[i] = *geo_graph_edge(g, i);
	/* Scores exist when the caller ran geo_graph_compute() for them; NaN
	 * for vertex 0 means not computed (an empty graph has neither). */
	have_rank = v.nv && !isnan(geo_graph_score(g, GEO_M_PAGERANK, 0));
	have_comm = v.nv && !isnan(geo_graph_score(g, GEO_M_COMMUNITY, 0));
	if (have_rank) {
		if (!(v.rank = malloc(v.nv * sizeof *v.rank)))
			goto nomem;
		for (size_t i = 0; i < v.nv; i++)
			v.rank[i] = geo_graph_score(g, GEO_M_PAGERANK, i);
	}
	if (have_comm) {
		if (!(v.community = malloc(v.nv * sizeof *v.community)))
			goto nomem;
		for (size_t i = 0; i < v.nv; i++)
			v.community[i] = (int64_t)geo_graph_score(g, GEO_M_COMMUNITY, i);
	}
	*out = v;
	return GEO_OK;
nomem:
	geo_rview_free(&v);
	rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
	memset(out, 0, sizeof *out);
	return rc;
}

geo_err geo_render(const geo_graph *g, const geo_render_opts *o, FILE *out, geo_error *err)
{
	geo_rview v;
	geo_err rc = geo_rview_from_graph(&v, g, err);

	if (rc == GEO_OK)
		rc = geo_render_view(&v, o, out, err);
	geo_rview_free(&v);
	return rc;
}

geo_err geo_render_mem(const geo_graph *g, const geo_render_opts *o, char **data, size_t *len,
		       geo_error *err)
{
	geo_rview v;
	geo_err rc = geo_rview_from_graph(&v, g, err);

	*data = NULL;
	*len = 0;
	if (rc == GEO_OK)
		rc = geo_render_view_mem(&v, o, data, len, err);
	geo_rview_free(&v);
	return rc;
}

geo_err geo_export(const geo_graph *g, geo_export_format f, const char *path, geo_error *err)
{
	geo_rview v;
	geo_err rc = geo_rview_from_graph(&v, g, err);

	if (rc == GEO_OK)
		rc = geo_export_view(&v, f, path, err);
	geo_rview_free(&v);
	return rc;
}

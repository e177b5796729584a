/*
 * graph_internal.h - what graph/ shares inside: igraph set-up and error
 * translation.  Not installed.
 */
#ifndef GEO_GRAPH_INTERNAL_H
#define GEO_GRAPH_INTERNAL_H

#include <igraph.h>

#include "core_internal.h"
#include "graph.h"

/*
 * Sets igraph up once per process: the C attribute handler, an error
 * handler that records the error (instead of igraph's default, which
 * aborts) and a warning handler that forwards to geo_diag().  Safe to call
 * from any thread, any number of times.
 */
void geo_igraph_init(void);

/*
 * Translates a failed igraph call: returns GEO_ENOMEM for IGRAPH_ENOMEM and
 * GEO_EINTERNAL otherwise, with "what: igraph's message" in err.
 */
geo_err geo_igraph_error(geo_error *err, igraph_error_t rc, const char *what);

/* Calls an igraph function; on failure translates the error and jumps to
 * the enclosing function's "out" label with rc set. */
#define GEO_IGRAPH(call, what)                                  \
	do {                                                    \
		igraph_error_t geo_irc_ = (call);               \
		if (geo_irc_ != IGRAPH_SUCCESS) {               \
			rc = geo_igraph_error(err, geo_irc_, what); \
			goto out;                               \
		}                                               \
	} while (0)

#endif

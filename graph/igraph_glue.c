/* igraph_glue.c - igraph's handlers set once, and its errors translated. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "graph_internal.h"

/* The last igraph error of this thread, for geo_igraph_error(). */
static _Thread_local char last_error[512];

static void record_error(const char *reason, const char *file, int line, igraph_error_t code)
{
	snprintf(last_error, sizeof last_error, "%s (%s, %s:%d)", reason, igraph_strerror(code), file,
		 line);
	/* Frees what igraph registered on its own FINALLY stack for this call. */
	IGRAPH_FINALLY_FREE();
}

static void forward_warning(const char *reason, const char *file, int line)
{
	(void)file;
	(void)line;
	geo_diag(GEO_DIAG_INFO, "igraph: %s", reason);
}

static void init_once(void)
{
	igraph_set_attribute_table(&igraph_cattribute_table);
	igraph_set_error_handler(record_error);
	igraph_set_warning_handler(forward_warning);
}

/* libgomp's, present when igraph was built with OpenMP (Debian's is). */
extern void omp_set_num_threads(int n) __attribute__((weak));

void geo_igraph_init(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, init_once);
	/* igraph's PageRank (PRPACK) sums in OpenMP threads, and the order in
	 * which their parts are added changes the last digits from run to run
	 * on a busy machine.  One thread gives the same bytes every time.  The
	 * setting belongs to the calling thread, so it is made on every call. */
	if (omp_set_num_threads)
		omp_set_num_threads(1);
}

geo_err geo_igraph_error(geo_error *err, igraph_error_t rc, const char *what)
{
	geo_err code = rc == IGRAPH_ENOMEM ? GEO_ENOMEM : GEO_EINTERNAL;

	return geo_error_set(err, code, "%s: %s", what, last_error[0] ? last_error : igraph_strerror(rc));
}

/* test_igraph_glue.c - igraph errors are recorded and translated, never an
 * abort; the attribute handler is in place. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "graph_internal.h"

static geo_err bad_call(geo_error *err)
{
	igraph_t g;
	igraph_vector_int_t edges;
	igraph_vector_int_t res;
	geo_err rc = GEO_OK;

	igraph_vector_int_init_int(&edges, 2, 0, 1);
	igraph_create(&g, &edges, 2, IGRAPH_DIRECTED);
	igraph_vector_int_init(&res, 0);
	/* Vertex 7 does not exist: igraph reports IGRAPH_EINVVID. */
	GEO_IGRAPH(igraph_degree(&g, &res, igraph_vss_1(7), IGRAPH_ALL, IGRAPH_LOOPS), "degree");
out:
	igraph_vector_int_destroy(&res);
	igraph_vector_int_destroy(&edges);
	igraph_destroy(&g);
	return rc;
}

static void test_error_is_recorded(void **state)
{
	geo_error err;

	(void)state;
	geo_igraph_init();
	geo_igraph_init(); /* idempotent */
	assert_int_equal(bad_call(&err), GEO_EINTERNAL);
	assert_non_null(strstr(err.msg, "degree: "));
	assert_non_null(strstr(err.msg, "vertex"));
}

static void test_attributes(void **state)
{
	igraph_t g;

	(void)state;
	geo_igraph_init();
	igraph_empty(&g, 2, IGRAPH_DIRECTED);
	SETVAS(&g, "id", 1, "USA");
	assert_string_equal(VAS(&g, "id", 1), "USA");
	igraph_destroy(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error_is_recorded),
		cmocka_unit_test(test_attributes),
	};

	return cmocka_run_group_tests_name("igraph_glue", tests, NULL, NULL);
}

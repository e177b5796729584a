/* fuzz_dict.c - the dictionary loader. */
#include "extract.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	geo_dict *d;

	if (geo_dict_new_empty(&d, NULL) != GEO_OK)
		return 0;
	geo_dict_load_buffer(d, "fuzz", (const char *)data, size, NULL);
	for (size_t i = 0; i < geo_dict_actor_count(d); i++)
		geo_dict_actor(d, geo_dict_actor_at(d, i)->id);
	for (size_t i = 0; i < geo_dict_relation_count(d); i++)
		geo_dict_relation_by_cameo(d, geo_dict_relation_at(d, i)->cameo);
	geo_dict_free(d);
	return 0;
}

/* fuzz_events.c - the events JSON Lines reader. */
#include "extract.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_read_source(data, size, GEO_INPUT_EVENTS);
	return 0;
}

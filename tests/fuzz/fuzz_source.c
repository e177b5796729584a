/* fuzz_source.c - format detection and whichever reader it picks. */
#include "extract.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_read_source(data, size, GEO_INPUT_AUTO);
	return 0;
}

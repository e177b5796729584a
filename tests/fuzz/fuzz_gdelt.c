/* fuzz_gdelt.c - the GDELT reader on plain rows, format forced (so rows that
 * detection would send elsewhere still reach it). */
#include "extract.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* gzip and zip members have their own decoders; keep the fuzzer on the
	 * row parser. */
	if ((size >= 2 && data[0] == 0x1f && data[1] == 0x8b) || (size >= 2 && data[0] == 'P' && data[1] == 'K'))
		return 0;
	fuzz_read_source(data, size, GEO_INPUT_GDELT);
	return 0;
}

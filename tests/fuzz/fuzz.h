/* fuzz.h - what the fuzz harnesses share.  Each harness defines
 * LLVMFuzzerTestOneInput; built with libFuzzer by `make fuzz`, and with
 * tests/fuzz/replay.c by `make check`, which replays the seeds and every
 * saved crash under tests/fuzz/regressions/. */
#ifndef GEO_FUZZ_H
#define GEO_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads every event of data, seen as a file of the given format, through
 * geo_source; returns the number of events. */
size_t fuzz_read_source(const uint8_t *data, size_t size, int format);

#endif

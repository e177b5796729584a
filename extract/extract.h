/*
 * extract.h - everything that produces events: the event type, the
 * dictionaries, the readers for text, events JSON Lines and GDELT, and the
 * JSON Lines writer.
 *
 * Data flow: paths -> geo_source (detects each file's format) -> geo_event
 * stream.  Text goes through the extractor (sentences, actors, triggers,
 * roles); events JSONL and GDELT rows are mapped directly.
 */
#ifndef GEO_EXTRACT_H
#define GEO_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "geo.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Events                                                              */

typedef enum geo_modality {
	GEO_MOD_ASSERTED = 0,
	GEO_MOD_PLANNED,
	GEO_MOD_THREATENED,
	GEO_MOD_REPORTED,
	GEO_MOD_HYPOTHETICAL,
} geo_modality;

/* "asserted", "planned", ...; NULL for an out-of-range value. */
const char *geo_modality_name(geo_modality m);
/* Parses a modality name; returns false when unknown. */
bool geo_modality_parse(const char *s, geo_modality *out);

/* A byte range [start, end) in the evidence text; start == end: absent. */
typedef struct geo_span {
	uint32_t start, end;
} geo_span;

/* The kinds of actor. */
typedef enum geo_actor_type {
	GEO_ACTOR_UNKNOWN = 0, /* an id the dictionary does not know */
	GEO_ACTOR_COUNTRY,
	GEO_ACTOR_IGO,
	GEO_ACTOR_PERSON,
	GEO_ACTOR_INSTITUTION,
	GEO_ACTOR_GROUP,
} geo_actor_type;

/* "country", "igo", "person", "institution", "group", "unknown". */
const char *geo_actor_type_name(geo_actor_type t);
bool geo_actor_type_parse(const char *s, geo_actor_type *out);

/* One side of an event.  id is required; label, affiliation may be NULL
 * (the dictionary, or the id itself, supplies them). */
typedef struct geo_actor_ref {
	const char *id;          /* "USA", "EU", "person:scott-bessent" */
	const char *label;       /* "Scott Bessent", or NULL */
	const char *affiliation; /* "USA" for people and institutions, or NULL */
	geo_actor_type type;     /* GEO_ACTOR_UNKNOWN when not stated */
} geo_actor_ref;

/*
 * An event: who did what to whom, and where it was read.  All strings are
 * borrowed: they belong to whoever produced the event and stay valid only
 * until that producer's next call (for geo_source, the next
 * geo_source_next()).
 */
typedef struct geo_event {
	const char *doc;      /* document id (file name without extension, GDELT id) */
	int32_t sent;         /* sentence index, -1 when not from text */
	char date[11];        /* "YYYY-MM-DD", or "" when unknown */
	geo_actor_ref source;
	geo_actor_ref target;
	const char *relation; /* taxonomy label: "sanction", "buys_oil" */
	const char *cameo;    /* CAMEO code with leading zero ("043"), or NULL */
	double goldstein;     /* -10..+10 */
	int quad;             /* 1..4, or 0 when unknown */
	bool negated;
	geo_modality modality;
	const char *evidence; /* the sentence, or NULL */
	geo_span span_trigger, span_source, span_target; /* byte offsets in evidence */
	const char *via;      /* the person or institution that acted, or NULL */
	double weight;        /* mentions (GDELT NumMentions); 1 when not stated */
	const char *url;      /* source URL, or NULL */
} geo_event;

/* True when s is a real calendar date "YYYY-MM-DD" (Gregorian, leap years
 * included): the events format's and the date filters' rule. */
bool geo_date_valid(const char *s);

/* Sets ev to an empty event: sent -1, weight 1, everything else zero. */
void geo_event_init(geo_event *ev);

/*
 * Writes ev as one JSON object with sorted keys and a newline: the events
 * JSON Lines format (see README).  Optional keys are written only when set.
 * Returns GEO_EIO on a write error, GEO_EDATA when a string is not valid
 * UTF-8 or a number is not finite.
 */
geo_err geo_event_write_json(FILE *fp, const geo_event *ev, geo_error *err);

/*
 * A JSON Lines writer for a stream of events: the same bytes as
 * geo_event_write_json(), with its line buffer kept from one event to
 * the next.
 *
 * geo_event_writer_new: writes to fp (borrowed: the caller closes it after
 * geo_event_writer_free()).  GEO_ENOMEM.  The caller frees *out.
 * geo_event_writer_write: one event and a newline, in one fwrite.  Errors
 * as geo_event_write_json(); after an error nothing of that event was
 * written and the writer can write the next one.
 * geo_event_writer_free: accepts NULL.
 */
typedef struct geo_event_writer geo_event_writer;
geo_err geo_event_writer_new(geo_event_writer **out, FILE *fp, geo_error *err);
geo_err geo_event_writer_write(geo_event_writer *w, const geo_event *ev, geo_error *err);
void geo_event_writer_free(geo_event_writer *w);

/* ------------------------------------------------------------------ */
/* Dictionaries                                                        */

/* What the dictionary knows about an actor.  Strings live as long as the
 * dictionary. */
typedef struct geo_actor_info {
	const char *id;
	const char *label;
	geo_actor_type type;
	const char *affiliation; /* NULL for states and organisations */
	const char *cameo;       /* CAMEO actor code, or NULL */
} geo_actor_info;

/*
 * How the text extractor reads a relation's triggers: the keywords after
 * QUAD in a relation line (the dictionary format names each one).
 */
enum {
	GEO_REL_MUTUAL = 1 << 0, /* mutual: "A and B fought" is each against the other */
	GEO_REL_HOST = 1 << 1,   /* host: "host the talks" names the talks' parties */
	GEO_REL_MEET = 1 << 2,   /* meet: "meet its obligations" is no event */
	GEO_REL_VISIT = 1 << 3,  /* visit: "his Tokyo visit" goes to Tokyo */
	GEO_REL_WORDS = 1 << 4,  /* words: "attacked the policy" is criticism */
	GEO_REL_NESTED = 1 << 5, /* nested: "accused B of helping C" reports B's act */
	GEO_REL_DEPLOY = 1 << 6, /* deploy: "troops to a force in Liberia" goes to Liberia */
	GEO_REL_THAT = 1 << 7,   /* that: "demanded that B ..." is done to B */
};

/* What the dictionary knows about a relation label. */
typedef struct geo_relation_info {
	const char *label;   /* "buys_oil" */
	const char *display; /* "buys oil from" */
	const char *cameo;   /* "061" */
	double goldstein;
	int quad;            /* 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict */
	bool trade;          /* member of the "trade" family */
	bool symmetric;      /* "meet", "negotiate": stated per direction */
	unsigned grammar;    /* GEO_REL_* bits */
} geo_relation_info;

typedef struct geo_dict geo_dict;

/* Loads the dictionaries built into the library.  The caller frees *out. */
geo_err geo_dict_new_builtin(geo_dict **out, geo_error *err);

/* Loads an empty dictionary (for tests and custom setups). */
geo_err geo_dict_new_empty(geo_dict **out, geo_error *err);

/* Adds the entries of a dictionary file (actors or relations, same format
 * as the built-in ones).  A malformed line is GEO_EDATA naming file:line;
 * the dictionary is then unchanged. */
geo_err geo_dict_load_file(geo_dict *d, const char *path, geo_error *err);

/* As geo_dict_load_file(), from memory; name is used in messages. */
geo_err geo_dict_load_buffer(geo_dict *d, const char *name, const char *data, size_t len,
			     geo_error *err);

void geo_dict_free(geo_dict *d);

/* Lookups by id or label; NULL when unknown.  O(1). */
const geo_actor_info *geo_dict_actor(const geo_dict *d, const char *id);
const geo_relation_info *geo_dict_relation(const geo_dict *d, const char *label);

/* The relation for a CAMEO event code: the first relation with that exact
 * code, else the first whose code is the code's root (first two digits);
 * NULL when neither exists. */
const geo_relation_info *geo_dict_relation_by_cameo(const geo_dict *d, const char *cameo);

/* The relations, in file order. */
size_t geo_dict_relation_count(const geo_dict *d);
const geo_relation_info *geo_dict_relation_at(const geo_dict *d, size_t i);

/* The actors, in file order. */
size_t geo_dict_actor_count(const geo_dict *d);
const geo_actor_info *geo_dict_actor_at(const geo_dict *d, size_t i);

/* ------------------------------------------------------------------ */
/* Sources: paths in, events out                                       */

typedef enum geo_input_format {
	GEO_INPUT_AUTO = 0, /* detect per file from its content */
	GEO_INPUT_TEXT,
	GEO_INPUT_EVENTS,   /* events JSON Lines */
	GEO_INPUT_GDELT,    /* GDELT 1.0/2.0 event export, plain, .zip or .gz */
} geo_input_format;

const char *geo_input_format_name(geo_input_format f);
bool geo_input_format_parse(const char *s, geo_input_format *out);

typedef enum geo_level {
	GEO_LEVEL_COUNTRY = 0, /* people and institutions fold into their state */
	GEO_LEVEL_ACTOR,       /* people and institutions are actors */
} geo_level;

/* Why a record or file was skipped; counted in geo_source_stats. */
typedef enum geo_skip {
	GEO_SKIP_MALFORMED = 0, /* unparsable line or record */
	GEO_SKIP_COLUMNS,       /* wrong number of columns */
	GEO_SKIP_ONE_ACTOR,     /* record with fewer than two actors */
	GEO_SKIP_TOO_LONG,      /* line or document over the size limit */
	GEO_SKIP_UNREADABLE,    /* file that could not be read */
	GEO_SKIP_NREASONS
} geo_skip;

/* "malformed", "wrong column count", ... */
const char *geo_skip_name(geo_skip why);

typedef struct geo_source_opts {
	geo_input_format format; /* GEO_INPUT_AUTO unless forced */
	const geo_dict *dict;    /* required for text; borrowed */
	geo_level level;
	bool strict;             /* the first skipped record is an error */
} geo_source_opts;

typedef struct geo_source_stats {
	size_t files;          /* files opened */
	size_t bytes;          /* bytes read (before decompression) */
	size_t documents;      /* text documents and GDELT rows read */
	size_t sentences;      /* text sentences */
	size_t records;        /* JSONL lines and GDELT rows read */
	size_t events;         /* events returned */
	size_t replaced_bytes; /* invalid UTF-8 bytes replaced in text */
	size_t skipped[GEO_SKIP_NREASONS];
} geo_source_stats;

typedef struct geo_source geo_source;

/* Limits: a longer record is skipped (GEO_SKIP_TOO_LONG), or an error under
 * strict; a longer dictionary file is refused.  A text document has no
 * limit: one longer than 64 MiB is read in windows of whole paragraphs. */
#define GEO_MAX_LINE (16u << 20)      /* one JSONL line or GDELT row */
#define GEO_MAX_DOCUMENT (64u << 20)  /* one dictionary file */

/*
 * Opens a stream of events over paths: files, directories (recursive, in
 * sorted byte order, hidden entries and unknown extensions skipped) and "-"
 * for standard input.  Each file's format is detected from its content
 * unless opts->format forces one.  Nothing is read until the first
 * geo_source_next().  A missing path is reported by geo_source_next() when
 * reached, as GEO_EIO.
 */
geo_err geo_source_open(geo_source **out, const char *const *paths, size_t npaths,
			const geo_source_opts *opts, geo_error *err);

/*
 * Reads the next event into *ev (borrowed until the next call), or sets
 * *ev to NULL at the end.  Skipped records are counted and reported through
 * geo_diag() with file:line; under opts->strict they are GEO_EDATA.  After an
 * error the source can only be freed.
 */
geo_err geo_source_next(geo_source *src, const geo_event **ev, geo_error *err);

/* Counters so far; valid until geo_source_free(). */
const geo_source_stats *geo_source_get_stats(const geo_source *src);

void geo_source_free(geo_source *src);

/*
 * Bytes read so far, the file being read included (geo_source_stats.bytes
 * counts finished files only): what a progress display compares with
 * geo_source_measure().  O(1).
 */
size_t geo_source_bytes_read(const geo_source *src);

typedef struct geo_source_size {
	size_t bytes; /* sum of the sizes of the regular files found */
	size_t files; /* how many there are */
	bool exact;   /* false when standard input or a path that is not a
		       * readable file or directory is among them */
} geo_source_size;

/*
 * Adds up, without reading them, the files geo_source_open() would read
 * from paths: directories are walked by the same rules (hidden entries and
 * unknown extensions skipped, symbolic-link loops cut).  Paths that cannot
 * be examined are left out and make the total inexact; geo_source_next()
 * reports them when it reaches them, so this function is silent.  Returns
 * GEO_ENOMEM only.  O(files).
 */
geo_err geo_source_measure(const char *const *paths, size_t npaths, geo_source_size *out, geo_error *err);

/* ------------------------------------------------------------------ */
/* Text extraction                                                     */

typedef struct geo_extract_opts {
	geo_level level;
} geo_extract_opts;

typedef struct geo_extractor geo_extractor;

/* Called for each event found; a non-GEO_OK return stops extraction and is
 * passed back to the caller. */
typedef geo_err (*geo_event_fn)(void *user, const geo_event *ev, geo_error *err);

/* Builds an extractor over dict (borrowed; it must outlive the extractor). */
geo_err geo_extractor_new(geo_extractor **out, const geo_dict *dict, const geo_extract_opts *opts,
			  geo_error *err);
void geo_extractor_free(geo_extractor *x);

/*
 * Extracts the events of one document.  text need not be valid UTF-8 nor
 * NUL-terminated.  doc names the document; date ("YYYY-MM-DD" or NULL) is
 * used when the text states none.  Events come out in text order; their
 * strings are valid during the callback only.  *nsent, if not NULL, gets the
 * number of sentences; *replaced, if not NULL, the number of invalid bytes
 * replaced.
 */
geo_err geo_extract_text(geo_extractor *x, const char *doc, const char *date, const char *text,
			 size_t len, geo_event_fn emit, void *user, size_t *nsent, size_t *replaced,
			 geo_error *err);

#ifdef __cplusplus
}
#endif

#endif

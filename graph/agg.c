/* agg.c - events to one record per (source, target, relation), streaming. */
#define _GNU_SOURCE /* madvise */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

#include "graph_internal.h"

geo_actor_type geo_graph_guess_type(const char *id)
{
	if (strncmp(id, "person:", 7) == 0)
		return GEO_ACTOR_PERSON;
	if (strncmp(id, "institution:", 12) == 0)
		return GEO_ACTOR_INSTITUTION;
	if (strncmp(id, "group:", 6) == 0)
		return GEO_ACTOR_GROUP;
	if (strlen(id) == 3 && id[0] >= 'A' && id[0] <= 'Z' && id[1] >= 'A' && id[1] <= 'Z' &&
	    id[2] >= 'A' && id[2] <= 'Z')
		return GEO_ACTOR_COUNTRY;
	return GEO_ACTOR_UNKNOWN;
}

/* Arrays past this get a mapping of their own, in multiples of it.  (At
 * 2 MiB the heap blocks below it, copied and zeroed at each doubling,
 * took 3,500 page faults of their own on 10^6 generated GDELT rows.) */
#define REGION_MAP ((size_t)64 << 10)

static void region_free(geo_agg_region *r)
{
#if defined(__linux__)
	if (r->mapped) {
		(void)munmap(r->p, r->bytes);
		*r = (geo_agg_region){0};
		return;
	}
#endif
	free(r->p);
	*r = (geo_agg_region){0};
}

/*
 * Grows r to at least bytes, its old bytes kept, the new ones zero; on
 * failure r is as it was.  Small arrays stay on the heap (64-byte
 * aligned); past REGION_MAP an array is a mapping of its own, whose pages
 * the kernel gives zeroed (so new records are not written twice) and
 * which grows by moving its pages (mremap), not by copying or touching
 * them.  (Transparent huge pages for these mappings were tried: see
 * bench/README.md, fifth round.)
 */
static geo_err region_grow(geo_agg_region *r, size_t bytes)
{
	void *q = NULL;

	if (bytes <= r->bytes)
		return GEO_OK;
#if defined(__linux__)
	if (bytes > REGION_MAP) {
		bytes = (bytes + REGION_MAP - 1) & ~(REGION_MAP - 1);
		if (r->mapped) {
			if ((q = mremap(r->p, r->bytes, bytes, MREMAP_MAYMOVE)) == MAP_FAILED)
				return GEO_ENOMEM;
		} else {
			q = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (q == MAP_FAILED)
				return GEO_ENOMEM;
			if (r->p)
				memcpy(q, r->p, r->bytes);
			free(r->p);
		}
		*r = (geo_agg_region){.p = q, .bytes = bytes, .mapped = true};
		return GEO_OK;
	}
#endif
	if (posix_memalign(&q, 64, bytes) != 0)
		return GEO_ENOMEM;
	if (r->p)
		memcpy(q, r->p, r->bytes);
	memset((char *)q + r->bytes, 0, bytes - r->bytes);
	free(r->p);
	*r = (geo_agg_region){.p = q, .bytes = bytes};
	return GEO_OK;
}

geo_err geo_agg_new(geo_agg **out, const geo_dict *dict, const geo_agg_opts *opts, geo_error *err)
{
	geo_agg *a = calloc(1, sizeof *a);

	*out = NULL;
	if (!a)
		return geo_error_set(err, GEO_ENOMEM, "out of memory");
	a->dict = dict;
	if (opts)
		a->opts = *opts;
	a->opts.since[10] = a->opts.until[10] = '\0';
	a->strings = geo_strmap_new();
	a->ids = geo_strmap_new();
	a->relindex = geo_strmap_new();
	a->odd_dates = geo_strmap_new();
	if (!a->strings || !a->ids || !a->relindex || !a->odd_dates) {
		geo_agg_free(a);
		return geo_error_set(err, GEO_ENOMEM, "out of memory");
	}
	*out = a;
	return GEO_OK;
}

void geo_agg_free(geo_agg *a)
{
	if (!a)
		return;
	/* Evidence strings are interned: only the slot arrays are the edges'. */
	for (size_t i = 0; i < a->ne && a->nevidence_edges; i++)
		free(a->er[i].evidence);
	region_free(&a->e_mem);
	region_free(&a->ec_mem);
	region_free(&a->er_mem);
	free(a->odd);
	geo_strmap_free(a->odd_dates);
	free(a->v);
	free(a->idrec);
	free(a->rels);
	free(a->first_doc);
	free(a->last_doc);
	region_free(&a->eindex_mem);
	geo_strmap_free(a->relindex);
	geo_strmap_free(a->ids);
	geo_strmap_free(a->strings);
	free(a);
}

const geo_agg_stats *geo_agg_get_stats(const geo_agg *a)
{
	return &a->stats;
}

size_t geo_agg_vcount(const geo_agg *a)
{
	return a->nv;
}

size_t geo_agg_ecount(const geo_agg *a)
{
	/* Out of memory here shows again in the graph build, which reports it. */
	(void)geo_agg_flush(a);
	return a->ne;
}

/* The aggregate's copy of s (NULL stays NULL). */
static geo_err intern(geo_agg *a, const char *s, const char **out)
{
	size_t dummy = 0;

	*out = NULL;
	if (!s)
		return GEO_OK;
	return geo_strmap_put(a->strings, s, strlen(s), &dummy, out);
}

static geo_err grow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 16;
	void *q;

	if (need <= *cap)
		return GEO_OK;
	while (n < need)
		n *= 2;
	q = realloc(*p, n * size);
	if (!q)
		return GEO_ENOMEM;
	*p = q;
	*cap = n;
	return GEO_OK;
}

/* The bytes of a string of 1 to 7 bytes as one non-zero number; false
 * for longer or empty strings. */
static bool short_key(const char *s, uint64_t *key)
{
	uint64_t k = 0;
	size_t i;

	for (i = 0; i < 8 && s[i]; i++)
		k |= (uint64_t)(unsigned char)s[i] << (8 * i);
	*key = k;
	return i > 0 && i < 8;
}

static size_t hint_pos(uint64_t key, unsigned bits)
{
	return (size_t)((key * 0x9E3779B97F4A7C15ULL) >> (64 - bits));
}

/* The record of actor id, created (without a vertex) when new. */
static geo_err id_get(geo_agg *a, const char *id, size_t *out)
{
	size_t len = strlen(id), idx = a->nid;
	const char *key;

	if (geo_strmap_get(a->ids, id, len, out))
		return GEO_OK;
	if (grow((void **)&a->idrec, &a->capid, a->nid + 1, sizeof *a->idrec) != GEO_OK ||
	    geo_strmap_put(a->ids, id, len, &idx, &key) != GEO_OK)
		return GEO_ENOMEM;
	a->idrec[a->nid++] = (geo_agg_id){.id = key, .vertex = SIZE_MAX};
	*out = idx;
	return GEO_OK;
}

/* The vertex of id record r, created empty when new. */
static geo_err id_vertex(geo_agg *a, size_t r, size_t *out)
{
	if (a->idrec[r].vertex == SIZE_MAX) {
		if (grow((void **)&a->v, &a->capv, a->nv + 1, sizeof *a->v) != GEO_OK)
			return GEO_ENOMEM;
		a->v[a->nv] = (geo_agg_vertex){.id = a->idrec[r].id, .type = GEO_ACTOR_UNKNOWN};
		a->idrec[r].vertex = a->nv++;
	}
	*out = a->idrec[r].vertex;
	return GEO_OK;
}

/* The vertex for id, created empty when new. */
static geo_err vertex_get(geo_agg *a, const char *id, size_t *out)
{
	size_t r;

	if (id_get(a, id, &r) != GEO_OK)
		return GEO_ENOMEM;
	return id_vertex(a, r, out);
}

/* First value seen wins: fills what the vertex does not know yet. */
static geo_err vertex_note(geo_agg *a, size_t vi, const char *label, geo_actor_type type,
			   const char *affiliation)
{
	geo_agg_vertex *v = &a->v[vi];

	if (!v->label && label && *label && intern(a, label, &v->label) != GEO_OK)
		return GEO_ENOMEM;
	if (v->type == GEO_ACTOR_UNKNOWN)
		v->type = type;
	if (!v->affiliation && affiliation && *affiliation &&
	    intern(a, affiliation, &v->affiliation) != GEO_OK)
		return GEO_ENOMEM;
	return GEO_OK;
}

/* The actor an event side stands for at the aggregate's level.  One hash
 * lookup finds both what the dictionary says of the id and its vertex. */
static geo_err resolve_actor_slow(geo_agg *a, const geo_actor_ref *ref, size_t *out, bool *folded)
{
	const geo_actor_info *info;
	const char *aff;
	size_t r;

	*folded = false;
	if (id_get(a, ref->id, &r) != GEO_OK)
		return GEO_ENOMEM;
	if (!a->idrec[r].looked_up) {
		a->idrec[r].info = a->dict ? geo_dict_actor(a->dict, ref->id) : NULL;
		a->idrec[r].looked_up = true;
	}
	info = a->idrec[r].info;
	aff = ref->affiliation && *ref->affiliation ? ref->affiliation : info ? info->affiliation : NULL;
	if (a->opts.level == GEO_LEVEL_COUNTRY && aff && *aff && strcmp(aff, ref->id) != 0) {
		/* The person's label and type describe the person, not the state. */
		*folded = true;
		return vertex_get(a, aff, out);
	}
	if (id_vertex(a, r, out) != GEO_OK)
		return GEO_ENOMEM;
	return vertex_note(a, *out, ref->label, ref->type, ref->affiliation);
}

/*
 * resolve_actor_slow() with, in front, a small table by the bytes of short
 * ids (country and organisation codes: every GDELT actor): an event side
 * without label or affiliation of its own always resolves to the same
 * vertex, and all vertex_note() can do for it is set the vertex's type
 * while it is unknown.  The table saves the id's hash and string compare.
 */
static geo_err resolve_actor(geo_agg *a, const geo_actor_ref *ref, size_t *out)
{
	struct geo_agg_actorhint *h;
	uint64_t key;
	bool folded;

	if ((ref->label && *ref->label) || (ref->affiliation && *ref->affiliation) || !short_key(ref->id, &key))
		return resolve_actor_slow(a, ref, out, &folded);
	/* Linear probing: ids never change their vertex, so an entry is
	 * never replaced; a full run of probes leaves the id out. */
	for (size_t i = 0, pos = hint_pos(key, GEO_AGG_HINT_BITS);; i++, pos = (pos + 1) & (GEO_AGG_HINTS - 1)) {
		h = &a->actorhint[pos];
		if (h->key == key) {
			*out = h->vertex;
			/* Once typed a vertex stays so: the entry remembers it and
			 * the vertex is not read again; nor is it for a side
			 * without a type to give. */
			if (!h->settled && ref->type != GEO_ACTOR_UNKNOWN) {
				if (a->v[h->vertex].type == GEO_ACTOR_UNKNOWN)
					a->v[h->vertex].type = ref->type;
				h->settled = a->v[h->vertex].type != GEO_ACTOR_UNKNOWN;
			}
			return GEO_OK;
		}
		if (!h->key)
			break;
		if (i == GEO_AGG_HINT_PROBES)
			return resolve_actor_slow(a, ref, out, &folded);
	}
	if (resolve_actor_slow(a, ref, out, &folded) != GEO_OK)
		return GEO_ENOMEM;
	if (*out < UINT32_MAX)
		*h = (struct geo_agg_actorhint){.key = key,
						.vertex = (uint32_t)*out,
						.settled = folded || a->v[*out].type != GEO_ACTOR_UNKNOWN};
	return GEO_OK;
}

/*
 * The index of relation label in a->rels, added when new.  Readers pass
 * the dictionary's own label strings, so a label's address mostly names
 * it: a table by address comes before the hash of the label.  An address
 * may be a reused buffer, so a hit is confirmed by a strcmp - unless the
 * address is the dictionary's own string for that label, which cannot
 * change while the aggregate lives (the dictionary outlives it): then the
 * address alone names the label (a strcmp per event was 1.5% of `stats`
 * on generated GDELT rows).  (With 64 entries the labels GDELT rows use
 * shared entries often enough that the hash was 2% of `stats`.)
 */
static geo_err rel_get(geo_agg *a, const char *label, uint32_t *out)
{
	struct geo_agg_relhint *hint =
		&a->relhint[(uint64_t)(uintptr_t)label * 0x9E3779B97F4A7C15ULL >> (64 - GEO_AGG_RELHINT_BITS)];
	const geo_relation_info *ri;
	size_t len, idx = a->nrels;
	const char *key;

	if (hint->label == label && (hint->dict_owned || strcmp(a->rels[hint->rel], label) == 0)) {
		*out = hint->rel;
		return GEO_OK;
	}
	len = strlen(label);
	if (!geo_strmap_get(a->relindex, label, len, &idx)) {
		if (a->nrels >= UINT32_MAX ||
		    grow((void **)&a->rels, &a->caprels, a->nrels + 1, sizeof *a->rels) != GEO_OK ||
		    intern(a, label, &key) != GEO_OK || geo_strmap_put(a->relindex, label, len, &idx, NULL) != GEO_OK)
			return GEO_ENOMEM;
		a->rels[a->nrels++] = key;
	}
	ri = a->dict ? geo_dict_relation(a->dict, label) : NULL;
	*hint = (struct geo_agg_relhint){.label = label, .rel = (uint32_t)idx, .dict_owned = ri && ri->label == label};
	*out = (uint32_t)idx;
	return GEO_OK;
}

/*
 * The edge index: open addressing with linear probing, 8 bytes a slot.
 * A slot holds the top 32 bits of the key's 64-bit hash and the edge's
 * index; the key itself is in the edge record, which an event updates
 * anyway, so a lookup costs the slot's cache line and, on a hit, the
 * record's.  (With the key in the slot, 16 bytes, the index of 10^6 edges
 * was 32 MB, a cache miss and a TLB miss per event; a geo_strmap of key
 * bytes, before that, two misses.)  A slot's position is the hash's top
 * ebits bits, a prefix of what the slot keeps, so growing the index needs
 * no key and no edge record: only the old slots, read in order.
 */
struct geo_agg_eslot {
	uint32_t hash;  /* top 32 bits of agg_edge_hash() */
	uint32_t edge1; /* index in e plus one; 0: empty slot */
};

GEO_STATIC uint64_t agg_edge_hash(uint32_t from, uint32_t to, uint32_t rel);
GEO_STATIC uint64_t agg_edge_hash(uint32_t from, uint32_t to, uint32_t rel)
{
	uint64_t h = ((uint64_t)from << 32 | to) * 0x9E3779B97F4A7C15ULL ^ (uint64_t)rel * 0xC2B2AE3D27D4EB4FULL;

	/* murmur3's finaliser: every input bit reaches the top bits. */
	h ^= h >> 33;
	h *= 0xFF51AFD7ED558CCDULL;
	h ^= h >> 33;
	h *= 0xC4CEB9FE1A85EC53ULL;
	h ^= h >> 33;
	return h;
}

/* The slot of (from, to, rel) whose top hash bits are hash: its own, or
 * the empty one where it would go. */
static struct geo_agg_eslot *edge_slot(const geo_agg *a, uint32_t hash, uint32_t from, uint32_t to,
				       uint32_t rel)
{
	size_t mask = a->ecap - 1, i = (size_t)(hash >> (32 - a->ebits));

	for (;;) {
		struct geo_agg_eslot *s = &a->eindex[i];
		if (!s->edge1)
			return s;
		if (s->hash == hash) {
			const geo_agg_edge *e = &a->e[s->edge1 - 1];
			if (e->from == from && e->to == to && e->rel == rel)
				return s;
		}
		i = (i + 1) & mask;
	}
}

/*
 * Maps in, with one call, the whole pages of [p, p + n), which the
 * aggregate is about to write: a page fault each (the index's new table,
 * the edge arrays as they fill) was about a sixth of `stats` on 10^6
 * generated GDELT rows.  Advice only: where the kernel has no
 * MADV_POPULATE_WRITE the pages fault in as before.
 */
static void populate(void *p, size_t n)
{
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
	long pg = sysconf(_SC_PAGESIZE);
	uintptr_t mask = pg > 0 ? (uintptr_t)pg - 1 : 4095, from = ((uintptr_t)p + mask) & ~mask,
		  to = ((uintptr_t)p + n) & ~mask;

	if (to > from)
		(void)madvise((void *)from, to - from, MADV_POPULATE_WRITE);
#else
	(void)p;
	(void)n;
#endif
}

/* Edge records mapped in at a time (populate): 1 MB of them. */
#define POPULATE_EDGES ((size_t)16384)

static geo_err edge_index_grow(geo_agg *a)
{
	unsigned bits = a->ecap ? a->ebits + 1 : 10;
	size_t cap = (size_t)1 << bits, mask = cap - 1;
	struct geo_agg_eslot *slots;
	geo_agg_region mem = {0};

	/* Positions come from the 32 bits a slot keeps. */
	if (bits > 32 || region_grow(&mem, cap * sizeof *slots) != GEO_OK)
		return GEO_ENOMEM;
	slots = mem.p;
	/* The rehash below writes all over the new table. */
	if (a->ecap)
		populate(slots, cap * sizeof *slots);
	for (size_t i = 0; i < a->ecap; i++) {
		const struct geo_agg_eslot *s = &a->eindex[i];
		size_t k;
		if (!s->edge1)
			continue;
		for (k = (size_t)(s->hash >> (32 - bits)); slots[k].edge1; k = (k + 1) & mask)
			;
		slots[k] = *s;
	}
	region_free(&a->eindex_mem);
	a->eindex_mem = mem;
	a->eindex = slots;
	a->ecap = cap;
	a->ebits = bits;
	return GEO_OK;
}

static uint32_t edge_hash32(uint32_t from, uint32_t to, uint32_t rel)
{
	return (uint32_t)(agg_edge_hash(from, to, rel) >> 32);
}

/* Room for need edges (records zero until written); e is 64-byte
 * aligned, so that a record is one cache line. */
static geo_err grow_edges(geo_agg *a, size_t need)
{
	size_t n = a->cape ? a->cape : 16;
	bool ok;

	if (need <= a->cape)
		return GEO_OK;
	while (n < need)
		n *= 2;
	/* An array that grew may have moved even if the next one fails. */
	ok = region_grow(&a->e_mem, n * sizeof *a->e) == GEO_OK;
	a->e = a->e_mem.p;
	ok = ok && region_grow(&a->ec_mem, n * sizeof *a->ec) == GEO_OK;
	a->ec = a->ec_mem.p;
	if (a->er) {
		ok = ok && region_grow(&a->er_mem, n * sizeof *a->er) == GEO_OK;
		a->er = a->er_mem.p;
	}
	if (!ok)
		return GEO_ENOMEM;
	a->cape = n;
	return GEO_OK;
}

/* The rare half of edge i, its array made on first need; NULL when out
 * of memory. */
static geo_agg_edge_rare *rare(geo_agg *a, size_t i)
{
	if (!a->er) {
		if (region_grow(&a->er_mem, a->cape * sizeof *a->er) != GEO_OK)
			return NULL;
		a->er = a->er_mem.p;
	}
	return &a->er[i];
}

/* The edge (from, to, rel), whose edge_hash32() is hash, made when new. */
static geo_err edge_get_hashed(geo_agg *a, uint32_t from, uint32_t to, uint32_t rel, uint32_t hash, size_t *out,
			       bool *fresh)
{
	struct geo_agg_eslot *s;

	*fresh = false;
	if (a->ne >= UINT32_MAX - 1)
		return GEO_ENOMEM;
	if ((a->ne + 1) * 4 > a->ecap * 3 && edge_index_grow(a) != GEO_OK)
		return GEO_ENOMEM;
	s = edge_slot(a, hash, from, to, rel);
	if (s->edge1) {
		*out = s->edge1 - 1;
		return GEO_OK;
	}
	if (grow_edges(a, a->ne + 1) != GEO_OK)
		return GEO_ENOMEM;
	if (a->ne % POPULATE_EDGES == 0) {
		size_t n = a->cape - a->ne < POPULATE_EDGES ? a->cape - a->ne : POPULATE_EDGES;
		populate(&a->e[a->ne], n * sizeof *a->e);
		populate(&a->ec[a->ne], n * sizeof *a->ec);
	}
	*s = (struct geo_agg_eslot){.hash = hash, .edge1 = (uint32_t)a->ne + 1};
	/* The rest of both records is zero already. */
	a->e[a->ne].from = from;
	a->e[a->ne].to = to;
	a->e[a->ne++].rel = rel;
	*out = a->ne - 1;
	*fresh = true;
	return GEO_OK;
}

static geo_err edge_get(geo_agg *a, size_t from, size_t to, uint32_t rel, size_t *out, bool *fresh)
{
	/* 32-bit indices: 2^32 actors or edges would need terabytes of
	 * aggregate before this limit mattered. */
	*fresh = false;
	if (from >= UINT32_MAX || to >= UINT32_MAX)
		return GEO_ENOMEM;
	return edge_get_hashed(a, (uint32_t)from, (uint32_t)to, rel, edge_hash32((uint32_t)from, (uint32_t)to, rel),
			       out, fresh);
}

/* date (at most 10 bytes) into out[11], the bytes after its NUL zeroed:
 * padded dates compare as strcmp compares them with one fixed-size
 * compare. */
static void pad_date(char *out, const char *date)
{
	size_t n = strnlen(date, 10);

	memcpy(out, date, n);
	memset(out + n, 0, 11 - n);
}

/* strcmp of two padded dates (see pad_date). */
static int date_cmp(const char *x, const char *y)
{
	return memcmp(x, y, 11);
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * The code of date (see GEO_AGG_ODD_DATE): "YYYY-MM-DD" is packed as a
 * number that orders as the string does, anything else is kept once in
 * a table.  The edge record then holds two 4-byte codes instead of two
 * 11-byte strings.
 */
static geo_err date_code(geo_agg *a, const char *date, uint32_t *out)
{
	char pad[11];
	size_t idx = a->nodd, n;
	const char *key;

	if (!date[0]) {
		*out = 0;
		return GEO_OK;
	}
	if (is_digit(date[0]) && is_digit(date[1]) && is_digit(date[2]) && is_digit(date[3]) && date[4] == '-' &&
	    is_digit(date[5]) && is_digit(date[6]) && date[7] == '-' && is_digit(date[8]) && is_digit(date[9]) &&
	    !date[10]) {
		uint32_t y = (uint32_t)(date[0] - '0') * 1000 + (uint32_t)(date[1] - '0') * 100 +
			     (uint32_t)(date[2] - '0') * 10 + (uint32_t)(date[3] - '0');
		uint32_t m = (uint32_t)(date[5] - '0') * 10 + (uint32_t)(date[6] - '0');
		uint32_t d = (uint32_t)(date[8] - '0') * 10 + (uint32_t)(date[9] - '0');
		*out = 1 + y * 10000 + m * 100 + d;
		return GEO_OK;
	}
	pad_date(pad, date);
	n = strlen(pad);
	if (!geo_strmap_get(a->odd_dates, pad, n, &idx)) {
		if (a->nodd >= GEO_AGG_ODD_DATE - 1 ||
		    grow((void **)&a->odd, &a->capodd, a->nodd + 1, sizeof *a->odd) != GEO_OK ||
		    geo_strmap_put(a->odd_dates, pad, n, &idx, &key) != GEO_OK)
			return GEO_ENOMEM;
		memcpy(a->odd[a->nodd++], pad, sizeof pad);
	}
	*out = GEO_AGG_ODD_DATE | (uint32_t)idx;
	return GEO_OK;
}

void geo_agg_date_str(const geo_agg *a, uint32_t code, char out[11])
{
	uint32_t v;

	if (code & GEO_AGG_ODD_DATE) {
		memcpy(out, a->odd[code & ~GEO_AGG_ODD_DATE], 11);
		return;
	}
	memset(out, 0, 11);
	if (!code)
		return;
	v = code - 1;
	out[0] = (char)('0' + v / 10000000);
	out[1] = (char)('0' + v / 1000000 % 10);
	out[2] = (char)('0' + v / 100000 % 10);
	out[3] = (char)('0' + v / 10000 % 10);
	out[4] = '-';
	out[5] = (char)('0' + v / 1000 % 10);
	out[6] = (char)('0' + v / 100 % 10);
	out[7] = '-';
	out[8] = (char)('0' + v / 10 % 10);
	out[9] = (char)('0' + v % 10);
}

int geo_agg_date_cmp_slow(const geo_agg *a, uint32_t x, uint32_t y)
{
	char sx[11], sy[11];

	geo_agg_date_str(a, x, sx);
	geo_agg_date_str(a, y, sy);
	return date_cmp(sx, sy);
}

/* first and last are date codes. */
static void note_dates(const geo_agg *a, geo_agg_edge *e, uint32_t first, uint32_t last)
{
	if (first && (!e->first_date || geo_agg_date_cmp(a, first, e->first_date) < 0))
		e->first_date = first;
	if (last && (!e->last_date || geo_agg_date_cmp(a, last, e->last_date) > 0))
		e->last_date = last;
}

/* Counter updates: the high halves live in the rare record. */
static geo_err set_count(geo_agg *a, size_t i, uint64_t c)
{
	geo_agg_edge_rare *r;

	a->e[i].count = (uint32_t)c;
	if (!(c >> 32)) {
		if (a->wide_counts)
			a->er[i].count_hi = 0;
		return GEO_OK;
	}
	if (!(r = rare(a, i)))
		return GEO_ENOMEM;
	a->wide_counts = true;
	r->count_hi = (uint32_t)(c >> 32);
	return GEO_OK;
}

static geo_err set_docs(geo_agg *a, size_t i, uint64_t c)
{
	geo_agg_edge_rare *r;

	a->e[i].docs = (uint32_t)c;
	if (!(c >> 32)) {
		if (a->wide_counts)
			a->er[i].docs_hi = 0;
		return GEO_OK;
	}
	if (!(r = rare(a, i)))
		return GEO_ENOMEM;
	a->wide_counts = true;
	r->docs_hi = (uint32_t)(c >> 32);
	return GEO_OK;
}

static geo_err set_quad(geo_agg *a, size_t i, int quad)
{
	geo_agg_edge_rare *r;

	if (quad >= INT16_MIN && quad <= INT16_MAX) {
		a->e[i].quad = (int16_t)quad;
		return GEO_OK;
	}
	if (!(r = rare(a, i)))
		return GEO_ENOMEM;
	a->e[i].quad = 1;
	a->e[i].flags |= GEO_AGG_E_WIDE_QUAD;
	r->quad = quad;
	return GEO_OK;
}

/* A counter's low half wrapped to 0: its high half goes up. */
static geo_err carry(geo_agg *a, size_t i, bool docs)
{
	geo_agg_edge_rare *r = rare(a, i);

	if (!r)
		return GEO_ENOMEM;
	a->wide_counts = true;
	if (docs)
		r->docs_hi++;
	else
		r->count_hi++;
	return GEO_OK;
}

static geo_err add_evidence(geo_agg *a, size_t ei, const geo_evidence *ev)
{
	geo_agg_edge_rare *e;
	geo_evidence *to;

	if (!ev->text)
		return GEO_OK;
	if (!(e = rare(a, ei)))
		return GEO_ENOMEM;
	if (e->nevidence == GEO_EVIDENCE_MAX)
		return GEO_OK;
	if (!e->evidence) {
		if (!(e->evidence = malloc(GEO_EVIDENCE_MAX * sizeof *e->evidence)))
			return GEO_ENOMEM;
		a->nevidence_edges++;
	}
	to = &e->evidence[e->nevidence];
	*to = *ev;
	/* Interned: a sentence behind several edges, and the document's name,
	 * are held once. */
	if (intern(a, ev->text, &to->text) != GEO_OK || intern(a, ev->doc, &to->doc) != GEO_OK)
		return GEO_ENOMEM;
	e->nevidence++;
	return GEO_OK;
}

/* last_doc = doc, in its reused buffer. */
static geo_err set_last_doc(geo_agg *a, const char *doc)
{
	size_t n = strlen(doc) + 1;

	if (n > a->last_doc_cap) {
		size_t cap = a->last_doc_cap ? a->last_doc_cap : 64;
		char *p;
		while (cap < n)
			cap *= 2;
		if (!(p = realloc(a->last_doc, cap)))
			return GEO_ENOMEM;
		a->last_doc = p;
		a->last_doc_cap = cap;
	}
	memcpy(a->last_doc, doc, n);
	return GEO_OK;
}

/* Moves the aggregate to the document run of doc. */
static geo_err enter_doc(geo_agg *a, const char *doc)
{
	if (a->runs && strcmp(a->last_doc, doc) == 0)
		return GEO_OK;
	if (set_last_doc(a, doc) != GEO_OK ||
	    (!a->runs && !(a->first_doc = geo_strndup(doc, strlen(doc)))))
		return GEO_ENOMEM;
	a->runs++;
	a->stats.documents++;
	return GEO_OK;
}

static bool in_range(const geo_agg *a, const char *date)
{
	if (!a->opts.since[0] && !a->opts.until[0])
		return true;
	if (!*date)
		return false;
	return (!a->opts.since[0] || strcmp(date, a->opts.since) >= 0) &&
	       (!a->opts.until[0] || strcmp(date, a->opts.until) <= 0);
}

/*
 * intern() for an event's CAMEO code, which every new edge interns: GDELT
 * uses a few hundred codes, so a small table by the code's bytes finds
 * the interned copy without hashing the string again.
 */
/* intern_code() of code, whose short_key() is key when short_code. */
static geo_err intern_code_as(geo_agg *a, const char *code, bool short_code, uint64_t key, const char **out)
{
	struct geo_agg_codehint *h = NULL;

	if (short_code) {
		for (size_t i = 0, pos = hint_pos(key, GEO_AGG_HINT_BITS); i <= GEO_AGG_HINT_PROBES;
		     i++, pos = (pos + 1) & (GEO_AGG_HINTS - 1)) {
			if (a->codehint[pos].key == key) {
				*out = a->codehint[pos].code;
				return GEO_OK;
			}
			if (!a->codehint[pos].key) {
				h = &a->codehint[pos];
				break;
			}
		}
	}
	if (intern(a, code, out) != GEO_OK)
		return GEO_ENOMEM;
	if (h)
		*h = (struct geo_agg_codehint){.key = key, .code = *out};
	return GEO_OK;
}

static geo_err intern_code(geo_agg *a, const char *code, const char **out)
{
	uint64_t key;
	bool short_code = short_key(code, &key);

	return intern_code_as(a, code, short_code, key, out);
}

/* The pipe's GEO_AGG_CODE key of code, n = strlen(code) < 8: its bytes
 * read without a branch on the length (bytes past the NUL read as the
 * NUL), since GDELT mixes 3- and 4-digit codes at random.  (memcpy of the
 * code was a `rep movsb`, a fifth of geo_agg_add's samples.) */
static uint64_t code_key(const char *code, size_t n)
{
	uint64_t k = GEO_AGG_CODE;

	for (size_t i = 0; i < 7; i++)
		k |= (uint64_t)(unsigned char)code[i < n ? i : n] << (8 * i);
	return k;
}

/* intern_code() of the code whose key (code_key) is key. */
static geo_err intern_code_key(geo_agg *a, uint64_t key, const char **out)
{
	char code[8];

	key &= ~GEO_AGG_CODE;
	for (size_t i = 0; i < 8; i++)
		code[i] = (char)(key >> (8 * i) & 0xff);
	/* The key is the code's short_key(): no byte loop over it again. */
	return intern_code_as(a, code, key != 0, key, out);
}

/* One event's share of edge ei; fresh: the event made it.  The event's
 * code is cameo or, when code is not 0, the code of that key (code_key);
 * date is a date code. */
static geo_err edge_note(geo_agg *a, size_t ei, bool fresh, uint64_t run, const char *cameo, uint64_t code,
			 int quad, double weight, double goldstein, uint32_t date)
{
	geo_agg_edge *e = &a->e[ei];

	if (fresh) {
		/* A new record is zero (region_grow) and, four events in five
		 * on generated GDELT rows, not in cache: its fields are stored,
		 * not read and updated, so nothing waits for its line.  "0.0 +"
		 * gives what adding to the zero sums gives (-0.0 becomes 0.0). */
		e->docs = e->count = 1;
		e->last_run = run;
		e->weight = 0.0 + weight;
		e->goldstein_sum = 0.0 + goldstein;
		e->goldstein_abs_sum = 0.0 + fabs(goldstein);
		e->first_date = e->last_date = date;
		e->flags = run == 1 ? GEO_AGG_E_RUN1 : 0;
		if (cameo || code) {
			if ((code ? intern_code_key(a, code, &a->ec[ei].cameo)
				  : intern_code(a, cameo, &a->ec[ei].cameo)) != GEO_OK)
				return GEO_ENOMEM;
			e->flags |= GEO_AGG_E_CAMEO;
		}
		return set_quad(a, ei, quad);
	}
	if (e->last_run != run && ++e->docs == 0 && carry(a, ei, true) != GEO_OK)
		return GEO_ENOMEM;
	e->last_run = run;
	/* The first code seen stays: only an edge without one interns. */
	if (!(e->flags & GEO_AGG_E_CAMEO) && (cameo || code)) {
		if ((code ? intern_code_key(a, code, &a->ec[ei].cameo) : intern_code(a, cameo, &a->ec[ei].cameo)) !=
		    GEO_OK)
			return GEO_ENOMEM;
		e->flags |= GEO_AGG_E_CAMEO;
	}
	if (!e->quad && set_quad(a, ei, quad) != GEO_OK)
		return GEO_ENOMEM;
	if (++e->count == 0 && carry(a, ei, false) != GEO_OK)
		return GEO_ENOMEM;
	e->weight += weight;
	e->goldstein_sum += goldstein;
	e->goldstein_abs_sum += fabs(goldstein);
	note_dates(a, e, date, date);
	return GEO_OK;
}

/*
 * The pipe.  With 10^5 or more edges an event's index slot, and its edge
 * record, are seldom in cache: waiting for them was a quarter of `stats`
 * on 10^6 generated GDELT rows.  So an event is resolved to its key at
 * once, its slot is asked for (prefetch), and its edge is updated
 * GEO_AGG_PIPE events later, when the slot has arrived; half-way, the
 * slot is read to ask for the edge record too.  Events leave the pipe in
 * the order they came, so the aggregate is the one the plain loop makes.
 */
static void pipe_prefetch_slot(const geo_agg *a, uint32_t hash)
{
	if (a->ecap)
		GEO_PREFETCH(&a->eindex[hash >> (32 - a->ebits)]);
}

/* Asks for the edge record of p if its slot names one (a guess: the real
 * lookup comes later). */
static void pipe_prefetch_edge(const geo_agg *a, const geo_agg_pending *p)
{
	size_t i, mask = a->ecap - 1;

	if (!a->ecap)
		return;
	for (i = p->hash >> (32 - a->ebits); a->eindex[i].edge1; i = (i + 1) & mask)
		if (a->eindex[i].hash == p->hash) {
			GEO_PREFETCH(&a->e[a->eindex[i].edge1 - 1]);
			return;
		}
}

/* Updates the edge of the oldest event in the pipe and takes it out. */
static geo_err pipe_pop(geo_agg *a)
{
	geo_agg_pending *p = &a->pipe[a->pipe_head];
	size_t ei;
	bool fresh;
	geo_err rc;

	if (a->pipe_len > GEO_AGG_PIPE / 2)
		pipe_prefetch_edge(a, &a->pipe[(a->pipe_head + GEO_AGG_PIPE / 2) & (GEO_AGG_PIPE - 1)]);
	a->pipe_head = (a->pipe_head + 1) & (GEO_AGG_PIPE - 1);
	a->pipe_len--;
	if ((rc = edge_get_hashed(a, p->from, p->to, p->rel, p->hash, &ei, &fresh)) != GEO_OK)
		return rc;
	return edge_note(a, ei, fresh, p->run, NULL, p->code, p->quad, p->weight, p->goldstein, p->date);
}

/* cameo_len: strlen(ev->cameo), less than 8. */
static geo_err pipe_push(geo_agg *a, uint32_t from, uint32_t to, uint32_t rel, const geo_event *ev,
			 size_t cameo_len)
{
	geo_agg_pending *p;

	if (a->pipe_len == GEO_AGG_PIPE && pipe_pop(a) != GEO_OK)
		return GEO_ENOMEM;
	p = &a->pipe[(a->pipe_head + a->pipe_len++) & (GEO_AGG_PIPE - 1)];
	/* Field by field: a compound literal zeroed the record with a
	 * `rep stos` first, slow to start for 80 bytes. */
	p->from = from;
	p->to = to;
	p->rel = rel;
	p->hash = edge_hash32(from, to, rel);
	p->run = a->runs;
	p->weight = ev->weight;
	p->goldstein = ev->goldstein;
	p->quad = ev->quad;
	if (date_code(a, ev->date, &p->date) != GEO_OK) {
		a->pipe_len--;
		return GEO_ENOMEM;
	}
	p->code = ev->cameo ? code_key(ev->cameo, cameo_len) : 0;
	pipe_prefetch_slot(a, p->hash);
	return GEO_OK;
}

geo_err geo_agg_flush(const geo_agg *ca)
{
	/* See the header: the events in flight belong to the value. */
	geo_agg *a = (geo_agg *)(uintptr_t)ca;
	geo_err rc = GEO_OK;

	while (a->pipe_len && rc == GEO_OK)
		rc = pipe_pop(a);
	a->pipe_len = 0;
	return rc;
}

geo_err geo_agg_add(geo_agg *a, const geo_event *ev, geo_error *err)
{
	size_t from, to, ei, cameo_len;
	uint32_t rel, date;
	bool fresh;

	if (!ev->source.id || !*ev->source.id || !ev->target.id || !*ev->target.id || !ev->relation ||
	    !*ev->relation)
		return geo_error_set(err, GEO_EDATA, "%s: event without source, target or relation",
				     ev->doc ? ev->doc : "event");
	a->stats.events++;
	if (ev->negated) {
		a->stats.negated++;
		return GEO_OK;
	}
	if (!in_range(a, ev->date)) {
		a->stats.out_of_range++;
		return GEO_OK;
	}
	if (resolve_actor(a, &ev->source, &from) != GEO_OK || resolve_actor(a, &ev->target, &to) != GEO_OK)
		goto nomem;
	if (from == to && !a->opts.self_loops) {
		a->stats.self_loops++;
		return GEO_OK;
	}
	if (rel_get(a, ev->relation, &rel) != GEO_OK || enter_doc(a, ev->doc ? ev->doc : "") != GEO_OK)
		goto nomem;
	cameo_len = ev->cameo ? strnlen(ev->cameo, 8) : 0;
	if (!ev->evidence && cameo_len < 8 && from < UINT32_MAX &&
	    to < UINT32_MAX) {
		if (pipe_push(a, (uint32_t)from, (uint32_t)to, rel, ev, cameo_len) != GEO_OK)
			goto nomem;
		a->stats.kept++;
		return GEO_OK;
	}
	/* An event with evidence keeps strings the pipe does not copy: it
	 * goes to its edge now, after the events before it. */
	if (geo_agg_flush(a) != GEO_OK || edge_get(a, from, to, rel, &ei, &fresh) != GEO_OK)
		goto nomem;
	if (date_code(a, ev->date, &date) != GEO_OK ||
	    edge_note(a, ei, fresh, a->runs, ev->cameo, 0, ev->quad, ev->weight, ev->goldstein, date) != GEO_OK)
		goto nomem;
	if (ev->evidence) {
		geo_evidence evd = {.text = ev->evidence, .doc = ev->doc, .sent = ev->sent};
		memcpy(evd.date, ev->date, sizeof evd.date);
		if (add_evidence(a, ei, &evd) != GEO_OK)
			goto nomem;
	}
	a->stats.kept++;
	return GEO_OK;
nomem:
	return geo_error_set(err, GEO_ENOMEM, "out of memory");
}

geo_err geo_agg_merge(geo_agg *into, const geo_agg *from, geo_error *err)
{
	size_t *vmap = NULL;
	geo_err rc = GEO_OK;
	bool joined;
	uint64_t offset;

	if (into == from)
		return geo_error_set(err, GEO_EUSAGE, "cannot merge an aggregate into itself");
	if (geo_agg_flush(into) != GEO_OK || geo_agg_flush(from) != GEO_OK)
		return geo_error_set(err, GEO_ENOMEM, "out of memory");
	/* A document split across the two streams is one run, not two. */
	joined = into->runs && from->runs && strcmp(into->last_doc, from->first_doc) == 0;
	offset = into->runs - (joined ? 1 : 0);
	if (from->nv && !(vmap = malloc(from->nv * sizeof *vmap)))
		goto nomem;
	for (size_t i = 0; i < from->nv; i++) {
		const geo_agg_vertex *fv = &from->v[i];
		if (vertex_get(into, fv->id, &vmap[i]) != GEO_OK ||
		    vertex_note(into, vmap[i], fv->label, fv->type, fv->affiliation) != GEO_OK)
			goto nomem;
	}
	for (size_t i = 0; i < from->ne; i++) {
		const geo_agg_edge *fe = &from->e[i];
		const geo_agg_edge_cold *fc = &from->ec[i];
		uint32_t rel, first, last;
		size_t ei;
		bool fresh;
		geo_agg_edge *e;
		geo_agg_edge_cold *c;
		char date[11];
		uint64_t docs;

		if (rel_get(into, from->rels[fe->rel], &rel) != GEO_OK ||
		    edge_get(into, vmap[fe->from], vmap[fe->to], rel, &ei, &fresh) != GEO_OK)
			goto nomem;
		geo_agg_date_str(from, fe->first_date, date);
		if (date_code(into, date, &first) != GEO_OK)
			goto nomem;
		geo_agg_date_str(from, fe->last_date, date);
		if (date_code(into, date, &last) != GEO_OK)
			goto nomem;
		e = &into->e[ei];
		c = &into->ec[ei];
		docs = geo_agg_edge_docs(from, i);
		if (fresh) {
			/* Its first run is from's plus offset. */
			if ((fe->flags & GEO_AGG_E_RUN1) && offset == 0)
				e->flags |= GEO_AGG_E_RUN1;
		} else {
			docs += geo_agg_edge_docs(into, ei);
			if (joined && e->last_run == into->runs && (fe->flags & GEO_AGG_E_RUN1))
				docs--;
		}
		if (set_docs(into, ei, docs) != GEO_OK)
			goto nomem;
		e->last_run = fe->last_run + offset;
		if (!(e->flags & GEO_AGG_E_CAMEO) && fc->cameo) {
			if (intern(into, fc->cameo, &c->cameo) != GEO_OK)
				goto nomem;
			e->flags |= GEO_AGG_E_CAMEO;
		}
		if ((!e->quad && set_quad(into, ei, geo_agg_edge_quad(from, i)) != GEO_OK) ||
		    set_count(into, ei, geo_agg_edge_count(into, ei) + geo_agg_edge_count(from, i)) != GEO_OK)
			goto nomem;
		e->weight += fe->weight;
		e->goldstein_sum += fe->goldstein_sum;
		e->goldstein_abs_sum += fe->goldstein_abs_sum;
		note_dates(into, e, first, last);
		for (size_t k = 0; k < geo_agg_edge_nevidence(from, i); k++)
			if (add_evidence(into, ei, &geo_agg_edge_evidence(from, i)[k]) != GEO_OK)
				goto nomem;
	}
	if (from->runs) {
		if (set_last_doc(into, from->last_doc) != GEO_OK ||
		    (!into->runs && !(into->first_doc = geo_strndup(from->first_doc, strlen(from->first_doc)))))
			goto nomem;
		into->runs = from->runs + offset;
	}
	into->stats.events += from->stats.events;
	into->stats.kept += from->stats.kept;
	into->stats.self_loops += from->stats.self_loops;
	into->stats.negated += from->stats.negated;
	into->stats.out_of_range += from->stats.out_of_range;
	into->stats.documents += from->stats.documents - (joined ? 1 : 0);
	goto out;
nomem:
	rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
out:
	free(vmap);
	return rc;
}

/*
 * match.c - the phrase lexicon: dictionary phrases keyed by their
 * lower-cased tokens joined with spaces, plus every proper prefix of each
 * phrase, so that a longest match stops at the first token sequence that
 * leads nowhere.  Built once per extractor; matching allocates nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "text_internal.h"

#define KEY_MAX 512

geo_lex *geo_lex_new(void)
{
	geo_lex *lx = calloc(1, sizeof *lx);

	return lx;
}

void geo_lex_free(geo_lex *lx)
{
	if (!lx)
		return;
	geo_tmap_free(&lx->map);
	free(lx->keys);
	free(lx->items);
	geo_buf_free(&lx->pool);
	geo_tokens_free(&lx->scratch);
	free(lx);
}

void geo_tmap_free(geo_tmap *m)
{
	if (!m)
		return;
	free(m->slots);
	free(m->pool);
	memset(m, 0, sizeof *m);
}

static geo_err tmap_grow(geo_tmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	geo_tmap_slot *slots = calloc(cap, sizeof *slots);

	if (!slots)
		return GEO_ENOMEM;
	for (size_t i = 0; i < m->cap; i++) {
		const geo_tmap_slot *s = &m->slots[i];
		size_t j = s->hash & (cap - 1);
		if (!s->len)
			continue;
		while (slots[j].len)
			j = (j + 1) & (cap - 1);
		slots[j] = *s;
	}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
	return GEO_OK;
}

geo_err geo_tmap_put(geo_tmap *m, const char *key, size_t len, uint32_t h, uint32_t *value)
{
	size_t i;

	if (!len || len > UINT32_MAX || m->plen > UINT32_MAX - len)
		return GEO_ELIMIT;
	if (geo_tmap_get(m, key, len, h, value))
		return GEO_OK;
	/* At most half full: most lookups miss, and a miss ends at an empty slot. */
	if ((m->count + 1) * 2 > m->cap && tmap_grow(m) != GEO_OK)
		return GEO_ENOMEM;
	if (m->plen + len + GEO_TMAP_PAD > m->pcap) {
		size_t pcap = m->pcap ? m->pcap : 4096;
		char *p;
		while (pcap < m->plen + len + GEO_TMAP_PAD)
			pcap *= 2;
		if (!(p = realloc(m->pool, pcap)))
			return GEO_ENOMEM;
		/* Zero past the keys: geo_tmap_same_padded() reads there. */
		memset(p + m->plen, 0, pcap - m->plen);
		m->pool = p;
		m->pcap = pcap;
	}
	memcpy(m->pool + m->plen, key, len);
	for (i = h & (m->cap - 1); m->slots[i].len; i = (i + 1) & (m->cap - 1))
		;
	m->filter[geo_tmap_fword(h)] |= geo_tmap_fbit(h);
	m->slots[i].hash = h;
	m->slots[i].len = (uint32_t)len;
	m->slots[i].off = (uint32_t)m->plen;
	m->slots[i].value = *value;
	m->plen += len;
	m->count++;
	return GEO_OK;
}

static geo_err key_index(geo_lex *lx, const char *key, size_t klen, uint32_t h, int32_t parent, size_t *idx)
{
	uint32_t v = (uint32_t)lx->nkeys;
	geo_err rc;

	if (lx->nkeys >= INT32_MAX)
		return GEO_ELIMIT;
	if ((rc = geo_tmap_put(&lx->map, key, klen, h, &v)) != GEO_OK)
		return rc;
	if (v == lx->nkeys) {
		if (lx->nkeys == lx->capkeys) {
			size_t cap = lx->capkeys ? lx->capkeys * 2 : 256;
			struct geo_lex_key *k = realloc(lx->keys, cap * sizeof *k);
			if (!k)
				return GEO_ENOMEM;
			lx->keys = k;
			lx->capkeys = cap;
		}
		lx->keys[lx->nkeys].first = -1;
		lx->keys[lx->nkeys++].parent = parent;
	}
	*idx = v;
	return GEO_OK;
}

geo_err geo_lex_add(geo_lex *lx, const char *phrase, size_t n, int kind, int32_t ref, int32_t aux)
{
	geo_tokens *t = &lx->scratch;
	char key[KEY_MAX];
	size_t klen = 0, idx = 0;
	uint32_t case_off, h = 0;
	geo_err rc;

	if ((rc = geo_tokenize(phrase, n, t)) != GEO_OK)
		return rc;
	if (t->n == 0 || t->n > 0xFFFF)
		return GEO_OK;
	lx->first[geo_lex_fword(t->v[0].hash)] |= geo_lex_fbit(t->v[0].hash);
	{
		uint32_t m = geo_lex_refmix(t->v[0].hash, ref);
		lx->firstref[geo_lex_fword(m)] |= geo_lex_fbit(m);
	}
	for (size_t i = 0; i < t->n; i++) {
		const geo_tok *k = &t->v[i];
		if (klen + k->len + 1 >= sizeof key)
			return GEO_OK; /* absurdly long phrase: never matches */
		if (i)
			key[klen++] = ' ';
		memcpy(key + klen, t->low + k->start, k->len);
		klen += k->len;
		h = i ? geo_tmap_join(h, k->hash) : k->hash;
		if ((rc = key_index(lx, key, klen, h, i ? (int32_t)idx : -1, &idx)) != GEO_OK)
			return rc;
	}
	case_off = (uint32_t)lx->pool.len;
	for (size_t i = 0; i < t->n; i++) {
		if ((i && (rc = geo_buf_putc(&lx->pool, '\1')) != GEO_OK) ||
		    (rc = geo_buf_append(&lx->pool, phrase + t->v[i].start, t->v[i].len)) != GEO_OK)
			return rc;
	}
	if ((rc = geo_buf_putc(&lx->pool, '\0')) != GEO_OK)
		return rc;
	/* The same phrase spelled the same way for the same thing: once. */
	for (int32_t it = lx->keys[idx].first; it >= 0; it = lx->items[it].next) {
		const geo_lex_item *o = &lx->items[it];
		if (o->kind == kind && o->ref == ref && o->aux == aux &&
		    strcmp(lx->pool.data + o->case_off, lx->pool.data + case_off) == 0) {
			lx->pool.len = case_off;
			lx->pool.data[case_off] = '\0';
			return GEO_OK;
		}
	}
	if (lx->nitems == lx->capitems) {
		size_t cap = lx->capitems ? lx->capitems * 2 : 256;
		geo_lex_item *v = realloc(lx->items, cap * sizeof *v);
		if (!v)
			return GEO_ENOMEM;
		lx->items = v;
		lx->capitems = cap;
	}
	/* Append at the end of the key's list, so file order is kept. */
	{
		geo_lex_item *item = &lx->items[lx->nitems];
		int32_t *link = &lx->keys[idx].first;
		item->next = -1;
		item->ntok = (uint16_t)t->n;
		item->kind = (uint16_t)kind;
		item->ref = ref;
		item->aux = aux;
		item->case_off = case_off;
		item->any_case = true;
		{
			size_t sl = strlen(lx->pool.data + case_off);
			item->case_len = (uint16_t)(sl < UINT16_MAX ? sl : UINT16_MAX);
		}
		if (t->n == 1)
			lx->whole[geo_lex_fword(t->v[0].hash)] |= geo_lex_fbit(t->v[0].hash);
		item->upper = 0;
		for (const char *c = lx->pool.data + case_off; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				item->any_case = false;
		for (size_t k = 0; k < t->n && k < 8; k++)
			for (size_t c = 0; c < t->v[k].len; c++)
				if (geo_a_upper((unsigned char)phrase[t->v[k].start + c]))
					item->upper |= (uint8_t)(1u << k);
		while (*link >= 0)
			link = &lx->items[*link].next;
		*link = (int32_t)lx->nitems++;
	}
	return GEO_OK;
}

/* "JAPAN" in a headline set in capitals is "Japan": a word of three or
 * more letters written with one capital, spelled all in capitals. */
static bool title_in_caps(const char *alias, const char *w, size_t n)
{
	if (n < 3 || !(alias[0] >= 'A' && alias[0] <= 'Z') || w[0] != alias[0])
		return false;
	for (size_t k = 1; k < n; k++) {
		char a = alias[k];
		if (a >= 'A' && a <= 'Z')
			return false;
		if (w[k] != (a >= 'a' && a <= 'z' ? (char)(a - 'a' + 'A') : a))
			return false;
	}
	return true;
}

#ifdef GEO_TESTING
/* The plain walk the token lengths and the upper-case mask replace:
 * tests hold geo_lex_case_ok() to it. */
static bool case_ok_scan(const geo_lex *lx, const geo_lex_item *it, const char *s, const geo_tokens *t,
			 size_t i)
{
	const char *p = lx->pool.data + it->case_off;

	for (size_t k = 0; k < it->ntok; k++) {
		const char *e = p;
		bool upper = false;
		const geo_tok *tok = &t->v[i + k];
		while (*e && *e != '\1') {
			upper |= *e >= 'A' && *e <= 'Z';
			e++;
		}
		if (upper && ((size_t)(e - p) != tok->len ||
			      (memcmp(p, s + tok->start, tok->len) != 0 && !title_in_caps(p, s + tok->start, tok->len))))
			return false;
		p = *e ? e + 1 : e;
	}
	return true;
}
#endif

/* The spelling's tokens, in order.  The item was found by its key, the
 * lower-cased tokens joined by spaces, and no token holds a space: token
 * k of the spelling is as long as text token i + k, so the spelling is
 * walked by the text's lengths, and only the tokens the mask marks are
 * compared. */
static bool case_ok_tokens(const geo_lex *lx, const geo_lex_item *it, const char *s, const geo_tokens *t,
			   size_t i)
{
	const char *p = lx->pool.data + it->case_off;

	for (size_t k = 0; k < it->ntok; k++) {
		const geo_tok *tok = &t->v[i + k];
		bool upper = false;
		if (k < 8)
			upper = (it->upper >> k) & 1;
		else
			for (size_t c = 0; c < tok->len; c++)
				upper |= p[c] >= 'A' && p[c] <= 'Z';
		if (upper && memcmp(p, s + tok->start, tok->len) != 0 && !title_in_caps(p, s + tok->start, tok->len))
			return false;
		p += tok->len + 1;
	}
	return true;
}

bool geo_lex_case_check(const geo_lex *lx, const geo_lex_item *it, const char *s, const geo_tokens *t,
			size_t i)
{
	const char *p = lx->pool.data + it->case_off;
	bool ok;

	if (it->any_case)
		return true;
	/* One word with a capital: spelled exactly so, or not at all. */
	if (it->ntok == 1 && it->case_len != UINT16_MAX)
		return it->case_len == t->v[i].len && (geo_tmap_same(p, s + t->v[i].start, it->case_len) ||
							title_in_caps(p, s + t->v[i].start, it->case_len));
	ok = case_ok_tokens(lx, it, s, t, i);
#ifdef GEO_TESTING
	if (ok != case_ok_scan(lx, it, s, t, i))
		abort();
#endif
	return ok;
}

#define NO_KEY UINT32_MAX

/* The key that is key parent's tokens, a space and tok (klen bytes in
 * all, hashed as h), or false.  No token holds a space, so the same parent
 * and the same last token are the same key: the key need not be spelled
 * out and compared from its first byte at every token of a long name.
 * parent NO_KEY: the first token (first, firstlen) was not looked up, and
 * is compared here. */
static inline bool key_child(const geo_lex *lx, uint32_t parent, const char *first, size_t firstlen,
			     const char *tok, size_t toklen, size_t klen, uint32_t h, uint32_t *idx)
{
	const geo_tmap *m = &lx->map;
	size_t mask = m->cap - 1;

	for (size_t j = h & mask;; j = (j + 1) & mask) {
		const geo_tmap_slot *sl = &m->slots[j];
		const char *k;
		if (!sl->len)
			return false;
		if (sl->hash != h || sl->len != klen)
			continue;
		k = m->pool + sl->off;
		if (parent == NO_KEY ? geo_tmap_same_padded(k, first, firstlen) && k[firstlen] == ' '
				     : lx->keys[sl->value].parent == (int32_t)parent) {
			if (geo_tmap_same_padded(k + klen - toklen, tok, toklen)) {
				*idx = sl->value;
				return true;
			}
		}
	}
}

int32_t geo_lex_scan(const geo_lex *lx, const char *s, const geo_tokens *t, size_t i, bool any,
			int32_t ref, size_t *ntok, int32_t *fit)
{
	size_t klen = 0;
	uint32_t idx = NO_KEY, h = GEO_TMAP_SEED;
	int32_t best = -1;

	*ntok = 0;
	*fit = -1;
	for (size_t k = i; k < t->n; k++) {
		const geo_tok *tok = &t->v[k];
		const char *tl = t->low + tok->start;
		if (klen + tok->len + 1 >= KEY_MAX)
			break;
		if (k == i) {
			klen = tok->len;
			h = tok->hash;
			/* No phrase of this one word: no item to find in its
			 * key; the next token's key is looked up with it. */
			if (!(lx->whole[geo_lex_fword(h)] & geo_lex_fbit(h)))
				continue;
			if (!geo_tmap_get_padded(&lx->map, tl, klen, h, &idx))
				break;
		} else {
			const geo_tok *t0 = &t->v[i];
			h = geo_tmap_join(h, tok->hash);
			klen += 1 + tok->len;
			/* The map's filter turns most longer keys away. */
			if (!(lx->map.filter[geo_tmap_fword(h)] & geo_tmap_fbit(h)) ||
			    !key_child(lx, idx, t->low + t0->start, t0->len, tl, tok->len, klen, h, &idx))
				break;
		}
		for (int32_t it = lx->keys[idx].first; it >= 0; it = lx->items[it].next) {
			if ((any || lx->items[it].ref == ref) && geo_lex_case_ok(lx, &lx->items[it], s, t, i)) {
				best = any ? lx->keys[idx].first : it;
				*ntok = k - i + 1;
				*fit = it;
				break;
			}
		}
	}
	return best;
}

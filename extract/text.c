/*
 * text.c - the text extractor: news text to events.
 *
 * A shallow grammar over tokens (DESIGN.md, "how deep to parse").  Per
 * document: normalise, split sentences, then per sentence tokenize, find
 * actor mentions (longest dictionary match plus the patterns that build
 * people and institutions from titles), find relation triggers, and give
 * each trigger a source and a target from the clause around it: the
 * subject left of the verb group, the object right of the verb, the
 * possessor or "by" phrase of a relation noun, "by" after a passive, the
 * parties of "between A and B".  Everything the grammar needs is built in
 * geo_extractor_new(); per sentence only reused buffers are touched.
 *
 * The passes over one sentence:
 *   1. tokens, their word classes (text_lex.c) and the dictionary item
 *      that starts at each (one hash lookup per token length tried);
 *   2. mentions: dictionary names, seats and adjectives, composed with
 *      what follows ("U.S. Treasury Secretary Scott Bessent", "Chinese
 *      officials", "Russia's Foreign Ministry"), appositions, people met
 *      before, pronouns (he/she: a person named lately; it/its: the last
 *      state or organisation named as a noun; I/we: the speaker of the
 *      quotation), and group nouns ("countries ..., namely China");
 *   3. triggers: longest match in the relation lexicon, gap triggers
 *      ("put on ... tariffs"), object words ("buy" + "oil"), and verb forms
 *      used as nouns or adjectives dropped ("a sanctioned tanker"); the
 *      grammar adds "must" and "should" after a subject, a demand or an
 *      appeal when a speaker says them ("Baker said Brazil should");
 *   4. roles, per trigger in text order (process_trigger): source, target,
 *      negation and modality, then one event per source-target pair.
 * Precision comes first: an actor that is only a place ("in Stockholm"),
 * a modifier ("the Israeli peace movement"), an owner ("its commitments")
 * or the object of a preposition is not taken as a side of an act.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

#include <utf8proc.h>

#include "text_internal.h"
#include "text_lex.h"

/* Actor lexicon kinds. */
enum { AK_NAME = 1, AK_ADJ, AK_SEAT, AK_BARE, AK_ROLE, AK_MEDIA, AK_INST, AK_NOT };
/* Trigger lexicon kinds. */
enum { TK_TRIG = 1, TK_GAP };

/* Relation behaviour derived from its label and class. */
enum {
	R_CONFLICT = 1 << 0, /* material conflict: "war in Ukraine" names the target */
	R_HOST = 1 << 1,
	R_NESTED = 1 << 2,   /* accuse X of doing: a nested act follows */
	R_SYM = 1 << 3,
	R_MUTUAL = 1 << 4,   /* "A and B fought": each with the other */
	R_THAT = 1 << 5,     /* "demanded that A ...": A is the target */
	R_DEPLOY = 1 << 6,   /* "troops to a force in Liberia": the place is the target */
	R_THREATEN = 1 << 7, /* "threatened to ... if A ...": A is the target */
	R_MEET = 1 << 8,     /* "meet": not when what is met is an obligation */
	R_WORDS = 1 << 9,    /* "attacked the policy": force used on a policy is words */
	R_VISIT = 1 << 10,   /* "his Tokyo visit": the place before the noun is visited */
};

/* A trigger made by the grammar, not the lexicon: "said that China must
 * drop barriers" (a demand on China by the speaker), "should" (an appeal). */
#define FORM_MUST 100
/* In a trigger's lexicon entry, beside its form: a "received" line, whose
 * subject is acted on by the side after the preposition. */
#define FORM_RECV 0x80

#define MAX_PEOPLE 256
#define MAX_GROUP 12
#define MAX_EMITTED 64
#define GAP_WINDOW 6

/* Institution names that need the country before them.  The slug makes
 * the id "institution:<iso3>-<slug>". */
static const char *const inst_names[][2] = {
	{"Senate", "senate"}, {"Congress", "congress"}, {"House of Representatives", "house"},
	{"Parliament", "parliament"}, {"parliament", "parliament"}, {"Foreign Ministry", "foreign-ministry"},
	{"foreign ministry", "foreign-ministry"}, {"Ministry of Foreign Affairs", "foreign-ministry"},
	{"Defence Ministry", "defence-ministry"}, {"Defense Ministry", "defence-ministry"},
	{"defence ministry", "defence-ministry"}, {"defense ministry", "defence-ministry"},
	{"Ministry of Defence", "defence-ministry"}, {"Ministry of Defense", "defence-ministry"},
	{"Defense Department", "defence-ministry"}, {"State Department", "state-department"},
	{"Treasury", "treasury"}, {"Treasury Department", "treasury"},
	{"Commerce Department", "commerce-department"}, {"Commerce Ministry", "commerce-ministry"},
	{"Finance Ministry", "finance-ministry"}, {"finance ministry", "finance-ministry"},
	{"Trade Ministry", "trade-ministry"}, {"Interior Ministry", "interior-ministry"},
	{"Economy Ministry", "economy-ministry"}, {"Justice Department", "justice-department"},
	{"Central Bank", "central-bank"}, {"central bank", "central-bank"},
	{"Supreme Court", "supreme-court"}, {"Foreign Office", "foreign-office"},
	{"Cabinet", "cabinet"}, {"National Assembly", "national-assembly"},
	{"Embassy", "embassy"}, {"embassy", "embassy"}, {"Defense Forces", "defence-forces"},
	{"Armed Forces", "armed-forces"}, {"armed forces", "armed-forces"},
};

/* Title words that may sit between a country and a role ("Chinese Vice
 * Premier", "Russia's top diplomat", "the new President"). */
static const char *const role_mods[] = {"new", "top", "senior", "former", "chief", "acting",
					"outgoing", "incoming", "veteran", "current", "then", "own",
					"junior", "deputy", "vice", "interim", "caretaker", NULL};
/* Lower-case particles inside names: Hamad bin Khalifa, Ursula von der Leyen. */
static const char *const name_particles[] = {"bin", "ibn", "al", "el", "de", "da", "di", "van",
					     "von", "der", "den", "la", "le", "del", "dos", NULL};

struct relx {
	const geo_relation_info *info;
	unsigned flags;
};

/* Words one of which must be near a trigger for it to count ("buy" is
 * buys_oil only with "oil" or "crude" near).  len and hash per word let
 * object_fits() turn a token away without touching its bytes. */
struct objset {
	char **w;
	uint32_t *len, *hash;
	size_t n;
	uint64_t bits; /* bit (hash % 64) of each word: most tokens match none */
};

/* A resolved actor: what an event side carries. */
typedef struct actor {
	const char *id;          /* actor-level id */
	const char *label;       /* person or institution label, else NULL */
	const char *affiliation; /* for people and institutions */
	const char *fold;        /* the state or organisation */
	geo_actor_type type;     /* of id */
	geo_actor_type fold_type;
	bool city;               /* named by a city: a place, never a source */
} actor;

enum { M_ACTOR = 1, M_GENERIC };

typedef struct mention {
	uint32_t t0, t1;
	int kind;
	actor a;
	bool poss; /* followed by 's */
	bool adj;  /* from an adjective or used as a modifier */
	bool loc;  /* after in/at: a place */
	bool pp;   /* after a preposition */
	bool modnoun; /* an adjective before a common noun: "Israeli peace movement" */
	bool place;   /* a city naming a thing: "the Paris accord" */
	int32_t also; /* "the two countries": the other one (a hidden mention), or -1 */
	bool pron;
} mention;

typedef struct person {
	char id[96];
	char label[96];
	size_t labellen;
	char surname[48];
	const char *aff;
	geo_actor_type aff_type;
	geo_actor_type type;
} person;

typedef struct trig {
	uint32_t t0, t1;
	int32_t rel;
	int form;
	bool recv; /* "received loans from Japan": the subject is the target */
	uint32_t tail0; /* where the tail of a gap trigger starts, else t1 */
} trig;

typedef struct group {
	int n;
	int m[MAX_GROUP];
} group;

typedef struct quote {
	uint32_t open, close;   /* byte offsets in the normalised document */
	uint32_t who, wholen;   /* the speaker's name in the document */
	bool pron;              /* "he said" */
} quote;

typedef struct emitted {
	const char *s, *t;
	int32_t rel;
	bool neg;
} emitted;

struct geo_extractor {
	const geo_dict *dict;
	geo_level level;
	geo_lex *actors, *trigs, *tails, *insts;
	geo_words words;
	struct relx *rels;
	size_t nrels;
	int32_t criticize; /* the relation a verbal "attack" becomes, or -1 */
	int32_t rel_demand; /* the relation "demand", or -1 */
	int32_t rel_appeal; /* the relation "appeal", or -1 */
	int32_t rel_meet;   /* the relation "meet", or -1 */
	int32_t rel_mediate; /* the relation "mediate", or -1 */
	struct objset *objsets; /* [0] is the empty set */
	size_t nobjsets;
	int32_t *gaps; /* gap index -> relation */
	uint8_t *gap_out; /* gap index -> its tail begins with "out" */
	size_t ngaps, capgaps;
	char (*inst_slug)[48];
	size_t ninst;

	/* Per document, reused. */
	geo_buf norm, evid;
	/* The document being read, sentence by sentence (geo_text_doc_begin()
	 * and geo_text_doc_step()): where its events go and the next
	 * sentence. */
	const char *doc;
	char when[11];
	geo_event_fn emit_fn;
	void *emit_user;
	size_t next_sent;
	/* A document read in windows (geo_text_doc_more()): the sentences of
	 * the windows before this one, whether a quotation is open at the
	 * window's start, and whether text follows this window. */
	size_t sent_base;
	bool quote_in;
	bool doc_continues;
	bool evid_ok; /* evid holds the current sentence */
	geo_sentences sents;
	geo_tokens toks;
	uint32_t *bits;
	uint64_t *marked; /* bit j: the token is a word of tok_lists[j] */
	int32_t *tmen, *ttrig;
	struct dcache {
		int32_t ref;
		uint16_t len;
		uint8_t kind;
		bool city; /* a city that names its country only as a place */
	} *dc; /* dictionary item starting at each token */
	size_t captok;
	mention *men;
	size_t nmen, capmen;
	trig *trigs_v;
	size_t ntrig, captrig;
	quote *quotes;
	size_t nquotes, capquotes;
	person people[MAX_PEOPLE];
	size_t npeople;
	/* person_known's index over people[0, nindexed) of type person: chains
	 * by label hash and by surname hash, newest first. */
	int16_t lab_head[256], sur_head[256], lab_next[MAX_PEOPLE], sur_next[MAX_PEOPLE];
	/* people[0, nindexed) of every type by id hash: a long document
	 * fills the table, and a scan of it per mention was a tenth of the
	 * mention pass. */
	int16_t id_head[256], id_next[MAX_PEOPLE];
	size_t nindexed;
	actor last_person;
	bool have_person;
	size_t person_sent; /* sentence of the last mention of last_person */
	actor last_agent;
	bool have_agent;
	actor pair[2];
	bool have_pair;
	size_t pair_sent; /* sentence of the last two-party meeting or talks */
	emitted done[MAX_EMITTED];
	size_t ndone;

	/* Per sentence. */
	const char *s;   /* sentence text */
	size_t slen;
	size_t sent_index;
	size_t cond;     /* first "if" or "unless" of the sentence, or NTOK */
	uint32_t soff;   /* sentence offset in the document */
	bool headline;
	group nested;    /* "accused X of ..." */
	group clause_subj; /* subject of the last verb, for "and warned" */
	size_t clause_end;
	uint32_t nested_from;
};

/* ------------------------------------------------------------------ */
/* Building                                                            */

struct add_ctx {
	geo_extractor *x;
	int kind;
	int32_t ref;
	int32_t aux;
};

static geo_err add_actor_alias(void *user, const char *s, size_t n)
{
	struct add_ctx *c = user;

	return geo_lex_add(c->x->actors, s, n, c->kind, c->ref, c->aux);
}

static geo_err add_bare_alias(void *user, const char *s, size_t n)
{
	struct add_ctx *c = user;

	return geo_lex_add(c->x->insts, s, n, AK_BARE, c->ref, 0);
}

static geo_err add_object(void *user, const char *s, size_t n)
{
	struct add_ctx *c = user;
	struct objset *o = &c->x->objsets[c->x->nobjsets - 1];
	char **v = realloc(o->w, (o->n + 1) * sizeof *v);
	uint32_t *l, *h;

	if (!v)
		return GEO_ENOMEM;
	o->w = v;
	if (!(l = realloc(o->len, (o->n + 1) * sizeof *l)))
		return GEO_ENOMEM;
	o->len = l;
	if (!(h = realloc(o->hash, (o->n + 1) * sizeof *h)))
		return GEO_ENOMEM;
	o->hash = h;
	if (n > UINT32_MAX || !(v[o->n] = geo_strndup(s, n)))
		return GEO_ENOMEM;
	for (size_t i = 0; i < n; i++)
		v[o->n][i] = (char)geo_a_tolower((unsigned char)v[o->n][i]);
	l[o->n] = (uint32_t)n;
	h[o->n] = geo_tmap_hash(GEO_TMAP_SEED, v[o->n], n);
	o->bits |= UINT64_C(1) << (h[o->n] % 64);
	o->n++;
	return GEO_OK;
}

static geo_err new_objset(geo_extractor *x)
{
	struct objset *v = realloc(x->objsets, (x->nobjsets + 1) * sizeof *v);

	if (!v)
		return GEO_ENOMEM;
	x->objsets = v;
	v[x->nobjsets].w = NULL;
	v[x->nobjsets].len = v[x->nobjsets].hash = NULL;
	v[x->nobjsets].n = 0;
	v[x->nobjsets].bits = 0;
	x->nobjsets++;
	return GEO_OK;
}

/* Adds one inflected surface form (head + rest) to lexicon lx. */
static geo_err add_form(geo_lex *lx, const char *head, const char *rest, size_t restlen, int kind,
			int32_t ref, int form)
{
	char buf[256];
	size_t hn = strlen(head);

	/* Copied by length, not snprintf(): this runs for every form of every
	 * trigger at start-up, and printf takes glibc's slow positional path
	 * in this process (libquadmath's hooks). */
	if (hn + restlen >= sizeof buf)
		return GEO_OK;
	memcpy(buf, head, hn);
	memcpy(buf + hn, rest, restlen);
	buf[hn + restlen] = '\0';
	return geo_lex_add(lx, buf, hn + restlen, kind, ref, form);
}

/* Adds a trigger phrase: verbs inflect their first word, nouns their last;
 * phrases are kept verbatim. */
static geo_err add_inflected(geo_lex *lx, const char *s, size_t n, int line_kind, int kind, int32_t ref,
			     int32_t aux)
{
	geo_inflections f;
	char low[160];
	size_t w = 0;
	geo_err rc = GEO_OK;

	if (n >= sizeof low)
		return GEO_OK;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)geo_a_tolower((unsigned char)s[i]);
	low[n] = '\0';
	if (line_kind == GEO_FORM_PHRASE)
		return geo_lex_add(lx, low, n, kind, ref, GEO_FORM_PHRASE | aux);
	if (line_kind == GEO_FORM_NOUN) {
		geo_inflect_noun(low, n, &f);
		for (size_t i = 0; i < f.n && rc == GEO_OK; i++)
			rc = geo_lex_add(lx, f.w[i], strlen(f.w[i]), kind, ref, GEO_FORM_NOUN | aux);
		return rc;
	}
	while (w < n && low[w] != ' ')
		w++;
	geo_inflect_verb(low, w, &f);
	for (size_t i = 0; i < f.n && rc == GEO_OK; i++)
		rc = add_form(lx, f.w[i], low + w, n - w, kind, ref, f.form[i] | aux);
	return rc;
}

struct trig_ctx {
	geo_extractor *x;
	int32_t rel;
	int line_kind;
	int32_t objset;
	int recv;
};

static geo_err add_trigger(void *user, const char *s, size_t n)
{
	struct trig_ctx *c = user;
	geo_extractor *x = c->x;
	const char *gap = NULL;

	for (size_t i = 0; i + 3 <= n; i++)
		if (memcmp(s + i, "...", 3) == 0) {
			gap = s + i;
			break;
		}
	if (!gap)
		return add_inflected(x->trigs, s, n, c->line_kind, TK_TRIG, c->rel, c->objset << 8 | c->recv);
	{
		/* "put on ... tariffs": the head inflects, the tail follows within
		 * a few tokens. */
		size_t hn = (size_t)(gap - s), tn = n - hn - 3;
		const char *tail = gap + 3;
		int32_t g = (int32_t)x->ngaps;
		geo_err rc;
		while (hn && s[hn - 1] == ' ')
			hn--;
		while (tn && *tail == ' ')
			tail++, tn--;
		if (!hn || !tn)
			return GEO_OK;
		if (x->ngaps == x->capgaps) {
			size_t cap = x->capgaps ? x->capgaps * 2 : 32;
			uint8_t *o = realloc(x->gap_out, cap * sizeof *o);
			if (!o)
				return GEO_ENOMEM;
			x->gap_out = o;
			int32_t *v = realloc(x->gaps, cap * sizeof *v);
			if (!v)
				return GEO_ENOMEM;
			x->gaps = v;
			x->capgaps = cap;
		}
		/* "force ... out of": the gap may hold the object's name */
		x->gap_out[x->ngaps] = tn >= 3 && strncasecmp(tail, "out", 3) == 0 && (tn == 3 || tail[3] == ' ');
		x->gaps[x->ngaps++] = c->rel;
		if ((rc = add_inflected(x->trigs, s, hn, c->line_kind == GEO_FORM_NOUN ? GEO_FORM_NOUN : GEO_FORM_BASE,
					TK_GAP, g, c->objset << 8 | c->recv)) != GEO_OK)
			return rc;
		return add_inflected(x->tails, tail, tn, GEO_FORM_NOUN, TK_GAP, g, 0);
	}
}

/* The dictionary's grammar flags, and those that follow from the code:
 * material conflict names its target where it happens, and a threat
 * (CAMEO 13) answers the side in its condition. */
static unsigned relation_flags(const geo_relation_info *r)
{
	static const struct {
		unsigned from, to;
	} map[] = {
		{GEO_REL_MUTUAL, R_MUTUAL}, {GEO_REL_HOST, R_HOST},     {GEO_REL_MEET, R_MEET},
		{GEO_REL_VISIT, R_VISIT},   {GEO_REL_WORDS, R_WORDS},   {GEO_REL_NESTED, R_NESTED},
		{GEO_REL_DEPLOY, R_DEPLOY}, {GEO_REL_THAT, R_THAT},
	};
	unsigned f = 0;

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (r->grammar & map[i].from)
			f |= map[i].to;
	if (r->quad == 4)
		f |= R_CONFLICT;
	if (r->cameo && strncmp(r->cameo, "13", 2) == 0)
		f |= R_THREATEN;
	if (r->symmetric)
		f |= R_SYM | R_MUTUAL;
	return f;
}

static geo_err build(geo_extractor *x)
{
	const geo_dict *d = x->dict;
	size_t ne = geo_dict_entry_count(d);
	geo_err rc = GEO_OK;

	x->nrels = geo_dict_relation_count(d);
	x->criticize = -1;
	if (!(x->rels = calloc(x->nrels ? x->nrels : 1, sizeof *x->rels)))
		return GEO_ENOMEM;
	if ((rc = new_objset(x)) != GEO_OK)
		return rc;
	x->rel_demand = x->rel_appeal = x->rel_meet = x->rel_mediate = -1;
	for (size_t i = 0; i < x->nrels; i++) {
		x->rels[i].info = geo_dict_relation_at(d, i);
		x->rels[i].flags = relation_flags(x->rels[i].info);
		if (strcmp(x->rels[i].info->label, "criticize") == 0)
			x->criticize = (int32_t)i;
		if (strcmp(x->rels[i].info->label, "demand") == 0)
			x->rel_demand = (int32_t)i;
		if (strcmp(x->rels[i].info->label, "appeal") == 0)
			x->rel_appeal = (int32_t)i;
		if (strcmp(x->rels[i].info->label, "meet") == 0)
			x->rel_meet = (int32_t)i;
		if (strcmp(x->rels[i].info->label, "mediate") == 0)
			x->rel_mediate = (int32_t)i;
	}
	x->ninst = sizeof inst_names / sizeof inst_names[0];
	for (size_t i = 0; i < x->ninst && rc == GEO_OK; i++)
		rc = geo_lex_add(x->insts, inst_names[i][0], strlen(inst_names[i][0]), AK_INST, (int32_t)i, 0);
	for (size_t i = 0; i < ne && rc == GEO_OK; i++) {
		const geo_dict_entry *e = geo_dict_entry_at(d, i);
		struct add_ctx ac = {x, 0, (int32_t)e->index, 0};
		if (strcmp(e->kind, "actor") == 0) {
			for (size_t l = 0; l < e->nlines && rc == GEO_OK; l++) {
				const geo_dict_line *dl = &e->lines[l];
				if (strcmp(dl->kind, "name") == 0)
					ac.kind = AK_NAME;
				else if (strcmp(dl->kind, "adj") == 0)
					ac.kind = AK_ADJ;
				else if (strcmp(dl->kind, "seat") == 0 || strcmp(dl->kind, "city") == 0)
					ac.kind = AK_SEAT; /* a city reads like a seat ... */
				else if (strcmp(dl->kind, "bare") == 0)
					ac.kind = AK_BARE;
				else if (strcmp(dl->kind, "not") == 0)
					ac.kind = AK_NOT;
				else
					continue;
				/* ... but never acts (aux 1) */
				ac.aux = strcmp(dl->kind, "city") == 0;
				if (ac.kind == AK_BARE)
					rc = geo_dict_each_alias(dl->fields[0], add_bare_alias, &ac);
				else
					rc = geo_dict_each_alias(dl->fields[0], add_actor_alias, &ac);
			}
		} else if (strcmp(e->kind, "role") == 0) {
			ac.kind = AK_ROLE;
			ac.ref = (int32_t)i;
			for (size_t f = 0; f < e->nfields && rc == GEO_OK; f++)
				rc = geo_dict_each_alias(e->fields[f], add_actor_alias, &ac);
		} else if (strcmp(e->kind, "media") == 0) {
			ac.kind = AK_MEDIA;
			ac.ref = (int32_t)i;
			for (size_t f = 0; f < e->nfields && rc == GEO_OK; f++)
				rc = geo_dict_each_alias(e->fields[f], add_actor_alias, &ac);
		} else if (strcmp(e->kind, "relation") == 0) {
			int32_t objset = 0;
			for (size_t l = 0; l < e->nlines && rc == GEO_OK; l++) {
				const geo_dict_line *dl = &e->lines[l];
				struct trig_ctx tc = {x, (int32_t)e->index, 0, objset, 0};
				if (strcmp(dl->kind, "verb") == 0)
					tc.line_kind = GEO_FORM_BASE;
				else if (strcmp(dl->kind, "received") == 0)
					tc.line_kind = GEO_FORM_BASE, tc.recv = FORM_RECV;
				else if (strcmp(dl->kind, "noun") == 0)
					tc.line_kind = GEO_FORM_NOUN;
				else if (strcmp(dl->kind, "phrase") == 0)
					tc.line_kind = GEO_FORM_PHRASE;
				else if (strcmp(dl->kind, "object") == 0) {
					/* Applies to the trigger lines after it in the block. */
					if ((rc = new_objset(x)) != GEO_OK)
						break;
					objset = (int32_t)x->nobjsets - 1;
					rc = geo_dict_each_alias(dl->fields[0], add_object, &ac);
					continue;
				} else
					continue;
				rc = geo_dict_each_alias(dl->fields[0], add_trigger, &tc);
			}
		}
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Token helpers                                                       */

#define NTOK (x->toks.n)

static const char *low_at(const geo_extractor *x, size_t i)
{
	return x->toks.low + x->toks.v[i].start;
}

static bool tok_eq(const geo_extractor *x, size_t i, const char *w, size_t n)
{
	return i < NTOK && x->toks.v[i].len == n && memcmp(low_at(x, i), w, n) == 0;
}

/* tok_is(x, i, "word"): token i is that lower-case word (a literal). */
#define tok_is(x, i, lit) tok_eq((x), (i), "" lit, sizeof(lit) - 1)

/* The grammar's own word lists, each a bit of a token's list mask (a
 * word table lookup done once per token, in do_sentence()). */
#define TOK_LISTS(X)                                                                                            \
	X(role_mods) X(plan_adjectives) X(hyp_adjectives) X(title_heads) X(met_things) X(abstract_nouns)       \
	X(join_verbs) X(goal_nouns) X(war_metaphors) X(travel_verbs) X(say_verbs) X(plan_nouns)                \
	X(partner_nouns) X(partitives) X(org_heads) X(negating_prefixes) X(name_particles) X(intent_nouns)     \
	X(in_verbs) X(armed_nouns) X(repel_verbs) X(compass_words) X(topic_preps) X(number_units)            \
	X(number_words) X(press_nouns) X(forum_nouns) X(whether_verbs) X(announce_verbs) X(with_verbs)        \
	X(broker_verbs) X(proposal_verbs) X(charge_nouns) X(copula_verbs) X(agent_nouns) X(sent_forces) X(deal_nouns)        \
	X(request_nouns) X(stance_nouns) X(compound_heads) X(quantity_nouns) X(situation_nouns) \
	X(past_verbs) X(cause_nouns)

enum tok_list {
#define TOK_LIST_ID(name) TL_##name,
	TOK_LISTS(TOK_LIST_ID)
#undef TOK_LIST_ID
	TL_COUNT
};
_Static_assert(TL_COUNT <= 64, "a token's list mask has 64 bits");

#ifdef GEO_TESTING
static void tok_in_check(const geo_extractor *x, size_t i, enum tok_list id);
#endif

/* Whether token i is one of the words of a list of TOK_LISTS: one bit of
 * the mask its word table lookup gave. */
static inline bool tok_in_id(const geo_extractor *x, size_t i, enum tok_list id)
{
	if (i >= NTOK)
		return false;
#ifdef GEO_TESTING
	tok_in_check(x, i, id);
#endif
	return (x->marked[i] >> id) & 1;
}
#define tok_in(x, i, name) tok_in_id((x), (i), TL_##name)

#ifdef GEO_TESTING
/* The plain scan the list masks replace, which tests hold them to. */
static bool tok_in_scan(const geo_extractor *x, size_t i, const char *const *list)
{
	const char *w;
	size_t n;

	w = low_at(x, i);
	n = x->toks.v[i].len;
	for (; *list; list++) {
		/* inline: the words are short, a call to strncmp is not */
		const char *l = *list;
		size_t c = 0;
		while (c < n && l[c] == w[c])
			c++;
		if (c == n && l[n] == '\0')
			return true;
	}
	return false;
}
#endif

/* Nouns whose goal is not yet reached: "efforts to obtain a ceasefire". */
/* "A's decision to impose": nouns of intent whose owner acts */
static const char *const intent_nouns[] = {
	"move", "decision", "plan", "plans", "agreement", "pledge", "promise", "offer", "bid", "attempt",
	"effort", "efforts", "refusal", "readiness", "willingness", "intention", "threat", "proposal",
	"commitment", "determination", "failure", "vow", "push", "drive", "campaign", NULL,
};

/* "in coordination with A": A shares the act */
static const char *const partner_nouns[] = {"coordination", "cooperation", "conjunction", "concert",
					    "tandem", "collaboration", "partnership", "league", NULL};

static const char *const goal_nouns[] = {"effort", "efforts", "bid", "bids", "attempt", "attempts", "push",
					 "drive", "campaign", "hopes", "hope", "quest", "fear", "fears",
					 "risk", "danger", "prospect", "prospects", "possibility",
					 "spectre", "specter", "threat", "brink", NULL};

/* What a policy fight is about: "attacked Japan's fiscal policy", "would
 * fight the government's attempt". */
static const char *const abstract_nouns[] = {
	"policy", "policies", "plan", "plans", "proposal", "proposals", "decision", "decisions", "attempt",
	"attempts", "stance", "position", "move", "moves", "remarks", "comments", "statement", "statements",
	"handling", "record", "approach", "idea", "ideas", "refusal", "failure", "rise", "increase", "fall",
	"practices", "measures", "reforms", "claims", "demands", "views", "view", "rates", "rate", "deficit",
	"surplus", "budget", "bid", "efforts", "rules", "exemption", "tax", "taxes", "levy", "law", "laws", "action",
	"actions", "ruling", "rulings", "duty", "duties", "restrictions", "curbs", "protectionism",
	"bill", "legislation", NULL,
};

/* Participles of those who bring others to an act: "a ceasefire brokered
 * by Qatar". */
/* What one side says of another and the other may deny */
static const char *const charge_nouns[] = {
	"charge", "charges", "accusation", "accusations", "allegation", "allegations", "claim", "claims", NULL,
};
/* Participles that name who put a plan forward */
static const char *const proposal_verbs[] = {
	"proposed", "offered", "drafted", "submitted", "tabled", "suggested", "presented", "floated",
	"unveiled", "sponsored", NULL,
};
static const char *const broker_verbs[] = {
	"brokered", "mediated", "sponsored", "arranged", "proposed", "drafted", "hosted", "organized",
	"organised", "facilitated", "negotiated", "backed", "supported", NULL,
};
/* What a mediator brokers: "in a deal brokered by Beijing". */
static const char *const deal_nouns[] = {"deal", "agreement", "accord", "pact", "truce", "ceasefire", "talks",
					 "negotiations", NULL};
/* What asks for an act without making it: "an offer of talks", "calls for
 * sanctions". */
static const char *const request_nouns[] = {"offer", "offers", "call", "calls", "proposal", "proposals",
					    "request", "requests", "plea", "pleas", "appeal", "appeals",
					    "invitation", "invitations", "demand", "demands", NULL};
/* What backing for a people is backing for: "support for the
 * Palestinian uprising". */
static const char *const cause_nouns[] = {"cause", "uprising", "people", "struggle", "resistance",
					  "independence", "revolution", "intifada", "statehood", NULL};
/* Irregular past tenses common in news: after a name they are its verb
 * ("Japan rose", "China fell"), not a noun it qualifies. */
static const char *const past_verbs[] = {
	"rose", "fell", "grew", "said", "sank", "took", "gave", "made", "won", "lost", "held", "sent", "left",
	"told", "began", "came", "went", "saw", "chose", "sought", "fought", "struck", "spoke", "broke",
	"drew", "brought", "bought", "sold", "paid", "led", "threw", "wrote", "kept", "stood", "became",
	"ran", "shot", "hit", "knew", "thought", "felt", "meant", "put", "set", "cut", "let", "got", NULL,
};
/* What happens in a country that words can be against: "condemned the
 * coup in Niger". */
static const char *const situation_nouns[] = {
	"coup", "violence", "killings", "killing", "crackdown", "fighting", "bloodshed", "repression",
	"abuses", "executions", "massacre", "atrocities", "bombing", "bombings", "unrest", "situation",
	"crisis", "arrests", "detentions", "persecution", "elections", "election", "referendum", NULL,
};
/* Counts of people: "thousands of Serbs". */
static const char *const quantity_nouns[] = {"thousands", "hundreds", "dozens", "millions", "scores", "tens",
					     "crowds", "hundred", "thousand", NULL};
/* Nouns that make a verb before them the first word of a compound: "press
 * conference", "support staff" (but "join forces with" is a verb). */
static const char *const compound_heads[] = {"conference", "conferences", "release", "releases", "briefing",
					     "briefings", "secretary", "corps", "office", "freedom", "staff",
					     "group", "groups", NULL};
/* Nouns that take a stance after "in": "in protest against". */
static const char *const stance_nouns[] = {"protest", "retaliation", "solidarity", "support", NULL};
/* Verbs that make a plan public: "announced plans to". */
static const char *const announce_verbs[] = {
	"announced", "announces", "announce", "unveiled", "unveils", "unveil", "outlined", "outlines",
	"disclosed", "revealed", "has", "have", "had", NULL,
};
/* "did not remember if he had approved": "if" asks whether, it sets
 * no condition. */
static const char *const whether_verbs[] = {
	"remember", "recall", "know", "knew", "known", "ask", "asked", "asking", "wonder", "wondered", "see",
	"determine", "decide", "check", "unclear", "sure", "doubt", "doubtful", "question", "clear", NULL,
};
/* What is sent when forces are deployed: "send British troops to". */
static const char *const sent_forces[] = {"troops", "forces", "soldiers", "peacekeepers", "warships", "jets",
					  "personnel", "units", "marines", "police", NULL};
/* Words said to the press name no party: "spoke to reporters". */
static const char *const press_nouns[] = {"reporters", "journalists", "newsmen", "correspondents", "press",
					  "newspaper", "newspapers", "audience", "television", "radio", NULL};
/* Where a country names a gathering, it is where it met: "the Uruguay
 * meeting". */
static const char *const forum_nouns[] = {"meeting", "meetings", "summit", "conference", "round", "session",
					  "forum", NULL};
/* Amounts are no steps towards an object: "six mln barrels of". */
static const char *const number_words[] = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
					   "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "dozen",
					   "dozens", "hundreds", "thousands", NULL};
static const char *const number_units[] = {"mln", "million", "bln", "billion", "trillion", "thousand",
					   "hundred", "pct", "percent", "dlrs", "dollars", "pounds", "euros",
					   "yen", "francs", "marks", "rubles", "roubles", "yuan", "tonnes", "tons",
					   "barrels", NULL};
/* What one complains to a side about: "complained to the UN over". */
static const char *const topic_preps[] = {"over", "about", "against", NULL};
/* "a price war", "the farm subsidy war": fought with prices, not arms. */
static const char *const war_metaphors[] = {
	"price", "prices", "subsidy", "subsidies", "bidding", "turf", "currency", "fare", "fares",
	"ratings", "rate", "propaganda", "media", "culture", "cola", "discount", "tax", "sales", "marketing",
	"charm", "export", "advertising", "diplomatic", NULL,
};

/* Things one meets that are not people: "meet its obligations". */
static const char *const met_things[] = {
	"obligation", "obligations", "commitment", "commitments", "demand", "demands", "target", "targets",
	"requirement", "requirements", "condition", "conditions", "criteria", "criterion", "needs", "need",
	"deadline", "deadlines", "quota", "quotas", "payments", "payment", "debts", "costs", "standards",
	"expectations", "goals", "goal", "challenge", "challenges", "terms", NULL,
};

/* Prefixes that make a name its opposite or its past: "non-OPEC". */
static const char *const negating_prefixes[] = {"non", "anti", "ex", "pro", "post", "pre", NULL};

/* Adjectives that make a relation noun not yet real: "a probable meeting",
 * "the proposed talks". */
static const char *const hyp_adjectives[] = {"possible", "probable", "potential", "hypothetical", "rumoured",
					     "rumored", "mooted", NULL};
/* What is got ready for has not happened yet. */
static const char *const plan_nouns[] = {"preparation", "preparations", "ahead", "preparing", "prepare", NULL};

static const char *const plan_adjectives[] = {"proposed", "planned", "prospective", "scheduled", "upcoming",
					      "forthcoming", "expected", "future", "likely", "envisaged", NULL};

/* Nouns for a body of people named by what follows "of". */
static const char *const partitives[] = {
	"group", "delegation", "team", "contingent", "handful", "band", "squad", "unit", "detachment",
	"deployment", "battalion", "brigade", "convoy", "column", "regiment", "squadron", "division",
	"divisions", "battalions", "brigades", "units", "regiments", "squadrons", NULL,
};

static bool tok_punct(const geo_extractor *x, size_t i)
{
	return i < NTOK && (x->toks.v[i].flags & GEO_TOK_PUNCT);
}

/* Punctuation that ends a phrase: everything but - % $ & and '. */
static bool tok_stop(const geo_extractor *x, size_t i)
{
	char c;

	if (!tok_punct(x, i))
		return false;
	c = x->s[x->toks.v[i].start];
	return c != '-' && c != '%' && c != '$' && c != '&' && c != '\'' && c != '"';
}

static bool tok_poss(const geo_extractor *x, size_t i)
{
	return i < NTOK && (x->toks.v[i].flags & GEO_TOK_CLITIC) &&
	       (tok_is(x, i, "'s") || tok_is(x, i, "'"));
}

/* A word of four letters or more in -ed: most often a past tense. */
static bool ends_ed(const geo_extractor *x, size_t i)
{
	size_t n = i < NTOK ? x->toks.v[i].len : 0;

	return n > 3 && memcmp(low_at(x, i) + n - 2, "ed", 2) == 0;
}

/* A capitalised word that can be part of a name. */
static inline bool name_tok(const geo_extractor *x, size_t i)
{
	const geo_tok *t = &x->toks.v[i];

	if (i >= NTOK || !(t->flags & GEO_TOK_WORD) || (t->flags & (GEO_TOK_CLITIC | GEO_TOK_NUM)))
		return false;
	if (!(t->flags & GEO_TOK_CAP) && !((unsigned char)x->s[t->start] >= 0x80))
		return false;
	return (x->bits[i] & ~(GEO_W_ADV | GEO_W_LYADV | GEO_W_AGENT)) == 0 && x->tmen[i] == -1 &&
	       !x->dc[i].kind;
}

/* End of a run of name tokens from i (i itself when none). */
static size_t name_run(const geo_extractor *x, size_t i)
{
	size_t k = i, words = 0;

	while (k < NTOK && words < 5) {
		if (name_tok(x, k)) {
			k++;
			words++;
		} else if (words && k + 1 < NTOK && name_tok(x, k + 1) &&
			   (tok_is(x, k, "-") || tok_in(x, k, name_particles))) {
			k++;
		} else {
			break;
		}
	}
	return k;
}

static uint32_t span_start(const geo_extractor *x, size_t t0)
{
	return x->toks.v[t0].start;
}

static uint32_t span_end(const geo_extractor *x, size_t t1)
{
	return x->toks.v[t1 - 1].start + x->toks.v[t1 - 1].len;
}

/* ------------------------------------------------------------------ */
/* Actors, people, institutions                                        */

static geo_actor_type type_of(const geo_extractor *x, const char *id)
{
	const geo_actor_info *ai = id ? geo_dict_actor(x->dict, id) : NULL;

	return ai ? ai->type : GEO_ACTOR_UNKNOWN;
}

static void actor_from_dict(const geo_extractor *x, int32_t idx, actor *a)
{
	const geo_actor_info *ai = geo_dict_actor_at(x->dict, (size_t)idx);

	memset(a, 0, sizeof *a);
	a->id = ai->id;
	a->type = ai->type;
	a->label = ai->label;
	/* People, institutions and the groups the dictionary says govern a
	 * state (the Taliban) act for their affiliation. */
	if ((ai->type == GEO_ACTOR_PERSON || ai->type == GEO_ACTOR_INSTITUTION || ai->type == GEO_ACTOR_GROUP) &&
	    ai->affiliation) {
		a->affiliation = ai->affiliation;
		a->fold = ai->affiliation;
		a->fold_type = type_of(x, ai->affiliation);
	} else {
		a->fold = ai->id;
		a->fold_type = ai->type;
	}
}

static void actor_from_person(const geo_extractor *x, int p, actor *a)
{
	const person *pp = &x->people[p];

	memset(a, 0, sizeof *a);
	a->id = pp->id;
	a->label = pp->label;
	a->type = pp->type;
	a->affiliation = pp->aff;
	a->fold = pp->aff;
	a->fold_type = pp->aff_type;
}

/* Writes the ASCII slug of text (n bytes) into out: lower-case letters
 * and digits, accents stripped, everything else a single hyphen. */
static void slugify(const char *text, size_t n, char *out, size_t cap)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
	size_t i = 0, o = 0;
	bool dash = false;

	while (i < n && o + 2 < cap) {
		utf8proc_int32_t cp, dec[8];
		utf8proc_ssize_t k, m;
		if (p[i] < 0x80) {
			/* ASCII has no marks to strip, and case folding is A-Z:
			 * what utf8proc would give, without the call. */
			k = 1;
			m = 1;
			dec[0] = (unsigned char)geo_a_tolower(p[i]);
			i++;
		} else {
			k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
			if (k <= 0) {
				i++;
				continue;
			}
			i += (size_t)k;
			m = utf8proc_decompose_char(cp, dec, 8,
						    UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD, NULL);
		}
		for (utf8proc_ssize_t j = 0; j < m && j < 8 && o + 2 < cap; j++) {
			utf8proc_int32_t c = dec[j];
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
				if (dash && o > 0)
					out[o++] = '-';
				dash = false;
				out[o++] = (char)c;
			} else if (c == '\'' || c == '.') {
				/* O'Brien -> obrien, U.S. -> us */
			} else {
				dash = true;
			}
		}
	}
	out[o] = '\0';
}

static int person_by_id(geo_extractor *x, const char *id);

/* The person or institution with this id, added when new.  Returns its
 * index, or -1 when the table is full or the name has no letters. */
static int person_get(geo_extractor *x, const char *prefix, const char *label, size_t labellen,
		      const char *slug_text, size_t slug_len, const char *aff, geo_actor_type type)
{
	char slug[80], id[96];
	person *p;

	slugify(slug_text, slug_len, slug, sizeof slug);
	if (!slug[0])
		return -1;
	if (snprintf(id, sizeof id, "%s%s", prefix, slug) >= (int)sizeof id)
		return -1;
	{
		int i = person_by_id(x, id);
		if (i >= 0) {
			if (!x->people[i].aff && aff) {
				x->people[i].aff = aff;
				x->people[i].aff_type = type_of(x, aff);
			}
			return i;
		}
	}
	if (x->npeople == MAX_PEOPLE || !aff)
		return -1;
	p = &x->people[x->npeople];
	memcpy(p->id, id, strlen(id) + 1);
	if (labellen >= sizeof p->label)
		labellen = sizeof p->label - 1;
	memcpy(p->label, label, labellen);
	p->label[labellen] = '\0';
	p->labellen = labellen;
	{
		const char *sp = strrchr(slug, '-');
		snprintf(p->surname, sizeof p->surname, "%.47s", sp ? sp + 1 : slug);
	}
	p->aff = aff;
	p->aff_type = type_of(x, aff);
	p->type = type;
	return (int)x->npeople++;
}

/* Last words that make a name an organisation, not a person. */
static const char *const org_heads[] = {
	"bank", "fund", "ministry", "council", "agency", "commission", "committee", "office", "company",
	"corp", "corp.", "co", "co.", "inc", "inc.", "ltd", "ltd.", "plc", "group", "party", "exchange",
	"association", "institute", "university", "organisation", "organization", "union", "court",
	"authority", "board", "department", "club", "centre", "center", "forum", "front", "army", "navy",
	"police", "corporation", "federation", "foundation", "airlines", "airways", "industries", "service",
	"services", "bureau", "secretariat", "assembly", "parliament", "congress", "senate", "cabinet",
	"government", "administration", "movement", "alliance", "coalition", "league", NULL,
};

/* A person from the name tokens [n0, n1) - or, when the name ends in an
 * organisation word ("Japan's state Export-Import Bank"), an institution
 * of that side, which later mentions by surname do not reach. */
static int person_from_tokens(geo_extractor *x, size_t n0, size_t n1, const char *aff)
{
	const char *a = x->s + span_start(x, n0);
	size_t len = span_end(x, n1) - span_start(x, n0);

	if (n1 > n0 && tok_in(x, n1 - 1, org_heads)) {
		char slug[80];
		snprintf(slug, sizeof slug, "%s %.*s", aff ? aff : "", (int)len, a);
		return person_get(x, "institution:", a, len, slug, strlen(slug), aff, GEO_ACTOR_INSTITUTION);
	}
	return person_get(x, "person:", a, len, a, len, aff, GEO_ACTOR_PERSON);
}

/* People only join the table until it empties for the next document:
 * index the ones added since the last call. */
static void index_people(geo_extractor *x)
{
	if (x->nindexed > x->npeople || !x->nindexed) {
		memset(x->lab_head, -1, sizeof x->lab_head);
		memset(x->sur_head, -1, sizeof x->sur_head);
		memset(x->id_head, -1, sizeof x->id_head);
		x->nindexed = 0;
	}
	for (; x->nindexed < x->npeople; x->nindexed++) {
		const person *pp = &x->people[x->nindexed];
		uint32_t hl = geo_tmap_hash(GEO_TMAP_SEED, pp->label, pp->labellen) & 255;
		uint32_t hs = geo_tmap_hash(GEO_TMAP_SEED, pp->surname, strlen(pp->surname)) & 255;
		uint32_t hi = geo_tmap_hash(GEO_TMAP_SEED, pp->id, strlen(pp->id)) & 255;
		int16_t p = (int16_t)x->nindexed;
		x->id_next[p] = x->id_head[hi];
		x->id_head[hi] = p;
		if (pp->type != GEO_ACTOR_PERSON) {
			x->lab_next[p] = x->sur_next[p] = -1;
			continue;
		}
		x->lab_next[p] = x->lab_head[hl];
		x->lab_head[hl] = p;
		x->sur_next[p] = x->sur_head[hs];
		x->sur_head[hs] = p;
	}
}

/* The index of the person or institution met with this id, or -1.  Ids
 * are unique in people (both adders look first), so the chain gives the
 * one a scan of the table would. */
static int person_by_id(geo_extractor *x, const char *id)
{
	int found = -1;

	if (!x->npeople)
		return -1;
	index_people(x);
	for (int p = x->id_head[geo_tmap_hash(GEO_TMAP_SEED, id, strlen(id)) & 255]; p >= 0; p = x->id_next[p])
		if (strcmp(x->people[p].id, id) == 0) {
			found = p;
			break;
		}
#ifdef GEO_TESTING
	{
		/* Test builds: the scan the index replaced must agree. */
		int scan = -1;
		for (size_t i = 0; i < x->npeople && scan < 0; i++)
			if (strcmp(x->people[i].id, id) == 0)
				scan = (int)i;
		if (scan != found)
			abort();
	}
#endif
	return found;
}

/* A person already met whose full name or surname starts at token i;
 * *end gets the token after it.  The newest such person wins. */
static int person_known(geo_extractor *x, size_t i, size_t *end)
{
	size_t ne = name_run(x, i);

	/* No one met yet: nothing to find (and no index to reset at every
	 * capitalised word). */
	if (ne == i || !x->npeople)
		return -1;
	index_people(x);
	{
		size_t len = span_end(x, ne) - span_start(x, i);
		const char *lab = x->s + span_start(x, i);
		for (int p = x->lab_head[geo_tmap_hash(GEO_TMAP_SEED, lab, len) & 255]; p >= 0; p = x->lab_next[p]) {
			const person *pp = &x->people[p];
			if (pp->labellen == len && memcmp(pp->label, lab, len) == 0) {
				*end = ne;
				return p;
			}
		}
	}
	{
		/* A surname alone: the last word of the name. */
		char w[48];
		const geo_tok *st = &x->toks.v[ne - 1];
		const char *lw = low_at(x, ne - 1);
		bool plain = true;
		uint32_t h;
		if (st->len >= sizeof w)
			return -1;
		/* Letters and digits only: the slug is the lower-cased token,
		 * whose hash the tokenizer took. */
		for (size_t c = 0; plain && c < st->len; c++)
			plain = geo_a_alnum((unsigned char)lw[c]);
		if (plain) {
			memcpy(w, lw, st->len);
			w[st->len] = '\0';
			h = st->hash;
		} else {
			slugify(x->s + st->start, st->len, w, sizeof w);
			h = geo_tmap_hash(GEO_TMAP_SEED, w, strlen(w));
		}
		for (int p = x->sur_head[h & 255]; p >= 0; p = x->sur_next[p]) {
			if (strcmp(w, x->people[p].surname) == 0) {
				*end = ne;
				return p;
			}
		}
	}
	return -1;
}

/* Makes a dictionary person known by surname for later mentions. */
static void remember_person(geo_extractor *x, const actor *a)
{
	person *p;
	const char *sp;

	if (person_by_id(x, a->id) >= 0)
		return;
	if (x->npeople == MAX_PEOPLE || strlen(a->id) >= sizeof p->id || !a->label ||
	    strlen(a->label) >= sizeof p->label)
		return;
	p = &x->people[x->npeople++];
	memcpy(p->id, a->id, strlen(a->id) + 1);
	memcpy(p->label, a->label, strlen(a->label) + 1);
	p->labellen = strlen(a->label);
	sp = strrchr(a->id, '-');
	snprintf(p->surname, sizeof p->surname, "%.47s", sp ? sp + 1 : a->id + 7);
	p->aff = a->affiliation;
	p->aff_type = a->fold_type;
	p->type = GEO_ACTOR_PERSON;
}

static geo_err add_mention(geo_extractor *x, size_t t0, size_t t1, int kind, const actor *a)
{
	mention *m;

	if (x->nmen == x->capmen) {
		size_t cap = x->capmen ? x->capmen * 2 : 32;
		mention *v = realloc(x->men, cap * sizeof *v);
		if (!v)
			return GEO_ENOMEM;
		x->men = v;
		x->capmen = cap;
	}
	m = &x->men[x->nmen];
	memset(m, 0, sizeof *m);
	m->t0 = (uint32_t)t0;
	m->t1 = (uint32_t)t1;
	m->kind = kind;
	m->also = -1;
	if (a)
		m->a = *a;
	m->poss = tok_poss(x, t1);
	{
		size_t p = t0;
		/* "from the National Iranian Oil Company": a side inside a name
		 * stands where the name does. */
		if (t1 < NTOK && (x->toks.v[t1].flags & GEO_TOK_CAP) && p >= 2) {
			size_t q = p;
			while (q > 1 && q + 2 > p && (x->toks.v[q - 1].flags & GEO_TOK_CAP) &&
			       !(x->bits[q - 1] & ~(GEO_W_AGENT | GEO_W_MARKED)) &&
			       x->tmen[q - 1] == -1 && (x->toks.v[q - 1].flags & GEO_TOK_WORD))
				q--;
			if (q < p && tok_is(x, q - 1, "the"))
				p = q;
		}
		if (p > 0 && (x->bits[p - 1] & GEO_W_DET) && !(x->bits[p - 1] & GEO_W_POSS))
			p--;
		/* "after it sanctioned": after, before, since open clauses too. */
		m->pp = p > 0 && (x->bits[p - 1] & GEO_W_PREP) && !(x->bits[p - 1] & GEO_W_BARRIER);
		/* "a group of Moroccan diplomats held ...": the group is
		 * its members, who act. */
		if (m->pp && p >= 2 && tok_is(x, p - 1, "of") && tok_in(x, p - 2, partitives))
			m->pp = false;
		/* "officials from Indonesia, Malaysia and Thailand will meet":
		 * people from a side are that side. */
		if (m->pp && p >= 2 && tok_is(x, p - 1, "from") && (x->bits[p - 2] & GEO_W_AGENT) && x->tmen[p - 2] == -1 &&
		    (p < 3 || !(x->bits[p - 3] & GEO_W_PREP)))
			m->pp = false;
		/* "negotiations in the world trade body GATT": a name after
		 * the noun that says what it is stands where that noun does */
		if (p == t0 && !m->pp) {
			size_t q = t0, words = 0;
			while (q > 0 && words < 3 && x->tmen[q - 1] == -1 && x->bits[q - 1] == 0 &&
			       (x->toks.v[q - 1].flags & GEO_TOK_WORD) && !(x->toks.v[q - 1].flags & (GEO_TOK_CAP | GEO_TOK_NUM)))
				q--, words++;
			if (words && q > 1 && tok_is(x, q - 1, "the") && (tok_is(x, q - 2, "in") || tok_is(x, q - 2, "at")))
				m->loc = true;
		}
		if (p > 0 && (x->bits[p - 1] & GEO_W_PREP))
			m->loc = tok_is(x, p - 1, "in") || tok_is(x, p - 1, "at") || tok_is(x, p - 1, "inside") ||
				 tok_is(x, p - 1, "within") || tok_is(x, p - 1, "across") ||
				 tok_is(x, p - 1, "throughout");
	}
	/* "Washington along with its allies": a preposition, no noun. */
	if (t1 < NTOK && x->bits[t1] == 0 && (x->toks.v[t1].flags & GEO_TOK_WORD) &&
	    !(x->toks.v[t1].flags & (GEO_TOK_CAP | GEO_TOK_CLITIC | GEO_TOK_NUM)) &&
	    !((tok_is(x, t1, "along") || tok_is(x, t1, "together")) && tok_is(x, t1 + 1, "with"))) {
		size_t len;
		/* A common noun after it, not a verb: "Israeli peace movement"
		 * but "Beijing criticized". */
		m->modnoun = geo_lex_longest(x->trigs, x->s, &x->toks, t1, &len) < 0 && !tok_in(x, t1, past_verbs);
		/* "Beijing retaliated with tariffs": a past tense after a name
		 * that opens its clause is its verb */
		if (m->modnoun && ends_ed(x, t1) && (t0 == 0 || tok_is(x, t0 - 1, ",") || (x->bits[t0 - 1] & GEO_W_CONJ)))
			m->modnoun = false;
	}
	for (size_t k = t0; k < t1; k++)
		x->tmen[k] = (int32_t)x->nmen;
	if (m->modnoun && x->dc[t0].kind == AK_SEAT && x->dc[t0].len == t1 - t0)
		m->loc = m->place = true; /* "the Paris accord": a place naming a thing */
	if (a && a->type == GEO_ACTOR_PERSON) {
		x->last_person = *a;
		x->have_person = true;
		x->person_sent = x->sent_index;
		remember_person(x, a);
	}
	x->nmen++;
	return GEO_OK;
}

/* The dictionary item that fits at token i, preferring outlets, names,
 * seats, adjectives, then roles.  Returns false when none. */
static void dict_lookup(geo_extractor *x, size_t i)
{
	/* Each kind's place in that order, from 1; 0 for the kinds never
	 * chosen here (bare aliases, institutions). */
	static const uint8_t place[16] = {[AK_MEDIA] = 1, [AK_NOT] = 2, [AK_NAME] = 3,
					  [AK_SEAT] = 4,  [AK_ADJ] = 5, [AK_ROLE] = 6};
	const geo_lex_item *best = NULL;
	unsigned best_place = 7;
	size_t len;
	int32_t fit;
	int32_t first = geo_lex_longest_fit(x->actors, x->s, &x->toks, i, &len, &fit);
	bool checked = true; /* the scan found the items before fit unfit */

	x->dc[i].kind = 0;
	if (first < 0 || len > 0xFFFF)
		return;
	/* One walk of the phrase's items: the one of the best-placed kind
	 * that fits the text's capitals, the first in file order among
	 * equals (as a walk per kind, in that order, would find).  The scan
	 * checked the capitals up to the first item that fits. */
	for (int32_t it = first; it >= 0 && best_place > 1; it = geo_lex_item_at(x->actors, it)->next) {
		const geo_lex_item *li = geo_lex_item_at(x->actors, it);
		unsigned p = li->kind < 16 ? place[li->kind] : 0;
		if (it == fit)
			checked = false;
		else if (checked)
			continue;
		if (p && p < best_place && (it == fit || geo_lex_case_ok(x->actors, li, x->s, &x->toks, i))) {
			best = li;
			best_place = p;
		}
	}
#ifdef GEO_TESTING
	{
		/* The walk per kind that the one walk replaces. */
		static const int order[] = {AK_MEDIA, AK_NOT, AK_NAME, AK_SEAT, AK_ADJ, AK_ROLE};
		const geo_lex_item *want = NULL;
		for (size_t o = 0; o < sizeof order / sizeof order[0] && !want; o++)
			for (int32_t it = first; it >= 0 && !want; it = geo_lex_item_at(x->actors, it)->next) {
				const geo_lex_item *li = geo_lex_item_at(x->actors, it);
				if (li->kind == order[o] && geo_lex_case_ok(x->actors, li, x->s, &x->toks, i))
					want = li;
			}
		if (want != best)
			abort();
	}
#endif
	if (best) {
		x->dc[i].kind = (uint8_t)best->kind;
		x->dc[i].ref = best->ref;
		x->dc[i].len = (uint16_t)len;
		x->dc[i].city = best->aux == 1;
	}
}

static bool dict_at(const geo_extractor *x, size_t i, size_t *len, int *kind, int32_t *ref)
{
	if (i >= NTOK || !x->dc[i].kind)
		return false;
	*len = x->dc[i].len;
	*kind = x->dc[i].kind;
	*ref = x->dc[i].ref;
	return true;
}

/* A person of the dictionary named at i: its length and entry. */
static bool dict_person_at(const geo_extractor *x, size_t i, size_t *len, int32_t *ref)
{
	int kind;

	return dict_at(x, i, len, &kind, ref) && kind == AK_NAME &&
	       geo_dict_actor_at(x->dict, (size_t)*ref)->type == GEO_ACTOR_PERSON;
}

/* A role title at i: its end, or i. */
static size_t role_at(const geo_extractor *x, size_t i)
{
	size_t len;
	int kind;
	int32_t ref;

	if (i < NTOK && x->tmen[i] == -1 && dict_at(x, i, &len, &kind, &ref) && kind == AK_ROLE)
		return i + len;
	return i;
}

/* A state or organisation named at i (name, seat or adjective): its end. */
static size_t country_at(const geo_extractor *x, size_t i, actor *a)
{
	size_t len;
	int kind;
	int32_t ref;

	if (i < NTOK && x->tmen[i] == -1 && dict_at(x, i, &len, &kind, &ref) &&
	    (kind == AK_NAME || kind == AK_SEAT || kind == AK_ADJ)) {
		const geo_actor_info *ai = geo_dict_actor_at(x->dict, (size_t)ref);
		if (ai->type == GEO_ACTOR_COUNTRY || ai->type == GEO_ACTOR_IGO) {
			actor_from_dict(x, ref, a);
			return i + len;
		}
	}
	return i;
}

/* An institution of country c named at i ("Senate" after "U.S."). */
static size_t institution_at(geo_extractor *x, size_t c0, size_t i, const actor *c, actor *out)
{
	size_t len;
	int32_t first = geo_lex_longest(x->insts, x->s, &x->toks, i, &len);

	if (first < 0)
		return i;
	/* A dictionary institution of that country wins. */
	for (int32_t it = first; it >= 0; it = geo_lex_item_at(x->insts, it)->next) {
		const geo_lex_item *li = geo_lex_item_at(x->insts, it);
		if (li->kind == AK_BARE && geo_lex_case_ok(x->insts, li, x->s, &x->toks, i)) {
			const geo_actor_info *ai = geo_dict_actor_at(x->dict, (size_t)li->ref);
			if (ai->affiliation && strcmp(ai->affiliation, c->fold) == 0) {
				actor_from_dict(x, li->ref, out);
				return i + len;
			}
		}
	}
	/* Otherwise the institution of that country, named after the words
	 * (a bare name of the dictionary, or one of inst_names). */
	for (int32_t it = first; it >= 0; it = geo_lex_item_at(x->insts, it)->next) {
		const geo_lex_item *li = geo_lex_item_at(x->insts, it);
		if ((li->kind == AK_INST || li->kind == AK_BARE) && geo_lex_case_ok(x->insts, li, x->s, &x->toks, i) &&
		    c->fold_type == GEO_ACTOR_COUNTRY) {
			char slug[80];
			int p;
			/* Label: the words as written, "U.S. Senate". */
			const char *lab = x->s + span_start(x, c0);
			size_t ll = span_end(x, i + len) - span_start(x, c0);
			if (li->kind == AK_INST)
				snprintf(slug, sizeof slug, "%s %s", c->fold, inst_names[li->ref][1]);
			else
				snprintf(slug, sizeof slug, "%s %.*s", c->fold,
					 (int)(span_end(x, i + len) - span_start(x, i)), x->s + span_start(x, i));
			p = person_get(x, "institution:", lab, ll, slug, strlen(slug), c->fold,
				       GEO_ACTOR_INSTITUTION);
			if (p < 0)
				return i;
			actor_from_person(x, p, out);
			return i + len;
		}
	}
	return i;
}

/* The speaker of the quotation around document offset off, if known. */
static bool quote_speaker(geo_extractor *x, uint32_t off, actor *a)
{
	size_t lo = 0, hi = x->nquotes;

	/* Quotations are in text order and do not overlap: the last one that
	 * opens before off is the only candidate. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->quotes[mid].open <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t q = lo ? lo - 1 : 0; q < lo; q++) {
		const quote *qu = &x->quotes[q];
		if (off < qu->open || off >= qu->close)
			continue;
		if (qu->pron) {
			if (!x->have_person)
				return false;
			*a = x->last_person;
			return true;
		}
		for (size_t p = x->npeople; p-- > 0;) {
			const person *pp = &x->people[p];
			char w[96];
			const char *name = x->norm.data + qu->who;
			size_t wl = qu->wholen;
			const char *sp;
			if (pp->type != GEO_ACTOR_PERSON)
				continue;
			if (strlen(pp->label) == wl && memcmp(pp->label, name, wl) == 0) {
				actor_from_person(x, (int)p, a);
				return true;
			}
			sp = memchr(name, ' ', wl);
			while (sp && memchr(sp + 1, ' ', wl - (size_t)(sp + 1 - name)))
				sp = memchr(sp + 1, ' ', wl - (size_t)(sp + 1 - name));
			if (sp) {
				wl -= (size_t)(sp + 1 - name);
				name = sp + 1;
			}
			if (wl < sizeof w) {
				slugify(name, wl, w, sizeof w);
				if (strcmp(w, pp->surname) == 0) {
					actor_from_person(x, (int)p, a);
					return true;
				}
			}
		}
		return false;
	}
	return false;
}

/* Armed people and their means, beyond the word classes' agents: "two
 * Palestinian suicide bombers", "Russian hackers", "Israeli warplanes". */
static const char *const armed_nouns[] = {
	"bombers", "hackers", "attackers", "raiders", "snipers", "commandos", "paratroopers",
	"marines", "warplanes", "gunboats", "gunships", "helicopters", "tanks", "settlers",
	"infantry", "airforce", "gunman", "bomber", "sniper", "jihadists", "extremists",
	"kidnappers", "hijackers", "pirates",
	/* people coded by their nationality, as the word classes' "workers" */
	"sailors", "seamen", "crewmen", "pilots", "missionaries", "engineers", "technicians",
	"advisers", "advisors", "volunteers", "doctors", "pilgrims", "passengers", "villagers",
	"farmers", "residents",
	/* crowds of a country's people: "Chinese protesters" (but a movement
	 * is its own actor: "an Israeli peace movement" is not Israel) */
	"youths", "protesters", "protestors", "demonstrators", "students", NULL,
};

static int month_at(const char *s, size_t n, size_t *len);

static bool ends_ed(const geo_extractor *x, size_t i);

/* "The U.S. said it will not allow Iran to ... and has offered its
 * warships": a possessive right after a verb is its subject's, the
 * nearest side before it that a verb follows.  Sets *a. */
static bool verb_owner(const geo_extractor *x, size_t i, actor *a)
{
	if (i == 0 || x->tmen[i - 1] != -1 || !(ends_ed(x, i - 1) || (x->bits[i - 1] & GEO_W_SUPPORT)))
		return false;
	for (size_t m = x->nmen; m-- > 0;) {
		const mention *pm = &x->men[m];
		uint32_t nb;
		if (pm->t1 >= i || pm->kind != M_ACTOR || pm->pp || pm->poss || pm->adj || pm->loc ||
		    pm->a.type == GEO_ACTOR_PERSON)
			continue;
		nb = x->bits[pm->t1];
		if ((nb & (GEO_W_AUX | GEO_W_BE | GEO_W_WILL | GEO_W_HYP)) ||
		    (x->tmen[pm->t1] == -1 && ends_ed(x, pm->t1))) {
			*a = pm->a;
			return true;
		}
	}
	return false;
}

/* The side of an unnamed official who is the last one named before a
 * "he" or "his" in the sentence: "Iran's foreign minister said his
 * country" (a person named there is taken up as ever, below). */
static bool official_before(const geo_extractor *x, actor *a)
{
	for (size_t m = x->nmen; m-- > 0;) {
		const mention *pm = &x->men[m];
		if (pm->kind != M_ACTOR || pm->pron || pm->adj || pm->pp)
			continue;
		if (pm->poss || pm->a.type == GEO_ACTOR_PERSON)
			return false;
		/* "a senior Iranian official", "Iran's foreign minister" */
		if (tok_is(x, pm->t1 - 1, "official") || tok_is(x, pm->t1 - 1, "diplomat")) {
			*a = pm->a;
			return true;
		}
		for (size_t k = pm->t0; k < pm->t1; k++)
			if (x->dc[k].kind == AK_ROLE) {
				*a = pm->a;
				return true;
			}
		return false;
	}
	return false;
}

/* Is m the city of a dateline ("LONDON, March 5", or "Toronto, April 8"
 * opening the sentence)? */
static bool dateline_at(const geo_extractor *x, const mention *m)
{
	size_t c = m->t1, len;

	return m->t1 + 2 < NTOK && tok_is(x, c, ",") && ((x->toks.v[m->t0].flags & GEO_TOK_ALLCAP) || m->t0 == 0) &&
	       month_at(x->s + x->toks.v[c + 1].start, x->slen - x->toks.v[c + 1].start, &len) &&
	       (x->toks.v[c + 2].flags & GEO_TOK_NUM);
}

/* Does the word at i name people or means acting for a side? */
static bool agent_at(const geo_extractor *x, size_t i)
{
	return i < NTOK && ((x->bits[i] & GEO_W_AGENT) || tok_in(x, i, armed_nouns));
}

/* Last words of titles the role list does not hold. */
static const char *const title_heads[] = {
	"coordinator", "envoy", "commissioner", "representative", "director", "secretary", "chief",
	"ambassador", "rapporteur", "adviser", "advisor", "spokesman", "spokeswoman", "spokesperson",
	"chairman", "chairwoman", "president", "head", "governor", "administrator", "negotiator",
	"minister", "general", "executive", "officer", "manager", "economist", NULL,
};

/* Builds the mention that starts with the state or organisation a at
 * [i, e): alone, as a possessor, or as the head of a title ("U.S.
 * Treasury Secretary Scott Bessent"), an institution ("U.S. Senate") or
 * a group noun ("Chinese officials").  Returns the next token. */
static size_t compose_head(geo_extractor *x, size_t i, size_t e, const actor *c, bool adj, geo_err *rc);

/* As compose_head(); a mention that ends in its own head noun ("Chinese
 * counterpart", "U.S. Senate") qualifies nothing after it. */
static size_t compose(geo_extractor *x, size_t i, size_t e, const actor *c, bool adj, geo_err *rc)
{
	size_t n = x->nmen, r = compose_head(x, i, e, c, adj, rc);

	if (*rc == GEO_OK && x->nmen > n && x->men[x->nmen - 1].t1 > e)
		x->men[x->nmen - 1].modnoun = false;
	return r;
}

/* The person a title at i..r names, of side c: one of the dictionary's,
 * or a new one from the capitalised name after the title; the mention
 * starts at i.  Returns its end, or 0 when no name follows. */
static size_t person_after_role(geo_extractor *x, size_t i, size_t r, const actor *c, geo_err *rc)
{
	actor a;
	size_t plen, ne;
	int32_t pref;

	if (dict_person_at(x, r, &plen, &pref)) {
		actor_from_dict(x, pref, &a);
		*rc = add_mention(x, i, r + plen, M_ACTOR, &a);
		return r + plen;
	}
	ne = name_run(x, r);
	if (ne > r) {
		int p = person_from_tokens(x, r, ne, c->fold);
		if (p >= 0) {
			actor_from_person(x, p, &a);
			*rc = add_mention(x, i, ne, M_ACTOR, &a);
			return ne;
		}
	}
	return 0;
}

static size_t compose_head(geo_extractor *x, size_t i, size_t e, const actor *c, bool adj, geo_err *rc)
{
	size_t j = e, k, r, ne;
	actor a;

	/* "Saudi-led forces", "Vietnamese-led troops": led by that side. */
	if (tok_is(x, e, "-") && tok_is(x, e + 1, "led") && agent_at(x, e + 2)) {
		r = e + 2;
		while (r < NTOK && agent_at(x, r) && r < e + 5)
			r++;
		*rc = add_mention(x, i, r, M_ACTOR, c);
		return r;
	}

	if (tok_poss(x, j))
		j++; /* "China's": the rest reads the same */
	k = j;
	if (tok_in(x, k, role_mods))
		k++;
	r = role_at(x, k);
	if (r == k && k < NTOK && (x->toks.v[k].flags & GEO_TOK_CAP)) {
		/* "British Trade and Industry Secretary Paul Channon": a title the
		 * role list does not hold, closed by a title word, then a name. */
		size_t q = k, h;
		int n = 0;
		while (q < NTOK && n < 7 && x->tmen[q] == -1 && !x->dc[q].kind &&
		       (((x->toks.v[q].flags & GEO_TOK_CAP) && (x->toks.v[q].flags & GEO_TOK_WORD) &&
			 !(x->toks.v[q].flags & GEO_TOK_ALLCAP)) ||
			(n > 0 && (tok_is(x, q, "and") || tok_is(x, q, "of")))))
			q++, n++;
		for (h = q; h > k && !tok_in(x, h - 1, title_heads);)
			h--;
		if (h > k) {
			ne = name_run(x, h);
			if (ne >= h + 2 && ne <= q) {
				int p = person_from_tokens(x, h, ne, c->fold);
				if (p >= 0) {
					actor_from_person(x, p, &a);
					*rc = add_mention(x, i, ne, M_ACTOR, &a);
					return ne;
				}
			}
		}
	}
	if (r > k) {
		if ((ne = person_after_role(x, i, r, c, rc)) > 0)
			return ne;
		while (r < NTOK && agent_at(x, r) && !tok_poss(x, r + 1))
			r++;
		*rc = add_mention(x, i, r, M_ACTOR, c);
		return r;
	}
	/* "U.S. Senate", "Russia's Foreign Ministry" */
	r = institution_at(x, i, j, c, &a);
	if (r > j) {
		/* "Chinese Foreign Ministry spokesperson Mao Ning": a person who
		 * speaks for the institution, and so for its side */
		size_t q = tok_in(x, r, role_mods) ? r + 1 : r, rr = role_at(x, q);
		if (rr > q && (ne = person_after_role(x, i, rr, c, rc)) > 0)
			return ne;
		*rc = add_mention(x, i, r, M_ACTOR, &a);
		return r;
	}
	{
		size_t g0 = tok_in(x, j, role_mods) ? j + 1 : j;
		r = g0;
		/* One plain word may qualify the group: "NATO peacekeeping troops". */
		if (r + 1 < NTOK && x->bits[r] == 0 && (x->toks.v[r].flags & GEO_TOK_WORD) &&
		    !(x->toks.v[r].flags & (GEO_TOK_CAP | GEO_TOK_NUM)) && agent_at(x, r + 1) &&
		    /* but "Britain mobilized army reservists", "the United
		     * States took military action": after a name, a past
		     * tense is its verb */
		    (adj || (!ends_ed(x, r) && !tok_in(x, r, past_verbs))))
			r++;
		while (r < NTOK && agent_at(x, r) && r < g0 + 4)
			r++;
		if (r == g0 + 1 && !agent_at(x, g0))
			r = g0;
		if (r > g0) {
			/* "EU trade chief Maros Sefcovic", "Japan's chief negotiator
			 * Ryosei Akazawa": a person of that side. */
			ne = name_run(x, r);
			if (ne >= r + 2) {
				int p = person_from_tokens(x, r, ne, c->fold);
				if (p >= 0) {
					actor_from_person(x, p, &a);
					*rc = add_mention(x, i, ne, M_ACTOR, &a);
					return ne;
				}
			}
			/* "Chinese officials", "China's coast guard" */
			*rc = add_mention(x, i, r, M_ACTOR, c);
			return r;
		}
	}
	*rc = add_mention(x, i, e, M_ACTOR, c);
	if (*rc == GEO_OK && !adj && x->men[x->nmen - 1].modnoun) {
		/* After a name, a word in -ed, -s or -ing is more likely its verb
		 * ("Eritrea ended") than a noun it qualifies ("U.S. ally"). */
		const char *w = low_at(x, e);
		size_t n = x->toks.v[e].len;
		if ((n > 3 && w[n - 2] == 'e' && w[n - 1] == 'd') || (n > 3 && w[n - 1] == 's') ||
		    (n > 4 && memcmp(w + n - 3, "ing", 3) == 0))
			x->men[x->nmen - 1].modnoun = false;
	}
	if (*rc == GEO_OK) {
		x->men[x->nmen - 1].adj = adj;
		/* "on the Thai border": a place, not the state. */
		if (adj && (tok_is(x, e, "border") || tok_is(x, e, "frontier") || tok_is(x, e, "coast") ||
			    tok_is(x, e, "waters") || tok_is(x, e, "side")) &&
		    !(e + 1 < NTOK && x->bits[e + 1] == 0 && (x->toks.v[e + 1].flags & GEO_TOK_WORD) &&
		      !(x->toks.v[e + 1].flags & GEO_TOK_CAP)))
			x->men[x->nmen - 1].loc = true; /* but "a Thai border village" is in Thailand */
		/* "British-based U.S. planes": where they are based, not whose */
		if (adj && e + 1 < NTOK && tok_is(x, e, "-") && tok_is(x, e + 1, "based"))
			x->men[x->nmen - 1].loc = x->men[x->nmen - 1].place = true;
	}
	return e;
}


/* "Kristersson, Sweden's prime minister," or "Abe, the Japanese prime
 * minister,": the name at [i, ne) with its title after the comma. */
static size_t apposition(geo_extractor *x, size_t i, size_t ne, geo_err *rc)
{
	size_t k = ne + 1, e, r;
	actor c, a;
	int p;

	if (!tok_is(x, ne, ","))
		return i;
	if (x->bits[k] & GEO_W_DET && !(x->bits[k] & GEO_W_POSS))
		k++;
	e = country_at(x, k, &c);
	if (e == k)
		return i;
	if (tok_poss(x, e))
		e++;
	if (tok_in(x, e, role_mods))
		e++;
	r = role_at(x, e);
	if (r == e) {
		/* "Kenzo Oshima, the United Nations Emergency Relief Coordinator,":
		 * capitalised words closed by a title head and a comma. */
		size_t q = e;
		while (q < NTOK && q < e + 5 && (x->toks.v[q].flags & GEO_TOK_CAP) && x->tmen[q] == -1 &&
		       !x->dc[q].kind && (x->toks.v[q].flags & GEO_TOK_WORD))
			q++;
		if (q > e && tok_is(x, q, ",") && tok_in(x, q - 1, title_heads))
			r = q;
		else
			return i;
	}
	p = person_from_tokens(x, i, ne, c.fold);
	if (p < 0)
		return i;
	actor_from_person(x, p, &a);
	if (tok_is(x, r, ","))
		r++; /* the closing comma of the apposition */
	*rc = add_mention(x, i, r, M_ACTOR, &a);
	return r;
}

/* "King Hassan of Morocco": the end of a person mention ending at e, with
 * "of" and the person's own country after it when they follow. */
static size_t of_country(const geo_extractor *x, size_t e, const actor *a)
{
	actor c;
	size_t ce;

	if (!tok_is(x, e, "of") || !a->fold)
		return e;
	ce = country_at(x, e + 1, &c);
	if (ce == e + 1 && (x->bits[e + 1] & GEO_W_DET) && !(x->bits[e + 1] & GEO_W_POSS)) {
		size_t de = country_at(x, e + 2, &c); /* "of the Philippines" */
		ce = de > e + 2 ? de : e + 1;     /* c is set only when one is named */
	}
	if (ce > e + 1 && c.fold && strcmp(c.fold, a->fold) == 0)
		return ce;
	return e;
}

/* A title first: "President Elias Hrawi of Lebanon", "the president of
 * Armenia", "President Obama" (known only if met before). */
static size_t role_first(geo_extractor *x, size_t i, size_t r, geo_err *rc)
{
	size_t ne = name_run(x, r), e, pe;
	actor c, a;
	int p;

	if (tok_is(x, r, "of") && (e = country_at(x, r + 1, &c)) > r + 1) {
		*rc = add_mention(x, i, e, M_ACTOR, &c);
		return e;
	}
	{
		/* "President Reagan": a person of the dictionary after the title
		 * is one mention with it (and so joins "A and President B"). */
		size_t plen;
		int32_t pref;
		if (dict_person_at(x, r, &plen, &pref)) {
			actor_from_dict(x, pref, &a);
			e = of_country(x, r + plen, &a);
			*rc = add_mention(x, i, e, M_ACTOR, &a);
			return e;
		}
	}
	if (ne == r)
		return i;
	if (tok_is(x, ne, "of") && (e = country_at(x, ne + 1, &c)) > ne + 1) {
		p = person_from_tokens(x, r, ne, c.fold);
		if (p < 0)
			return i;
		actor_from_person(x, p, &a);
		*rc = add_mention(x, i, e, M_ACTOR, &a);
		return e;
	}
	if ((p = person_known(x, r, &pe)) >= 0) {
		actor_from_person(x, p, &a);
		*rc = add_mention(x, i, pe, M_ACTOR, &a);
		return pe;
	}
	return i;
}

/* "the two countries" at token i (after "two" or "both"): when it is a
 * party ("between the two countries") or a subject ("since the two
 * countries established") and exactly two sides were named before it
 * in the sentence ("the Saudi official to visit Spain"), those two are
 * the pair it means, before the last pair seen acting together.  Not
 * when it is their object ("the United States and China urged both
 * sides"), nor inside a phrase ("businessmen from both sides"). */
static void two_named(geo_extractor *x, size_t i)
{
	int named[2], nn = 0;
	size_t g0 = i > 1 && tok_is(x, i - 2, "the") ? i - 2 : i - 1;
	bool party = g0 > 0 && (tok_is(x, g0 - 1, "between") || tok_is(x, g0 - 1, "among"));
	bool subj = i + 1 < NTOK &&
		    ((x->bits[i + 1] & (GEO_W_AUX | GEO_W_BE | GEO_W_WILL | GEO_W_HYP | GEO_W_CATEN | GEO_W_PLAN |
					GEO_W_NEGVERB | GEO_W_ADV | GEO_W_LYADV)) ||
		     ends_ed(x, i + 1));

	if (g0 > 0 && (x->bits[g0 - 1] & GEO_W_PREP) && !(x->bits[g0 - 1] & GEO_W_BARRIER) && !party)
		subj = false;
	if (!party && !subj)
		return;
	for (size_t m = 0; m < x->nmen; m++) {
		const mention *pm = &x->men[m];
		bool seen = false;
		if (pm->kind != M_ACTOR || pm->pron || pm->place || pm->loc || !pm->a.fold)
			continue;
		for (int q = 0; q < nn && q < 2; q++)
			seen |= strcmp(x->men[named[q]].a.fold, pm->a.fold) == 0;
		if (seen)
			continue;
		if (nn == 2)
			return; /* three sides: no telling which two */
		named[nn++] = (int)m;
	}
	if (nn != 2)
		return;
	x->pair[0] = x->men[named[0]].a;
	x->pair[1] = x->men[named[1]].a;
	x->have_pair = true;
	x->pair_sent = x->sent_index;
}

static geo_err mention_pass(geo_extractor *x)
{
	size_t i = 0;
	geo_err rc = GEO_OK;

	while (i < NTOK && rc == GEO_OK) {
		size_t len, e, next;
		int kind;
		int32_t ref;
		uint32_t b = x->bits[i];
		actor a;

		if (x->tmen[i] != -1) {
			i++;
			continue;
		}
		if (dict_at(x, i, &len, &kind, &ref)) {
			if (kind == AK_MEDIA || kind == AK_NOT) {
				for (size_t k = i; k < i + len; k++)
					x->tmen[k] = -2;
				i += len;
				continue;
			}
			if (i >= 2 && tok_is(x, i - 1, "-") && tok_in(x, i - 2, negating_prefixes)) {
				/* "non-OPEC producers", "anti-Baghdad guerrillas": not them. */
				for (size_t k = i; k < i + len; k++)
					x->tmen[k] = -2;
				i += len;
				continue;
			}
			if (kind == AK_SEAT && !x->headline && name_tok(x, i + len)) {
				/* "the London Metal Exchange", "the Washington Post": a
				 * seat that begins a longer name is part of that name. */
				size_t ne = name_run(x, i + len);
				for (size_t k = i; k < ne; k++)
					x->tmen[k] = -2;
				i = ne;
				continue;
			}
			if (kind == AK_ROLE) {
				next = role_first(x, i, i + len, &rc);
				i = next > i ? next : i + len;
				continue;
			}
			actor_from_dict(x, ref, &a);
			a.city = x->dc[i].city;
			if (a.type == GEO_ACTOR_PERSON || a.type == GEO_ACTOR_INSTITUTION) {
				e = of_country(x, i + len, &a);
				rc = add_mention(x, i, e, M_ACTOR, &a);
				i = e;
				continue;
			}
			i = compose(x, i, i + len, &a, kind == AK_ADJ, &rc);
			continue;
		}
		if (b & (GEO_W_HE | GEO_W_IT | GEO_W_FIRST)) {
			bool ok = false;
			size_t q = i + 2, qe;
			if (tok_is(x, i + 1, "(") && tok_is(x, q, "the"))
				q++;
			/* "They (the Kuwaitis) have asked": the writer says whom. */
			if (tok_is(x, i + 1, "(") && (qe = country_at(x, q, &a)) > q && tok_is(x, qe, ")")) {
				rc = add_mention(x, i, i + 1, M_ACTOR, &a);
				if (rc == GEO_OK)
					x->men[x->nmen - 1].pron = true;
				for (size_t k = i + 1; k <= qe; k++)
					x->tmen[k] = -2;
				i = qe + 1;
				continue;
			}
			/* "US" in capitals is the country, never the pronoun. */
			if ((b & GEO_W_FIRST) && !(x->toks.v[i].flags & GEO_TOK_ALLCAP) &&
			    !(tok_is(x, i, "i") && !(x->toks.v[i].flags & GEO_TOK_CAP)))
				ok = quote_speaker(x, x->soff + x->toks.v[i].start, &a);
			else if ((b & GEO_W_HE) && (ok = official_before(x, &a)))
				; /* "Iran's foreign minister said his country" */
			else if ((b & GEO_W_HE) && x->have_person && x->sent_index <= x->person_sent + 2)
				a = x->last_person, ok = true; /* he/she: a person named lately */
			else if ((b & GEO_W_IT) && (b & GEO_W_POSS) && (ok = verb_owner(x, i, &a)))
				; /* "has offered its warships": the offer's subject */
			else if (b & GEO_W_IT) {
				/* The nearest state or organisation named as a noun before it
				 * in the sentence, else the last one that acted. */
				/* "India rejected Washington's demand that it stop": a
				 * possessor only when nothing else was named */
				for (int pass = 0; pass < 2 && !ok; pass++)
					for (size_t m = x->nmen; m-- > 0 && !ok && m + 40 > x->nmen;) {
						const mention *pm = &x->men[m];
						if (pm->kind == M_ACTOR && !pm->pron && !pm->adj && !pm->pp && !pm->modnoun &&
						    (pass == 1 || !pm->poss) && pm->a.type != GEO_ACTOR_PERSON &&
						    !dateline_at(x, pm))
							a = pm->a, ok = true;
					}
				/* "an Iranian blockade ... because it would block": what
				 * the sentence made of a side, before any earlier actor */
				for (size_t m = x->nmen; m-- > 0 && !ok && m + 40 > x->nmen;) {
					const mention *pm = &x->men[m];
					if (pm->kind == M_ACTOR && !pm->pron && pm->adj && !pm->pp &&
					    pm->a.type != GEO_ACTOR_PERSON)
						a = pm->a, ok = true;
				}
				if (!ok && x->have_agent)
					a = x->last_agent, ok = true;
			}
			if (ok) {
				rc = add_mention(x, i, i + 1, M_ACTOR, &a);
				if (rc == GEO_OK)
					x->men[x->nmen - 1].pron = true;
			}
			i++;
			continue;
		}
		if (b & GEO_W_GENERIC) {
			if (i > 0 && (tok_is(x, i - 1, "two") || tok_is(x, i - 1, "both")))
				two_named(x, i);
			if (i > 0 && (tok_is(x, i - 1, "two") || tok_is(x, i - 1, "both")) && x->have_pair &&
			    x->sent_index <= x->pair_sent + 1 && strcmp(x->pair[0].fold, x->pair[1].fold) != 0) {
				/* "the two countries", "both sides": the two just named
				 * together. */
				actor second = x->pair[1];
				size_t first_m = x->nmen;
				rc = add_mention(x, i - 1, i + 1, M_ACTOR, &x->pair[0]);
				if (rc == GEO_OK)
					rc = add_mention(x, i - 1, i + 1, M_ACTOR, &second);
				if (rc == GEO_OK) {
					/* The second one is reached through the first only. */
					x->tmen[i - 1] = x->tmen[i] = (int32_t)first_m;
					x->men[first_m].also = (int32_t)first_m + 1;
				}
			} else {
				rc = add_mention(x, i, i + 1, M_GENERIC, NULL);
			}
			i++;
			continue;
		}
		if (name_tok(x, i)) {
			size_t ne = name_run(x, i), pe;
			int p;
			if ((e = apposition(x, i, ne, &rc)) > i) {
				i = e;
				continue;
			}
			if ((p = person_known(x, i, &pe)) >= 0) {
				actor_from_person(x, p, &a);
				rc = add_mention(x, i, pe, M_ACTOR, &a);
				i = pe;
				continue;
			}
			i = ne > i ? ne : i + 1;
			continue;
		}
		i++;
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Triggers                                                            */

static bool object_fits(const geo_extractor *x, const struct objset *r, size_t t0, size_t t1, size_t g0, size_t g1)
{
	size_t lo = t0 >= 3 ? t0 - 3 : 0;

	for (size_t k = lo; k < NTOK && k < t1 + 8; k++) {
		if (k >= t1 && tok_stop(x, k))
			break;
		/* the trigger's own words are no object, those of its gap are:
		 * "received loans from" */
		if (k >= t0 && k < t1 && !(k >= g0 && k < g1))
			continue;
		/* A token's hash is that of its lower-cased bytes: a bit of the
		 * words' hashes, then equal length and hash, the bytes only then. */
		if (!(r->bits & (UINT64_C(1) << (x->toks.v[k].hash % 64))))
			continue;
		for (size_t o = 0; o < r->n; o++)
			if (x->toks.v[k].hash == r->hash[o] && tok_eq(x, k, r->w[o], r->len[o]))
				return true;
	}
	return false;
}

/* The end of a gap trigger's tail (g) within a few tokens of e, or 0;
 * *tail gets the tail's length in tokens. */
static size_t gap_tail(const geo_extractor *x, size_t e, int32_t g, size_t *tail)
{
	bool addressee = false;

	/* "forced the UN refugee agency, UNHCR, out of the country": before
	 * "out" the gap is the verb's object, names and all. */
	for (size_t k = e, words = 0; x->gap_out[g] && k < NTOK && words < GAP_WINDOW && (!tok_stop(x, k) || tok_is(x, k, ",")); k++) {
		size_t len;
		if (x->tmen[k] >= 0) {
			k = x->men[x->tmen[k]].t1 - 1;
			continue;
		}
		if (k > e && tok_is(x, k, "out") && geo_lex_find_ref(x->tails, x->s, &x->toks, k, g, &len) >= 0) {
			*tail = len;
			return k + len;
		}
		words += !tok_is(x, k, ",");
	}
	/* "sell 84 mln dlrs in electronic equipment to": an amount counts
	 * as one word */
	size_t amount = 0;
	for (size_t k = e; k < NTOK && k < e + GAP_WINDOW + amount + (addressee ? 3 : 0); k++) {
		if (tok_in(x, k, number_units) && k > e && amount < 3 &&
		    ((x->toks.v[k - 1].flags & GEO_TOK_NUM) || tok_in(x, k - 1, number_words) ||
		     tok_in(x, k - 1, number_units)))
			amount++;
		/* "as much as 300 mln dlrs in tariffs on" */
		if (x->toks.v[k].len == 2 && amount < 3 && tok_is(x, k, "as") && tok_is(x, k + 1, "much") &&
		    tok_is(x, k + 2, "as"))
			amount += 2;
		/* "offer ... to" needs its object between: "offered to host" is
		 * no offer to anyone. */
		bool bare_prep = k == e && k + 1 < NTOK && (x->bits[k] & GEO_W_PREP);
		size_t len;
		int32_t first;
		if (tok_stop(x, k))
			return 0;
		/* "extradited a Rwandan genocide suspect to": an adjective that
		 * qualifies a noun of the gap is part of it. */
		if (x->tmen[k] >= 0 && x->men[x->tmen[k]].adj && x->men[x->tmen[k]].modnoun) {
			k = x->men[x->tmen[k]].t1 - 1;
			continue;
		}
		/* "complained to the United Nations over Israeli air raids": the
		 * side spoken to stands before what is spoken about. */
		if (k == e && !addressee && (tok_is(x, k, "to") || tok_is(x, k, "with")) && k + 1 < NTOK) {
			size_t n = k + 1;
			if ((x->bits[n] & GEO_W_DET) && !(x->bits[n] & GEO_W_POSS))
				n++;
			if (n < NTOK && x->tmen[n] >= 0 && x->men[x->tmen[n]].kind == M_ACTOR && !x->men[x->tmen[n]].pron &&
			    !x->men[x->tmen[n]].adj && !x->men[x->tmen[n]].poss) {
				addressee = true;
				k = x->men[x->tmen[n]].t1 - 1;
				continue;
			}
		}
		if (x->tmen[k] >= 0 && !x->men[x->tmen[k]].pron) {
			/* "cut U.S. aid to": a name may qualify the tail, nothing else. */
			size_t m1 = x->men[x->tmen[k]].t1, l2;
			const mention *gm = &x->men[x->tmen[k]];
			/* "suspended Syria's membership": the tail noun it owns */
			if (gm->poss && gm->kind == M_ACTOR && m1 + 1 < NTOK && tok_poss(x, m1)) {
				size_t tt = m1 + 1;
				/* "Sweden's NATO membership" */
				if (x->tmen[tt] >= 0 && x->men[x->tmen[tt]].kind == M_ACTOR && !x->men[x->tmen[tt]].poss)
					tt = x->men[x->tmen[tt]].t1;
				if (tt < NTOK && geo_lex_find_ref(x->tails, x->s, &x->toks, tt, g, &l2) >= 0 && l2 == 1 &&
				    !(x->bits[tt] & GEO_W_PREP)) {
					*tail = l2;
					return tt + l2;
				}
			}
			/* ... and only a tail that is a noun phrase, not a bare
			 * preposition: "fired shells at Seoul on" ends at "at". */
			if (geo_lex_find_ref(x->tails, x->s, &x->toks, m1, g, &l2) < 0)
				return 0;
			/* "charged Iran with", "held Iraq responsible": a side
			 * right before a one-word tail is the verb's object. */
			if (l2 < 2) {
				if (gm->kind != M_ACTOR || gm->adj || gm->poss || k == e + GAP_WINDOW)
					return 0;
				*tail = l2;
				return m1 + l2;
			}
			k = m1 - 1;
			continue;
		}
		/* "sell air-to-surface weapons to": no tail in the middle of a
		 * compound (but "impose counter-tariffs on" ends one) */
		if (k > e && tok_is(x, k - 1, "-") && tok_is(x, k + 1, "-"))
			continue;
		first = geo_lex_find_ref(x->tails, x->s, &x->toks, k, g, &len);
		if (first >= 0 && addressee && !(len == 1 && tok_in(x, k, topic_preps)))
			return 0;
		/* "imports falling to 91.7 mln tonnes from 123.6 mln": a
		 * number after the tail is an amount, not a side */
		if (first >= 0 && !(bare_prep && len == 1) &&
		    !(k + len < NTOK && (x->toks.v[k + len].flags & GEO_TOK_NUM) && tok_is(x, k + len - 1, "from"))) {
			*tail = len;
			return k + len;
		}
	}
	return 0;
}

static geo_err add_trig(geo_extractor *x, size_t t0, size_t t1, int32_t rel, int form)
{
	if (x->ntrig == x->captrig) {
		size_t cap = x->captrig ? x->captrig * 2 : 16;
		trig *v = realloc(x->trigs_v, cap * sizeof *v);
		if (!v)
			return GEO_ENOMEM;
		x->trigs_v = v;
		x->captrig = cap;
	}
	x->trigs_v[x->ntrig].t0 = (uint32_t)t0;
	x->trigs_v[x->ntrig].t1 = (uint32_t)t1;
	x->trigs_v[x->ntrig].rel = rel;
	x->trigs_v[x->ntrig].form = form;
	x->trigs_v[x->ntrig].recv = false;
	x->trigs_v[x->ntrig].tail0 = (uint32_t)t1;
	for (size_t k = t0; k < t1; k++)
		if (x->tmen[k] == -1)
			x->ttrig[k] = (int32_t)x->ntrig;
	x->ntrig++;
	return GEO_OK;
}

/* A verb form used as an adjective or noun: "the press", "a sanctioned
 * tanker", "of sanctioned Russian oil". */
static bool adjectival(const geo_extractor *x, size_t i, int form)
{
	ssize_t p = (ssize_t)i - 1;
	uint32_t b;

	if (form == GEO_FORM_NOUN || form == GEO_FORM_PHRASE || form == GEO_FORM_ING)
		return false;
	/* "the Tokyo press conference", "support staff": the first word of
	 * a compound noun */
	if (form == GEO_FORM_BASE && i + 1 < NTOK && x->ttrig[i] < 0 && tok_in(x, i + 1, compound_heads))
		return true;
	while (p >= 0 && (x->bits[p] & (GEO_W_ADV | GEO_W_LYADV)) && x->tmen[p] == -1 && !tok_is(x, (size_t)p, "to"))
		p--;
	if (p < 0)
		return false;
	/* "U.K. Brokers": a capitalised verb inside a body sentence is a
	 * name or a noun (headlines capitalise everything). */
	if (!x->headline && (x->toks.v[i].flags & GEO_TOK_CAP) && !tok_punct(x, i - 1))
		return true;
	b = x->bits[p];
	if (b & GEO_W_REL)
		return false; /* "countries that buy" */
	/* "struck targets in Iraq": right after a finite verb, its object */
	if ((form == GEO_FORM_S || form == GEO_FORM_BASE) && x->ttrig[p] >= 0 && (size_t)p + 1 == i &&
	    (x->trigs_v[x->ttrig[p]].form == GEO_FORM_PAST || x->trigs_v[x->ttrig[p]].form == GEO_FORM_PASTPART ||
	     x->trigs_v[x->ttrig[p]].form == GEO_FORM_S) &&
	    x->trigs_v[x->ttrig[p]].t1 == i)
		return true;
	if ((form == GEO_FORM_BASE || form == GEO_FORM_S) && x->tmen[p] >= 0 && x->men[x->tmen[p]].adj &&
	    (size_t)p + 1 == i)
		return true; /* "Palestinian targets", "Chinese purchases": nouns */
	if ((form == GEO_FORM_BASE || form == GEO_FORM_S) && x->tmen[p] >= 0 && (size_t)p + 1 == i) {
		/* "struck Hezbollah targets": a name after a finite verb, then
		 * the noun it qualifies */
		size_t q = x->men[x->tmen[p]].t0;
		if (q > 0 && x->ttrig[q - 1] >= 0 && x->trigs_v[x->ttrig[q - 1]].t1 == q &&
		    (x->trigs_v[x->ttrig[q - 1]].form == GEO_FORM_PAST || x->trigs_v[x->ttrig[q - 1]].form == GEO_FORM_S ||
		     x->trigs_v[x->ttrig[q - 1]].form == GEO_FORM_PASTPART))
			return true;
	}
	if ((form == GEO_FORM_BASE || form == GEO_FORM_S) && x->tmen[p] >= 0 && (size_t)p + 1 == i) {
		/* "some U.S. brokers": a quantified noun phrase, no verb. */
		size_t q = x->men[x->tmen[p]].t0;
		if (q > 0 && (tok_is(x, q - 1, "some") || tok_is(x, q - 1, "many") || tok_is(x, q - 1, "several") ||
			      tok_is(x, q - 1, "most") || tok_is(x, q - 1, "other") || tok_is(x, q - 1, "few") ||
			      tok_is(x, q - 1, "all")))
			return true;
	}
	if ((((b & GEO_W_DET) && !(b & GEO_W_NEG)) && x->tmen[p] == -1) || tok_poss(x, (size_t)p) ||
	    (x->tmen[p] >= 0 && x->men[x->tmen[p]].pron && (b & GEO_W_POSS)))
		return true;
	return (form == GEO_FORM_PAST || form == GEO_FORM_PASTPART || form == GEO_FORM_PART || form == GEO_FORM_BASE) &&
	       (b & GEO_W_PREP) && !tok_is(x, (size_t)p, "to") && x->tmen[p] == -1;
}

static geo_err trigger_pass(geo_extractor *x)
{
	size_t i = 0;
	geo_err rc = GEO_OK;

	while (i < NTOK && rc == GEO_OK) {
		size_t len, end = 0, best = 0;
		int32_t first, rel = -1;
		bool nounish, recv = false;
		size_t tail0 = 0;
		int form = 0;

		if (x->tmen[i] != -1 || tok_punct(x, i)) {
			i++;
			continue;
		}
		if (i > 0 && x->tmen[i - 1] >= 0 && (x->bits[i] & GEO_W_HYP) &&
		    ((x->rel_demand >= 0 && tok_is(x, i, "must")) || (x->rel_appeal >= 0 && tok_is(x, i, "should")))) {
			/* "must": a demand; "should": an appeal */
			rc = add_trig(x, i, i + 1, tok_is(x, i, "must") ? x->rel_demand : x->rel_appeal, FORM_MUST);
			x->ttrig[i] = -1; /* still the modal of its own verb group */
			i++;
			continue;
		}
		first = geo_lex_longest(x->trigs, x->s, &x->toks, i, &len);
		if (first < 0) {
			/* No trigger here: nothing below would find one. */
			i++;
			continue;
		}
		/* "on imports from", "increased imports from": where a noun is
		 * expected, "imports" is one. */
		nounish = i > 0 && x->tmen[i - 1] == -1 && !tok_is(x, i - 1, "to") &&
			  (x->bits[i - 1] & (GEO_W_PREP | GEO_W_DET | GEO_W_POSS | GEO_W_SUPPORT));
		nounish |= i > 0 && x->tmen[i - 1] >= 0 && (x->men[x->tmen[i - 1]].adj || x->men[x->tmen[i - 1]].pron);
		nounish |= i > 0 && tok_poss(x, i - 1); /* "Japan's exports to" */
		/* "its oil exports to", "the car exports to", "Australian wheat
		 * exports to": a plain noun between the determiner (or a
		 * side's adjective) and the word */
		nounish |= i > 1 && x->tmen[i - 1] == -1 && x->bits[i - 1] == 0 &&
			   (x->toks.v[i - 1].flags & GEO_TOK_WORD) && !(x->toks.v[i - 1].flags & (GEO_TOK_CAP | GEO_TOK_NUM)) &&
			   ((x->bits[i - 2] & (GEO_W_DET | GEO_W_POSS | GEO_W_SUPPORT)) || tok_poss(x, i - 2) ||
			    (x->tmen[i - 2] >= 0 && (x->men[x->tmen[i - 2]].pron || x->men[x->tmen[i - 2]].adj)));
		/* Triggers whose object words fit come first, then the rest; in
		 * each, the longest (gap triggers reach further), then file order.
		 * When no item of the longest phrase fits, a shorter phrase may:
		 * "agreed to exchange prisoners" is no "agree to ... ceasefire",
		 * but it is "agree". */
	shorter:
		for (int pass = 0; pass < 2 && rel < 0; pass++) {
			for (int32_t it = first; it >= 0; it = geo_lex_item_at(x->trigs, it)->next) {
				const geo_lex_item *li = geo_lex_item_at(x->trigs, it);
				int32_t r = li->kind == TK_GAP ? x->gaps[li->ref] : li->ref;
				int32_t os = li->aux >> 8;
				size_t e = i + len, tail = 0;
				/* An item with object words can win in the first pass
				 * only, one without in the second only: no spelling
				 * check or tail search for it in the other. */
				if ((pass == 0) != (os != 0))
					continue;
				if (!geo_lex_case_ok(x->trigs, li, x->s, &x->toks, i))
					continue;
				if (li->kind == TK_GAP && !(e = gap_tail(x, i + len, li->ref, &tail)))
					continue;
				/* Furthest end first, then the most words matched. */
				if ((pass == 1 || object_fits(x, &x->objsets[os], i, e, i + len, e - tail)) &&
				    (rel < 0 || e > end || (e == end && len + tail > best) ||
				     (e == end && len + tail == best && nounish && (li->aux & 0x7F) == GEO_FORM_NOUN &&
				      form != GEO_FORM_NOUN))) {
					rel = r;
					end = e;
					best = len + tail;
					form = li->aux & 0x7F;
					recv = (li->aux & FORM_RECV) != 0;
					tail0 = e - tail;
				}
			}
		}
		if (rel < 0 && len > 1) {
			geo_tokens upto = x->toks;
			upto.n = i + len - 1;
			if ((first = geo_lex_longest(x->trigs, x->s, &upto, i, &len)) >= 0)
				goto shorter;
		}
		if (rel >= 0 && (form == GEO_FORM_BASE || form == GEO_FORM_S) && (x->rels[rel].flags & R_THAT) &&
		    adjectival(x, i, form)) {
			/* "its demand (today) that Israel ease": the noun, with the
			 * one asked after "that". */
			size_t o = end;
			while (o < NTOK && (x->bits[o] & (GEO_W_TIME | GEO_W_ADV | GEO_W_LYADV)) && x->tmen[o] == -1)
				o++;
			if (tok_is(x, o, "that") || tok_is(x, end - 1, "that"))
				form = GEO_FORM_NOUN;
		}
		if (rel < 0 || adjectival(x, i, form)) {
			i++;
			continue;
		}
		rc = add_trig(x, i, end, rel, form);
		if (rc == GEO_OK) {
			x->trigs_v[x->ntrig - 1].recv = recv;
			x->trigs_v[x->ntrig - 1].tail0 = (uint32_t)tail0;
		}
		i = end;
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Roles                                                               */

typedef struct mods {
	bool neg, plan, threat, hyp, reported;
	bool would; /* planned in reported speech, else hypothetical */
	bool cond_after; /* an "if" or "unless" follows in the sentence */
} mods;

static geo_modality modality_of(const mods *m)
{
	if (m->would && !m->plan)
		return GEO_MOD_HYPOTHETICAL;
	/* "ready to impose tariffs if talks failed": a plan on a condition */
	if (m->cond_after && m->plan && !m->reported && !m->threat)
		return GEO_MOD_HYPOTHETICAL;
	if (m->reported)
		return GEO_MOD_REPORTED;
	if (m->threat)
		return GEO_MOD_THREATENED;
	if (m->hyp)
		return GEO_MOD_HYPOTHETICAL;
	if (m->plan)
		return GEO_MOD_PLANNED;
	return GEO_MOD_ASSERTED;
}

static void group_add1(group *g, int m)
{
	for (int i = 0; i < g->n; i++)
		if (g->m[i] == m)
			return;
	if (g->n < MAX_GROUP)
		g->m[g->n++] = m;
}

/* Adds mention m (and, for "the two countries", the other one). */
#define group_add(g, m) group_add2(x, (g), (m))
static void group_add2(const geo_extractor *x, group *g, int m)
{
	group_add1(g, m);
	if (x->men[m].also >= 0)
		group_add1(g, x->men[m].also);
}

/* The list a plural pronoun takes up in its own sentence: "Mali, Burkina
 * Faso and Niger announced their withdrawal" (-1 when there is none). */
static int plural_antecedent(const geo_extractor *x, int m)
{
	const mention *p = &x->men[m];

	if (!p->pron || !(tok_is(x, p->t0, "their") || tok_is(x, p->t0, "they")))
		return -1;
	for (int q = m; q-- > 0;) {
		const mention *a = &x->men[q];
		if (a->kind != M_ACTOR || a->pron || a->poss || a->adj)
			continue;
		if (strcmp(a->a.fold, p->a.fold) != 0)
			return -1;
		/* only the last of a list joined by "and" */
		return a->t0 >= 2 && tok_is(x, a->t0 - 1, "and") ? q : -1;
	}
	return -1;
}

static void coord_left(const geo_extractor *x, int m, group *g)
{
	size_t k;
	bool closed; /* an "and" or "or" joined the last two */
	int ante = plural_antecedent(x, m);

	g->n = 0;
	group_add(g, m);
	k = x->men[ante >= 0 ? ante : m].t0;
	closed = ante >= 0;
	for (int steps = 0; k >= 2 && steps < 3 * MAX_GROUP; steps++) {
		size_t j = k - 1;
		if (j >= 2 && (x->bits[j] & GEO_W_DET) && !(x->bits[j] & GEO_W_POSS) && x->tmen[j] == -1 &&
		    (tok_is(x, j - 1, "and") || tok_is(x, j - 1, "or") || tok_is(x, j - 1, ",")))
			j--; /* "A and the B", "A, the B and C" */
		/* "with the U.S., Taylor said": a comma alone after the last
		 * one joins no list. */
		/* ("JAPAN, PHILIPPINES SIGN PACT": a headline's "and") */
		if (tok_is(x, j, ",") && !closed &&
		    !(x->headline && j >= 1 && x->tmen[j - 1] >= 0 && x->men[x->tmen[j - 1]].t0 == 0))
			break;
		if (tok_is(x, j, "and") || tok_is(x, j, "or") || tok_is(x, j, ",")) {
			if (!tok_is(x, j, ","))
				closed = true;
			if (tok_is(x, j, "and") && j >= 1 && tok_is(x, j - 1, ","))
				j--;
			if (j >= 1 && x->tmen[j - 1] >= 0 && x->men[x->tmen[j - 1]].kind == M_ACTOR &&
			    !x->men[x->tmen[j - 1]].pron) {
				int p = x->tmen[j - 1];
				group_add(g, p);
				k = x->men[p].t0;
				continue;
			}
		}
		break;
	}
}

static size_t possessed_name(const geo_extractor *x, const mention *m);

static void coord_right(const geo_extractor *x, int m, group *g)
{
	size_t k;
	int before_comma = -1; /* group size before the first comma join */
	bool closed = false;   /* the list ended with "and" or "or" */

	g->n = 0;
	group_add(g, m);
	k = x->men[m].t1;
	for (int steps = 0; k + 1 < NTOK && steps < 3 * MAX_GROUP; steps++) {
		size_t j = k;
		if (tok_poss(x, j))
			break;
		/* "After visiting Britain, France and Italy, Funaro": the list
		 * ended at its "and" */
		if (closed && tok_is(x, j, ",") && !(j + 1 < NTOK && (tok_is(x, j + 1, "and") || tok_is(x, j + 1, "or"))))
			break;
		if (tok_is(x, j, ",") && j + 1 < NTOK && (tok_is(x, j + 1, "and") || tok_is(x, j + 1, "or")))
			j++;
		if (tok_is(x, j, "as") && tok_is(x, j + 1, "well") && tok_is(x, j + 2, "as"))
			j += 2;
		if (tok_is(x, j, "and") || tok_is(x, j, "or") || tok_is(x, j, ",")) {
			size_t n = j + 1;
			bool comma = tok_is(x, j, ",");
			if (!comma && (x->bits[n] & GEO_W_DET) && !(x->bits[n] & GEO_W_POSS))
				n++;
			/* "..., Sudan, and with strings attached, Cuba": a short
			 * aside that opens with a preposition, before the last */
			if (!comma && n < NTOK && x->tmen[n] == -1 && (x->bits[n] & GEO_W_PREP)) {
				size_t q = n;
				while (q < NTOK && q < n + 5 && x->tmen[q] == -1 && !tok_punct(x, q))
					q++;
				if (q > n && q + 1 < NTOK && tok_is(x, q, ",") && x->tmen[q + 1] >= 0)
					n = q + 1;
			}
			if (n < NTOK && x->tmen[n] >= 0 && x->men[x->tmen[n]].kind == M_ACTOR && !x->men[x->tmen[n]].pron &&
			    !x->men[x->tmen[n]].poss && !(comma && (x->men[x->tmen[n]].adj || x->men[x->tmen[n]].modnoun))) {
				int p = x->tmen[n];
				if (comma && before_comma < 0)
					before_comma = g->n;
				closed = !comma;
				group_add(g, p);
				k = x->men[p].t1;
				continue;
			}
			/* "met China's Xi and Russia's Putin": the one possessed */
			if (!comma && n < NTOK && x->tmen[n] >= 0 && x->men[x->tmen[n]].kind == M_ACTOR &&
			    x->men[x->tmen[n]].poss && !x->men[x->tmen[n]].pron) {
				size_t h = possessed_name(x, &x->men[x->tmen[n]]);
				if (h < NTOK && x->tmen[h] >= 0 && x->men[x->tmen[h]].kind == M_ACTOR) {
					closed = true;
					group_add(g, x->tmen[h]);
					k = x->men[x->tmen[h]].t1;
					continue;
				}
			}
		}
		break;
	}
	/* "A, B and C" is a list, even "A, B, and with strings attached, C";
	 * "A, South Korea's ministry said" is not. */
	if (tok_is(x, k, "and") || tok_is(x, k, "or") ||
	    (tok_is(x, k, ",") && (tok_is(x, k + 1, "and") || tok_is(x, k + 1, "or"))))
		closed = true;
	if (before_comma >= 0 && !closed)
		g->n = before_comma;
}

/* "countries ..., namely China and India" / "Japan could be one of the
 * partners": the actors a group noun at token t stands for. */
static bool resolve_generic(const geo_extractor *x, size_t t, group *g)
{
	g->n = 0;
	for (size_t k = t + 1; k < NTOK && k < t + 16; k++) {
		/* Another group noun: what follows names its members, not ours. */
		if (x->tmen[k] >= 0 && x->men[x->tmen[k]].kind == M_GENERIC)
			return false;
		size_t n = k + 1;
		if ((x->bits[k] & GEO_W_LIST) || (tok_is(x, k, "such") && tok_is(x, k + 1, "as") && n++) ||
		    (tok_is(x, k, "in") && tok_is(x, k + 1, "particular") && n++)) {
			if (tok_is(x, n, ":") || tok_is(x, n, ","))
				n++;
			if ((x->bits[n] & GEO_W_DET) && !(x->bits[n] & GEO_W_POSS))
				n++;
			if (n < NTOK && x->tmen[n] >= 0 && x->men[x->tmen[n]].kind == M_ACTOR) {
				coord_right(x, x->tmen[n], g);
				return true;
			}
			return false;
		}
		if (x->tmen[k] >= 0 && x->men[x->tmen[k]].kind == M_ACTOR) {
			/* X (could) be one of / among */
			const mention *m = &x->men[x->tmen[k]];
			size_t j = m->t1;
			while (j < NTOK && (x->bits[j] & (GEO_W_HYP | GEO_W_WILL | GEO_W_ADV)))
				j++;
			if ((x->bits[j] & GEO_W_BE) &&
			    ((tok_is(x, j + 1, "one") && tok_is(x, j + 2, "of")) || tok_is(x, j + 1, "among"))) {
				coord_left(x, x->tmen[k], g);
				return true;
			}
		}
	}
	return false;
}

/* Reads the words between a subject and its verb backwards from t,
 * collecting modality; returns the token before them. */
/* "to" at k, after adverbs ("working together to urge"). */
static bool caten_to(const geo_extractor *x, size_t k)
{
	while (k < NTOK && ((x->bits[k] & (GEO_W_ADV | GEO_W_LYADV)) || tok_is(x, k, "together")) &&
	       x->tmen[k] == -1)
		k++;
	return tok_is(x, k, "to");
}

static ssize_t skip_verb_group(const geo_extractor *x, ssize_t j, mods *md, bool *saw_to)
{
	bool denial = false;

	while (j >= 0) {
		uint32_t b = x->bits[j];
		if (x->tmen[j] >= 0 || (x->ttrig[j] >= 0 && !tok_is(x, (size_t)j, "to") &&
					!(b & (GEO_W_CATEN | GEO_W_NEGVERB | GEO_W_THREAT | GEO_W_PLAN))))
			break;
		if (tok_is(x, (size_t)j, "to")) {
			*saw_to = true;
			/* "The U.S. is to lend Sudan": arranged, not yet done */
			if (j > 0 && (x->bits[j - 1] & GEO_W_BE) && !tok_is(x, (size_t)j - 1, "be") &&
			    !tok_is(x, (size_t)j - 1, "been") && !tok_is(x, (size_t)j - 1, "being"))
				md->plan = true;
			j--;
			if (j >= 0 && tok_is(x, (size_t)j, "yet")) {
				md->neg = true; /* "has yet to impose" */
				j--;
			}
			continue;
		}
		/* "Tehran \"will not negotiate\"": words quoted within the
		 * clause are still its verb group */
		if (tok_is(x, (size_t)j, "\"") && j > 0 && x->tmen[j - 1] >= 0) {
			j--;
			continue;
		}
		if (tok_is(x, (size_t)j, ")")) {
			/* "The European Union (EU) agreed": skip the parenthesis. */
			ssize_t o = j - 1;
			while (o >= 0 && o > j - 8 && !tok_is(x, (size_t)o, "("))
				o--;
			if (o >= 0 && tok_is(x, (size_t)o, "(")) {
				j = o - 1;
				continue;
			}
			break;
		}
		if (tok_is(x, (size_t)j, ",") && j >= 2 && tok_is(x, (size_t)j - 2, ",") && x->tmen[j - 1] == -1 &&
		    (x->bits[j - 1] & (GEO_W_ADV | GEO_W_LYADV | GEO_W_BARRIER))) {
			j -= 3; /* ", meanwhile," */
			continue;
		}
		if ((x->toks.v[j].flags & GEO_TOK_NUM) && x->toks.v[j].len == 4 && j > 0 && tok_is(x, (size_t)j - 1, "in")) {
			j -= 2; /* "The ADB in 1986 approved" */
			continue;
		}
		if (b & GEO_W_TIME) {
			j--;
			if (j >= 0 && (tok_is(x, (size_t)j, "on") || tok_is(x, (size_t)j, "last") ||
				       tok_is(x, (size_t)j, "this") || tok_is(x, (size_t)j, "next") ||
				       tok_is(x, (size_t)j, "in") || tok_is(x, (size_t)j, "earlier")))
				j--;
			continue;
		}
		/* "had set targets for": a catenative with no "to" (or -ing)
		 * after it is a verb of its own, not part of this one's group. */
		if ((b & (GEO_W_CATEN | GEO_W_PLAN)) &&
		    !(b & (GEO_W_BE | GEO_W_AUX | GEO_W_WILL | GEO_W_HYP | GEO_W_NEG | GEO_W_ADV | GEO_W_LYADV |
			   GEO_W_NEGVERB | GEO_W_REPORTED | GEO_W_THREAT)) &&
		    !caten_to(x, (size_t)j + 1) &&
		    !(x->ttrig[j + 1] >= 0 && x->trigs_v[x->ttrig[j + 1]].form == GEO_FORM_ING))
			break;
		if (b & (GEO_W_BE | GEO_W_AUX | GEO_W_WILL | GEO_W_HYP | GEO_W_NEG | GEO_W_ADV | GEO_W_LYADV |
			 GEO_W_CATEN | GEO_W_NEGVERB | GEO_W_REPORTED | GEO_W_THREAT | GEO_W_PLAN)) {
			/* "has not stopped buying": two denials make an assertion;
			 * "did not deny supplying" only leaves it said */
			if (b & GEO_W_NEG) {
				md->neg = !md->neg;
				if (denial)
					md->reported = true;
			}
			if (b & GEO_W_NEGVERB) {
				md->neg = !md->neg;
				denial |= x->toks.v[j].len >= 4 && memcmp(low_at(x, (size_t)j), "den", 3) == 0;
			}
			if (b & GEO_W_WILL)
				md->plan = true;
			if (b & GEO_W_PLAN)
				md->plan = true;
			if (b & GEO_W_THREAT)
				md->threat = true;
			if (b & GEO_W_HYP) {
				if (tok_is(x, (size_t)j, "would"))
					md->would = true;
				else
					md->hyp = true;
			}
			if (b & GEO_W_REPORTED)
				md->reported = true;
			j--;
			/* "Washington announced plans to put tariffs on" */
			if (j >= 0 && (tok_is(x, (size_t)j + 1, "plans") || tok_is(x, (size_t)j + 1, "plan")) &&
			    tok_in(x, (size_t)j, announce_verbs))
				j--;
			continue;
		}
		break;
	}
	return j;
}

/* The subject of the verb at token t: the actor (or coordinated actors)
 * just before its verb group, or the antecedent of a relative pronoun. */
/* The subject of the sentence's first clause when it opens the sentence
 * ("The United States has vowed ... and has warned Tehran"): an actor
 * at the start, after at most a determiner or a masked dateline, with a
 * verb right after it, and no reported speech, relative clause or
 * clause barrier between it and the conjunction at j.  Returns the
 * mention or -1. */
static int opening_subject(const geo_extractor *x, size_t j)
{
	size_t k = 0;
	const mention *m;

	while (k < j && x->tmen[k] == -2)
		k++;
	if (k < j && (x->bits[k] & GEO_W_DET) && !(x->bits[k] & GEO_W_POSS) && x->tmen[k] == -1)
		k++;
	if (k >= j || x->tmen[k] < 0)
		return -1;
	m = &x->men[x->tmen[k]];
	if (m->kind != M_ACTOR || m->poss || m->pp || m->loc || m->adj || m->modnoun || m->t1 >= j)
		return -1;
	k = m->t1;
	while (k < j && (x->bits[k] & (GEO_W_ADV | GEO_W_LYADV)) && x->tmen[k] == -1)
		k++;
	{
		/* a verb: an auxiliary or modal, or a past tense */
		bool verb = (x->bits[k] & (GEO_W_AUX | GEO_W_BE | GEO_W_WILL | GEO_W_HYP)) ||
			    (x->ttrig[k] >= 0 && x->trigs_v[x->ttrig[k]].form != GEO_FORM_NOUN) || ends_ed(x, k);
		if (!verb || x->tmen[k] != -1)
			return -1;
	}
	for (; k < j; k++)
		if ((x->bits[k] & (GEO_W_REL | GEO_W_BARRIER | GEO_W_REPORT)) || tok_is(x, k, ";") ||
		    tok_is(x, k, "that") || tok_is(x, k, "\""))
			return -1;
	return x->tmen[m->t0];
}

/* The comma that opens an aside ending with the comma at j: a phrase of
 * at most 30 tokens with no other comma or stop in it, opened by a
 * preposition (or "like", "unlike"), and with an actor named right before
 * it.  Returns the comma's token, or -1. */
static ssize_t aside_start(const geo_extractor *x, ssize_t j)
{
	for (ssize_t k = j - 1; k > 0 && j - k <= 30; k--) {
		if (!tok_is(x, (size_t)k, ",")) {
			if (tok_stop(x, (size_t)k) && !tok_is(x, (size_t)k, "(") && !tok_is(x, (size_t)k, ")"))
				return -1;
			continue;
		}
		/* ... or with a participle: "Zelenskiy, speaking in Berlin, urged" */
		const geo_tok *nt = &x->toks.v[k + 1];
		bool ing = nt->len >= 5 && !(nt->flags & (GEO_TOK_CAP | GEO_TOK_NUM)) && (nt->flags & GEO_TOK_WORD) &&
			   memcmp(low_at(x, (size_t)k + 1) + nt->len - 3, "ing", 3) == 0;
		if (k + 1 < j && ((x->bits[k + 1] & GEO_W_PREP) || tok_is(x, (size_t)k + 1, "like") ||
				  tok_is(x, (size_t)k + 1, "unlike") || ing) &&
		    !tok_is(x, (size_t)k + 1, "to") && x->tmen[k + 1] == -1 && x->tmen[k - 1] >= 0) {
			const mention *m = &x->men[x->tmen[k - 1]];
			if (m->kind == M_ACTOR && !m->pp && !m->poss && !m->adj && !m->pron && !m->loc)
				return k;
		}
		return -1;
	}
	return -1;
}

static bool subject_of(geo_extractor *x, size_t t, mods *md, group *g, bool *via_to)
{
	bool saw_to = false;
	ssize_t j = skip_verb_group(x, (ssize_t)t - 1, md, &saw_to);

	/* "should also threaten to mine and blockade Iran": a verb joined to
	 * one after "to" shares its group, subject and modality */
	if (j >= 3 && (tok_is(x, (size_t)j, "and") || tok_is(x, (size_t)j, "or")) && tok_is(x, (size_t)j - 2, "to") &&
	    x->tmen[j - 1] == -1 && (x->toks.v[j - 1].flags & GEO_TOK_WORD) &&
	    !(x->toks.v[j - 1].flags & (GEO_TOK_CAP | GEO_TOK_NUM)) &&
	    (x->ttrig[j - 1] >= 0 ? x->trigs_v[x->ttrig[j - 1]].form == GEO_FORM_BASE : x->bits[j - 1] == 0))
		j = skip_verb_group(x, j - 2, md, &saw_to);
	g->n = 0;
	if (via_to)
		*via_to = saw_to;
	if (j < 0)
		return false;
	/* "Reagan's move to impose tariffs", "France's agreement last autumn
	 * to purchase gas": whoever owns the intent acts, not yet. */
	if (saw_to) {
		/* the noun, or the possessor before a verb-like one ("move",
		 * "attempt"), which the verb group takes in */
		ssize_t n = j, o;
		if (x->tmen[j] >= 0 && x->men[x->tmen[j]].poss) {
			n = x->men[x->tmen[j]].t1;
			if (tok_poss(x, (size_t)n))
				n++;
		} else if (tok_poss(x, (size_t)j)) {
			n = j + 1;
		}
		o = n - 1;
		if (o >= 1 && tok_poss(x, (size_t)o))
			o--;
		if (o >= 0 && x->tmen[n] == -1 && tok_in(x, (size_t)n, intent_nouns) && x->tmen[o] >= 0 &&
		    x->men[x->tmen[o]].kind == M_ACTOR &&
		    (x->men[x->tmen[o]].poss || (x->men[x->tmen[o]].pron && (x->bits[o] & GEO_W_POSS)))) {
			md->plan = md->hyp = false;
			if (tok_is(x, (size_t)n, "refusal") || tok_is(x, (size_t)n, "failure"))
				md->neg = true;
			else if (tok_is(x, (size_t)n, "threat"))
				md->threat = true;
			else if (tok_in(x, (size_t)n, goal_nouns) || tok_is(x, (size_t)n, "proposal") ||
				 tok_is(x, (size_t)n, "readiness") || tok_is(x, (size_t)n, "willingness"))
				md->hyp = true;
			else
				md->plan = true;
			group_add(g, x->tmen[o]);
			return true;
		}
	}
	{
		/* "Washington along with its allies demanded", "Japan, together
		 * with the EU, said": the first side leads the act. */
		ssize_t w = j;
		if (tok_is(x, (size_t)w, ",") && w > 0)
			w--;
		for (int n = 0; w > 2 && n < 6 && !tok_is(x, (size_t)w, "with") && !tok_stop(x, (size_t)w); n++)
			w--;
		if (w >= 2 && tok_is(x, (size_t)w, "with") &&
		    (tok_is(x, (size_t)w - 1, "along") || tok_is(x, (size_t)w - 1, "together"))) {
			ssize_t h = w - 2;
			if (tok_is(x, (size_t)h, ",") && h > 0)
				h--;
			if (x->tmen[h] >= 0 && x->men[x->tmen[h]].kind == M_ACTOR && !x->men[x->tmen[h]].poss &&
			    !x->men[x->tmen[h]].pp && !x->men[x->tmen[h]].adj) {
				ssize_t e = tok_is(x, (size_t)j, ",") ? j - 1 : j;
				coord_left(x, x->tmen[h], g);
				/* "France along with Germany": both act. */
				if (e > w && x->tmen[e] >= 0 && x->men[x->tmen[e]].kind == M_ACTOR &&
				    !x->men[x->tmen[e]].pron && !x->men[x->tmen[e]].poss && !x->men[x->tmen[e]].adj)
					group_add(g, x->tmen[e]);
				return true;
			}
		}
	}
	/* "Funaro, on the third leg of a trip to Europe, met Stoltenberg": a
	 * phrase between commas that opens with a preposition stands aside. */
	if (tok_is(x, (size_t)j, ",")) {
		ssize_t c = aside_start(x, j);
		if (c > 0)
			j = c - 1;
	}
	/* "her government", "its troops": the owner acts; so does "his
	 * country" (a possessive pronoun: "Serbia's country" is no phrase). */
	if ((agent_at(x, j) || ((tok_is(x, j, "country") || tok_is(x, j, "nation")) && j > 0 &&
				(x->bits[j - 1] & GEO_W_POSS))) &&
	    x->tmen[j] == -1 && j > 0 && x->tmen[j - 1] >= 0 && x->men[x->tmen[j - 1]].kind == M_ACTOR)
		j--;
	if (x->tmen[j] >= 0) {
		int m = x->tmen[j];
		if (x->men[m].kind == M_GENERIC)
			return resolve_generic(x, x->men[m].t0, g);
		/* "The Chinese embassy in Manila lodged a protest": where the
		 * subject is, after it */
		if (x->men[m].loc && x->men[m].t0 > 1) {
			size_t p = x->men[m].t0 - 1;
			if ((tok_is(x, p, "in") || tok_is(x, p, "at")) && x->tmen[p - 1] >= 0 &&
			    x->men[x->tmen[p - 1]].t1 == p) {
				const mention *hm = &x->men[x->tmen[p - 1]];
				if (hm->kind == M_ACTOR && !hm->pp && !hm->poss && !hm->adj && !hm->pron && !hm->loc) {
					coord_left(x, x->tmen[p - 1], g);
					return true;
				}
			}
		}
		if (x->men[m].poss || x->men[m].loc)
			return false;
		/* "his visit to Washington will help": the object of a preposition
		 * is no subject, except in "for A to act". */
		if (x->men[m].pp && x->men[m].t0 > 0) {
			size_t p = x->men[m].t0 - 1;
			if ((x->bits[p] & GEO_W_DET) && p > 0)
				p--;
			/* "the order by President Reagan to impose duties" */
			/* "with Ottawa accusing Washington": the subject of the
			 * participle. */
			bool with_ing = tok_is(x, p, "with") && x->men[m].t1 == t && t < NTOK && x->ttrig[t] >= 0 &&
					x->trigs_v[x->ttrig[t]].form == GEO_FORM_ING && x->trigs_v[x->ttrig[t]].t0 == t;
			if (with_ing) {
				coord_left(x, m, g);
				return true;
			}
			bool by_noun = saw_to && tok_is(x, p, "by") && p > 0 && x->ttrig[p - 1] == -1 &&
				       (x->toks.v[p - 1].flags & GEO_TOK_WORD) && x->toks.v[p - 1].len > 3 &&
				       !ends_ed(x, p - 1);
			/* "Thousands of Serbs demonstrated", "a delegation of
			 * Japanese officials met": the people counted act */
			bool counted = tok_is(x, p, "of") && p > 0 && x->tmen[p - 1] == -1 &&
				       (tok_in(x, p - 1, quantity_nouns) || tok_in(x, p - 1, partitives) ||
					(x->toks.v[p - 1].flags & GEO_TOK_NUM));
			if (!tok_is(x, p, "for") && !by_noun && !counted)
				return false; /* but "hired by Canada to help": the one hired acts */
		}
		coord_left(x, m, g);
		if (saw_to) {
			/* "wants U.S. officials to allow", "expect the EC to allow":
			 * the act is wished for, not done */
			size_t b = x->men[g->m[g->n - 1]].t0;
			if (b > 0 && (x->bits[b - 1] & GEO_W_DET) && !(x->bits[b - 1] & GEO_W_POSS))
				b--;
			if (b > 0 && x->tmen[b - 1] == -1 && (x->bits[b - 1] & (GEO_W_CATEN | GEO_W_PLAN)) &&
			    !(x->bits[b - 1] & (GEO_W_BE | GEO_W_AUX)))
				md->hyp = true;
		}
		{
			/* "denied reports that it had bought": a denial of the act. */
			size_t b = x->men[g->m[g->n - 1]].t0;
			if (b > 0 && tok_is(x, b - 1, "that"))
				b--;
			if (b > 0 && (tok_is(x, b - 1, "reports") || tok_is(x, b - 1, "report") || tok_is(x, b - 1, "claims") ||
				      tok_is(x, b - 1, "allegations") || tok_is(x, b - 1, "accusations") ||
				      tok_is(x, b - 1, "suggestions") || tok_is(x, b - 1, "speculation") ||
				      tok_is(x, b - 1, "rumours") || tok_is(x, b - 1, "rumors")))
				b--;
			if (b > 0 && (x->bits[b - 1] & GEO_W_NEGVERB))
				md->neg = true;
			/* "there is no evidence that North Korea supplied": not
			 * asserted */
			b = x->men[g->m[g->n - 1]].t0;
			if (b > 2 && tok_is(x, b - 1, "that") &&
			    (tok_is(x, b - 2, "evidence") || tok_is(x, b - 2, "sign") || tok_is(x, b - 2, "indication") ||
			     tok_is(x, b - 2, "proof")) &&
			    (tok_is(x, b - 3, "no") || tok_is(x, b - 3, "little")))
				md->hyp = true;
		}
		if (md->would) {
			/* "said it would sanction": the future of reported speech. */
			size_t b = x->men[g->m[g->n - 1]].t0;
			/* "said yesterday it would", "said on Monday that it would",
			 * "announced that on April 17 he would" */
			for (int n = 0; b > 1 && n < 6 && x->tmen[b - 1] == -1; n++) {
				const geo_tok *tk = &x->toks.v[b - 1];
				if (!tok_is(x, b - 1, "that") && !(x->bits[b - 1] & GEO_W_TIME) && !tok_is(x, b - 1, "on") &&
				    !tok_is(x, b - 1, "last") && !(tk->flags & GEO_TOK_NUM) &&
				    !(tok_is(x, b - 1, "in") && (x->toks.v[b].flags & GEO_TOK_NUM)))
					break;
				b--;
			}
			/* but "said he would send missiles if Russia did not end
			 * the war": on a condition, as ever */
			if (b > 0 && (x->bits[b - 1] & GEO_W_REPORT) && !(x->cond > t && x->cond < NTOK))
				md->plan = true;
			else
				md->hyp = true;
			md->would = false;
		}
		{
			/* "urged A to support B": A has not acted yet. */
			size_t b = x->men[g->m[g->n - 1]].t0;
			/* "urging the administration oppose the ruling": a base
			 * form after the one urged is asked for too. */
			bool bare = !saw_to && t < NTOK && x->ttrig[t] >= 0 && x->trigs_v[x->ttrig[t]].t0 == t &&
				    x->trigs_v[x->ttrig[t]].form == GEO_FORM_BASE;
			if ((saw_to || bare) && b > 0 && (x->bits[b - 1] & GEO_W_DET) && x->tmen[b - 1] == -1)
				b--;
			if ((saw_to || bare) && b > 0 && x->ttrig[b - 1] >= 0 &&
			    (x->rels[x->trigs_v[x->ttrig[b - 1]].rel].flags & R_THAT))
				md->hyp = true;
			/* "demanded that Israel ease restrictions": asked, not done. */
			b = x->men[g->m[g->n - 1]].t0;
			if (!saw_to && b > 1 && tok_is(x, b - 1, "that")) {
				size_t v = b - 2;
				while (v > 0 && (x->bits[v] & (GEO_W_TIME | GEO_W_ADV | GEO_W_LYADV)) && x->tmen[v] == -1 &&
				       x->ttrig[v] == -1)
					v--; /* "demanded on Friday that" */
				if (tok_is(x, v, "on") && v > 0)
					v--;
				if ((x->ttrig[b - 1] >= 0 &&
				     (x->rels[x->trigs_v[x->ttrig[b - 1]].rel].flags & (R_THAT | R_THREATEN)) &&
				     !(x->rels[x->trigs_v[x->ttrig[b - 1]].rel].flags & R_NESTED)) ||
				    (x->ttrig[v] >= 0 && (x->rels[x->trigs_v[x->ttrig[v]].rel].flags & (R_THAT | R_THREATEN)) &&
				     !(x->rels[x->trigs_v[x->ttrig[v]].rel].flags & R_NESTED)))
					md->hyp = true;
			}
		}
		return true;
	}
	/* "Israeli peace movement": the adjective's noun acts, not the state. */
	if (j > 0 && x->tmen[j - 1] >= 0 && x->men[x->tmen[j - 1]].modnoun)
		return false;
	/* "A criticized B and warned C", "A attacked, seized and sank B":
	 * the verbs share A. */
	if ((tok_is(x, (size_t)j, "and") || tok_is(x, (size_t)j, "but") || tok_is(x, (size_t)j, "or") ||
	     (tok_is(x, (size_t)j, ",") && j > 0 && x->ttrig[j - 1] >= 0 &&
	      x->trigs_v[x->ttrig[j - 1]].form != GEO_FORM_NOUN)) &&
	    x->clause_subj.n && x->clause_end <= t) {
		/* Not across a relative clause: "a resolution that aims to
		 * tighten sanctions and impose ..." has its own subject.  (The
		 * last verb may be in this one's group: "but agreed to have
		 * talks".) */
		for (size_t k = x->clause_end; k < (size_t)j; k++)
			if ((x->bits[k] & (GEO_W_REL | GEO_W_BARRIER)) || tok_is(x, k, ";"))
				return false;
		*g = x->clause_subj;
		return true;
	}
	if ((tok_is(x, (size_t)j, "and") || tok_is(x, (size_t)j, "but") || tok_is(x, (size_t)j, "or")) &&
	    !x->clause_subj.n && !saw_to) {
		int m = opening_subject(x, (size_t)j);
		if (m >= 0) {
			coord_left(x, m, g);
			return true;
		}
	}
	if (tok_is(x, (size_t)j, ",")) {
		/* "Pakistan, a key U.S. ally in the war, has refused": skip an
		 * appositive noun phrase that opens with a determiner. */
		ssize_t c = j - 1;
		while (c > 0 && c > j - 14 && !tok_is(x, (size_t)c, ","))
			c--;
		if (c > 0 && c < j - 1 && tok_is(x, (size_t)c, ",") && x->tmen[c - 1] >= 0 &&
		    x->men[x->tmen[c - 1]].kind == M_ACTOR && !x->men[x->tmen[c - 1]].poss &&
		    (tok_is(x, (size_t)c + 1, "which") || tok_is(x, (size_t)c + 1, "who"))) {
			/* "India, which stopped buying Iranian oil, has increased" */
			coord_left(x, x->tmen[c - 1], g);
			return true;
		}
		/* ... or with a possessor: "Iran, Iraq's enemy in the war, fired" */
		/* ... or a phrase that opens with a preposition: "Sweden, in a
		 * similar move last week, promised" */
		if (c > 0 && c < j - 1 && tok_is(x, (size_t)c, ",") &&
		    (((x->bits[c + 1] & GEO_W_DET) && x->tmen[c + 1] == -1) ||
		     ((x->bits[c + 1] & GEO_W_PREP) && !(x->bits[c + 1] & GEO_W_BARRIER) && x->tmen[c + 1] == -1) ||
		     (x->tmen[c + 1] >= 0 && x->men[x->tmen[c + 1]].poss && !x->men[x->tmen[c + 1]].pron)) &&
		    x->tmen[c - 1] >= 0 && x->men[x->tmen[c - 1]].kind == M_ACTOR &&
		    !x->men[x->tmen[c - 1]].poss) {
			bool verbish = false;
			for (ssize_t q = c + 1; q < j; q++)
				verbish |= ((x->bits[q] & (GEO_W_BE | GEO_W_AUX | GEO_W_WILL | GEO_W_HYP | GEO_W_REL |
							   GEO_W_REPORT)) != 0 && !tok_poss(x, (size_t)q)) ||
					    (x->ttrig[q] >= 0 && x->trigs_v[x->ttrig[q]].form != GEO_FORM_NOUN);
			if (!verbish) {
				coord_left(x, x->tmen[c - 1], g);
				return true;
			}
		}
	}
	if (tok_is(x, (size_t)j, ",") && j >= 3 && x->tmen[j - 1] >= 0) {
		/* "Kristersson, Sweden's prime minister, said": the name before
		 * the apposition. */
		const mention *ap = &x->men[x->tmen[j - 1]];
		if (ap->t0 >= 2 && tok_is(x, ap->t0 - 1, ",") && x->tmen[ap->t0 - 2] >= 0) {
			const mention *nm = &x->men[x->tmen[ap->t0 - 2]];
			if (nm->kind == M_ACTOR && nm->a.fold && ap->a.fold && strcmp(nm->a.fold, ap->a.fold) == 0) {
				g->n = 0;
				group_add(g, x->tmen[ap->t0 - 2]);
				return true;
			}
		}
		return false;
	}
	if (x->bits[j] & GEO_W_REL) {
		ssize_t k = j - 1;
		if (k >= 0 && tok_is(x, (size_t)k, ","))
			k--;
		if (k >= 0 && x->tmen[k] >= 0) {
			int m = x->tmen[k];
			if (x->men[m].kind == M_GENERIC)
				return resolve_generic(x, x->men[m].t0, g);
			/* "a woman linked to Al-Qaeda who shot": the object of a
			 * preposition is seldom what "who" stands for. */
			if (x->men[m].pp && !tok_is(x, (size_t)j, "which"))
				return false;
			coord_left(x, m, g);
			return true;
		}
		return false;
	}
	/* "of helping Russia", "by increasing purchases": the act nested in
	 * an accusation. */
	if ((x->bits[j] & GEO_W_PREP) && x->nested.n && t > x->nested_from) {
		*g = x->nested;
		md->reported = true;
		return true;
	}
	return false;
}

/* The object of the trigger ending at token e: the first actor to the
 * right in the same clause.  need_prep: only after a preposition (relation
 * nouns).  *event_noun is set when a meeting noun comes first. */
/* "backing for Iran's war enemy Iraq", "sanctions on Russia's ally
 * Belarus": after a possessor, a noun or two and a name (or a person's
 * name at once: "Russia's Putin"), the name is the one meant.  The token
 * of that name, or NTOK. */
static size_t possessed_name(const geo_extractor *x, const mention *m)
{
	size_t k = m->t1;

	if (!m->poss || m->pron)
		return NTOK;
	k++; /* the 's */
	for (size_t words = 0; k < NTOK && words < 3; k++, words++) {
		const geo_tok *t = &x->toks.v[k];
		if (x->tmen[k] >= 0)
			break;
		if (x->tmen[k] != -1 || !(t->flags & GEO_TOK_WORD) || (t->flags & (GEO_TOK_CAP | GEO_TOK_NUM)) ||
		    x->bits[k] != 0 || (x->ttrig[k] >= 0 && x->trigs_v[x->ttrig[k]].form != GEO_FORM_NOUN))
			return NTOK;
	}
	if (k >= NTOK || x->tmen[k] < 0)
		return NTOK;
	/* "Russia's Putin": a person right after the possessor */
	if (k == m->t1 + 1 && x->men[x->tmen[k]].a.type != GEO_ACTOR_PERSON)
		return NTOK;
	{
		const mention *h = &x->men[x->tmen[k]];
		if (h->kind != M_ACTOR || h->pron || h->adj || h->t0 != k)
			return NTOK;
	}
	return k;
}

static bool object_of(geo_extractor *x, size_t e, bool need_prep, bool allow_loc, const group *src,
		      group *g, bool *event_noun, size_t *endtok, bool verbal_coop)
{
	bool prep = e > 0 && (x->bits[e - 1] & GEO_W_PREP);
	/* "fired shells at Seoul": a preposition of the trigger itself takes
	 * its object, even "in" or "at". */
	bool own_prep = prep && x->ttrig[e - 1] >= 0;
	size_t steps = 0;

	g->n = 0;
	/* "attacked, seized, and sank an Iranian ship": verbs in a row share
	 * the object after the last. */
	while (!need_prep && e < NTOK && (tok_is(x, e, ",") || tok_is(x, e, "and"))) {
		size_t v = e + 1;
		bool and = tok_is(x, e, "and");
		if (tok_is(x, e, ",") && tok_is(x, v, "and"))
			v++, and = true;
		if (v < NTOK && x->ttrig[v] >= 0 && x->trigs_v[x->ttrig[v]].form != GEO_FORM_NOUN &&
		    x->trigs_v[x->ttrig[v]].form != GEO_FORM_ING)
			e = x->trigs_v[x->ttrig[v]].t1;
		else if (v < NTOK && x->bits[v] == 0 && x->tmen[v] == -1 && (x->toks.v[v].flags & GEO_TOK_WORD) &&
			 !(x->toks.v[v].flags & (GEO_TOK_CAP | GEO_TOK_NUM)) &&
			 ((ends_ed(x, v) && !and) || and))
			e = v + 1; /* "..., seized, and sank" */
		else
			break;
	}
	for (size_t k = e; k < NTOK && steps < 9;) {
		uint32_t b = x->bits[k];
		if (x->tmen[k] >= 0) {
			const mention *m = &x->men[x->tmen[k]];
			bool self = false;
			if (m->kind == M_GENERIC) {
				if (resolve_generic(x, k, g)) {
					*endtok = k + 1;
					return true;
				}
				k = m->t1;
				steps++;
				continue;
			}
			for (int s = 0; src && s < src->n; s++)
				self |= strcmp(x->men[src->m[s]].a.fold, m->a.fold) == 0;
			bool first = k == e || (k == e + 1 && (x->bits[e] & GEO_W_DET) && x->tmen[e] == -1);
			/* "meet its commitments": a possessive pronoun before a plain
			 * noun is an owner, not the one acted on ("purchases of its oil"
			 * still names the seller). */
			bool owner_only = m->pron && (x->bits[k] & GEO_W_POSS) && m->t1 < NTOK &&
					  (x->bits[m->t1] == 0 || tok_in(x, m->t1, sent_forces)) && /* "its warships" */
					  (x->toks.v[m->t1].flags & GEO_TOK_WORD) && !(k > 0 && tok_is(x, k - 1, "of"));
			/* "visited them": "it" and "them" are too vague to be acted on. */
			owner_only |= m->pron && (x->bits[k] & GEO_W_IT) && !(x->bits[k] & GEO_W_POSS);
			owner_only |= m->place;
			/* "defends the Iran-deal": a name joined to a noun qualifies it */
			owner_only |= verbal_coop && !m->adj && m->t1 + 1 < NTOK && tok_is(x, m->t1, "-") &&
				       x->toks.v[m->t1].start == x->toks.v[m->t1 + 1].start - 1 &&
				       x->tmen[m->t1 + 1] == -1 && (x->toks.v[m->t1 + 1].flags & GEO_TOK_WORD) &&
				       !(x->toks.v[m->t1 + 1].flags & GEO_TOK_NUM); /* not a dash: "met China - and" */
			/* "U.S. pressure over Russian oil": what it is about, not whom */
			if (m->adj && m->modnoun && k > e) {
				size_t q = k;
				while (q > e && x->tmen[q - 1] == -1 && (x->bits[q - 1] & GEO_W_DET))
					q--;
				owner_only |= q > 0 && tok_in(x, q - 1, topic_preps) && !tok_is(x, q - 1, "against");
			}
			/* "talks in the new WTO round", "at the OPEC meeting": the
			 * forum where it happens, not a party */
			{
				size_t q = m->t0;
				while (q > 0 && x->tmen[q - 1] == -1 && (x->bits[q - 1] & GEO_W_DET) && !(x->bits[q - 1] & GEO_W_POSS))
					q--;
				if (q > 0 && x->tmen[q - 1] == -1 && x->toks.v[q - 1].len && tok_is(x, q - 1, "new"))
					q--;
				while (q > 0 && x->tmen[q - 1] == -1 && (x->bits[q - 1] & GEO_W_DET) && !(x->bits[q - 1] & GEO_W_POSS))
					q--;
				owner_only |= q > 0 && (tok_is(x, q - 1, "in") || tok_is(x, q - 1, "at") || tok_is(x, q - 1, "during")) &&
					      m->t1 < NTOK && (x->bits[m->t1] & GEO_W_EVENT) && x->ttrig[m->t1] < 0;
			}
			/* "refused to attend the Paris G-7 meeting": the city where
			 * a gathering meets, before the one who gathers */
			if (x->dc[m->t0].kind == AK_SEAT && x->dc[m->t0].len == m->t1 - m->t0 && m->t1 + 1 < NTOK &&
			    x->tmen[m->t1] >= 0 && x->men[x->tmen[m->t1]].t1 < NTOK &&
			    (x->bits[x->men[x->tmen[m->t1]].t1] & GEO_W_EVENT))
				owner_only = true;
			/* "met the Venezuelan criteria": talk and praise are for
			 * states and people, not for things named after them. */
			owner_only |= m->adj && m->modnoun && verbal_coop && !tok_in(x, m->t1, cause_nouns);
			/* "Sudan's army retook Khartoum from the RSF": its own city is
			 * where, the side after it whom */
			if (self && !m->pron && x->dc[m->t0].kind == AK_SEAT && x->dc[m->t0].len == m->t1 - m->t0) {
				k = m->t1;
				steps++;
				continue;
			}
			if ((!need_prep || prep) && (!m->loc || allow_loc || (own_prep && first)) && !(self && m->pron) &&
			    !owner_only) {
				size_t h = possessed_name(x, m);
				coord_right(x, h < NTOK ? x->tmen[h] : x->tmen[k], g);
				*endtok = x->men[g->m[g->n - 1]].t1;
				return true;
			}
			k = m->t1;
			if (tok_poss(x, k))
				k++;
			steps++;
			continue;
		}
		if (x->tmen[k] == -2) {
			k++;
			continue;
		}
		/* "bought dollars in coordination with the Bank of Japan": a
		 * partner in the act, not the one it is done to */
		if (k > e && tok_is(x, k - 1, "in") && tok_in(x, k, partner_nouns) &&
		    (tok_is(x, k + 1, "with") || tok_is(x, k + 1, "by")))
			return false;
		/* "attacked the platform 120 miles east of Bahrain", "a tanker
		 * off Kuwait": a thing placed by a landmark; the landmark is
		 * not what was acted on (but "attacked areas east of Kyiv",
		 * "an offensive north of Baghdad" are in its country). */
		if (k > e && x->tmen[e] == -1 && x->tmen[k] == -1 && (x->bits[e] & GEO_W_DET) &&
		    ((tok_in(x, k, compass_words) && tok_is(x, k + 1, "of")) || tok_is(x, k, "off") ||
		     ((tok_is(x, k, "northeast") || tok_is(x, k, "northwest") || tok_is(x, k, "southeast") ||
		       tok_is(x, k, "southwest")) && tok_is(x, k + 1, "of"))))
			return false;
		/* "up to 4,000 troops": a quantity is no step towards the object */
		if (((x->toks.v[k].flags & GEO_TOK_NUM) || tok_in(x, k, number_words)) && x->ttrig[k] < 0) {
			k++;
			/* "six mln barrels": the unit goes with its number */
			if (tok_in(x, k, number_units))
				k++;
			continue;
		}
		if (tok_is(x, k, "up") && tok_is(x, k + 1, "to") && (x->toks.v[k + 2].flags & GEO_TOK_NUM)) {
			k += 2;
			continue;
		}
		if (tok_is(x, k, "-") && k > e && k + 1 < NTOK && x->tmen[k + 1] == -1 && x->ttrig[k + 1] < 0) {
			/* "peace-keeping": one word, not two steps further. */
			k += 2;
			continue;
		}
		if ((b & GEO_W_EVENT) && event_noun)
			*event_noun = true;
		/* "spoke with reporters at the meetings of the IMF", "spoke to
		 * the National Press Club of Japan": words said to the press */
		if (verbal_coop && x->tmen[k] == -1 && tok_in(x, k, press_nouns))
			return false;
		/* "a ceasefire brokered by Qatar": the one who brokered it is
		 * no party to it */
		if (x->tmen[k] == -1 && tok_is(x, k + 1, "by") && tok_in(x, k, broker_verbs))
			return false;
		/* "pressed the banks to allow Chile ...": an infinitive clause
		 * starts after the object. */
		if (!need_prep && k > e && tok_is(x, k, "to") && k + 1 < NTOK && x->tmen[k + 1] == -1 &&
		    !(x->bits[k + 1] & (GEO_W_DET | GEO_W_PREP)) && (x->toks.v[k + 1].flags & GEO_TOK_WORD) &&
		    !(x->toks.v[k + 1].flags & (GEO_TOK_CAP | GEO_TOK_NUM)))
			return false;
		/* "tariffs on imports from Mexico", "would support a loan for
		 * Argentina": a flow of goods or money names whom the act is
		 * about. */
		if (x->ttrig[k] >= 0) {
			const trig *o = &x->trigs_v[x->ttrig[k]];
			const geo_relation_info *oi = x->rels[o->rel].info;
			/* "on beef imports from": after a plain noun it reads as a verb */
			if ((o->form == GEO_FORM_NOUN || (o->form == GEO_FORM_S && k > e)) &&
			    ((oi->trade && oi->quad == 2) || (oi->cameo && strncmp(oi->cameo, "07", 2) == 0))) {
				k = o->t1;
				prep = prep || (x->bits[k - 1] & GEO_W_PREP);
				steps++;
				continue;
			}
			/* "rejected direct negotiations with the United States":
			 * talks named as a noun are what is acted on, like "talks"
			 * itself; their other side is the object (but "agreed in
			 * talks with" names where, "agreed a deal with" the act). */
			/* "welcomed the agreement between Armenia and Azerbaijan":
			 * words about a pact are for its two sides */
			if (o->form == GEO_FORM_NOUN && !prep && (x->rels[o->rel].flags & R_SYM) && o->t1 > o->t0 + 1 &&
			    ((oi->cameo && strncmp(oi->cameo, "04", 2) == 0 && tok_is(x, o->t1 - 1, "with")) ||
			     (verbal_coop && tok_is(x, o->t1 - 1, "between")))) {
				if (event_noun)
					*event_noun = true;
				k = o->t1;
				prep = true;
				steps++;
				continue;
			}
		}
		/* "denounced as an ugly crime Serbia's suppression": what the
		 * act is called comes before the one it is done to. */
		if (k == e && !need_prep && tok_is(x, k, "as") && (tok_is(x, k + 1, "a") || tok_is(x, k + 1, "an"))) {
			k += 2;
			steps += 2;
			continue;
		}
		/* "met the visiting French minister": a participle between the
		 * determiner and the side qualifies it. */
		if (x->ttrig[k] >= 0 && x->trigs_v[x->ttrig[k]].form == GEO_FORM_ING && k > e &&
		    (x->bits[k - 1] & GEO_W_DET) && k + 1 < NTOK && x->tmen[k + 1] >= 0) {
			k++;
			steps++;
			continue;
		}
		/* "attacks on shipping by Iran": the by-phrase is the agent. */
		if (tok_stop(x, k) || (b & (GEO_W_REL | GEO_W_BARRIER | GEO_W_REPORT | GEO_W_CONJ)) ||
		    x->ttrig[k] >= 0 || (need_prep && tok_is(x, k, "by")))
			return false;
		if (b & GEO_W_PREP)
			prep = true;
		k++;
		steps++;
	}
	return false;
}

/* "the coup in Niger", "the violence in Syria": a country (by its name,
 * not a city) where an event noun right after e happened. */
static bool situation_in(const geo_extractor *x, size_t e, group *g)
{
	size_t k = e;

	if ((x->bits[k] & GEO_W_DET) && !(x->bits[k] & GEO_W_POSS) && x->tmen[k] == -1)
		k++;
	if (k < NTOK && x->tmen[k] == -1 && !(x->bits[k] & ~(GEO_W_AGENT | GEO_W_MARKED)) &&
	    !(x->toks.v[k].flags & GEO_TOK_CAP) &&
	    (x->toks.v[k].flags & GEO_TOK_WORD) && k + 1 < NTOK && tok_in(x, k + 1, situation_nouns))
		k++; /* "the military coup" */
	if (k + 2 >= NTOK || !tok_in(x, k, situation_nouns) || !tok_is(x, k + 1, "in"))
		return false;
	k += 2;
	if ((x->bits[k] & GEO_W_DET) && !(x->bits[k] & GEO_W_POSS) && x->tmen[k] == -1)
		k++;
	if (k >= NTOK || x->tmen[k] < 0)
		return false;
	const mention *m = &x->men[x->tmen[k]];
	if (m->kind != M_ACTOR || m->adj || m->pron || m->poss || x->dc[m->t0].kind != AK_NAME ||
	    m->a.fold_type != GEO_ACTOR_COUNTRY)
		return false;
	g->n = 0;
	group_add1(g, x->tmen[k]);
	return true;
}

/* "by A" after a passive verb or a relation noun. */
static bool by_agent(const geo_extractor *x, size_t e, group *g)
{
	for (size_t k = e; k < NTOK && k < e + 8; k++) {
		if (tok_stop(x, k) || (x->bits[k] & (GEO_W_REL | GEO_W_BARRIER | GEO_W_CONJ)))
			return false;
		if (tok_is(x, k, "by")) {
			size_t n = k + 1;
			if ((x->bits[n] & GEO_W_DET) && !(x->bits[n] & GEO_W_POSS))
				n++;
			/* "an attack by three divisions of Iranian guards" */
			if (n + 2 < NTOK && ((x->toks.v[n].flags & GEO_TOK_NUM) || tok_in(x, n, number_words)) &&
			    tok_in(x, n + 1, partitives) && tok_is(x, n + 2, "of"))
				n += 3;
			/* "injured by Japan's unfair trade practices": the owner of what
			 * acted, not an agent */
			if (n < NTOK && x->tmen[n] >= 0 && x->men[x->tmen[n]].kind == M_ACTOR && !x->men[x->tmen[n]].poss) {
				coord_right(x, x->tmen[n], g);
				return true;
			}
			return false;
		}
	}
	return false;
}

/* "talks between Iran and world powers", "a meeting of Hamas and Israeli
 * negotiators": the sides of a "between", "among" or gathering's "of"
 * phrase after e that the dictionary knows, when not all are
 * known.  Returns -1 when there is no such phrase, else how many sides
 * were put in g. */
static int between_named(const geo_extractor *x, size_t e, group *g)
{
	size_t k = e;

	g->n = 0;
	if (e > 0 && (tok_is(x, e - 1, "between") || tok_is(x, e - 1, "among")))
		k = e - 1;
	for (; k < NTOK && k < e + 8 && !tok_stop(x, k); k++)
		if (tok_is(x, k, "between") || tok_is(x, k, "among") ||
		    (tok_is(x, k, "of") && k > e && (x->bits[k - 1] & GEO_W_EVENT))) /* "a meeting of" */
			break;
	if (k >= NTOK || k >= e + 8 || tok_stop(x, k))
		return -1;
	for (size_t n = k + 1; n < NTOK && n < k + 12; n++) {
		if (tok_stop(x, n) && !tok_is(x, n, ","))
			break;
		if (x->tmen[n] >= 0 && x->men[x->tmen[n]].kind == M_ACTOR && !x->men[x->tmen[n]].pron &&
		    !x->men[x->tmen[n]].loc) {
			group_add1(g, x->tmen[n]);
			n = x->men[x->tmen[n]].t1 - 1;
		}
	}
	return g->n;
}

/* "between A and B" (also "A-B talks") right after a trigger. */
static bool between(const geo_extractor *x, size_t e, group *g)
{
	g->n = 0;
	if (e > 0 && (tok_is(x, e - 1, "between") || tok_is(x, e - 1, "among")))
		e--;
	for (size_t k = e; k < NTOK && k < e + 6; k++) {
		/* "the talks in Vienna between A and B": where, not who */
		if (x->tmen[k] >= 0 && x->men[x->tmen[k]].kind == M_ACTOR && x->men[x->tmen[k]].loc &&
		    !x->men[x->tmen[k]].adj) {
			k = x->men[x->tmen[k]].t1 - 1;
			continue;
		}
		if (tok_stop(x, k) || (x->tmen[k] >= 0 && x->men[x->tmen[k]].kind == M_ACTOR))
			return false;
		if (tok_is(x, k, "between") || tok_is(x, k, "among")) {
			bool and = false;
			for (size_t n = k + 1; n < NTOK && n < k + 12; n++) {
				if (tok_stop(x, n) && !tok_is(x, n, ","))
					break;
				if (tok_is(x, n, "and")) {
					size_t f = n + 1;
					if ((x->bits[f] & GEO_W_DET) && !(x->bits[f] & GEO_W_POSS))
						f++;
					/* "between Mexico and GTE Sprint, ... US Sprint": the
					 * second party follows "and" at once. */
					if (f >= NTOK || x->tmen[f] < 0)
						return false;
					and = true;
				}
				if (x->tmen[n] >= 0 && x->men[x->tmen[n]].kind == M_ACTOR) {
					if (x->men[x->tmen[n]].modnoun || x->men[x->tmen[n]].loc)
						return false;
					group_add(g, x->tmen[n]);
					n = x->men[x->tmen[n]].t1 - 1;
					if (and)
						break; /* "between A and B in C" */
				}
			}
			return g->n >= 2;
		}
	}
	return false;
}

/* The agent of a relation noun at [t0, t1): a possessor ("China's
 * purchases"), a modifier ("U.S. sanctions"), "by A", or the subject of
 * the verb that takes the noun ("imposed sanctions"). */
/* "repelled an attack": the attack was on the subject */
static const char *const repel_verbs[] = {
	"repel",  "repels",  "repelled", "repelling", "repulse", "repulsed", "repulses", "thwart",
	"thwarted", "thwarts", "foil",   "foiled",    "foils",   "withstood", "withstand", "withstands",
	NULL,
};

/* "in northern Iraq": still in Iraq */
static const char *const compass_words[] = {
	"northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
	"southeastern", "southwestern", "north", "south", "east", "west", NULL,
};

/* "A joined B in condemning C" */
static const char *const join_verbs[] = {"join", "joins", "joined", "joining", NULL};

/* Verbs that take a relation noun through "in": their subject acts. */
static const char *const in_verbs[] = {
	"engage", "engages", "engaged", "engaging", "participate", "participates", "participated",
	"participating", "persist", "persists", "persisted", NULL,
};
/* Verbs that say what their subject is: "remained a major buyer of". */
static const char *const copula_verbs[] = {"remain", "remains", "remained", "become", "becomes", "became", NULL};
/* Relation nouns that name the one who acts: "buyer of". */
static const char *const agent_nouns[] = {"buyer", "buyers", "importer", "importers", "customer", "customers",
					  "supplier", "suppliers", "exporter", "exporters", NULL};
/* Verbs that answer with a relation noun: "China retaliated with tariffs
 * on", "Canada hit back with counter-tariffs on". */
static const char *const with_verbs[] = {
	"retaliate", "retaliates", "retaliated", "retaliating", "respond", "responds", "responded",
	"responding", "reply", "replies", "replied", "replying", "counter", "counters", "countered",
	"countering", "back", NULL,
};

static bool agent_of(geo_extractor *x, size_t t0, size_t t1, mods *md, group *g, bool *owner)
{
	ssize_t k = (ssize_t)t0 - 1, verb = -1;
	int mods_seen = 0, listed = 0;

	g->n = 0;
	/* A capitalised word only right after a side: "US Predator attacks". */
again:
	while (k >= 0 && mods_seen < 3 && x->tmen[k] == -1 && x->ttrig[k] == -1 && !tok_stop(x, (size_t)k) &&
	       !(x->bits[k] & (GEO_W_PREP | GEO_W_DET | GEO_W_CONJ | GEO_W_REL | GEO_W_BE | GEO_W_AUX |
			       GEO_W_BARRIER | GEO_W_REPORT | GEO_W_WILL | GEO_W_HYP)) &&
	       (!(x->toks.v[k].flags & GEO_TOK_CAP) || (x->bits[k] & GEO_W_TIME) ||
		(k > 0 && x->tmen[k - 1] >= 0 && x->men[x->tmen[k - 1]].kind == M_ACTOR))) {
		/* "a planned visit": a participle after a determiner is no verb. */
		if ((x->bits[k] & GEO_W_SUPPORT) && verb < 0 &&
		    !(k > 0 && ((x->bits[k - 1] & (GEO_W_DET | GEO_W_POSS)) || tok_poss(x, (size_t)k - 1))))
			verb = k; /* but "China's continued purchases" */
		/* "the EU banned purchases": a past tense right after its subject
		 * is the verb, and the subject no possessor. */
		if (verb < 0 && k > 0 && x->tmen[k - 1] >= 0 && ends_ed(x, (size_t)k))
			return false;
		k--;
		mods_seen++;
	}
	/* "launched artillery, mortar, and rocket fire against", "a missile
	 * and drone attack on": plain nouns in a list qualify the act like
	 * one. */
	if (verb < 0 && (mods_seen > 0 || t1 > t0 + 2) && listed < 4 && k >= 1 &&
	    (tok_is(x, (size_t)k, ",") || tok_is(x, (size_t)k, "and") || tok_is(x, (size_t)k, "or"))) {
		ssize_t q = k - 1;
		if (!tok_is(x, (size_t)k, ",") && tok_is(x, (size_t)q, ","))
			q--;
		if (q >= 0 && x->tmen[q] == -1 && x->ttrig[q] == -1 && !(x->bits[q] & ~(GEO_W_AGENT | GEO_W_MARKED)) &&
		    !tok_punct(x, (size_t)q) &&
		    !(x->toks.v[q].flags & (GEO_TOK_CAP | GEO_TOK_NUM))) {
			k = q;
			mods_seen = 0;
			listed++;
			goto again;
		}
	}
	if (k >= 0 && tok_poss(x, (size_t)k))
		k--;
	if (verb < 0 && k >= 0 && x->tmen[k] >= 0 && x->men[x->tmen[k]].kind == M_ACTOR && !x->men[x->tmen[k]].place) {
		coord_left(x, x->tmen[k], g);
		/* "Japanese and European imports": each its own; but "Japan and
		 * Australia held their first joint drills": theirs together */
		*owner = plural_antecedent(x, x->tmen[k]) < 0;
		return true;
	}
	if (by_agent(x, t1, g))
		return true;
	if (verb < 0) {
		/* "a rash of trade deals", "its nineteenth package of sanctions" */
		if (k >= 2 && tok_is(x, (size_t)k, "of")) {
			ssize_t q = k - 1;
			int words = 0;
			/* "a round of talks": a meeting word counts as a plain one */
			while (q >= 0 && words < 3 && x->tmen[q] == -1 &&
			       !(x->bits[q] & ~(GEO_W_LYADV | GEO_W_ADV | GEO_W_EVENT)) && !tok_punct(x, (size_t)q) &&
			       !(x->toks.v[q].flags & GEO_TOK_CAP))
				q--, words++;
			/* A number opens the phrase like a determiner: "launched 10
			 * days of war games", "held two rounds of talks". */
			bool num = words && ((x->toks.v[q + 1].flags & GEO_TOK_NUM) || tok_in(x, (size_t)q + 1, number_words));
			if (words && q >= 0 && (num || (x->bits[q] & (GEO_W_DET | GEO_W_POSS))))
				k = q;
			/* "held months of talks": a bare plural right after the verb */
			else if (words == 1 && q >= 0 && x->tmen[q] == -1 && (x->bits[q] & GEO_W_SUPPORT) &&
				 x->toks.v[q + 1].len > 3 && low_at(x, (size_t)q + 1)[x->toks.v[q + 1].len - 1] == 's')
				k = q;
		}
		while (k >= 0 && (x->bits[k] & (GEO_W_DET | GEO_W_POSS)) &&
		       (!(x->bits[k] & GEO_W_POSS) || x->tmen[k] == -1 || x->men[x->tmen[k]].pron))
			k--;
		while (k >= 0 && tok_is(x, (size_t)k, "\""))
			k--;
		if (k >= 0 && x->tmen[k] == -1 && (x->bits[k] & GEO_W_SUPPORT))
			verb = k;
		/* "called off a visit", "ruled out talks": a verb and its
		 * particle that undo the act */
		else if (k >= 1 && x->tmen[k] == -1 && x->tmen[k - 1] == -1 &&
			 ((tok_is(x, (size_t)k, "off") && x->toks.v[k - 1].len >= 4 &&
			   memcmp(low_at(x, (size_t)k - 1), "call", 4) == 0) ||
			  (tok_is(x, (size_t)k, "out") && x->toks.v[k - 1].len >= 4 &&
			   memcmp(low_at(x, (size_t)k - 1), "rul", 3) == 0))) {
			verb = k - 1;
			md->neg = true;
		}
		/* "Serb forces engaged in ethnic cleansing": the verb takes the
		 * noun through "in". */
		else if (k >= 1 && tok_is(x, (size_t)k, "in") && x->tmen[k - 1] == -1 && tok_in(x, (size_t)k - 1, in_verbs))
			verb = k - 1;
		else if (k >= 2 && tok_is(x, (size_t)k, "with") && x->tmen[k - 1] == -1 && tok_in(x, (size_t)k - 1, with_verbs))
			verb = tok_is(x, (size_t)k - 1, "back") ? k - 2 : k - 1; /* "hit back with" */
		/* "China, the largest buyer of Russian crude,": the side the
		 * apposition describes */
		else if (k >= 1 && tok_is(x, (size_t)k, ",") && x->tmen[k - 1] >= 0 && tok_in(x, t0, agent_nouns) &&
			 x->men[x->tmen[k - 1]].kind == M_ACTOR && !x->men[x->tmen[k - 1]].pron &&
			 !x->men[x->tmen[k - 1]].adj) {
			coord_left(x, x->tmen[k - 1], g);
			return true;
		}
		/* "Turkey remained a major buyer of Russian gas": who the buyer
		 * is, the subject of the copula says */
		else if (k >= 1 && x->tmen[k] == -1 && ((x->bits[k] & GEO_W_BE) || tok_in(x, (size_t)k, copula_verbs)) &&
			 tok_in(x, t0, agent_nouns))
			verb = k;
	}
	if (verb >= 0) {
		uint32_t b = x->bits[verb];
		md->hyp |= (b & GEO_W_HYP) != 0; /* "is considering sanctions" */
		/* "proposed talks" are planned; "agreed a trade deal" is made */
		if (!(x->toks.v[verb].len >= 5 && memcmp(low_at(x, (size_t)verb), "agree", 5) == 0))
			md->plan |= (b & GEO_W_PLAN) != 0;
		md->threat |= (b & GEO_W_THREAT) != 0;
		md->neg |= (b & GEO_W_NEGVERB) != 0;
		return subject_of(x, (size_t)verb, md, g, NULL);
	}
	return false;
}

/* "US Predator attacks, occurring every three days, have killed eight
 * al-Qaeda leaders": the side behind an attack noun that is the subject
 * of the conflict verb at t. */
static bool attack_subject(geo_extractor *x, size_t t, group *g)
{
	mods md = {0}, am = {0};
	bool to = false, owner = false;
	ssize_t j = skip_verb_group(x, (ssize_t)t - 1, &md, &to);
	const trig *o;

	g->n = 0;
	if (to || md.neg)
		return false;
	if (j > 2 && tok_is(x, (size_t)j, ",")) {
		/* Skip a participle clause between commas. */
		ssize_t c = j - 1;
		while (c > 0 && c > j - 12 && !tok_is(x, (size_t)c, ","))
			c--;
		if (c > 0 && c + 1 < j && tok_is(x, (size_t)c, ",") && x->toks.v[c + 1].len > 4 &&
		    memcmp(low_at(x, (size_t)c + 1) + x->toks.v[c + 1].len - 3, "ing", 3) == 0)
			j = c - 1;
	}
	if (j < 0 || x->ttrig[j] < 0)
		return false;
	o = &x->trigs_v[x->ttrig[j]];
	if (!(x->rels[o->rel].flags & R_CONFLICT) || o->t1 != (uint32_t)j + 1 ||
	    (o->form != GEO_FORM_NOUN && o->form != GEO_FORM_S))
		return false;
	if (!agent_of(x, o->t0, o->t1, &am, g, &owner) || am.neg || am.hyp || am.plan || am.threat)
		return false;
	return true;
}

/* Verbs of going somewhere: "flew to Moscow for talks". */
static const char *const travel_verbs[] = {
	"arrived", "arrives", "arrive", "arriving", "left", "leaves", "leave", "leaving", "flew", "flies",
	"fly", "flying", "went", "goes", "travelled", "traveled", "travels", "travel", "travelling",
	"came", "comes", "come", "headed", "heads", "departed", "departs", "returned", "returns",
	"visited", "visits", "visiting", NULL,
};

/* "arrived in Alexandria last night for a visit to Egypt", "Miyazawa
 * visits Washington for the meetings with the IMF": a relation noun in a
 * "for/on a ..." phrase of a verb of going has the traveller as its
 * side.  t0 is the noun. */
static bool traveller(const geo_extractor *x, size_t t0, group *g)
{
	ssize_t k = (ssize_t)t0 - 1;
	int words = 0;
	bool moved = false;

	g->n = 0;
	while (k > 0 && words < 4 && x->tmen[k] == -1 && x->ttrig[k] == -1 && !tok_punct(x, (size_t)k) &&
	       !(x->bits[k] & ~(GEO_W_DET | GEO_W_ADV | GEO_W_LYADV | GEO_W_AGENT)) &&
	       !(x->toks.v[k].flags & GEO_TOK_CAP))
		k--, words++; /* "an official", "a two-day" */
	if (!(k > 0 && (tok_is(x, (size_t)k, "for") || tok_is(x, (size_t)k, "on")) && words &&
	      (x->bits[k + 1] & GEO_W_DET) && !(x->bits[k + 1] & GEO_W_POSS)))
		return false;
	for (ssize_t q = k - 1; q >= 0 && q + 16 > k; q--) {
		if (tok_is(x, (size_t)q, ";") || tok_is(x, (size_t)q, ":") || tok_is(x, (size_t)q, "\"") ||
		    ((x->bits[q] & GEO_W_REPORT) && !(x->toks.v[q].flags & GEO_TOK_CAP)))
			return false;
		if (tok_in(x, (size_t)q, travel_verbs) || (x->ttrig[q] >= 0 && x->trigs_v[x->ttrig[q]].form != GEO_FORM_NOUN &&
							    strcmp(x->rels[x->trigs_v[x->ttrig[q]].rel].info->label, "visit") == 0))
			moved = true;
		if (x->tmen[q] >= 0 && x->men[x->tmen[q]].kind == M_ACTOR) {
			const mention *m = &x->men[x->tmen[q]];
			size_t b = m->t0;
			group cg;
			coord_left(x, x->tmen[q], &cg);
			b = x->men[cg.m[cg.n - 1]].t0;
			/* The subject opens its clause: "..., A visits B for" takes A,
			 * not the B visited. */
			if (moved && !m->adj && !m->pp && !m->poss && !m->pron && !m->loc &&
			    (b == 0 || tok_punct(x, b - 1) || (x->bits[b - 1] & (GEO_W_BARRIER | GEO_W_REL)) ||
			     tok_is(x, b - 1, "that") || ((x->bits[b - 1] & GEO_W_DET) && (b == 1 || tok_punct(x, b - 2))))) {
				*g = cg;
				return true;
			}
			q = (ssize_t)b;
			continue;
		}
		if (tok_is(x, (size_t)q, ",") && !moved)
			return false;
	}
	return false;
}

/* The nearest actor left of t in the same sentence part (for acts whose
 * subject is a prepositional phrase away: "support in the U.S. Senate for
 * legislation aimed at imposing tariffs"). */
static bool nearest_left(const geo_extractor *x, size_t t, group *g)
{
	g->n = 0;
	for (size_t k = t; k-- > 0 && k + 14 > t;) {
		if (tok_is(x, k, ";") || tok_is(x, k, ":") || tok_is(x, k, "\"") || tok_is(x, k, ",") ||
		    (x->bits[k] & (GEO_W_REL | GEO_W_BARRIER)))
			return false;
		if (x->tmen[k] >= 0 && x->men[x->tmen[k]].kind == M_ACTOR && !x->men[x->tmen[k]].adj) {
			coord_left(x, x->tmen[k], g);
			return true;
		}
	}
	return false;
}

/* "Kristersson confirmed that Sweden will host": the person reporting an
 * act of their own state, who then acted for it. */
static bool reporter_of(const geo_extractor *x, const mention *subj, actor *via)
{
	ssize_t k = (ssize_t)subj->t0 - 1;
	mods md = {0};
	bool to;

	if (k >= 0 && tok_is(x, (size_t)k, "that"))
		k--;
	if (k < 0 || !(x->bits[k] & GEO_W_REPORT) || x->tmen[k] != -1)
		return false;
	k = skip_verb_group(x, k - 1, &md, &to);
	if (k < 0 || x->tmen[k] < 0)
		return false;
	{
		const mention *r = &x->men[x->tmen[k]];
		if (r->a.type != GEO_ACTOR_PERSON || !r->a.fold || strcmp(r->a.fold, subj->a.fold) != 0)
			return false;
		*via = r->a;
	}
	return true;
}

/* "Germany will send tanks, Chancellor Friedrich Merz said.": the
 * person closing the sentence who reports an act of their own state. */
static bool trailing_reporter(const geo_extractor *x, const mention *subj, actor *via)
{
	size_t k = NTOK;

	while (k > 0 && (tok_punct(x, k - 1) && !tok_is(x, k - 1, ",")))
		k--;
	while (k > 0 && ((x->bits[k - 1] & (GEO_W_TIME | GEO_W_ADV)) || tok_is(x, k - 1, "on")) && x->tmen[k - 1] == -1)
		k--;
	if (k < 3 || !(x->bits[k - 1] & GEO_W_REPORT) || x->tmen[k - 1] != -1)
		return false;
	k--;
	if (x->tmen[k - 1] < 0)
		return false;
	{
		const mention *r = &x->men[x->tmen[k - 1]];
		if (r->a.type != GEO_ACTOR_PERSON || r->t0 == 0 || !tok_is(x, r->t0 - 1, ",") || r->t0 <= subj->t1 ||
		    !r->a.fold || !subj->a.fold || strcmp(r->a.fold, subj->a.fold) != 0)
			return false;
		*via = r->a;
	}
	return true;
}

/* Fills one side of an event for the extractor's level. */
static void fill_side(const geo_extractor *x, const actor *a, geo_actor_ref *r, const char **via)
{
	memset(r, 0, sizeof *r);
	if (x->level == GEO_LEVEL_ACTOR) {
		r->id = a->id;
		r->label = a->label;
		r->affiliation = a->affiliation;
		r->type = a->type;
	} else {
		r->id = a->fold;
		if (via && a->fold && a->id && strcmp(a->fold, a->id) != 0)
			*via = a->label;
	}
}

typedef struct emit_ctx {
	const char *doc;
	const char *date;
	int32_t sent;
	geo_event_fn fn;
	void *user;
} emit_ctx;

/* Line breaks and tabs of the evidence into spaces, skipping eight bytes
 * at a time where there is none (most of a sentence). */
static void evidence_spaces(char *p, size_t n)
{
	size_t i = 0;

	for (; i + 8 <= n; i += 8)
		if (geo_swar_eq(geo_swar_load(p + i), '\n') | geo_swar_eq(geo_swar_load(p + i), '\t'))
			for (size_t k = i; k < i + 8; k++)
				if (p[k] == '\n' || p[k] == '\t')
					p[k] = ' ';
	for (; i < n; i++)
		if (p[i] == '\n' || p[i] == '\t')
			p[i] = ' ';
}

#ifdef GEO_TESTING
void geo_test_evidence_spaces(char *p, size_t n);
void geo_test_evidence_spaces(char *p, size_t n)
{
	evidence_spaces(p, n);
}
#endif

static geo_err emit(geo_extractor *x, emit_ctx *ec, const actor *src, geo_span ss, const actor *tgt,
		    geo_span ts, const trig *tr, const mods *md, geo_error *err)
{
	geo_event ev;
	const struct relx *r = &x->rels[tr->rel];
	const char *via = NULL;
	size_t i;

	if (tr->recv) {
		/* "China will receive loans from Japan": Japan lends. */
		const actor *a = src;
		geo_span sp = ss;
		src = tgt, tgt = a;
		ss = ts, ts = sp;
	}
	/* "ROTTERDAM SIGNS COOPERATION AGREEMENT WITH TOKYO": a city's
	 * deeds are its own, not its country's. */
	if (!src->fold || !tgt->fold || strcmp(src->fold, tgt->fold) == 0 || src->city)
		return GEO_OK;
	geo_event_init(&ev);
	fill_side(x, src, &ev.source, &via);
	fill_side(x, tgt, &ev.target, NULL);
	for (i = 0; i < x->ndone; i++)
		if (x->done[i].rel == tr->rel && x->done[i].neg == md->neg && strcmp(x->done[i].s, ev.source.id) == 0 &&
		    strcmp(x->done[i].t, ev.target.id) == 0)
			return GEO_OK;
	if (x->ndone < MAX_EMITTED) {
		x->done[x->ndone].s = ev.source.id;
		x->done[x->ndone].t = ev.target.id;
		x->done[x->ndone].rel = tr->rel;
		x->done[x->ndone].neg = md->neg;
		x->ndone++;
	}
	ev.doc = ec->doc;
	ev.sent = ec->sent;
	if (ec->date) {
		/* Not snprintf(): printf is slow in this process (see add_form()). */
		size_t dn = strnlen(ec->date, sizeof ev.date - 1);
		memcpy(ev.date, ec->date, dn);
		ev.date[dn] = '\0';
	}
	ev.relation = r->info->label;
	ev.cameo = r->info->cameo;
	ev.goldstein = r->info->goldstein;
	ev.quad = r->info->quad;
	ev.negated = md->neg;
	ev.modality = modality_of(md);
	if (!x->evid_ok) {
		/* Built for the few sentences that give an event.  A wrapped
		 * line reads as one line; offsets stay the same. */
		geo_buf_reset(&x->evid);
		if (geo_buf_append(&x->evid, x->s, x->slen) != GEO_OK)
			return geo_error_set(err, GEO_ENOMEM, "out of memory");
		evidence_spaces(x->evid.data, x->slen);
		x->evid_ok = true;
	}
	ev.evidence = x->evid.data;
	ev.span_trigger.start = span_start(x, tr->t0);
	ev.span_trigger.end = span_end(x, tr->t1);
	ev.span_source = ss;
	ev.span_target = ts;
	ev.via = via;
	if (!md->neg && src->type != GEO_ACTOR_PERSON) {
		x->last_agent = *src;
		x->have_agent = true;
	}
	return ec->fn(ec->user, &ev, err);
}

static geo_span mspan(const geo_extractor *x, const mention *m)
{
	geo_span s = {span_start(x, m->t0), span_end(x, m->t1)};

	return s;
}

static geo_err emit_groups(geo_extractor *x, emit_ctx *ec, const group *sg, const group *tg, const trig *tr,
			   const mods *md, geo_error *err)
{
	geo_err rc = GEO_OK;

	for (int i = 0; i < sg->n && rc == GEO_OK; i++) {
		const mention *s = &x->men[sg->m[i]];
		actor src = s->a, via;
		if (sg->n == 1 && s->a.type != GEO_ACTOR_PERSON && !s->pron &&
		    (reporter_of(x, s, &via) || trailing_reporter(x, s, &via)))
			src = via;
		for (int j = 0; j < tg->n && rc == GEO_OK; j++) {
			const mention *t = &x->men[tg->m[j]];
			rc = emit(x, ec, &src, mspan(x, s), &t->a, mspan(x, t), tr, md, err);
		}
	}
	return rc;
}

/* Every ordered pair of a group: "A and B held talks". */
static geo_err emit_pairs(geo_extractor *x, emit_ctx *ec, const group *g, const trig *tr, const mods *md,
			  geo_error *err)
{
	geo_err rc = GEO_OK;

	for (int i = 0; i < g->n && rc == GEO_OK; i++)
		for (int j = 0; j < g->n && rc == GEO_OK; j++) {
			const mention *a = &x->men[g->m[i]], *b = &x->men[g->m[j]];
			if (i != j)
				rc = emit(x, ec, &a->a, mspan(x, a), &b->a, mspan(x, b), tr, md, err);
		}
	if (g->n >= 2) {
		x->pair[0] = x->men[g->m[0]].a;
		x->pair[1] = x->men[g->m[1]].a;
		x->have_pair = true;
		x->pair_sent = x->sent_index;
	}
	return rc;
}

/* "threatened to stop the talks if the United States deploys missiles":
 * the side whose act the threat answers, named as the subject of the
 * condition after the trigger ending at e. */
static bool condition_target(const geo_extractor *x, size_t e, group *g)
{
	g->n = 0;
	for (size_t k = e; k < NTOK && k < e + 24; k++) {
		bool cond = tok_is(x, k, "if") || tok_is(x, k, "unless");
		if (!cond && (tok_is(x, k, ";") || tok_is(x, k, ":") || tok_is(x, k, "\"") ||
			      ((x->bits[k] & (GEO_W_BARRIER | GEO_W_REPORT)) && x->tmen[k] == -1)))
			return false;
		if (cond) {
			size_t n = k + 1;
			const mention *m;
			if ((x->bits[n] & GEO_W_DET) && !(x->bits[n] & GEO_W_POSS))
				n++;
			if (n >= NTOK || x->tmen[n] < 0)
				return false;
			m = &x->men[x->tmen[n]];
			/* Its own subject: not "if its forces", not "if Israeli
			 * settlers", not "if they". */
			if (m->kind != M_ACTOR || m->pron || m->poss || m->modnoun || m->loc)
				return false;
			coord_right(x, x->tmen[n], g);
			return true;
		}
	}
	return false;
}

/* Verbs of saying that make "A must act" a demand of their subject. */
static const char *const say_verbs[] = {
	"said", "says", "say", "declared", "declares", "insisted", "insists", "stressed", "stresses",
	"reiterated", "reiterates", "repeated", "emphasized", "emphasised", "argued", "stated",
	"maintained", NULL,
};

/* "The Bush administration declared Tuesday that China must drop
 * barriers": the speaker demands an act of the one who must ("Baker said
 * Brazil should come up with a new plan": appeals to).  The trigger is
 * "must" or "should", right after its subject. */
static geo_err must_demand(geo_extractor *x, emit_ctx *ec, const trig *tr, geo_error *err)
{
	int m = x->tmen[tr->t0 - 1];
	mods md = {0};
	group sg = {0}, tg = {0};
	ssize_t k;
	const mention *tm = &x->men[m];

	/* "its oil must", "they must", "Chinese banks must" (the banks, not
	 * the state, are asked). */
	if (tm->kind != M_ACTOR || tm->pron || tm->poss || tm->adj || tm->loc || tm->pp)
		return GEO_OK;
	coord_left(x, m, &tg);
	k = (ssize_t)x->men[tg.m[tg.n - 1]].t0 - 1;
	if (k >= 0 && tok_is(x, (size_t)k, "that"))
		k--;
	/* "declared Tuesday that", "said on Friday that" */
	while (k >= 0 && (x->bits[k] & GEO_W_TIME) && x->tmen[k] == -1) {
		k--;
		if (k >= 0 && tok_is(x, (size_t)k, "on"))
			k--;
	}
	if (k < 0 || x->tmen[k] != -1 || x->ttrig[k] != -1 || !tok_in(x, (size_t)k, say_verbs))
		return GEO_OK;
	if (!subject_of(x, (size_t)k, &md, &sg, NULL))
		return GEO_OK;
	/* "denied that", "would say": only a demand made. */
	if (md.neg || md.hyp || md.would || md.threat)
		return GEO_OK;
	md.plan = md.reported = false;
	return emit_groups(x, ec, &sg, &tg, tr, &md, err);
}

/* "Venezuela, Chile and the Philippines struck agreement with commercial
 * banks": a "with" or "against" phrase after the act names the other side,
 * so the coordinated subjects did not act on each other ("with each
 * other" and "with one another" say that they did). */
static bool other_party(const geo_extractor *x, size_t e)
{
	/* The trigger may end in the preposition ("cooperate with"). */
	for (size_t k = e > 0 ? e - 1 : e; k < NTOK && k < e + 6; k++) {
		if (tok_stop(x, k) || (x->bits[k] & (GEO_W_REL | GEO_W_BARRIER | GEO_W_CONJ)))
			return false;
		if ((tok_is(x, k, "with") || tok_is(x, k, "against")) && k + 1 < NTOK)
			return !tok_is(x, k + 1, "each") && !tok_is(x, k + 1, "one");
	}
	return false;
}

/* Whether a word of list stands in the object of a verb ending at e whose
 * target is m: between the verb and m ("attacked the rise in German
 * rates"), or in m's noun phrase after it ("Japan's fiscal policy"). */
static bool object_has(const geo_extractor *x, size_t e, const mention *m, enum tok_list list)
{
	size_t k = m->t1;

	for (size_t j = e; j < m->t0 && j < NTOK; j++)
		if (tok_in_id(x, j, list))
			return true;
	if (tok_poss(x, k))
		k++;
	for (size_t n = 0; k < NTOK && n < 6; k++, n++) {
		if (tok_in_id(x, k, list))
			return true;
		if (tok_is(x, k, "-"))
			continue; /* "tight-fisted" */
		if (x->tmen[k] >= 0 && !x->men[x->tmen[k]].pron && x->men[x->tmen[k]].t1 > k) {
			k = x->men[x->tmen[k]].t1 - 1; /* "U.S. GATT farm rules" */
			continue;
		}
		if (x->tmen[k] != -1 || x->bits[k] || !(x->toks.v[k].flags & GEO_TOK_WORD))
			break;
	}
	return false;
}

/* "no" or "none" as the object of the verb [t0, t1), inside a gap trigger
 * or right after the verb. */
static bool no_object(const geo_extractor *x, size_t t0, size_t t1)
{
	for (size_t k = t0 + 1; k <= t1 && k < NTOK; k++)
		if ((tok_is(x, k, "no") && !tok_is(x, k + 1, "longer")) || tok_is(x, k, "none"))
			return true;
	return false;
}

/* "his Tokyo visit", "a Moscow visit by U.S. Secretary of State George
 * Shultz": a capital or state named right before a visit noun is where
 * the visit goes; the visitor is the "by" agent or the possessor before
 * the place.  Returns -1 when the noun has no such place (the usual roles
 * apply), 0 when it has one but no visitor, 1 when the events were
 * emitted (*rc says how that went). */
static int place_visited(geo_extractor *x, emit_ctx *ec, const trig *tr, const mods *md, geo_error *err,
			 geo_err *rc)
{
	size_t t0 = tr->t0;
	const mention *pm;
	group sg = {0}, tg = {0};
	mods m = *md;

	if (t0 == 0 || x->tmen[t0 - 1] < 0)
		return -1;
	pm = &x->men[x->tmen[t0 - 1]];
	/* "China and Japan visit ..." is a verb after coordinated subjects. */
	if (pm->kind != M_ACTOR || pm->pron || pm->poss || pm->t1 != t0 ||
	    (pm->t0 > 0 && ((x->bits[pm->t0 - 1] & GEO_W_CONJ) || tok_is(x, pm->t0 - 1, ","))) ||
	    (x->dc[pm->t0].kind != AK_SEAT && x->dc[pm->t0].kind != AK_NAME) ||
	    (pm->a.fold_type != GEO_ACTOR_COUNTRY))
		return -1;
	group_add1(&tg, x->tmen[t0 - 1]);
	if (pm->t0 > 0 && tok_in(x, pm->t0 - 1, plan_adjectives))
		m.plan = true; /* "a scheduled Moscow visit" */
	if (pm->t0 > 0 && tok_in(x, pm->t0 - 1, hyp_adjectives))
		m.hyp = true;
	if (!by_agent(x, tr->t1, &sg)) {
		size_t q = pm->t0;
		if (q > 0 && tok_poss(x, q - 1))
			q--; /* "Nakasone's Tokyo visit": past the 's */
		else if (q > 0 && (x->bits[q - 1] & GEO_W_DET) && !(x->bits[q - 1] & GEO_W_POSS))
			return 0; /* "a Moscow visit": nobody named */
		if (q == 0 || x->tmen[q - 1] < 0 || x->men[x->tmen[q - 1]].kind != M_ACTOR)
			return 0;
		if (!x->men[x->tmen[q - 1]].poss && !(x->bits[q - 1] & GEO_W_POSS))
			return 0;
		group_add1(&sg, x->tmen[q - 1]);
	}
	*rc = emit_groups(x, ec, &sg, &tg, tr, &m, err);
	return 1;
}

/* "tomorrow", "next week", "later this month" within the few words
 * after e, before any stop. */
static bool time_to_come(const geo_extractor *x, size_t e)
{
	for (size_t k = e; k < NTOK && k < e + 6 && !tok_stop(x, k); k++) {
		if (tok_is(x, k, "tomorrow"))
			return true;
		if (tok_is(x, k, "next") && k + 1 < NTOK && (x->bits[k + 1] & GEO_W_TIME))
			return true;
		if (tok_is(x, k, "later") && tok_is(x, k + 1, "this") && k + 2 < NTOK && (x->bits[k + 2] & GEO_W_TIME))
			return true;
		if (x->bits[k] & (GEO_W_REL | GEO_W_BARRIER | GEO_W_REPORT))
			return false;
	}
	return false;
}

/* "a ceasefire proposed by the United States": the side named after a
 * plan's participle within the few words after e. */
static bool proposer_after(const geo_extractor *x, size_t e, group *g)
{
	for (size_t k = e; k + 2 < NTOK && k < e + 8; k++) {
		size_t n = k + 2;
		if (tok_stop(x, k) || x->tmen[k] >= 0 || (x->bits[k] & (GEO_W_REL | GEO_W_BARRIER)))
			return false;
		if (!tok_in(x, k, proposal_verbs) || !tok_is(x, k + 1, "by"))
			continue;
		if ((x->bits[n] & GEO_W_DET) && !(x->bits[n] & GEO_W_POSS))
			n++;
		if (n < NTOK && x->tmen[n] >= 0 && x->men[x->tmen[n]].kind == M_ACTOR && !x->men[x->tmen[n]].pron) {
			coord_right(x, x->tmen[n], g);
			return true;
		}
		return false;
	}
	return false;
}

/* Is there an "if" or "unless" before token t?  (Found once per
 * sentence: x->cond is the first one's index, or NTOK.) */
static bool conditional_before(const geo_extractor *x, size_t t)
{
	return x->cond < t;
}

/* "a fresh offer from Afghanistan for direct talks", "calls for
 * sanctions": the noun after "for" is asked for, not done. */
static bool requested(const geo_extractor *x, size_t t0)
{
	size_t k = t0;

	while (k > 0 && t0 - k < 2 && x->tmen[k - 1] == -1 && x->bits[k - 1] == 0 && !tok_punct(x, k - 1) &&
	       !(x->toks.v[k - 1].flags & GEO_TOK_CAP))
		k--; /* "direct", "early" */
	if (k < 2 || !tok_is(x, k - 1, "for"))
		return false;
	k--;
	/* "from Afghanistan", "by the EU": who asks */
	if (x->tmen[k - 1] >= 0) {
		size_t m0 = x->men[x->tmen[k - 1]].t0;
		if (m0 > 0 && (x->bits[m0 - 1] & GEO_W_DET))
			m0--;
		if (m0 < 2 || !(tok_is(x, m0 - 1, "from") || tok_is(x, m0 - 1, "by")))
			return false;
		k = m0 - 1;
	}
	return k > 0 && tok_in(x, k - 1, request_nouns);
}

/* "Israel and Hamas agreed to a ceasefire brokered by Qatar and Egypt":
 * those who brokered it mediated between the parties. */
static geo_err brokered_by(geo_extractor *x, emit_ctx *ec, size_t e, const group *parties, const mods *md,
			   geo_error *err)
{
	size_t n;
	group bg;
	trig med = {0};

	/* "restored ties in a deal brokered by Beijing" */
	if (e + 3 < NTOK && (tok_is(x, e, "in") || tok_is(x, e, "under")) && (x->bits[e + 1] & GEO_W_DET) &&
	    tok_in(x, e + 2, deal_nouns))
		e += 3;
	n = e + 2;
	if (x->rel_mediate < 0 || e >= NTOK || x->tmen[e] >= 0 || !tok_in(x, e, broker_verbs) || !tok_is(x, e + 1, "by"))
		return GEO_OK;
	if ((x->bits[n] & GEO_W_DET) && !(x->bits[n] & GEO_W_POSS))
		n++;
	if (n >= NTOK || x->tmen[n] < 0 || x->men[x->tmen[n]].kind != M_ACTOR || x->men[x->tmen[n]].pron)
		return GEO_OK;
	coord_right(x, x->tmen[n], &bg);
	med.t0 = (uint32_t)e;
	med.t1 = med.tail0 = (uint32_t)e + 2;
	med.rel = x->rel_mediate;
	med.form = GEO_FORM_PASTPART;
	return emit_groups(x, ec, &bg, parties, &med, md, err);
}

/* "Accusing the French of overfishing, Canada said": a participle that
 * opens the sentence has the subject of the clause after its comma, the
 * first side there that is not one of a list. */
static bool fronted_subject(const geo_extractor *x, size_t e, group *g)
{
	for (size_t k = e; k < NTOK && k < e + 25; k++) {
		size_t n = k + 1;
		if (tok_stop(x, k) && !tok_is(x, k, ","))
			return false;
		if (!tok_is(x, k, ","))
			continue;
		if ((x->bits[n] & GEO_W_DET) && !(x->bits[n] & GEO_W_POSS))
			n++;
		if (n >= NTOK || x->tmen[n] < 0)
			continue;
		const mention *m = &x->men[x->tmen[n]];
		if (m->kind != M_ACTOR || m->pron || m->poss || (m->adj && !m->modnoun))
			continue;
		if (m->t1 < NTOK && (tok_is(x, m->t1, ",") || tok_is(x, m->t1, "and") || tok_is(x, m->t1, "or")))
			continue; /* "Criticizing Japan, Britain and France" */
		g->n = 0;
		group_add(g, x->tmen[n]);
		return true;
	}
	return false;
}

/* The side in the gap of "drove Iranian troops out of Fao": the first
 * actor between t0 and t1 that is not a possessor. */
static bool out_object(const geo_extractor *x, size_t t0, size_t t1, group *g)
{
	for (size_t k = t0; k < t1; k++) {
		const mention *m = x->tmen[k] >= 0 ? &x->men[x->tmen[k]] : NULL;
		bool last = true;
		/* (an owner before the tail is tail_owner()'s) */
		if (!m || m->kind != M_ACTOR || m->pron || m->poss || m->adj)
			continue;
		/* only names and commas between it and the tail: "the UN
		 * refugee agency, UNHCR, out of", not "cut U.S. aid to" */
		for (size_t q = m->t1; q < t1 && last; q++)
			last = x->tmen[q] >= 0 || tok_is(x, q, ",");
		if (!last)
			continue;
		g->n = 0;
		group_add(g, x->tmen[k]);
		return true;
	}
	return false;
}

/* The owner named with 's right before a gap's tail at e ("Syria's
 * membership", "Sweden's NATO membership"), between t0 and e. */
static bool tail_owner(const geo_extractor *x, size_t t0, size_t e, group *g)
{
	size_t q = e;

	/* past a name that qualifies the tail */
	if (q > t0 + 1 && x->tmen[q - 1] >= 0 && !x->men[x->tmen[q - 1]].poss)
		q = x->men[x->tmen[q - 1]].t0;
	if (q < t0 + 3 || !tok_poss(x, q - 1) || x->tmen[q - 2] < 0)
		return false;
	const mention *m = &x->men[x->tmen[q - 2]];
	if (m->kind != M_ACTOR || m->pron || m->adj)
		return false;
	g->n = 0;
	group_add(g, x->tmen[q - 2]);
	return true;
}

/* The side that did the act named by the subject of the passive verb at
 * t: "Iraq's invasion of Kuwait", "the Soviet invasion of Afghanistan"
 * (a relation noun, its possessor or adjective right before it). */
static bool act_owner(const geo_extractor *x, size_t t, group *g)
{
	mods md = {0};
	bool to = false;
	ssize_t j = skip_verb_group(x, (ssize_t)t - 1, &md, &to);

	for (ssize_t k = j; k > 0 && j - k < 10; k--) {
		ssize_t q = k - 1;
		if (tok_stop(x, (size_t)k) || (x->bits[k] & (GEO_W_REL | GEO_W_BARRIER | GEO_W_REPORT)))
			return false;
		if (x->ttrig[k] < 0 || x->trigs_v[x->ttrig[k]].form != GEO_FORM_NOUN ||
		    x->trigs_v[x->ttrig[k]].t0 != (uint32_t)k)
			continue;
		if (q >= 0 && tok_poss(x, (size_t)q))
			q--;
		if (q >= 0 && x->tmen[q] >= 0) {
			const mention *m = &x->men[x->tmen[q]];
			if (m->kind == M_ACTOR && !m->pron && (m->poss || m->adj || tok_poss(x, (size_t)q + 1))) {
				g->n = 0;
				group_add(g, x->tmen[q]);
				return true;
			}
		}
		return false;
	}
	return false;
}

static geo_err process_trigger(geo_extractor *x, emit_ctx *ec, size_t ti, geo_error *err)
{
	const trig *tr = &x->trigs_v[ti];
	const struct relx *r = &x->rels[tr->rel];
	size_t t0 = tr->t0, t1 = tr->t1, endtok = 0;
	ssize_t p = (ssize_t)t0 - 1;
	mods md = {0};
	group sg = {0}, tg = {0}, bg = {0};
	bool noun = tr->form == GEO_FORM_NOUN, passive = false, event_noun = false, to = false;
	bool gerund_after_prep = false, have_s = false, have_t = false, owner = false;
	geo_err rc = GEO_OK;

	if (tr->form == FORM_MUST)
		return must_demand(x, ec, tr, err);
	/* "send them back to Bulgaria", "flew back from": no backing */
	if (t1 == t0 + 1 && tok_is(x, t0, "back") &&
	    (tok_is(x, t1, "to") || tok_is(x, t1, "from") || tok_is(x, t1, "into") || tok_is(x, t1, "home") ||
	     tok_is(x, t1, "down") || tok_is(x, t1, "in") || tok_is(x, t1, "on")))
		return GEO_OK;
	/* What comes right before decides how the word is used. */
	/* ("was not invited by": a passive all the same) */
	while (p >= 0 && ((x->bits[p] & (GEO_W_ADV | GEO_W_LYADV)) ||
			  ((tok_is(x, (size_t)p, "not") || tok_is(x, (size_t)p, "never")) && p > 0 &&
			   (x->bits[p - 1] & GEO_W_BE))) &&
	       x->tmen[p] == -1 && !tok_is(x, (size_t)p, "to"))
		p--;
	if (p >= 0 && tr->form != GEO_FORM_NOUN && tr->form != GEO_FORM_PHRASE) {
		uint32_t b = x->bits[p];
		bool det = ((b & GEO_W_DET) && !(b & GEO_W_REL) && x->tmen[p] == -1) || tok_poss(x, (size_t)p) ||
			   (x->tmen[p] >= 0 && x->men[x->tmen[p]].pron && (b & GEO_W_POSS));
		if (tr->form == GEO_FORM_ING && x->tmen[p] >= 0 && x->men[x->tmen[p]].t0 > 0 &&
		    (x->bits[x->men[x->tmen[p]].t0 - 1] & GEO_W_DET) && !(x->bits[x->men[x->tmen[p]].t0 - 1] & GEO_W_POSS)) {
			/* "the Managua meeting": a noun, and a city only says where */
			mention *mm = &x->men[x->tmen[p]];
			det = true;
			if (x->dc[mm->t0].kind == AK_SEAT)
				mm->place = true;
		}
		if (tr->form == GEO_FORM_ING && det)
			noun = true;
		else if (det && !(b & GEO_W_NEG))
			return GEO_OK; /* "the press", "a sanctioned tanker" */
		else if ((tr->form == GEO_FORM_PAST || tr->form == GEO_FORM_PASTPART || tr->form == GEO_FORM_PART) &&
			 (b & GEO_W_PREP) && !tok_is(x, (size_t)p, "to"))
			return GEO_OK; /* "of sanctioned Russian oil" */
		else if (tr->form == GEO_FORM_ING && (b & GEO_W_PREP) && !tok_is(x, (size_t)p, "to"))
			gerund_after_prep = true;
		/* "was put under investigation": "put" is its own participle,
		 * and no base form follows "was" but as one. */
		if ((tr->form == GEO_FORM_PART || tr->form == GEO_FORM_PASTPART || tr->form == GEO_FORM_BASE) &&
		    (b & GEO_W_BE))
			passive = true;
		/* "talks mediated by Oman": a participle with its agent. */
		if ((tr->form == GEO_FORM_PART || tr->form == GEO_FORM_PASTPART) && tok_is(x, t1, "by"))
			passive = true;
	}
	if (conditional_before(x, t0))
		md.hyp = true;
	md.cond_after = x->cond >= t1 && x->cond < NTOK;
	/* "officials meet tomorrow", "talks next month": a present or a noun
	 * with a time to come is planned */
	if ((tr->form == GEO_FORM_BASE || tr->form == GEO_FORM_S || tr->form == GEO_FORM_NOUN) && time_to_come(x, t1))
		md.plan = true;
	if ((r->flags & R_VISIT) && (tr->form == GEO_FORM_NOUN || tr->form == GEO_FORM_BASE)) {
		switch (place_visited(x, ec, tr, &md, err, &rc)) {
		case 1:
			return rc;
		case 0:
			return GEO_OK; /* the place, but no visitor named */
		default:
			break;
		}
	}

	if (passive) {
		have_t = subject_of(x, t0, &md, &tg, NULL);
		have_s = by_agent(x, t1, &sg);
		/* "Iraq's invasion of Kuwait was condemned by the UN": words
		 * against an act are against whoever did it */
		if (!have_t && have_s && r->info->quad == 3)
			have_t = act_owner(x, t0, &tg);
		/* "Three Britons were detained in Iran": a state arrests, expels,
		 * seizes or investigates where it holds power. */
		if (have_t && !have_s && r->info->cameo &&
		    (strncmp(r->info->cameo, "17", 2) == 0 || strncmp(r->info->cameo, "09", 2) == 0)) {
			for (size_t k = t1; k < NTOK && k < t1 + 6 && !tok_stop(x, k); k++) {
				size_t n = k + 1;
				if (!tok_is(x, k, "in"))
					continue;
				if ((x->bits[n] & GEO_W_DET) && !(x->bits[n] & GEO_W_POSS))
					n++;
				if (n < NTOK && x->tmen[n] >= 0 && x->men[x->tmen[n]].kind == M_ACTOR &&
				    !x->men[x->tmen[n]].adj && !x->men[x->tmen[n]].pron && !x->men[x->tmen[n]].poss &&
				    x->men[x->tmen[n]].a.fold_type == GEO_ACTOR_COUNTRY) {
					sg.n = 0;
					group_add(&sg, x->tmen[n]);
					have_s = true;
				}
				break;
			}
		}
		/* "Britain and West Germany, backed by the Netherlands, opposed":
		 * the participle qualifies the subject before the comma. */
		if (!have_t && have_s && t0 >= 2 && tok_is(x, t0 - 1, ",") && x->tmen[t0 - 2] >= 0 &&
		    x->men[x->tmen[t0 - 2]].kind == M_ACTOR && !x->men[x->tmen[t0 - 2]].pron &&
		    !x->men[x->tmen[t0 - 2]].adj && !x->men[x->tmen[t0 - 2]].pp && !x->men[x->tmen[t0 - 2]].poss) {
			coord_left(x, x->tmen[t0 - 2], &tg);
			have_t = true;
		}
	} else if (noun) {
		if ((r->flags & R_CONFLICT) && t0 > 0 && tok_in(x, t0 - 1, war_metaphors))
			return GEO_OK;
		/* "Iran's top war spokesman": the noun only names an office. */
		if (tr->form == GEO_FORM_NOUN && t1 < NTOK && x->dc[t1].kind == AK_ROLE && !(x->bits[t1 - 1] & GEO_W_PREP))
			return GEO_OK;
		if (t0 > 0 && tok_in(x, t0 - 1, hyp_adjectives))
			md.hyp = true;
		if (t0 > 0 && tok_in(x, t0 - 1, plan_adjectives))
			md.plan = true;
		if (requested(x, t0))
			md.hyp = true;
		/* "will host a meeting between": the verb's modality, looked for
		 * before the noun's possessor ("ahead of Nakasone's visit"). */
		size_t m0 = t0;
		if (m0 >= 2 && tok_poss(x, m0 - 1) && x->tmen[m0 - 2] >= 0 && x->men[x->tmen[m0 - 2]].poss)
			m0 = x->men[x->tmen[m0 - 2]].t0;
		else if (m0 >= 1 && x->tmen[m0 - 1] >= 0 && x->men[x->tmen[m0 - 1]].pron &&
			 (x->bits[m0 - 1] & GEO_W_POSS))
			m0--; /* "his visit" */
		for (size_t k = m0, n = 0; k-- > 0 && n < 8; n++) {
			uint32_t b = x->bits[k];
			if (tok_stop(x, k) || x->tmen[k] >= 0 || (b & (GEO_W_REL | GEO_W_BARRIER)))
				break;
			/* "about 95 pct", "due to the war": no plan without a verb */
			if ((tok_is(x, k, "about") || tok_is(x, k, "due") || tok_is(x, k, "set")) &&
			    !(tok_is(x, k + 1, "to") && x->tmen[k + 2] == -1 && !(x->bits[k + 2] & GEO_W_DET)))
				b &= ~GEO_W_PLAN;
			/* "agreed a trade deal": made, not planned ("agreed to hold
			 * talks" is) */
			if (x->toks.v[k].len >= 5 && memcmp(low_at(x, k), "agree", 5) == 0 && !tok_is(x, k + 1, "to"))
				b &= ~GEO_W_PLAN;
			md.plan |= (b & (GEO_W_WILL | GEO_W_PLAN)) != 0;
			/* "raised no objections to", "no new sanctions on" */
			if (k + 3 > m0 && tok_is(x, k, "no") && !tok_is(x, k + 1, "longer"))
				md.neg = true;
			/* "said it would send aid": the subject decides (below). */
			if ((b & GEO_W_HYP) && tok_is(x, k, "would"))
				md.would = true;
			else
				md.hyp |= (b & GEO_W_HYP) != 0;
			md.hyp |= tok_in(x, k, goal_nouns);
			/* "in preparation for his visit", "ahead of the talks" */
			md.plan |= tok_in(x, k, plan_nouns);
			md.threat |= (b & GEO_W_THREAT) != 0;
		}
		{
			/* "U.S.-China talks", "the Iran-Iraq war": the two sides. */
			ssize_t k = (ssize_t)t0 - 1;
			int skip = 0;
			while (k >= 0 && skip < 2 && x->tmen[k] == -1 && x->bits[k] == 0 && !tok_punct(x, (size_t)k) &&
			       !(x->toks.v[k].flags & GEO_TOK_CAP))
				k--, skip++;
			if (k >= 2 && x->tmen[k] >= 0 && tok_is(x, x->men[x->tmen[k]].t0 - 1, "-") &&
			    x->men[x->tmen[k]].t0 >= 2 && x->tmen[x->men[x->tmen[k]].t0 - 2] >= 0 &&
			    (r->flags & (R_SYM | R_MUTUAL))) {
				group pair = {2, {x->tmen[x->men[x->tmen[k]].t0 - 2], x->tmen[k]}};
				if (x->men[pair.m[0]].kind == M_ACTOR && x->men[pair.m[1]].kind == M_ACTOR)
					return emit_pairs(x, ec, &pair, tr, &md, err);
			}
		}
		/* "the Uruguay meeting launched a round": where it met, not who */
		if (t0 >= 2 && t1 == t0 + 1 && x->tmen[t0 - 1] >= 0 && tok_in(x, t0, forum_nouns) &&
		    !tok_is(x, t1, "with") && !tok_is(x, t1, "between")) {
			mention *pm = &x->men[x->tmen[t0 - 1]];
			if (!pm->adj && !pm->poss && !pm->pron && pm->t0 > 0 && tok_is(x, pm->t0 - 1, "the") &&
			    pm->a.fold_type == GEO_ACTOR_COUNTRY)
				pm->place = true;
		}
		have_s = agent_of(x, t0, t1, &md, &sg, &owner);
		if (!have_s) {
			ssize_t k = (ssize_t)t0 - 1;
			while (k >= 0 && x->tmen[k] == -1 && !(x->bits[k] & GEO_W_SUPPORT) && !tok_stop(x, (size_t)k) &&
			       (x->bits[k] & (GEO_W_DET | GEO_W_ADV)) == x->bits[k] && k + 4 > (ssize_t)t0)
				k--;
			if (k >= 0 && (x->bits[k] & GEO_W_SUPPORT) && (x->bits[k] & GEO_W_INGFORM) && k > 0 &&
			    (x->bits[k - 1] & GEO_W_PREP) && !x->nested.n) {
				have_s = nearest_left(x, (size_t)k, &sg);
				md.plan = true;
			}
		}
		if (!have_s && t0 >= 3) {
			/* "Britain mobilized reservists for a possible war against
			 * Iraq": what the sentence's subject is getting ready for. */
			size_t f = t0 - 1;
			while (f > 0 && t0 - f < 4 && x->tmen[f] == -1 &&
			       ((x->bits[f] & (GEO_W_DET | GEO_W_HYP | GEO_W_ADV)) ||
				tok_in(x, f, hyp_adjectives) || tok_in(x, f, plan_adjectives)) &&
			       !(x->bits[f] & GEO_W_POSS))
				f--;
			if (tok_is(x, f, "for") && f < t0 - 1) {
				int m = opening_subject(x, f);
				/* but "criticized China for a visit": a reason the act
				 * before gives, about its object */
				for (size_t q = m >= 0 ? x->men[m].t1 : f; q < f && m >= 0; q++)
					if (x->ttrig[q] >= 0)
						m = -1;
				if (m >= 0) {
					/* "is ready for a meeting": planned; otherwise not
					 * yet more than a purpose */
					bool ready = false;
					for (size_t q = x->men[m].t1; q < f; q++)
						ready |= (x->bits[q] & GEO_W_PLAN) != 0;
					coord_left(x, m, &sg);
					have_s = true;
					if (ready)
						md.plan = true;
					else
						md.hyp = true;
				}
			}
		}
		if (!have_s) {
			/* "Taiwan will boycott the meeting in protest against
			 * China", "Cuba released prisoners under (or as part of) a
			 * deal with the United States": the stance or the deal is the clause
			 * subject's, in the time of its verb. */
			size_t at = 0;
			int m;
			if (t0 >= 3 && tok_is(x, t0 - 1, "in") && tok_in(x, t0, stance_nouns))
				at = t0 - 1;
			else if (t0 >= 4 && tok_is(x, t0 - 2, "under") && (x->bits[t0 - 1] & GEO_W_DET) &&
				 !(x->bits[t0 - 1] & GEO_W_POSS) && tok_in(x, t0, deal_nouns))
				at = t0 - 2;
			else if (t0 >= 6 && tok_is(x, t0 - 4, "as") && tok_is(x, t0 - 3, "part") && tok_is(x, t0 - 2, "of") &&
				 (x->bits[t0 - 1] & GEO_W_DET) && !(x->bits[t0 - 1] & GEO_W_POSS) && tok_in(x, t0, deal_nouns))
				at = t0 - 4; /* "as part of a deal with" */
			if (at && (m = opening_subject(x, at)) >= 0) {
				for (size_t k = x->men[m].t1; k < at && k < x->men[m].t1 + 3; k++) {
					uint32_t b = x->bits[k];
					if (b & GEO_W_WILL)
						md.plan = true;
					else if (b & GEO_W_HYP)
						md.hyp = true;
					else if (!(b & (GEO_W_AUX | GEO_W_BE | GEO_W_ADV | GEO_W_LYADV)))
						break;
				}
				coord_left(x, m, &sg);
				have_s = true;
			}
		}
		if (!have_s && r->info->quad == 1 && !r->info->trade)
			have_s = traveller(x, t0, &sg);
		if (!have_s && t0 >= 2 && tok_is(x, t0 - 1, "in") && x->clause_subj.n && x->clause_end == t0 - 1 &&
		    (r->flags & R_SYM)) {
			/* "Japan agreed in talks with the U.S.": the verb's subject
			 * is a party of the talks. */
			sg = x->clause_subj;
			have_s = true;
			if (ends_ed(x, t0 - 2))
				md.plan = false; /* "agreed in talks": they were held */
		}
		if (!have_s && t0 >= 3 && tok_is(x, t0 - 1, "in") && tok_is(x, t0 - 2, ",") && x->tmen[t0 - 3] >= 0 &&
		    x->men[x->tmen[t0 - 3]].kind == M_ACTOR && !x->men[x->tmen[t0 - 3]].pp &&
		    !x->men[x->tmen[t0 - 3]].poss && !x->men[x->tmen[t0 - 3]].adj) {
			/* "Japan, in talks with the U.S., agreed" */
			coord_left(x, x->tmen[t0 - 3], &sg);
			have_s = true;
		}
		if (!have_s && t1 < NTOK && x->tmen[t1] >= 0 && x->men[x->tmen[t1]].kind == M_ACTOR &&
		    !x->men[x->tmen[t1]].pron && !x->men[x->tmen[t1]].poss && !x->men[x->tmen[t1]].adj &&
		    x->men[x->tmen[t1]].t1 < NTOK && (x->bits[x->men[x->tmen[t1]].t1] & GEO_W_SUPPORT) &&
		    x->ttrig[x->men[x->tmen[t1]].t1] == -1 && !(x->bits[x->men[x->tmen[t1]].t1] & GEO_W_INGFORM) &&
		    !(x->bits[x->men[x->tmen[t1]].t1] & (GEO_W_NEGVERB | GEO_W_HYP | GEO_W_THREAT | GEO_W_PLAN))) {
			/* "the sanctions President Reagan imposed on Japanese exports":
			 * a relative clause without "that"; its object follows the
			 * verb. */
			size_t v = x->men[x->tmen[t1]].t1;
			group og;
			bool on = false;
			size_t oe = 0;
			sg.n = 0;
			group_add(&sg, x->tmen[t1]);
			if (object_of(x, v + 1, true, false, &sg, &og, &on, &oe, r->info->quad == 1 && !r->info->trade))
				return emit_groups(x, ec, &sg, &og, tr, &md, err);
			return GEO_OK;
		}
		/* "the treaty signed by Russia and North Korea": the signers,
		 * each with the other */
		if ((r->flags & R_SYM) && tok_is(x, t1 - 1, "by") && t1 < NTOK && x->tmen[t1] >= 0 &&
		    x->men[x->tmen[t1]].kind == M_ACTOR && !x->men[x->tmen[t1]].pron) {
			coord_right(x, x->tmen[t1], &bg);
			if (bg.n >= 2)
				return emit_pairs(x, ec, &bg, tr, &md, err);
		}
		if (between(x, t1, &bg)) {
			/* "talks between A and B", "the war between A and B": each
			 * with the other.  "mediation between A and B" names only
			 * the parties mediated for. */
			/* trade is mutual only as "trade between A and B", not
			 * "imports of maize under the agreement between A and B" */
			bool mutual = (r->flags & (R_SYM | R_MUTUAL)) ||
				      (r->info->trade && (tok_is(x, t1 - 1, "between") || tok_is(x, t1, "between")));
			if (mutual && !(have_s && !(r->flags & R_SYM)))
				return emit_pairs(x, ec, &bg, tr, &md, err);
			if (have_s && !mutual)
				return emit_groups(x, ec, &sg, &bg, tr, &md, err); /* X's mediation between A and B */
		}
		/* "war in Ukraine", "Israeli raids in Lebanon": where a side
		 * fights names whom it fights. */
		{
			/* "its demand (today) that Israel ease": the one asked. */
			size_t o = t1;
			while ((r->flags & R_THAT) && o < NTOK && (x->bits[o] & (GEO_W_TIME | GEO_W_ADV | GEO_W_LYADV)) &&
			       x->tmen[o] == -1)
				o++;
			if (tok_is(x, t1 - 1, "that"))
				o = t1 - 1; /* the trigger "demand that" */
			if ((r->flags & R_THAT) && !(r->flags & R_NESTED) && have_s && tok_is(x, o, "that") &&
			    o + 1 < NTOK && x->tmen[o + 1] >= 0 && x->men[x->tmen[o + 1]].kind == M_ACTOR &&
			    !x->men[x->tmen[o + 1]].pron && !x->men[x->tmen[o + 1]].poss && !x->men[x->tmen[o + 1]].adj) {
				coord_right(x, x->tmen[o + 1], &tg);
				return emit_groups(x, ec, &sg, &tg, tr, &md, err);
			}
		}
		have_t = object_of(x, t1, true,
				   ((r->flags & R_CONFLICT) && (tok_is(x, t1 - 1, "in") || tok_is(x, t1, "in"))) ||
					   (r->flags & R_DEPLOY),
				   have_s ? &sg : NULL,
				   &tg, &event_noun, &endtok,
				   r->info->quad == 1 && !r->info->trade);
		/* "joint exercises near Poland's border": where they are held,
		 * when the act is no fighting */
		if (have_t && r->info->quad != 4 && tg.n > 0) {
			size_t q = x->men[tg.m[0]].t0;
			while (q > t1 && (x->bits[q - 1] & GEO_W_DET) && x->tmen[q - 1] == -1)
				q--;
			if (q > t1 && (tok_is(x, q - 1, "near") || tok_is(x, q - 1, "off") || tok_is(x, q - 1, "along")))
				have_t = false;
		}
	} else {
		if (gerund_after_prep) {
			if (x->nested.n && t0 > x->nested_from) {
				sg = x->nested;
				md.reported = true;
				have_s = true;
			} else if (tok_is(x, (size_t)p, "in") && p > 0 && tok_in(x, (size_t)p - 1, join_verbs)) {
				have_s = subject_of(x, (size_t)p - 1, &md, &sg, NULL); /* "Japan joined in condemning" */
			} else if (tok_is(x, (size_t)p, "in") && p > 0 && x->tmen[p - 1] >= 0 &&
				   x->men[x->tmen[p - 1]].kind == M_ACTOR && x->men[x->tmen[p - 1]].t0 > 0) {
				/* "Australia joined the United States in condemning
				 * China": both condemn. */
				const mention *jm = &x->men[x->tmen[p - 1]];
				size_t v = jm->t0 - 1;
				if ((x->bits[v] & GEO_W_DET) && !(x->bits[v] & GEO_W_POSS) && v > 0)
					v--;
				if (tok_in(x, v, join_verbs) && subject_of(x, v, &md, &sg, NULL)) {
					group_add(&sg, x->tmen[p - 1]);
					have_s = true;
				}
			} else if (tok_is(x, (size_t)p, "of") && p >= 2 && tok_is(x, (size_t)p - 1, "short") &&
				   (x->bits[p - 2] & GEO_W_NEGVERB)) {
				/* "The EU stopped short of imposing sanctions": the
				 * stop's subject, and a no */
				have_s = subject_of(x, (size_t)p - 1, &md, &sg, NULL);
			} else if (p == 0 || (p > 0 && x->tmen[p - 1] == -2)) {
				/* "After visiting the U.S., Funaro flew to Tokyo" */
				have_s = fronted_subject(x, t1, &sg);
			} else if (tok_is(x, (size_t)p, "by")) {
				/* "Iraq started the war by invading Iran": the means share
				 * the clause's subject. */
				have_s = nearest_left(x, (size_t)p, &sg);
				/* but "breached GATT trade rules by allowing": a name
				 * that qualifies a noun is no subject */
				if (have_s) {
					const mention *nm = &x->men[sg.m[0]];
					if (nm->pp ||
					    (!nm->pron && (nm->modnoun ||
							   (nm->t1 < NTOK && x->bits[nm->t1] == 0 && x->tmen[nm->t1] == -1 &&
							    (x->toks.v[nm->t1].flags & GEO_TOK_WORD) &&
							    !(x->toks.v[nm->t1].flags & (GEO_TOK_CAP | GEO_TOK_NUM)) &&
							    !ends_ed(x, nm->t1)))))
						have_s = false;
				}
			}
		} else {
			have_s = subject_of(x, t0, &md, &sg, &to);
			if (!have_s && tr->form == GEO_FORM_ING && p < 0)
				have_s = fronted_subject(x, t1, &sg);
			if (!have_s && tr->form == GEO_FORM_ING && t0 >= 2 && tok_is(x, t0 - 1, ",") &&
			    x->tmen[t0 - 2] >= 0 &&
			    /* but "Reagan, fighting to recover from the Iran-contra
			     * scandal": a verb that strives for another */
			    !(tok_is(x, t1, "to") && t1 + 1 < NTOK && x->tmen[t1 + 1] == -1 &&
			      !(x->bits[t1 + 1] & GEO_W_DET) && !(x->toks.v[t1 + 1].flags & GEO_TOK_CAP))) {
				/* "Velayati, visiting the UAE, told reporters": a
				 * participle set off after the sentence's first side */
				const mention *om = &x->men[x->tmen[t0 - 2]];
				size_t b = om->t0;
				while (b > 0 && x->tmen[b - 1] == -2)
					b--;
				if (b > 0 && (x->bits[b - 1] & GEO_W_DET) && !(x->bits[b - 1] & GEO_W_POSS) &&
				    x->tmen[b - 1] == -1)
					b--;
				if (b == 0 && om->kind == M_ACTOR && !om->pp && !om->poss && !om->adj && !om->pron) {
					group_add(&sg, x->tmen[t0 - 2]);
					have_s = true;
				}
			}
			if (!have_s && (r->flags & R_CONFLICT))
				have_s = attack_subject(x, t0, &sg);
			if (to && x->headline)
				md.plan = true;
			if (have_s) {
				x->clause_subj = sg;
				x->clause_end = t1;
			}
		}
		/* "will probably demand to follow China": a wish for itself, no
		 * one asked. */
		if ((r->flags & R_THAT) && tok_is(x, t1 - 1, "demand") + tok_is(x, t1 - 1, "demanded") +
						   tok_is(x, t1 - 1, "demands") + tok_is(x, t1 - 1, "demanding") &&
		    tok_is(x, t1, "to") && t1 + 1 < NTOK && x->tmen[t1 + 1] == -1 &&
		    !(x->bits[t1 + 1] & (GEO_W_DET | GEO_W_PREP)) && !(x->toks.v[t1 + 1].flags & GEO_TOK_NUM))
			return GEO_OK;
		/* "India and China agreed to resume flights": sides that agree
		 * to do something agree with each other, and with nobody named
		 * in what they will do ("Moscow agreed to discuss the problems
		 * of Afghanistan").  A verb there with an event of its own
		 * ("agreed to help OPEC") says it all. */
		if ((r->flags & R_MUTUAL) && r->info->quad <= 2 && !noun && !passive && tok_is(x, t1, "to") && t1 + 1 < NTOK &&
		    x->tmen[t1 + 1] == -1 && !(x->bits[t1 + 1] & (GEO_W_DET | GEO_W_PREP)) &&
		    (x->toks.v[t1 + 1].flags & GEO_TOK_WORD) && !(x->toks.v[t1 + 1].flags & (GEO_TOK_NUM | GEO_TOK_CAP))) {
			size_t f = NTOK;
			for (int i = 0; have_s && i < sg.n; i++)
				if (x->men[sg.m[i]].t0 < f)
					f = x->men[sg.m[i]].t0;
			/* "all members except Zaire and Australia agreed" */
			if (!have_s || sg.n < 2 || x->ttrig[t1 + 1] >= 0 || (f > 0 && tok_is(x, f - 1, "except")))
				return GEO_OK;
			return emit_pairs(x, ec, &sg, tr, &md, err);
		}
		size_t o = t1;
		/* "demanded (on Friday) that A ...": A is the one pressed. */
		while ((r->flags & R_THAT) && o < NTOK &&
		       ((x->bits[o] & (GEO_W_TIME | GEO_W_ADV | GEO_W_LYADV)) ||
			(tok_is(x, o, "on") && (x->bits[o + 1] & GEO_W_TIME))) &&
		       x->tmen[o] == -1)
			o++;
		if (!((r->flags & R_THAT) && tok_is(x, o, "that")))
			o = t1;
		else
			o++;
		/* "alleges that, in defiance of the agreement, Japan is": an
		 * aside before the clause's subject */
		if ((o > t1 || tok_is(x, t1 - 1, "that")) && tok_is(x, o, ",")) {
			size_t c = o + 1;
			while (c < NTOK && c < o + 12 && x->tmen[c] == -1 && !tok_stop(x, c))
				c++;
			if (tok_is(x, c, ","))
				o = c + 1;
		}
		/* "threatened to ban voting if Hamas ran": the threat answers the
		 * side in the condition, not what the threatened act names. */
		size_t inf = t1;
		while (inf < NTOK && (x->bits[inf] & (GEO_W_TIME | GEO_W_ADV | GEO_W_LYADV)) && x->tmen[inf] == -1)
			inf++; /* "threatened today to" */
		if ((r->flags & R_THREATEN) && tok_is(x, inf, "to") && condition_target(x, inf, &tg))
			have_t = true;
		else if (tr->tail0 < t1 && tok_is(x, tr->tail0, "out") && (have_t = out_object(x, t0 + 1, tr->tail0, &tg)))
			; /* "forced the UNHCR out of the country" */
		else if (tr->tail0 < t1 && t1 < NTOK && x->tmen[t1] == -1 && x->toks.v[t1].len > 4 &&
			 memcmp(low_at(x, t1) + x->toks.v[t1].len - 3, "ing", 3) == 0 &&
			 (have_t = out_object(x, t0 + 1, tr->tail0, &tg)))
			; /* "charged China with violating WTO rules": an act follows */
		else if (tr->tail0 < t1 && tr->tail0 > t0 + 2 && (have_t = tail_owner(x, t0, tr->tail0, &tg)))
			; /* "suspended Syria's membership": its owner */
		else
			have_t = object_of(x, o, false, (r->flags & R_DEPLOY) != 0, have_s ? &sg : NULL, &tg,
					   &event_noun, &endtok, r->info->quad == 1 && !r->info->trade);
		/* "rejected a ceasefire proposed by the United States": words
		 * about a plan are about whoever put it forward. */
		if (!have_t && (r->info->quad == 3 || (r->flags & R_WORDS) || tr->rel == x->criticize))
			have_t = proposer_after(x, o, &tg);
		/* "protested to the United Nations over airspace violations by
		 * the Turkish air force": the side spoken to, then the one
		 * spoken about, who is the target. */
		if (have_t && r->info->quad == 3 && endtok < NTOK && tok_in(x, endtok, topic_preps)) {
			const mention *om = &x->men[tg.m[0]];
			size_t q = om->t0;
			if (q > 0 && (x->bits[q - 1] & GEO_W_DET) && x->tmen[q - 1] == -1)
				q--;
			/* (also "lodged a complaint with the WTO over South Korean
			 * subsidies": the forum, then the one complained of) */
			if (q > 0 && (tok_is(x, q - 1, "to") || (tok_is(x, q - 1, "with") && om->a.fold_type != GEO_ACTOR_COUNTRY)))
				for (size_t k = endtok + 1; k < NTOK && k < endtok + 12; k++) {
					if (tok_stop(x, k) || (x->bits[k] & (GEO_W_REL | GEO_W_BARRIER)))
						break;
					if (x->tmen[k] >= 0 && x->men[x->tmen[k]].kind == M_ACTOR && !x->men[x->tmen[k]].pron) {
						tg.n = 0;
						group_add(&tg, x->tmen[k]);
						break;
					}
				}
		}
		/* "send British troops to Ukraine": the troops are what is sent,
		 * whoever they belong to; the side they go to comes after. */
		if (have_t && (r->flags & R_DEPLOY) && x->men[tg.m[0]].t1 > x->men[tg.m[0]].t0 + 1 &&
		    tok_in(x, x->men[tg.m[0]].t1 - 1, sent_forces)) {
			group dg;
			size_t de = 0;
			if (object_of(x, x->men[tg.m[tg.n - 1]].t1, true, true, have_s ? &sg : NULL, &dg, &event_noun, &de,
				      false)) {
				tg = dg;
				endtok = de;
			}
		}
		/* "charged Iran with smuggling": with nothing after the tail, the
		 * side in the gap is the object. */
		if (!have_t && tr->tail0 < t1 && tr->tail0 > t0 + 1)
			have_t = out_object(x, t0 + 1, tr->tail0, &tg);
		/* "India accused Pakistan of sponsoring terrorism, a charge
		 * Islamabad rejected": the answer is to the sentence's first
		 * side */
		if (!have_t && have_s && r->info->cameo && strncmp(r->info->cameo, "12", 2) == 0) {
			size_t q = x->men[sg.m[0]].t0;
			int m;
			if (q >= 3 && tok_in(x, q - 1, charge_nouns) && (x->bits[q - 2] & GEO_W_DET) &&
			    tok_is(x, q - 3, ",") && (m = opening_subject(x, q - 3)) >= 0) {
				coord_left(x, m, &tg);
				have_t = true;
			}
		}

		/* "killed 23 people in Tel Aviv": with no side acted on, the place
		 * of a material conflict act is its target. */
		if (!have_t && have_s && (r->flags & R_CONFLICT) &&
		    object_of(x, o, false, true, &sg, &tg, &event_noun, &endtok, false)) {
			/* A state or city named after "in", not "on the Thai border". */
			const mention *pl = &x->men[tg.m[0]];
			size_t q = pl->t0 - 1;
			if (q > 0 && (x->bits[q] & GEO_W_DET) && x->tmen[q] == -1)
				q--;
			if (q > 0 && tok_in(x, q, compass_words) && x->tmen[q] == -1)
				q--; /* "in northern Iraq" */
			have_t = !pl->adj && (tok_is(x, q, "in") || tok_is(x, q, "inside"));
		}
		/* "condemned the coup in Niger": words against what happens in a
		 * country are against that country */
		if (!have_t && have_s && r->info->quad == 3 && !noun && o < NTOK && situation_in(x, o, &tg))
			have_t = true;
	}

	if (noun && have_s && !have_t && (r->flags & R_CONFLICT)) {
		/* "Iraqi troops repelled an Iranian attack", "repulsed an attack
		 * by Iranian guards": the attack was on whoever repelled it. */
		ssize_t v = (ssize_t)t0 - 1;
		while (v >= 0 && t0 - (size_t)v < 5 && x->tmen[v] == -1 &&
		       ((x->bits[v] & (GEO_W_DET | GEO_W_TIME | GEO_W_ADV)) || x->bits[v] == 0) &&
		       !tok_in(x, (size_t)v, repel_verbs) && !tok_punct(x, (size_t)v))
			v--;
		if (v >= 0 && x->tmen[v] >= 0 && x->men[x->tmen[v]].adj && v > 0)
			v--; /* "an Iranian attack": the side is the noun's */
		while (v >= 0 && t0 - (size_t)v < 6 && x->tmen[v] == -1 && (x->bits[v] & GEO_W_DET))
			v--;
		if (v > 0 && tok_is(x, (size_t)v, "off") &&
		    (tok_is(x, (size_t)v - 1, "fended") || tok_is(x, (size_t)v - 1, "fought") ||
		     tok_is(x, (size_t)v - 1, "beat") || tok_is(x, (size_t)v - 1, "fend") ||
		     tok_is(x, (size_t)v - 1, "fight")))
			v--;
		else if (v >= 0 && !tok_in(x, (size_t)v, repel_verbs))
			v = -1;
		if (v >= 0) {
			mods rm = {0};
			have_t = subject_of(x, (size_t)v, &rm, &tg, NULL);
			md.neg |= rm.neg;
			md.plan |= rm.plan;
			md.hyp |= rm.hyp;
		}
	}
	if (have_s && have_t && (r->flags & R_NESTED) && (tok_is(x, endtok, "of") || tok_is(x, endtok, "for"))) {
		x->nested = tg;
		x->nested_from = (uint32_t)endtok;
	}
	if (!have_s)
		return GEO_OK;
	/* "has bought no U.S. wheat", "imposed no new sanctions on": the act
	 * done to nothing did not happen. */
	if (!noun && !passive && no_object(x, t0, t1))
		md.neg = true;
	/* "a ban on Russian liquefied natural gas imports", "froze Russian
	 * assets": whose the goods are, named in the gap of a trigger that
	 * ends with its noun */
	if (!have_t && have_s && tr->tail0 < t1 && tr->tail0 > t0 + 1 && !(x->bits[t1 - 1] & GEO_W_PREP))
		for (size_t k = t0 + 1; k < tr->tail0 && !have_t; k++)
			if (x->tmen[k] >= 0 && x->men[x->tmen[k]].adj && x->men[x->tmen[k]].kind == M_ACTOR &&
			    x->men[x->tmen[k]].a.fold_type == GEO_ACTOR_COUNTRY) {
				tg.n = 0;
				group_add(&tg, x->tmen[k]);
				have_t = true;
			}
	if (!have_t && (r->flags & R_HOST)) {
		/* "Sweden will host the talks": the parties of the talks, from this
		 * sentence or the last ones met. */
		group pg;
		int named = -1;
		if (between(x, t1, &pg) || (named = between_named(x, t1, &pg)) > 0) {
			rc = emit_groups(x, ec, &sg, &pg, tr, &md, err);
		} else if (named < 0 && event_noun && x->have_pair && x->sent_index <= x->pair_sent + 12) {
			actor pa[2] = {x->pair[0], x->pair[1]};
			geo_span none = {0, 0};
			for (int i = 0; i < sg.n && rc == GEO_OK; i++) {
				const mention *sm = &x->men[sg.m[i]];
				actor src = sm->a, via;
				if (sg.n == 1 && sm->a.type != GEO_ACTOR_PERSON && !sm->pron && reporter_of(x, sm, &via))
					src = via;
				for (int k = 0; k < 2 && rc == GEO_OK; k++)
					rc = emit(x, ec, &src, mspan(x, sm), &pa[k], none, tr, &md, err);
			}
		}
		return rc;
	}
	/* "China and the EU signed an agreement on an EU office": a side of
	 * the subject named again after the act is no other party. */
	if (have_t && (r->flags & R_MUTUAL) && sg.n >= 2 && !owner) {
		bool inside = true;
		for (int j = 0; j < tg.n && inside; j++) {
			bool found = false;
			for (int i = 0; i < sg.n && !found; i++)
				found = strcmp(x->men[sg.m[i]].a.fold, x->men[tg.m[j]].a.fold) == 0;
			inside = found;
		}
		if (inside)
			have_t = false;
	}
	if (!have_t) {
		/* "producers which together meet 40 pct of the market's needs" */
		if ((r->flags & R_MEET) && !noun && t1 < NTOK &&
		    ((x->toks.v[t1].flags & GEO_TOK_NUM) || tok_in(x, t1, met_things) ||
		     (tok_is(x, t1, "the") && tok_in(x, t1 + 1, met_things))))
			return GEO_OK;
		if ((r->flags & R_MUTUAL) && sg.n >= 2 && !owner && !other_party(x, t1)) {
			rc = emit_pairs(x, ec, &sg, tr, &md, err);
			if (rc == GEO_OK)
				rc = brokered_by(x, ec, t1, &sg, &md, err);
			return rc;
		}
		return GEO_OK;
	}
	if (!noun && !passive && (r->flags & R_MEET) && object_has(x, t1, &x->men[tg.m[0]], TL_met_things))
		return GEO_OK;
	/* "he is to call on President Sarney": a call paid, nothing asked */
	if (!noun && !passive && tr->rel == x->rel_appeal && x->rel_meet >= 0 && t1 == t0 + 2 &&
	    tok_is(x, t1 - 1, "on") && endtok && !tok_is(x, endtok, "to") && !tok_is(x, endtok, "for") &&
	    !tok_is(x, endtok, "that") && !(tok_is(x, endtok, ",") && tok_is(x, endtok + 1, "to")) &&
	    (tok_stop(x, endtok) || endtok >= NTOK || (x->bits[endtok] & (GEO_W_CONJ | GEO_W_TIME)) ||
	     tok_is(x, endtok, "during") || tok_is(x, endtok, "in") || tok_is(x, endtok, "at"))) {
		trig paid = *tr;
		paid.rel = x->rel_meet;
		return emit_groups(x, ec, &sg, &tg, &paid, &md, err);
	}
	if (!passive && (r->flags & R_WORDS) && object_has(x, t1, &x->men[tg.m[0]], TL_abstract_nouns)) {
		/* "attacked the plan", "an attack on EC farm reforms": words */
		trig said = *tr;
		if (x->criticize < 0)
			return GEO_OK;
		said.rel = x->criticize;
		return emit_groups(x, ec, &sg, &tg, &said, &md, err);
	}
	rc = emit_groups(x, ec, &sg, &tg, tr, &md, err);
	if (rc == GEO_OK && (r->flags & R_SYM) && sg.n == 1 && tg.n == 1) {
		x->pair[0] = x->men[sg.m[0]].a;
		x->pair[1] = x->men[tg.m[0]].a;
		x->have_pair = true;
		x->pair_sent = x->sent_index;
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Documents                                                           */

static const char *const months[] = {"january", "february", "march", "april", "may", "june", "july",
				     "august", "september", "october", "november", "december"};

/* Month number of the word at s (full name or 3-4 letter abbreviation
 * with a capital), or 0; *len gets its length. */
static int month_at(const char *s, size_t n, size_t *len)
{
	size_t w = 0;

	if (!n || !geo_a_upper((unsigned char)s[0]))
		return 0;
	while (w < n && geo_a_alpha((unsigned char)s[w]))
		w++;
	/* Month names and their abbreviations are 3 to 9 letters. */
	if (w < 3 || w > 9)
		return 0;
	for (int m = 0; m < 12; m++) {
		if (geo_a_tolower((unsigned char)s[0]) != months[m][0])
			continue;
		size_t ml = strlen(months[m]);
		bool full = w == ml && strncasecmp(s, months[m], ml) == 0;
		bool abbr = (w == 3 || (w == 4 && m == 8)) && strncasecmp(s, months[m], w) == 0 && w < ml;
		if (full || (abbr && w + 1 <= n && (w == n || s[w] == '.'))) {
			*len = w + (w < n && s[w] == '.');
			return m + 1;
		}
	}
	return 0;
}

static void put_date(char out[11], long y, long mo, long d)
{
	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + mo / 10 % 10);
	out[6] = (char)('0' + mo % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10 % 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

static bool read_int(const char *s, size_t n, size_t maxdig, long *v, size_t *used)
{
	size_t i = 0;

	*v = 0;
	while (i < n && i < maxdig && geo_a_digit((unsigned char)s[i]))
		*v = *v * 10 + (s[i++] - '0');
	*used = i;
	return i > 0 && (i == n || !geo_a_digit((unsigned char)s[i]));
}

/*
 * A date the text states near its start: "July 21, 2025", "21 July 2025",
 * "2025-07-21", or a dateline's "July 21" with the year of fallback.
 * Writes "YYYY-MM-DD" to out, or leaves it empty.
 */
GEO_STATIC void geo_text_find_date(const char *s, size_t n, const char *fallback, char out[11])
{
	size_t lim = n < 400 ? n : 400;

	out[0] = '\0';
	for (size_t i = 0; i < lim; i++) {
		size_t ml, u;
		long y = 0, d = 0, mo;
		if (i > 0 && geo_a_alnum((unsigned char)s[i - 1]))
			continue;
		if (geo_a_digit((unsigned char)s[i])) {
			size_t k = i;
			if (read_int(s + k, n - k, 4, &y, &u) && u == 4 && k + u + 6 <= n && s[k + 4] == '-' &&
			    read_int(s + k + 5, n - k - 5, 2, &mo, &u) && u == 2 && s[k + 7] == '-' &&
			    read_int(s + k + 8, n - k - 8, 2, &d, &u) && u == 2 && mo >= 1 && mo <= 12 && d >= 1 &&
			    d <= 31) {
				put_date(out, y, mo, d);
				return;
			}
			/* 21 July 2025 */
			if (read_int(s + k, n - k, 2, &d, &u) && d >= 1 && d <= 31 && k + u + 1 < n && s[k + u] == ' ' &&
			    (mo = month_at(s + k + u + 1, n - k - u - 1, &ml)) > 0) {
				size_t q = k + u + 1 + ml;
				if (q + 5 <= n && s[q] == ' ' && read_int(s + q + 1, n - q - 1, 4, &y, &u) && u == 4) {
					put_date(out, y, mo, d);
					return;
				}
			}
			continue;
		}
		if ((mo = month_at(s + i, n - i, &ml)) > 0) {
			size_t q = i + ml;
			if (q + 1 < n && s[q] == ' ' && read_int(s + q + 1, n - q - 1, 2, &d, &u) && d >= 1 && d <= 31) {
				q += 1 + u;
				if (q + 6 <= n && s[q] == ',' && s[q + 1] == ' ' && read_int(s + q + 2, n - q - 2, 4, &y, &u) &&
				    u == 4) {
					put_date(out, y, mo, d);
					return;
				}
				if (fallback && strlen(fallback) == 10 && q < n && (s[q] == ' ' || s[q] == ',') &&
				    i < 120) {
					put_date(out, (fallback[0] - '0') * 1000 + (fallback[1] - '0') * 100 + (fallback[2] - '0') * 10 + (fallback[3] - '0'), mo, d);
					return;
				}
			}
		}
	}
	if (fallback && strlen(fallback) == 10)
		snprintf(out, 11, "%s", fallback);
}

/* Quotations and who said them: '"...," Bessent said' or 'he said'. */
static geo_err find_quotes(geo_extractor *x)
{
	const char *s = x->norm.data;
	size_t n = x->norm.len, open = 0;
	/* A quotation still open where the last window ended opens before
	 * everything in this one. */
	bool in = x->quote_in;

	x->nquotes = 0;
	for (size_t i = 0; i < n; i++) {
		size_t k, w0, w1;
		quote q;
		const char *dq = memchr(s + i, '"', n - i);
		if (!dq)
			break;
		i = (size_t)(dq - s);
		if (!in) {
			in = true;
			open = i;
			continue;
		}
		in = false;
		memset(&q, 0, sizeof q);
		q.open = (uint32_t)open;
		q.close = (uint32_t)i;
		k = i + 1;
		while (k < n && (s[k] == ' ' || s[k] == ','))
			k++;
		w0 = k;
		/* Up to four capitalised words, or he/she, then a reporting verb. */
		for (int words = 0; words < 4 && k < n; words++) {
			size_t e = k;
			while (e < n && (geo_a_alpha((unsigned char)s[e]) || s[e] == '.' || s[e] == '-' || s[e] == '\''))
				e++;
			if (e == k)
				break;
			if (!strncmp(s + k, "said", 4) || !strncmp(s + k, "says", 4) || !strncmp(s + k, "added", 5) ||
			    !strncmp(s + k, "told", 4) || !strncmp(s + k, "stressed", 8) || !strncmp(s + k, "noted", 5) ||
			    !strncmp(s + k, "insisted", 8) || !strncmp(s + k, "warned", 6) ||
			    !strncmp(s + k, "wrote", 5) || !strncmp(s + k, "declared", 8)) {
				if (words == 0) {
					/* said Bessent */
					size_t a = e + 1, b = a;
					while (b < n && (geo_a_alpha((unsigned char)s[b]) || s[b] == ' ' || s[b] == '-') &&
					       (geo_a_upper((unsigned char)s[a])))
						b++;
					while (b > a && (s[b - 1] == ' '))
						b--;
					w0 = a;
					w1 = b;
				} else {
					w1 = k;
					while (w1 > w0 && s[w1 - 1] == ' ')
						w1--;
				}
				if (w1 > w0) {
					q.who = (uint32_t)w0;
					q.wholen = (uint32_t)(w1 - w0);
					q.pron = (w1 - w0 == 2 && !strncmp(s + w0, "he", 2)) ||
						 (w1 - w0 == 3 && !strncmp(s + w0, "she", 3));
				}
				break;
			}
			if (!geo_a_upper((unsigned char)s[k]) && strncmp(s + k, "he ", 3) && strncmp(s + k, "she ", 4))
				break;
			k = e;
			while (k < n && s[k] == ' ')
				k++;
		}
		if (!q.wholen)
			continue;
		if (x->nquotes == x->capquotes) {
			size_t cap = x->capquotes ? x->capquotes * 2 : 16;
			quote *v = realloc(x->quotes, cap * sizeof *v);
			if (!v)
				return GEO_ENOMEM;
			x->quotes = v;
			x->capquotes = cap;
		}
		x->quotes[x->nquotes++] = q;
	}
	x->quote_in = in;
	return GEO_OK;
}

/* Links and teasers that point at other articles state nothing. */
static bool skip_sentence(const char *s, size_t n)
{
#define TEASER(lit) {"" lit, sizeof(lit) - 1}
	static const struct {
		const char *s;
		size_t n;
	} teasers[] = {TEASER("Read more"), TEASER("Read also"), TEASER("Related:"), TEASER("See also"),
		       TEASER("Also read"), TEASER("Click here"), TEASER("Subscribe"), TEASER("Sign up"),
		       TEASER("Watch:"), TEASER("READ MORE")};
#undef TEASER
	size_t e = n;

	while (e > 0 && (s[e - 1] == '"' || s[e - 1] == '\'' || s[e - 1] == ')' || s[e - 1] == ' '))
		e--;
	if (e > 0 && s[e - 1] == '?')
		return true;
	/* Every teaser starts with R, S, C, W or A: most sentences need no compare. */
	if (!n || (s[0] != 'R' && s[0] != 'S' && s[0] != 'C' && s[0] != 'W' && s[0] != 'A'))
		return false;
	for (size_t t = 0; t < sizeof teasers / sizeof teasers[0]; t++)
		if (n >= teasers[t].n && memcmp(s, teasers[t].s, teasers[t].n) == 0)
			return true;
	return false;
}

/* "WASHINGTON, July 21 (Reuters) -": a dateline is no part of the story. */
static void mask_dateline(geo_extractor *x)
{
	size_t k = 0;

	if (NTOK < 3 || !(x->toks.v[0].flags & GEO_TOK_ALLCAP))
		return;
	/* The city in capitals, then a comma: "NEW YORK, ..." */
	while (k < NTOK && k < 4 && (x->toks.v[k].flags & GEO_TOK_ALLCAP))
		k++;
	if (!tok_is(x, k, ","))
		return;
	while (k < NTOK && k < 16 && !tok_is(x, k, "-"))
		k++;
	if (k >= NTOK || k >= 16)
		return;
	for (size_t i = 0; i <= k; i++)
		x->tmen[i] = -2;
}

/* Per-token arrays, with TOK_PAD spare entries past the last token so
 * that look-ahead by a few tokens reads "nothing here". */
#define TOK_PAD 4

static geo_err grow_tokens(geo_extractor *x)
{
	size_t n = NTOK + TOK_PAD;

	if (n > x->captok) {
		size_t cap = x->captok ? x->captok : 64;
		while (cap < n)
			cap *= 2;
		uint32_t *b = realloc(x->bits, cap * sizeof *b);
		if (!b)
			return GEO_ENOMEM;
		x->bits = b;
		uint64_t *mk = realloc(x->marked, cap * sizeof *mk);
		if (!mk)
			return GEO_ENOMEM;
		x->marked = mk;
		int32_t *m = realloc(x->tmen, cap * sizeof *m);
		if (!m)
			return GEO_ENOMEM;
		x->tmen = m;
		int32_t *t = realloc(x->ttrig, cap * sizeof *t);
		if (!t)
			return GEO_ENOMEM;
		x->ttrig = t;
		struct dcache *d = realloc(x->dc, cap * sizeof *d);
		if (!d)
			return GEO_ENOMEM;
		x->dc = d;
		x->captok = cap;
	}
	return GEO_OK;
}

/* A headline set in capitals: once the names are found, a capital
 * tells nothing about the other words ("U.S. URGES BANKS TO WEIGH ..."
 * has no name in "WEIGH"). */
static void shouting(geo_extractor *x, size_t words, size_t caps)
{
	if (words < 3 || caps * 4 < words * 3)
		return;
	for (size_t i = 0; i < NTOK; i++)
		if (x->tmen[i] == -1)
			x->toks.v[i].flags &= ~(unsigned)GEO_TOK_CAP;
}

/* "LIBRA BANK EXPECTS BRAZIL TO REACH DEBT ACCORD LONDON, March 5": a
 * headline run into its dateline; the city says where the story was
 * filed, nothing else. */
static void dateline_places(geo_extractor *x)
{
	for (size_t i = 0; i < x->nmen; i++) {
		mention *m = &x->men[i];
		if (dateline_at(x, m)) {
			m->place = true;
			m->loc = true;
		}
	}
}

static geo_err do_sentence(geo_extractor *x, emit_ctx *ec, size_t si, geo_error *err)
{
	geo_span sp = x->sents.v[si];
	size_t gsi = x->sent_base + si; /* in the whole document */
	bool may_trig = false;
	size_t words = 0, caps = 0;
	geo_err rc;

	x->s = x->norm.data + sp.start;
	x->slen = sp.end - sp.start;
	x->sent_index = gsi;
	x->soff = sp.start;
	x->headline = gsi == 0 && (x->sents.n > 1 || x->doc_continues) && x->slen > 0 && x->s[x->slen - 1] != '.' &&
		      x->s[x->slen - 1] != '"';
	x->ndone = 0;
	x->nmen = 0;
	x->ntrig = 0;
	x->nested.n = 0;
	x->nested_from = 0;
	x->clause_subj.n = 0;
	if (skip_sentence(x->s, x->slen))
		return GEO_OK;
	x->evid_ok = false;
	if ((rc = geo_tokenize(x->s, x->slen, &x->toks)) != GEO_OK || (rc = grow_tokens(x)) != GEO_OK)
		return geo_error_set(err, rc, "out of memory");
	/* One pass: each token's classes and lists, its dictionary phrase,
	 * the counts, and the first "if" or "unless"; dict_lookup() reads
	 * tokens only, and the "if" test reads this token and the one
	 * before. */
	x->cond = NTOK;
	/* No mention or trigger at any token yet, pads included (-1: every
	 * byte 0xFF). */
	memset(x->tmen, 0xFF, (NTOK + TOK_PAD) * sizeof *x->tmen);
	memset(x->ttrig, 0xFF, (NTOK + TOK_PAD) * sizeof *x->ttrig);
	for (size_t i = 0; i < NTOK; i++) {
		uint64_t lists = 0;
		uint32_t b = geo_words_get_lists(&x->words, low_at(x, i), x->toks.v[i].len, x->toks.v[i].hash, &lists);
		uint32_t f = x->toks.v[i].flags;
		x->bits[i] = b & ~GEO_W_MARKED;
		x->marked[i] = lists;
		x->dc[i].kind = 0;
		if (f & GEO_TOK_PUNCT)
			continue;
		/* words of two letters or more, and how many are capitals */
		if ((f & GEO_TOK_WORD) && !(f & GEO_TOK_NUM) && x->toks.v[i].len > 1) {
			words++;
			caps += (f & GEO_TOK_ALLCAP) != 0;
		}
		dict_lookup(x, i);
		/* "must" and "should" after a side are triggers of the
		 * grammar's own (trigger_pass), not of the lexicon.  One
		 * such word is enough to know. */
		if (!may_trig)
			may_trig = geo_lex_may_start(x->trigs, &x->toks, i) ||
				   ((b & GEO_W_HYP) && (tok_is(x, i, "must") || tok_is(x, i, "should")));
#ifdef GEO_TESTING
		/* "must" and "should" are hypothetical modals of the word
		 * classes: the two tests above rely on that bit. */
		if ((tok_is(x, i, "must") || tok_is(x, i, "should")) && !(b & GEO_W_HYP))
			abort();
#endif
		/* "if" and "unless" are clause barriers of the word classes:
		 * most words are turned away by that bit. */
		if (x->cond == NTOK && (x->bits[i] & GEO_W_BARRIER) &&
		    ((tok_is(x, i, "if") && !(i > 0 && tok_in(x, i - 1, whether_verbs))) || tok_is(x, i, "unless")))
			x->cond = i;
	}
	for (size_t i = NTOK; i < NTOK + TOK_PAD; i++) {
		x->bits[i] = 0;
		x->marked[i] = 0;
		x->dc[i].kind = 0;
	}
	if (gsi <= 1)
		mask_dateline(x);
	/* No word that can start a trigger: the trigger pass would find none,
	 * and it changes nothing else.  No mention at all (not even "he" or
	 * "the two countries"): no trigger could name a side, and the pass
	 * leaves nothing for the next sentence. */
	if ((rc = mention_pass(x)) != GEO_OK)
		return geo_error_set(err, rc, "out of memory");
	if (gsi <= 1)
		dateline_places(x);
	shouting(x, words, caps);
	if (may_trig && x->nmen && (rc = trigger_pass(x)) != GEO_OK)
		return geo_error_set(err, rc, "out of memory");
	for (size_t t = 0; t < x->ntrig; t++)
		if ((rc = process_trigger(x, ec, t, err)) != GEO_OK)
			return rc;
	return GEO_OK;
}

/* Forgets the last document. */
static void doc_reset(geo_extractor *x)
{
	x->next_sent = 0;
	x->sents.n = 0;
	x->sent_base = 0;
	x->quote_in = false;
	x->doc_continues = false;
	x->npeople = 0;
	x->nindexed = 0;
	x->have_person = x->have_agent = x->have_pair = false;
}

/* Starts reading the document whose normalised text is in x->norm. */
static geo_err doc_open(geo_extractor *x, const char *doc, const char *date, geo_event_fn emit_fn, void *user,
			geo_error *err)
{
	geo_err rc;

	if ((rc = geo_buf_reserve(&x->norm, 1)) != GEO_OK ||
	    (rc = geo_sentences_split(x->norm.data, x->norm.len, &x->sents)) != GEO_OK ||
	    (rc = find_quotes(x)) != GEO_OK) {
		x->sents.n = 0;
		return geo_error_set(err, rc, "out of memory");
	}
	geo_text_find_date(x->norm.data, x->norm.len, date, x->when);
	x->doc = doc;
	x->emit_fn = emit_fn;
	x->emit_user = user;
	return GEO_OK;
}

geo_err geo_text_doc_begin(geo_extractor *x, const char *doc, const char *date, geo_buf *text,
			   bool continues, geo_event_fn emit_fn, void *user, size_t *nsent, size_t *replaced,
			   geo_error *err)
{
	geo_buf old;
	geo_err rc;

	*nsent = 0;
	*replaced = 0;
	doc_reset(x);
	/* The text becomes the extractor's: no second copy of a long
	 * document; the last document's block goes back to the caller. */
	if ((rc = geo_text_normalize_inplace(text, replaced)) != GEO_OK)
		return geo_error_set(err, rc, "out of memory");
	old = x->norm;
	x->norm = *text;
	*text = old;
	x->doc_continues = continues;
	if ((rc = doc_open(x, doc, date, emit_fn, user, err)) != GEO_OK)
		return rc;
	*nsent = x->sents.n;
	return GEO_OK;
}

void geo_text_doc_take(geo_extractor *x, geo_buf *text)
{
	geo_buf b = x->norm;

	x->norm = *text;
	*text = b;
	geo_buf_reset(text);
	geo_buf_reset(&x->norm);
	x->sent_base += x->sents.n;
	x->sents.n = x->next_sent = 0;
}

geo_err geo_text_doc_more(geo_extractor *x, geo_buf *text, bool continues, size_t *nsent, size_t *replaced,
			  geo_error *err)
{
	geo_buf old;
	geo_err rc;

	*nsent = 0;
	*replaced = 0;
	/* Each character is normalised on its own (a CRLF is never cut, and a
	 * BOM past the start is dropped as at the start), so a window's
	 * normalised text is the stretch of the whole document's. */
	if ((rc = geo_text_normalize_inplace(text, replaced)) != GEO_OK)
		return geo_error_set(err, rc, "out of memory");
	old = x->norm;
	x->norm = *text;
	*text = old;
	x->doc_continues = continues;
	/* The date and the people met stay the document's; a sentence has
	 * ended before this window unless nothing came before it. */
	if ((rc = geo_buf_reserve(&x->norm, 1)) != GEO_OK ||
	    (rc = (x->sent_base ? geo_sentences_split_more : geo_sentences_split)(x->norm.data, x->norm.len,
										   &x->sents)) != GEO_OK ||
	    (rc = find_quotes(x)) != GEO_OK) {
		x->sents.n = 0;
		return geo_error_set(err, rc, "out of memory");
	}
	*nsent = x->sents.n;
	return GEO_OK;
}

geo_err geo_text_doc_step(geo_extractor *x, bool *more, geo_error *err)
{
	emit_ctx ec;
	geo_err rc = GEO_OK;

	if (x->next_sent < x->sents.n) {
		ec.doc = x->doc;
		ec.date = x->when[0] ? x->when : NULL;
		ec.fn = x->emit_fn;
		ec.user = x->emit_user;
		ec.sent = (int32_t)(x->sent_base + x->next_sent);
		rc = do_sentence(x, &ec, x->next_sent++, err);
	}
	*more = rc == GEO_OK && x->next_sent < x->sents.n;
	return rc;
}

geo_err geo_extract_text(geo_extractor *x, const char *doc, const char *date, const char *text,
			 size_t len, geo_event_fn emit_fn, void *user, size_t *nsent, size_t *replaced,
			 geo_error *err)
{
	size_t n, bad;
	bool more;
	geo_err rc;

	if (nsent)
		*nsent = 0;
	if (replaced)
		*replaced = 0;
	doc_reset(x);
	geo_buf_reset(&x->norm);
	if ((rc = geo_text_normalize(text, len, &x->norm, &bad)) != GEO_OK)
		return geo_error_set(err, rc, "out of memory");
	if ((rc = doc_open(x, doc, date, emit_fn, user, err)) != GEO_OK)
		return rc;
	n = x->sents.n;
	if (replaced)
		*replaced = bad;
	do
		rc = geo_text_doc_step(x, &more, err);
	while (rc == GEO_OK && more);
	if (rc == GEO_OK && nsent)
		*nsent = n;
	return rc;
}

/* Every list tok_in() and object_has() are given, in TOK_LISTS order. */
static const char *const *const tok_lists[] = {
#define TOK_LIST_PTR(name) name,
	TOK_LISTS(TOK_LIST_PTR)
#undef TOK_LIST_PTR
	NULL,
};

#ifdef GEO_TESTING
/* Tests: the mask must say what a scan of the list says. */
static void tok_in_check(const geo_extractor *x, size_t i, enum tok_list id)
{
	if (((x->marked[i] >> id) & 1) != tok_in_scan(x, i, tok_lists[id]))
		abort();
}
#endif

geo_err geo_extractor_new(geo_extractor **out, const geo_dict *dict, const geo_extract_opts *opts,
			  geo_error *err)
{
	geo_extractor *x = calloc(1, sizeof *x);
	geo_err rc = GEO_ENOMEM;

	*out = NULL;
	if (!x)
		goto out;
	x->dict = dict;
	x->level = opts ? opts->level : GEO_LEVEL_COUNTRY;
	if (!(x->actors = geo_lex_new()) || !(x->trigs = geo_lex_new()) || !(x->tails = geo_lex_new()) ||
	    !(x->insts = geo_lex_new()))
		goto out;
	if ((rc = geo_words_build(&x->words, tok_lists)) != GEO_OK || (rc = build(x)) != GEO_OK)
		goto out;
	*out = x;
	x = NULL;
	rc = GEO_OK;
out:
	geo_extractor_free(x);
	if (rc != GEO_OK)
		return geo_error_set(err, rc, "out of memory");
	return GEO_OK;
}

void geo_extractor_free(geo_extractor *x)
{
	if (!x)
		return;
	geo_lex_free(x->actors);
	geo_lex_free(x->trigs);
	geo_lex_free(x->tails);
	geo_lex_free(x->insts);
	geo_words_free(&x->words);
	for (size_t i = 0; i < x->nobjsets; i++) {
		for (size_t o = 0; o < x->objsets[i].n; o++)
			free(x->objsets[i].w[o]);
		free(x->objsets[i].w);
		free(x->objsets[i].len);
		free(x->objsets[i].hash);
	}
	free(x->objsets);
	free(x->rels);
	free(x->gaps);
	free(x->gap_out);
	geo_buf_free(&x->norm);
	geo_buf_free(&x->evid);
	geo_sentences_free(&x->sents);
	geo_tokens_free(&x->toks);
	free(x->bits);
	free(x->marked);
	free(x->tmen);
	free(x->ttrig);
	free(x->dc);
	free(x->men);
	free(x->trigs_v);
	free(x->quotes);
	free(x);
}

#ifdef GEO_TESTING
/* Tests: the mentions and triggers of the last sentence, one per line. */
void geo_text_dump(const geo_extractor *x, FILE *fp)
{
	for (size_t i = 0; i < x->nmen; i++) {
		const mention *m = &x->men[i];
		fprintf(fp, "mention %u-%u %s kind=%d poss=%d adj=%d loc=%d pp=%d pron=%d \"%.*s\"\n", m->t0, m->t1,
			m->a.id ? m->a.id : "-", m->kind, m->poss, m->adj, m->loc, m->pp, m->pron,
			(int)(span_end(x, m->t1) - span_start(x, m->t0)), x->s + span_start(x, m->t0));
	}
	for (size_t i = 0; i < x->ntrig; i++) {
		const trig *t = &x->trigs_v[i];
		fprintf(fp, "trigger %u-%u %s form=%d \"%.*s\"\n", t->t0, t->t1, x->rels[t->rel].info->label, t->form,
			(int)(span_end(x, t->t1) - span_start(x, t->t0)), x->s + span_start(x, t->t0));
	}
}
#endif

/* test_dict_data.c - the built-in actor dictionary's content: every UN
 * member and observer is a country, the fixed organisation ids exist, ids
 * are well formed, affiliations resolve, CAMEO codes are unique, and no
 * alias can be read as two different things.  The checker itself is run on
 * small bad dictionaries first, so that a clean result means something. */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extract_internal.h"

#define N_ELEMS(a) (sizeof(a) / sizeof *(a))

/* ------------------------------------------------------------------ */
/* Collecting aliases                                                  */

/* What an alias belongs to.  Exclusive aliases (name, adj, seat, city and not:
 * phrases that hold a name without meaning the actor) belong to exactly one
 * actor; bare ones may repeat, and may equal another actor's
 * name (the name is what they mean with no country before them); roles and
 * media must not be mistaken for anything else. */
enum alias_class { AL_EXCLUSIVE, AL_BARE, AL_ROLE, AL_MEDIA };

struct alias {
	enum alias_class cls;
	const char *kind;  /* "name", "adj", "seat", "city", "bare", "role", "media" */
	const char *owner; /* actor id, role canonical name or media line */
	char *text;
	char *folded;      /* ASCII lower case, for sorting */
	const char *file;
	size_t line;
};

struct alias_list {
	struct alias *v;
	size_t n, cap;
	enum alias_class cls;
	const char *kind, *owner, *file;
	size_t line;
	bool failed;
};

static geo_err add_alias(void *user, const char *s, size_t n)
{
	struct alias_list *l = user;
	struct alias *a;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;
		struct alias *v = realloc(l->v, cap * sizeof *v);
		if (!v) {
			l->failed = true;
			return GEO_ENOMEM;
		}
		l->v = v;
		l->cap = cap;
	}
	a = &l->v[l->n];
	a->text = geo_strndup(s, n);
	a->folded = geo_strndup(s, n);
	if (!a->text || !a->folded) {
		free(a->text);
		free(a->folded);
		l->failed = true;
		return GEO_ENOMEM;
	}
	for (char *p = a->folded; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	a->cls = l->cls;
	a->kind = l->kind;
	a->owner = l->owner;
	a->file = l->file;
	a->line = l->line;
	l->n++;
	return GEO_OK;
}

static void collect(struct alias_list *l, enum alias_class cls, const char *kind, const char *owner,
		    const char *field, const char *file, size_t line)
{
	l->cls = cls;
	l->kind = kind;
	l->owner = owner;
	l->file = file;
	l->line = line;
	assert_int_equal(geo_dict_each_alias(field, add_alias, l), GEO_OK);
}

/* Every alias of every entry: actor lines, role canonical names and
 * aliases, media lines. */
static void collect_all(const geo_dict *d, struct alias_list *l)
{
	memset(l, 0, sizeof *l);
	for (size_t i = 0; i < geo_dict_entry_count(d); i++) {
		const geo_dict_entry *e = geo_dict_entry_at(d, i);
		if (strcmp(e->kind, "actor") == 0) {
			for (size_t j = 0; j < e->nlines; j++) {
				const geo_dict_line *dl = &e->lines[j];
				enum alias_class cls = strcmp(dl->kind, "bare") == 0 ? AL_BARE : AL_EXCLUSIVE;
				for (size_t k = 0; k < dl->nfields; k++)
					collect(l, cls, dl->kind, e->fields[0], dl->fields[k], dl->file, dl->lineno);
			}
		} else if (strcmp(e->kind, "role") == 0) {
			for (size_t k = 0; k < e->nfields; k++)
				collect(l, AL_ROLE, "role", e->fields[0], e->fields[k], e->file, e->lineno);
		} else if (strcmp(e->kind, "media") == 0) {
			for (size_t k = 0; k < e->nfields; k++)
				collect(l, AL_MEDIA, "media", e->fields[0], e->fields[k], e->file, e->lineno);
		}
	}
	assert_false(l->failed);
}

static void free_all(struct alias_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].text);
		free(l->v[i].folded);
	}
	free(l->v);
}

static bool has_upper(const char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			return true;
	return false;
}

/* Whether the extractor could match both aliases on the same text: an
 * alias with a capital matches only its own case, one without matches any
 * case. */
static bool same_text(const struct alias *a, const struct alias *b)
{
	if (strcmp(a->text, b->text) == 0)
		return true;
	return (!has_upper(a->text) || !has_upper(b->text)) && strcmp(a->folded, b->folded) == 0;
}

static bool same_owner(const struct alias *a, const struct alias *b)
{
	bool a_actor = a->cls == AL_EXCLUSIVE || a->cls == AL_BARE;
	bool b_actor = b->cls == AL_EXCLUSIVE || b->cls == AL_BARE;

	if (a_actor != b_actor || (!a_actor && a->cls != b->cls))
		return false;
	return strcmp(a->owner, b->owner) == 0;
}

/* Two aliases of different owners on the same text are a problem unless
 * at least one is bare and neither is a role or media alias. */
static bool allowed_overlap(const struct alias *a, const struct alias *b)
{
	if (a->cls == AL_ROLE || a->cls == AL_MEDIA || b->cls == AL_ROLE || b->cls == AL_MEDIA)
		return false;
	return a->cls == AL_BARE || b->cls == AL_BARE;
}

static int by_folded(const void *x, const void *y)
{
	const struct alias *a = x, *b = y;
	int c = strcmp(a->folded, b->folded);

	if (c)
		return c;
	c = strcmp(a->file, b->file);
	if (c)
		return c;
	return a->line < b->line ? -1 : a->line > b->line;
}

/* Problems found, with the first few described. */
struct report {
	size_t count;
	char text[4096];
	size_t len;
};

static void problem(struct report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void problem(struct report *r, const char *fmt, ...)
{
	va_list ap;
	int n;

	r->count++;
	if (r->len + 2 >= sizeof r->text)
		return;
	va_start(ap, fmt);
	n = vsnprintf(r->text + r->len, sizeof r->text - r->len - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	r->len += (size_t)n < sizeof r->text - r->len - 1 ? (size_t)n : sizeof r->text - r->len - 2;
	r->text[r->len++] = '\n';
	r->text[r->len] = '\0';
}

static void check_aliases(const geo_dict *d, struct report *r)
{
	struct alias_list l;

	collect_all(d, &l);
	if (l.n)
		qsort(l.v, l.n, sizeof *l.v, by_folded);
	for (size_t i = 0; i < l.n;) {
		size_t end = i + 1;
		while (end < l.n && strcmp(l.v[end].folded, l.v[i].folded) == 0)
			end++;
		for (size_t a = i; a < end; a++)
			for (size_t b = a + 1; b < end; b++) {
				const struct alias *x = &l.v[a], *y = &l.v[b];
				if (same_text(x, y) && !same_owner(x, y) && !allowed_overlap(x, y))
					problem(r, "%s:%zu: \"%s\" is %s of %s and %s of %s (%s:%zu)", y->file, y->line,
						y->text, y->kind, y->owner, x->kind, x->owner, x->file, x->line);
			}
		i = end;
	}
	free_all(&l);
}

/* ------------------------------------------------------------------ */
/* Ids, labels, affiliations, CAMEO codes                              */

static bool all_in(const char *s, const char *set, size_t min, size_t max)
{
	size_t n = strlen(s);

	return n >= min && n <= max && strspn(s, set) == n;
}

#define UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define LOWER "abcdefghijklmnopqrstuvwxyz"
#define DIGIT "0123456789"

/* Lower-case ASCII words joined by single hyphens; at least min words. */
static bool slug(const char *s, size_t min)
{
	size_t words = 0;

	for (;;) {
		size_t n = strspn(s, LOWER DIGIT);
		if (n == 0)
			return false;
		words++;
		s += n;
		if (*s == '\0')
			return words >= min;
		if (*s != '-')
			return false;
		s++;
	}
}

static bool id_well_formed(const geo_actor_info *a)
{
	switch (a->type) {
	case GEO_ACTOR_COUNTRY:
		return all_in(a->id, UPPER, 3, 3);
	case GEO_ACTOR_IGO:
	case GEO_ACTOR_GROUP:
		return all_in(a->id, UPPER DIGIT, 2, 24) && a->id[0] >= 'A' && a->id[0] <= 'Z';
	case GEO_ACTOR_PERSON:
		return strncmp(a->id, "person:", 7) == 0 && slug(a->id + 7, 2);
	case GEO_ACTOR_INSTITUTION:
		return strncmp(a->id, "institution:", 12) == 0 && all_in(a->id + 12, LOWER "-", 5, 200) &&
		       a->id[15] == '-' && strspn(a->id + 12, LOWER) == 3 && slug(a->id + 16, 1);
	default:
		return false;
	}
}

/* Whether an actor has any line the extractor could match. */
static bool matchable(const geo_dict *d, const char *id)
{
	for (size_t i = 0; i < geo_dict_entry_count(d); i++) {
		const geo_dict_entry *e = geo_dict_entry_at(d, i);
		if (strcmp(e->kind, "actor") == 0 && strcmp(e->fields[0], id) == 0 && e->nlines > 0)
			return true;
	}
	return false;
}

static void check_actors(const geo_dict *d, struct report *r)
{
	size_t n = geo_dict_actor_count(d);

	for (size_t i = 0; i < n; i++) {
		const geo_actor_info *a = geo_dict_actor_at(d, i);
		const geo_actor_info *aff = a->affiliation ? geo_dict_actor(d, a->affiliation) : NULL;
		bool needs_aff = a->type == GEO_ACTOR_PERSON || a->type == GEO_ACTOR_INSTITUTION;

		if (!id_well_formed(a))
			problem(r, "actor \"%s\": id not well formed for its type", a->id);
		if (!a->label || !*a->label)
			problem(r, "actor \"%s\": empty label", a->id);
		if (!matchable(d, a->id))
			problem(r, "actor \"%s\": no name, adj, seat or bare line", a->id);
		if (needs_aff && !a->affiliation)
			problem(r, "actor \"%s\": no affiliation", a->id);
		if (a->affiliation && !aff)
			problem(r, "actor \"%s\": affiliation \"%s\" is not an actor", a->id, a->affiliation);
		if (aff && (aff == a || (aff->type != GEO_ACTOR_COUNTRY && aff->type != GEO_ACTOR_IGO)))
			problem(r, "actor \"%s\": affiliation \"%s\" is not a state or organisation", a->id,
				a->affiliation);
		if (a->type == GEO_ACTOR_COUNTRY && a->affiliation)
			problem(r, "actor \"%s\": a state has no affiliation", a->id);
		if (a->type == GEO_ACTOR_INSTITUTION && aff && id_well_formed(a)) {
			/* institution:usa-... acts for USA. */
			char iso[4];
			for (size_t k = 0; k < 3; k++)
				iso[k] = (char)(a->id[12 + k] - 'a' + 'A');
			iso[3] = '\0';
			if (strcmp(iso, a->affiliation) != 0)
				problem(r, "actor \"%s\": id names %s but affiliation is %s", a->id, iso,
					a->affiliation);
		}
		if (a->cameo && !all_in(a->cameo, UPPER, 3, 3))
			problem(r, "actor \"%s\": CAMEO code \"%s\" is not three capitals", a->id, a->cameo);
		/* A CAMEO code read from GDELT must name one actor. */
		for (size_t j = 0; a->cameo && j < i; j++) {
			const geo_actor_info *b = geo_dict_actor_at(d, j);
			if (b->cameo && strcmp(a->cameo, b->cameo) == 0)
				problem(r, "actor \"%s\": CAMEO code %s is also %s's", a->id, a->cameo, b->id);
		}
	}
}

/* Whether needle occurs in hay as whole words, by the matching rule. */
static bool contains_words(const char *hay, const struct alias *needle)
{
	const char *text = has_upper(needle->text) ? needle->text : needle->folded;
	size_t n = strlen(text), hn = strlen(hay);
	char *h = geo_strndup(hay, hn);
	bool found = false;

	assert_non_null(h);
	if (!has_upper(needle->text))
		for (char *p = h; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
	for (const char *p = strstr(h, text); p && !found; p = strstr(p + 1, text)) {
		bool left = p == h || !isalnum((unsigned char)p[-1]);
		bool right = !isalnum((unsigned char)p[n]);
		found = left && right;
	}
	free(h);
	return found;
}

/* A not line is only there to shield one of its actor's own names. */
static void check_not_lines(const geo_dict *d, struct report *r)
{
	struct alias_list l;

	collect_all(d, &l);
	for (size_t i = 0; i < l.n; i++) {
		bool shields = false;
		if (strcmp(l.v[i].kind, "not") != 0)
			continue;
		for (size_t j = 0; j < l.n && !shields; j++)
			shields = l.v[j].cls == AL_EXCLUSIVE && strcmp(l.v[j].kind, "not") != 0 &&
				  strcmp(l.v[j].owner, l.v[i].owner) == 0 && contains_words(l.v[i].text, &l.v[j]);
		if (!shields)
			problem(r, "%s:%zu: not \"%s\" holds none of %s's names", l.v[i].file, l.v[i].line,
				l.v[i].text, l.v[i].owner);
	}
	free_all(&l);
}

/* ------------------------------------------------------------------ */
/* People's one-word names                                             */

static const char *affiliation_of(const geo_dict *d, const char *id)
{
	const geo_actor_info *a = geo_dict_actor(d, id);

	return a && a->type == GEO_ACTOR_PERSON ? a->affiliation : NULL;
}

/* Whether word is the first or the last space-separated word of name. */
static bool first_or_last_word(const char *name, const char *word)
{
	size_t n = strlen(word), len = strlen(name);
	const char *sp = strchr(name, ' ');

	if (!sp)
		return false;
	if ((size_t)(sp - name) == n && strncmp(name, word, n) == 0)
		return true;
	return len > n && name[len - n - 1] == ' ' && strcmp(name + len - n, word) == 0;
}

/* A person's one-word name ("Gorbachev") stands for its affiliation.  It
 * must not also be the surname or given name of a person of another
 * affiliation ("Stoltenberg": German minister and NATO head; "Abbas":
 * Palestinian president and Iranian minister), or the extractor would fold
 * one into the other's state.  People of the same affiliation may share it:
 * at country level either reading is right. */
static void check_person_words(const geo_dict *d, struct report *r)
{
	struct alias_list l;

	collect_all(d, &l);
	for (size_t i = 0; i < l.n; i++) {
		const struct alias *a = &l.v[i];
		const char *aff_a;
		if (a->cls != AL_EXCLUSIVE || strcmp(a->kind, "name") != 0 || strchr(a->text, ' '))
			continue;
		aff_a = affiliation_of(d, a->owner);
		if (!aff_a)
			continue;
		for (size_t j = 0; j < l.n; j++) {
			const struct alias *b = &l.v[j];
			const char *aff_b;
			if (b->cls != AL_EXCLUSIVE || strcmp(b->kind, "name") != 0 ||
			    strcmp(a->owner, b->owner) == 0 || !first_or_last_word(b->text, a->text))
				continue;
			aff_b = affiliation_of(d, b->owner);
			if (aff_b && strcmp(aff_a, aff_b) != 0)
				problem(r, "%s:%zu: \"%s\" alone names %s (%s) but is also in %s's name \"%s\" (%s)",
					a->file, a->line, a->text, a->owner, aff_a, b->owner, b->text, aff_b);
		}
	}
	free_all(&l);
}

static void check_dict(const geo_dict *d, struct report *r)
{
	memset(r, 0, sizeof *r);
	check_aliases(d, r);
	check_actors(d, r);
	check_not_lines(d, r);
	check_person_words(d, r);
}

/* ------------------------------------------------------------------ */
/* The checker on small dictionaries                                   */

struct checker_case {
	const char *text;
	const char *want; /* in the report; NULL: no problem at all */
};

static void test_checker(void **state)
{
	static const struct checker_case cases[] = {
		{"actor\tAAA\tcountry\tA\n\tname\tAland\n\tbare\tSenate\n"
		 "actor\tBBB\tcountry\tB\n\tname\tBland\n\tbare\tSenate\n",
		 NULL},
		{"actor\tAAA\tcountry\tA\n\tname\tAland\n"
		 "actor\tBBB\tcountry\tB\n\tseat\tAland\n",
		 "\"Aland\" is seat of BBB and name of AAA"},
		{"actor\tAAA\tcountry\tA\n\tname\taland\n"
		 "actor\tBBB\tcountry\tB\n\tadj\tAland\n",
		 "\"Aland\" is adj of BBB and name of AAA"},
		/* Capitalised differently, both case-sensitive: no clash. */
		{"actor\tAAA\tcountry\tA\n\tname\tAland\n"
		 "actor\tBBB\tcountry\tB\n\tname\tALAND\n",
		 NULL},
		/* A bare alias may equal another actor's name. */
		{"actor\tAAA\tcountry\tA\n\tname\tForeign Office\n"
		 "actor\tBBB\tcountry\tB\n\tbare\tForeign Office\n",
		 NULL},
		{"actor\tAAA\tcountry\tA\n\tname\tAland\nmedia\tAland Times; Aland\n", "is media of Aland Times"},
		{"actor\tAAA\tcountry\tA\n\tbare\tminister\nrole\tMinister\tminister\n", "is role of Minister"},
		{"role\tKing\tking\nrole\tMonarch\tKing\n", "is role of"},
		{"actor\tAAA\tcountry\tA\tcameo=AAA\n\tname\tAland\n"
		 "actor\tBBB\tcountry\tB\tcameo=AAA\n\tname\tBland\n",
		 "CAMEO code AAA is also AAA's"},
		{"actor\tAAA\tcountry\tA\tcameo=aa1\n\tname\tAland\n", "is not three capitals"},
		{"actor\tAaA\tcountry\tA\n\tname\tAland\n", "\"AaA\": id not well formed"},
		{"actor\tEU-X\tigo\tA\n\tname\tAland\n", "\"EU-X\": id not well formed"},
		{"actor\tperson:bob\tperson\tBob\taffiliation=AAA\n\tname\tBob X\n"
		 "actor\tAAA\tcountry\tA\n\tname\tAland\n",
		 "\"person:bob\": id not well formed"},
		{"actor\tperson:Bob-X\tperson\tBob\taffiliation=AAA\n\tname\tBob X\n"
		 "actor\tAAA\tcountry\tA\n\tname\tAland\n",
		 "\"person:Bob-X\": id not well formed"},
		{"actor\tperson:bob-x\tperson\tBob\n\tname\tBob X\n", "\"person:bob-x\": no affiliation"},
		{"actor\tperson:bob-x\tperson\tBob\taffiliation=ZZZ\n\tname\tBob X\n",
		 "affiliation \"ZZZ\" is not an actor"},
		{"actor\tperson:bob-x\tperson\tBob\taffiliation=person:bob-x\n\tname\tBob X\n",
		 "is not a state or organisation"},
		{"actor\tinstitution:aaa-senate\tinstitution\tS\taffiliation=BBB\n\tbare\tSenate\n"
		 "actor\tBBB\tcountry\tB\n\tname\tBland\n",
		 "id names AAA but affiliation is BBB"},
		{"actor\tinstitution:aaasenate\tinstitution\tS\taffiliation=AAA\n\tbare\tSenate\n"
		 "actor\tAAA\tcountry\tA\n\tname\tAland\n",
		 "id not well formed"},
		{"actor\tAAA\tcountry\tA\taffiliation=BBB\n\tname\tAland\n"
		 "actor\tBBB\tcountry\tB\n\tname\tBland\n",
		 "a state has no affiliation"},
		{"actor\tAAA\tcountry\tA\n", "\"AAA\": no name, adj, seat or bare line"},
		{"actor\tAAA\tcountry\tA\n\tname\tAland\n\tnot\tAland Islands; Alandia\n",
		 "not \"Alandia\" holds none of AAA's names"},
		{"actor\tAAA\tcountry\tA\n\tname\tAland\n\tnot\tAland Islands\n"
		 "actor\tBBB\tcountry\tB\n\tname\tAland Islands\n",
		 "\"Aland Islands\" is name of BBB and not of AAA"},
		{"actor\tAAA\tcountry\tA\n\tadj\taland\n\tnot\tNorth Aland; ALAND SEA\n", NULL},
		/* One-word names of people. */
		{"actor\tAAA\tcountry\tA\n\tname\tAland\nactor\tBBB\tcountry\tB\n\tname\tBland\n"
		 "actor\tperson:bob-smith\tperson\tBob\taffiliation=AAA\n\tname\tBob Smith; Smith\n"
		 "actor\tperson:jane-smith\tperson\tJane\taffiliation=BBB\n\tname\tJane Smith\n",
		 "\"Smith\" alone names person:bob-smith (AAA) but is also in person:jane-smith's name \"Jane Smith\" (BBB)"},
		{"actor\tAAA\tcountry\tA\n\tname\tAland\nactor\tBBB\tcountry\tB\n\tname\tBland\n"
		 "actor\tperson:bob-smith\tperson\tBob\taffiliation=AAA\n\tname\tBob Smith; Smith\n"
		 "actor\tperson:smith-jones\tperson\tJones\taffiliation=BBB\n\tname\tSmith Jones\n",
		 "is also in person:smith-jones's name \"Smith Jones\""},
		/* Same affiliation: either reading folds into AAA. */
		{"actor\tAAA\tcountry\tA\n\tname\tAland\n"
		 "actor\tperson:bob-smith\tperson\tBob\taffiliation=AAA\n\tname\tBob Smith; Smith\n"
		 "actor\tperson:jane-smith\tperson\tJane\taffiliation=AAA\n\tname\tJane Smith\n",
		 NULL},
		/* Only whole first or last words count. */
		{"actor\tAAA\tcountry\tA\n\tname\tAland\nactor\tBBB\tcountry\tB\n\tname\tBland\n"
		 "actor\tperson:bob-smith\tperson\tBob\taffiliation=AAA\n\tname\tBob Smith; Smith\n"
		 "actor\tperson:jane-smithers\tperson\tJane\taffiliation=BBB\n\tname\tJane Smithers; Jane Smith Doe\n",
		 NULL},
	};

	(void)state;
	for (size_t i = 0; i < N_ELEMS(cases); i++) {
		geo_dict *d;
		geo_error err;
		struct report r;
		assert_int_equal(geo_dict_new_empty(&d, &err), GEO_OK);
		assert_int_equal(geo_dict_load_buffer(d, "t", cases[i].text, strlen(cases[i].text), &err), GEO_OK);
		check_dict(d, &r);
		if (!cases[i].want && r.count)
			fail_msg("case %zu: unexpected problems:\n%s", i, r.text);
		if (cases[i].want && !strstr(r.text, cases[i].want))
			fail_msg("case %zu: want \"%s\" in:\n%s", i, cases[i].want, r.text);
		geo_dict_free(d);
	}
}

/* ------------------------------------------------------------------ */
/* The built-in dictionary                                             */

static void test_builtin_clean(void **state)
{
	geo_dict *d;
	geo_error err;
	struct report r;

	(void)state;
	assert_int_equal(geo_dict_new_builtin(&d, &err), GEO_OK);
	check_dict(d, &r);
	if (r.count)
		fail_msg("%zu problems in the built-in dictionary:\n%s", r.count, r.text);
	geo_dict_free(d);
}

/* The 193 UN member states (ISO 3166-1 alpha-3). */
static const char *const un_members[] = {
	/* Africa (54) */
	"DZA", "AGO", "BEN", "BWA", "BFA", "BDI", "CPV", "CMR", "CAF", "TCD", "COM", "COG", "COD", "CIV",
	"DJI", "EGY", "GNQ", "ERI", "SWZ", "ETH", "GAB", "GMB", "GHA", "GIN", "GNB", "KEN", "LSO", "LBR",
	"LBY", "MDG", "MWI", "MLI", "MRT", "MUS", "MAR", "MOZ", "NAM", "NER", "NGA", "RWA", "STP", "SEN",
	"SYC", "SLE", "SOM", "ZAF", "SSD", "SDN", "TZA", "TGO", "TUN", "UGA", "ZMB", "ZWE",
	/* Americas (35) */
	"ATG", "ARG", "BHS", "BRB", "BLZ", "BOL", "BRA", "CAN", "CHL", "COL", "CRI", "CUB", "DMA", "DOM",
	"ECU", "SLV", "GRD", "GTM", "GUY", "HTI", "HND", "JAM", "MEX", "NIC", "PAN", "PRY", "PER", "KNA",
	"LCA", "VCT", "SUR", "TTO", "USA", "URY", "VEN",
	/* Asia (47) */
	"AFG", "ARM", "AZE", "BHR", "BGD", "BTN", "BRN", "KHM", "CHN", "CYP", "GEO", "IND", "IDN", "IRN",
	"IRQ", "ISR", "JPN", "JOR", "KAZ", "KWT", "KGZ", "LAO", "LBN", "MYS", "MDV", "MNG", "MMR", "NPL",
	"PRK", "KOR", "OMN", "PAK", "PHL", "QAT", "SAU", "SGP", "LKA", "SYR", "TJK", "THA", "TLS", "TUR",
	"TKM", "ARE", "UZB", "VNM", "YEM",
	/* Europe (43) */
	"ALB", "AND", "AUT", "BLR", "BEL", "BIH", "BGR", "HRV", "CZE", "DNK", "EST", "FIN", "FRA", "DEU",
	"GRC", "HUN", "ISL", "IRL", "ITA", "LVA", "LIE", "LTU", "LUX", "MLT", "MDA", "MCO", "MNE", "NLD",
	"MKD", "NOR", "POL", "PRT", "ROU", "RUS", "SMR", "SRB", "SVK", "SVN", "ESP", "SWE", "CHE", "UKR",
	"GBR",
	/* Oceania (14) */
	"AUS", "FJI", "KIR", "MHL", "FSM", "NRU", "NZL", "PLW", "PNG", "WSM", "SLB", "TON", "TUV", "VUT",
};

/* UN observer states, and two states outside the UN. */
static const char *const other_states[] = {"VAT", "PSE", "TWN", "XKX"};

static const char *const organisations[] = {
	"EU",     "NATO",  "UN",    "UNSC",   "OPEC",    "OPECPLUS", "G7",       "G20",   "BRICS",
	"ASEAN",  "AU",    "WTO",   "IMF",    "WB",      "IAEA",     "WHO",      "SCO",   "GCC",
	"ARABLEAGUE", "OSCE", "OAS", "ECOWAS", "APEC",   "CIS",      "EAEU",     "ICC",   "ICJ",
	"INTERPOL", "COE", "OECD",  "OIC",    "SAARC",   "MERCOSUR", "CARICOM",  "UNHCR", "UNICEF",
	"WFP",    "UNESCO", "ILO",  "FAO",    "UNDP",    "IEA",      "ECB",      "EBRD",  "ADB",
	"AIIB",   "NDB",   "IOM",   "UNRWA",  "UNGA",    "QUAD",     "AUKUS",
};

static void test_states(void **state)
{
	geo_dict *d;
	geo_error err;
	size_t countries = 0;

	(void)state;
	assert_int_equal(N_ELEMS(un_members), 193);
	assert_int_equal(geo_dict_new_builtin(&d, &err), GEO_OK);
	for (size_t i = 0; i < N_ELEMS(un_members); i++) {
		const geo_actor_info *a = geo_dict_actor(d, un_members[i]);
		if (!a || a->type != GEO_ACTOR_COUNTRY)
			fail_msg("UN member %s is not a country in the dictionary", un_members[i]);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(un_members[i], un_members[j]);
	}
	for (size_t i = 0; i < N_ELEMS(other_states); i++) {
		const geo_actor_info *a = geo_dict_actor(d, other_states[i]);
		if (!a || a->type != GEO_ACTOR_COUNTRY)
			fail_msg("%s is not a country in the dictionary", other_states[i]);
	}
	/* No other countries: territories fold into their state. */
	for (size_t i = 0; i < geo_dict_actor_count(d); i++)
		countries += geo_dict_actor_at(d, i)->type == GEO_ACTOR_COUNTRY;
	assert_int_equal(countries, 193 + N_ELEMS(other_states));
	geo_dict_free(d);
}

static void test_cameo_codes(void **state)
{
	/* Where CAMEO's country code is not the ISO one, and organisations'
	 * known-group codes. */
	static const char *const pairs[][2] = {
		{"ROU", "ROM"}, {"MNE", "MTN"}, {"TLS", "TMP"}, {"USA", "USA"}, {"PSE", "PSE"},
		{"TWN", "TWN"}, {"VAT", "VAT"}, {"EU", "EEC"},  {"NATO", "NAT"}, {"UN", "UNO"},
		{"OPEC", "OPC"}, {"IAEA", "IAE"}, {"WB", "WBK"}, {"G7", "GOS"}, {"ASEAN", "ASN"},
		{"ARABLEAGUE", "ARL"}, {"OSCE", "SCE"}, {"ECOWAS", "WAS"}, {"INTERPOL", "ITP"},
		{"UNICEF", "KID"}, {"UNHCR", "HCR"}, {"SAARC", "SAA"}, {"EBRD", "EBR"},
	};
	geo_dict *d;
	geo_error err;

	(void)state;
	assert_int_equal(geo_dict_new_builtin(&d, &err), GEO_OK);
	for (size_t i = 0; i < N_ELEMS(pairs); i++) {
		const geo_actor_info *a = geo_dict_actor(d, pairs[i][0]);
		assert_non_null(a);
		if (!a->cameo || strcmp(a->cameo, pairs[i][1]) != 0)
			fail_msg("%s: CAMEO %s, want %s", pairs[i][0], a->cameo ? a->cameo : "(none)", pairs[i][1]);
	}
	/* SHA is the Shas party in CAMEO, not the SCO; the UN's bodies share
	 * UNO, which stays with the UN. */
	assert_null(geo_dict_actor(d, "SCO")->cameo);
	assert_null(geo_dict_actor(d, "UNSC")->cameo);
	/* Every other state's CAMEO code is its ISO code; only states newer
	 * than CAMEO's list have none. */
	for (size_t i = 0; i < geo_dict_actor_count(d); i++) {
		const geo_actor_info *a = geo_dict_actor_at(d, i);
		if (a->type != GEO_ACTOR_COUNTRY || !strcmp(a->id, "ROU") || !strcmp(a->id, "MNE") ||
		    !strcmp(a->id, "TLS"))
			continue;
		if (!strcmp(a->id, "SSD") || !strcmp(a->id, "XKX"))
			assert_null(a->cameo);
		else if (!a->cameo || strcmp(a->cameo, a->id) != 0)
			fail_msg("%s: CAMEO %s, want %s", a->id, a->cameo ? a->cameo : "(none)", a->id);
	}
	geo_dict_free(d);
}

static void test_organisations(void **state)
{
	geo_dict *d;
	geo_error err;
	size_t igos = 0, people = 0, institutions = 0;

	(void)state;
	assert_int_equal(geo_dict_new_builtin(&d, &err), GEO_OK);
	for (size_t i = 0; i < N_ELEMS(organisations); i++) {
		const geo_actor_info *a = geo_dict_actor(d, organisations[i]);
		if (!a || a->type != GEO_ACTOR_IGO)
			fail_msg("organisation %s is not an igo in the dictionary", organisations[i]);
	}
	for (size_t i = 0; i < geo_dict_actor_count(d); i++) {
		geo_actor_type t = geo_dict_actor_at(d, i)->type;
		igos += t == GEO_ACTOR_IGO;
		people += t == GEO_ACTOR_PERSON;
		institutions += t == GEO_ACTOR_INSTITUTION;
	}
	assert_true(igos >= N_ELEMS(organisations));
	assert_true(people >= 60);
	assert_true(institutions >= 30);
	assert_string_equal(geo_dict_actor(d, "person:scott-bessent")->affiliation, "USA");
	assert_string_equal(geo_dict_actor(d, "person:vladimir-putin")->affiliation, "RUS");
	assert_string_equal(geo_dict_actor(d, "person:ulf-kristersson")->affiliation, "SWE");
	assert_string_equal(geo_dict_actor(d, "person:mark-rutte")->affiliation, "NATO");
	assert_string_equal(geo_dict_actor(d, "institution:usa-senate")->affiliation, "USA");
	assert_string_equal(geo_dict_actor(d, "institution:chn-foreign-ministry")->affiliation, "CHN");
	/* UN organs fold into the UN; its autonomous agencies and states do not. */
	assert_string_equal(geo_dict_actor(d, "UNSC")->affiliation, "UN");
	assert_string_equal(geo_dict_actor(d, "UNGA")->affiliation, "UN");
	assert_null(geo_dict_actor(d, "IAEA")->affiliation);
	assert_null(geo_dict_actor(d, "UN")->affiliation);
	assert_string_equal(geo_dict_actor(d, "TALIBAN")->affiliation, "AFG");
	assert_null(geo_dict_actor(d, "HAMAS")->affiliation);
	/* The Kremlin is a seat of Russia, not an institution of its own. */
	assert_null(geo_dict_actor(d, "institution:rus-kremlin"));
	geo_dict_free(d);
}

/* Whether the extractor would match alias a on text: exactly, or in any
 * case when the alias has no capital. */
static bool matches(const struct alias *a, const char *text)
{
	size_t n = strlen(text);

	if (strcmp(a->text, text) == 0)
		return true;
	if (has_upper(a->text) || strlen(a->folded) != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = text[i] >= 'A' && text[i] <= 'Z' ? (char)(text[i] - 'A' + 'a') : text[i];
		if (c != a->folded[i])
			return false;
	}
	return true;
}

/* Texts the extractor relies on, with the actor (or role, or media line)
 * and line kind they must be matched as. */
static void test_aliases(void **state)
{
	static const char *const want[][3] = {
		{"US", "USA", "name"},
		{"U.S.", "USA", "name"},
		{"America", "USA", "name"},
		{"American", "USA", "adj"},
		{"Americans", "USA", "adj"},
		{"Washington", "USA", "seat"},
		{"White House", "USA", "seat"},
		{"Beijing", "CHN", "seat"},
		{"Chinese", "CHN", "adj"},
		{"Moscow", "RUS", "seat"},
		{"Kremlin", "RUS", "seat"},
		{"Russian", "RUS", "adj"},
		{"Kyiv", "UKR", "seat"},
		{"Kiev", "UKR", "seat"},
		{"Tokyo", "JPN", "seat"},
		{"Brussels", "EU", "seat"},
		{"European", "EU", "adj"},
		{"Europeans", "EU", "adj"},
		{"European Commission", "EU", "name"},
		{"Downing Street", "GBR", "seat"},
		{"Elysee", "FRA", "seat"},
		{"Élysée", "FRA", "seat"},
		{"Berlin", "DEU", "seat"},
		{"Stockholm", "SWE", "seat"},
		{"Swedish", "SWE", "adj"},
		{"Sweden", "SWE", "name"},
		{"India", "IND", "name"},
		{"Japan", "JPN", "name"},
		{"U.N.", "UN", "name"},
		{"UN", "UN", "name"},
		{"NATO", "NATO", "name"},
		{"OPEC+", "OPECPLUS", "name"},
		{"Chad", "TCD", "name"},
		{"Türkiye", "TUR", "name"},
		{"Gaza", "PSE", "name"},
		{"Basra", "IRQ", "city"},
		{"Kharkiv", "UKR", "city"},
		{"Senate", "institution:usa-senate", "bare"},
		{"U.S. Senate", "institution:usa-senate", "name"},
		{"Treasury", "institution:usa-treasury", "bare"},
		{"Treasury Department", "institution:usa-treasury", "name"},
		{"State Department", "institution:usa-state-department", "name"},
		{"Pentagon", "institution:usa-pentagon", "name"},
		{"Foreign Office", "institution:gbr-foreign-office", "name"},
		{"foreign ministry", "institution:chn-foreign-ministry", "bare"},
		{"foreign ministry", "institution:rus-foreign-ministry", "bare"},
		{"Scott Bessent", "person:scott-bessent", "name"},
		{"Bessent", "person:scott-bessent", "name"},
		{"Ulf Kristersson", "person:ulf-kristersson", "name"},
		{"Zelenskiy", "person:volodymyr-zelensky", "name"},
		{"Zelenskyy", "person:volodymyr-zelensky", "name"},
		{"Vladimir Putin", "person:vladimir-putin", "name"},
		{"Xi Jinping", "person:xi-jinping", "name"},
		{"Narendra Modi", "person:narendra-modi", "name"},
		{"Israel Katz", "person:israel-katz", "name"},
		/* Roles and media: the owner is the role's canonical name or the
		 * media line's first field. */
		{"President", "President", "role"},
		{"prime minister", "Prime Minister", "role"},
		{"Defense Minister", "Defence Minister", "role"},
		{"Treasury Secretary", "Treasury Secretary", "role"},
		{"Secretary of State", "Secretary of State", "role"},
		{"Commerce Secretary", "Commerce Secretary", "role"},
		{"Trade Representative", "Trade Representative", "role"},
		{"ambassador", "ambassador", "role"},
		{"envoy", "envoy", "role"},
		{"spokesman", "spokesperson", "role"},
		{"spokeswoman", "spokesperson", "role"},
		{"Chancellor", "Chancellor", "role"},
		{"King", "King", "role"},
		{"Crown Prince", "Crown Prince", "role"},
		{"Supreme Leader", "Supreme Leader", "role"},
		{"Secretary-General", "Secretary-General", "role"},
		{"counterpart", "counterpart", "role"},
		{"Finance Minister", "Finance Minister", "role"},
		{"Foreign Minister", "Foreign Minister", "role"},
		{"Reuters", "Reuters; Thomson Reuters", "media"},
		{"AP", "Associated Press; AP", "media"},
		{"Agence France-Presse", "AFP; Agence France-Presse; Agence France Presse", "media"},
		{"The Gaze", "The Gaze", "media"},
		{"Washington Post", "Washington Post", "media"},
		{"TASS", "TASS; Tass", "media"},
		{"RIA Novosti", "RIA Novosti; RIA", "media"},
		{"Al Jazeera", "Al Jazeera", "media"},
		{"Yonhap", "Yonhap; Yonhap News Agency", "media"},
		{"Kyodo", "Kyodo; Kyodo News", "media"},
		{"Interfax", "Interfax", "media"},
		{"Xinhua", "Xinhua; Xinhua News Agency", "media"},
		{"Bloomberg", "Bloomberg; Bloomberg News", "media"},
		{"Politico", "Politico; POLITICO", "media"},
		{"Axios", "Axios", "media"},
	};
	static const char *const absent[][2] = {
		/* Brussels stands for the EU, the Kremlin only for Russia. */
		{"Brussels", "BEL"},
		{"Kremlin", "institution:rus-kremlin"},
		/* As a name it would hide the role in "U.S. Treasury Secretary". */
		{"U.S. Treasury", "institution:usa-treasury"},
	};
	geo_dict *d;
	geo_error err;
	struct alias_list l;

	(void)state;
	assert_int_equal(geo_dict_new_builtin(&d, &err), GEO_OK);
	collect_all(d, &l);
	for (size_t i = 0; i < N_ELEMS(want); i++) {
		bool found = false;
		for (size_t j = 0; j < l.n && !found; j++)
			found = matches(&l.v[j], want[i][0]) && strcmp(l.v[j].owner, want[i][1]) == 0 &&
				strcmp(l.v[j].kind, want[i][2]) == 0;
		if (!found)
			fail_msg("no %s \"%s\" for %s", want[i][2], want[i][0], want[i][1]);
	}
	for (size_t i = 0; i < N_ELEMS(absent); i++)
		for (size_t j = 0; j < l.n; j++)
			if (matches(&l.v[j], absent[i][0]) && strcmp(l.v[j].owner, absent[i][1]) == 0)
				fail_msg("\"%s\" must not stand for %s", absent[i][0], absent[i][1]);
	free_all(&l);
	geo_dict_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checker),
		cmocka_unit_test(test_builtin_clean),
		cmocka_unit_test(test_states),
		cmocka_unit_test(test_cameo_codes),
		cmocka_unit_test(test_organisations),
		cmocka_unit_test(test_aliases),
	};

	return cmocka_run_group_tests_name("dict_data", tests, NULL, NULL);
}

/*
 * text_lex.c - the English the grammar needs besides the dictionaries:
 * function words by class, verb inflection, and the small closed lists
 * (reporting verbs, group nouns, time words) that decide clause shape.
 * These are facts of the language, not of the news, so they live in code.
 */
#include <stdlib.h>
#include <string.h>

#include "text_internal.h"
#include "text_lex.h"

/* Irregular verbs: base, past, past participle. */
static const char *const irregular[][3] = {
	{"be", "was", "been"}, {"beat", "beat", "beaten"}, {"become", "became", "become"},
	{"begin", "began", "begun"}, {"bid", "bid", "bid"}, {"break", "broke", "broken"},
	{"blow", "blew", "blown"}, {"bear", "bore", "borne"}, {"forsake", "forsook", "forsaken"},
	{"hang", "hung", "hung"}, {"overtake", "overtook", "overtaken"}, {"sink", "sank", "sunk"},
	{"spread", "spread", "spread"}, {"sweep", "swept", "swept"}, {"lie", "lay", "lain"}, {"bring", "brought", "brought"},
	{"build", "built", "built"}, {"buy", "bought", "bought"}, {"choose", "chose", "chosen"},
	{"come", "came", "come"}, {"cut", "cut", "cut"}, {"deal", "dealt", "dealt"},
	{"do", "did", "done"}, {"draw", "drew", "drawn"}, {"drive", "drove", "driven"},
	{"fall", "fell", "fallen"}, {"feel", "felt", "felt"}, {"fight", "fought", "fought"},
	{"find", "found", "found"}, {"fly", "flew", "flown"}, {"forbid", "forbade", "forbidden"},
	{"forgive", "forgave", "forgiven"}, {"freeze", "froze", "frozen"}, {"get", "got", "gotten"},
	{"give", "gave", "given"}, {"go", "went", "gone"}, {"grow", "grew", "grown"},
	{"have", "had", "had"}, {"hear", "heard", "heard"}, {"hit", "hit", "hit"},
	{"hold", "held", "held"}, {"keep", "kept", "kept"}, {"know", "knew", "known"},
	{"lay", "laid", "laid"}, {"lead", "led", "led"}, {"leave", "left", "left"},
	{"lend", "lent", "lent"}, {"let", "let", "let"}, {"lose", "lost", "lost"},
	{"make", "made", "made"}, {"mean", "meant", "meant"}, {"meet", "met", "met"},
	{"oversee", "oversaw", "overseen"}, {"overthrow", "overthrew", "overthrown"},
	{"pay", "paid", "paid"}, {"put", "put", "put"}, {"read", "read", "read"},
	{"ride", "rode", "ridden"}, {"rise", "rose", "risen"}, {"run", "ran", "run"},
	{"say", "said", "said"}, {"see", "saw", "seen"}, {"seek", "sought", "sought"},
	{"sell", "sold", "sold"}, {"send", "sent", "sent"}, {"set", "set", "set"},
	{"shake", "shook", "shaken"}, {"shoot", "shot", "shot"}, {"show", "showed", "shown"},
	{"shut", "shut", "shut"}, {"sit", "sat", "sat"}, {"speak", "spoke", "spoken"},
	{"spend", "spent", "spent"}, {"stand", "stood", "stood"}, {"steal", "stole", "stolen"},
	{"strike", "struck", "struck"}, {"swear", "swore", "sworn"}, {"take", "took", "taken"},
	{"teach", "taught", "taught"}, {"tear", "tore", "torn"}, {"tell", "told", "told"},
	{"think", "thought", "thought"}, {"throw", "threw", "thrown"},
	{"undertake", "undertook", "undertaken"}, {"understand", "understood", "understood"},
	{"uphold", "upheld", "upheld"}, {"wage", "waged", "waged"}, {"win", "won", "won"},
	{"retake", "retook", "retaken"},
	{"withdraw", "withdrew", "withdrawn"}, {"withhold", "withheld", "withheld"},
	{"write", "wrote", "written"}, {"overrun", "overran", "overrun"},
	{"shell", "shelled", "shelled"}, {"slay", "slew", "slain"}, {"foresee", "foresaw", "foreseen"},
};

static bool vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Consonant-vowel-consonant ending whose consonant may double (ban, expel). */
static bool cvc(const char *w, size_t n)
{
	if (n < 3)
		return false;
	return !vowel(w[n - 1]) && w[n - 1] != 'w' && w[n - 1] != 'x' && w[n - 1] != 'y' &&
	       vowel(w[n - 2]) && !vowel(w[n - 3]);
}

static void add(geo_inflections *f, const char *stem, size_t n, const char *suffix, int form)
{
	size_t k = strlen(suffix);

	if (f->n >= GEO_MAX_INFLECTIONS || n + k >= sizeof f->w[0])
		return;
	memcpy(f->w[f->n], stem, n);
	memcpy(f->w[f->n] + n, suffix, k + 1);
	f->form[f->n] = form;
	f->n++;
}

void geo_inflect_verb(const char *w, size_t n, geo_inflections *f)
{
	char dbl[48];

	f->n = 0;
	if (n == 0 || n + 2 >= sizeof dbl)
		return;
	add(f, w, n, "", GEO_FORM_BASE);
	for (size_t i = 0; i < sizeof irregular / sizeof irregular[0]; i++) {
		/* The first byte before strlen(): this runs for every verb of
		 * the lexicons at start-up, against every irregular verb. */
		if (irregular[i][0][0] == w[0] && strlen(irregular[i][0]) == n && memcmp(irregular[i][0], w, n) == 0) {
			const char *past = irregular[i][1], *part = irregular[i][2];
			if (n == 2 && memcmp(w, "be", 2) == 0) {
				add(f, "is", 2, "", GEO_FORM_S);
				add(f, "are", 3, "", GEO_FORM_BASE);
				add(f, "were", 4, "", GEO_FORM_PAST);
			} else if (n == 4 && memcmp(w, "have", 4) == 0) {
				add(f, "has", 3, "", GEO_FORM_S);
			} else if (n == 2 && (memcmp(w, "do", 2) == 0 || memcmp(w, "go", 2) == 0)) {
				add(f, w, n, "es", GEO_FORM_S);
			} else {
				add(f, w, n, w[n - 1] == 's' || w[n - 1] == 'h' ? "es" : "s", GEO_FORM_S);
			}
			if (strcmp(past, part) == 0) {
				add(f, past, strlen(past), "", GEO_FORM_PASTPART);
			} else {
				add(f, past, strlen(past), "", GEO_FORM_PAST);
				add(f, part, strlen(part), "", GEO_FORM_PART);
			}
			if (w[n - 1] == 'e' && n > 2 && w[n - 2] != 'e')
				add(f, w, n - 1, "ing", GEO_FORM_ING);
			else if (cvc(w, n) && n <= 4) {
				memcpy(dbl, w, n);
				dbl[n] = w[n - 1];
				add(f, dbl, n + 1, "ing", GEO_FORM_ING);
			} else
				add(f, w, n, "ing", GEO_FORM_ING);
			return;
		}
	}
	/* Third person singular. */
	if (w[n - 1] == 'y' && n > 1 && !vowel(w[n - 2]))
		add(f, w, n - 1, "ies", GEO_FORM_S);
	else if (w[n - 1] == 's' || w[n - 1] == 'x' || w[n - 1] == 'z' || w[n - 1] == 'o' ||
		 (n > 1 && (w[n - 1] == 'h') && (w[n - 2] == 'c' || w[n - 2] == 's')))
		add(f, w, n, "es", GEO_FORM_S);
	else
		add(f, w, n, "s", GEO_FORM_S);
	/* Past and participle; -ing. */
	memcpy(dbl, w, n);
	dbl[n] = w[n - 1];
	if (w[n - 1] == 'e') {
		add(f, w, n, "d", GEO_FORM_PASTPART);
		if (n > 2 && w[n - 2] == 'i')
			add(f, w, n - 2, "ying", GEO_FORM_ING);
		else if (w[n - 2] == 'e' || w[n - 2] == 'y' || w[n - 2] == 'o')
			add(f, w, n, "ing", GEO_FORM_ING);
		else
			add(f, w, n - 1, "ing", GEO_FORM_ING);
	} else if (w[n - 1] == 'y' && n > 1 && !vowel(w[n - 2])) {
		add(f, w, n - 1, "ied", GEO_FORM_PASTPART);
		add(f, w, n, "ing", GEO_FORM_ING);
	} else {
		add(f, w, n, "ed", GEO_FORM_PASTPART);
		add(f, w, n, "ing", GEO_FORM_ING);
		if (cvc(w, n) || (n > 1 && w[n - 1] == 'l' && vowel(w[n - 2]))) {
			/* ban/banned, expel/expelled: both spellings exist across
			 * words and dialects; an unused one never matches. */
			add(f, dbl, n + 1, "ed", GEO_FORM_PASTPART);
			add(f, dbl, n + 1, "ing", GEO_FORM_ING);
		}
	}
}

static const char *const no_plural[] = {"of", "on", "with", "to", "for", "against", "in", "between",
				       "from", "over", "into", "about", "by", "at", NULL};

void geo_inflect_noun(const char *w, size_t n, geo_inflections *f)
{
	size_t end = n, start;

	f->n = 0;
	if (n == 0)
		return;
	add(f, w, n, "", GEO_FORM_NOUN);
	/* Pluralise the last word that is not a trailing preposition:
	 * "purchase of" -> "purchases of", "trade deal" -> "trade deals". */
	for (;;) {
		bool prep = false;
		while (end > 0 && w[end - 1] == ' ')
			end--;
		start = end;
		while (start > 0 && w[start - 1] != ' ')
			start--;
		if (start == end)
			return;
		for (const char *const *p = no_plural; *p; p++)
			if (strlen(*p) == end - start && memcmp(*p, w + start, end - start) == 0)
				prep = true;
		if (!prep || start == 0)
			break;
		end = start;
	}
	{
		char buf[sizeof f->w[0]];
		size_t k = end;
		const char *suf = "s";
		if (w[k - 1] == 's' && !(k > 1 && w[k - 2] == 's'))
			return; /* already plural ("talks", "sanctions") */
		if (n + 3 >= sizeof buf)
			return;
		if (w[k - 1] == 'y' && k > 1 && !vowel(w[k - 2])) {
			k--;
			suf = "ies";
		} else if (w[k - 1] == 'x' || w[k - 1] == 'z' || w[k - 1] == 's' ||
			   (k > 1 && w[k - 1] == 'h' && (w[k - 2] == 'c' || w[k - 2] == 's'))) {
			suf = "es";
		}
		memcpy(buf, w, k);
		memcpy(buf + k, suf, strlen(suf));
		memcpy(buf + k + strlen(suf), w + end, n - end);
		buf[k + strlen(suf) + n - end] = '\0';
		if (f->n < GEO_MAX_INFLECTIONS) {
			memcpy(f->w[f->n], buf, strlen(buf) + 1);
			f->form[f->n++] = GEO_FORM_NOUN;
		}
	}
}

/* ------------------------------------------------------------------ */
/* Word classes                                                        */

struct wordlist {
	uint32_t bits;
	bool verb; /* inflect every entry as a verb */
	const char *const *words;
};

static const char *const w_prep[] = {
	"of", "in", "on", "at", "by", "for", "with", "to", "from", "over", "against", "into",
	"between", "among", "amongst", "about", "toward", "towards", "across", "through",
	"under", "after", "before", "during", "since", "near", "within", "without", "upon",
	"despite", "amid", "among", "around", "via", "per", "onto", "throughout", "beyond", NULL,
};
static const char *const w_det[] = {
	"the", "a", "an", "this", "that", "these", "those", "some", "any", "all", "both", "each",
	"every", "several", "many", "more", "most", "other", "another", "such", "no", "new",
	"further", "fresh", "its", "their", "his", "her", "our", "my", "your", NULL,
};
static const char *const w_be[] = {"be", "is", "are", "was", "were", "been", "being", "'s", "'re", "'m", "am", NULL};
static const char *const w_aux[] = {"has", "have", "had", "'ve", "'d", "do", "does", "did", "having", "got", "get", "gets", "getting", NULL};
static const char *const w_will[] = {"will", "'ll", "shall", "wo", NULL};
static const char *const w_hyp[] = {"would", "could", "might", "may", "should", "can", "ca", "must", "unlikely",
				    NULL};
static const char *const w_neg[] = {"not", "n't", "never", "no", "nor", "cannot", NULL};
static const char *const w_adv[] = {
	"also", "again", "still", "already", "now", "then", "once", "just", "even", "further",
	"soon", "jointly", "formally", "officially", "publicly", "reportedly", "allegedly",
	"repeatedly", "recently", "previously", "earlier", "later", "reluctantly", "quickly",
	"next", "last", "overnight", "tomorrow", "today", "yesterday", "instead", "meanwhile",
	"firmly", "strongly", "sharply", "swiftly", "subsequently",
	"effectively", "indeed", "finally", "immediately", "actually", "always", "often",
	"together", "both", "either", "all", "ever", "first", "newly", "longer", NULL,
};
static const char *const w_time[] = {
	"today", "yesterday", "tomorrow", "tonight", "monday", "tuesday", "wednesday", "thursday",
	"friday", "saturday", "sunday", "week", "month", "year", "weekend", "morning",
	"afternoon", "evening", "night", "january", "february", "march", "april", "june", "july",
	"august", "september", "october", "november", "december", "jan.", "feb.", "aug.",
	"sept.", "oct.", "nov.", "dec.", NULL,
};
static const char *const w_conj[] = {"and", "or", "&", NULL};
static const char *const w_rel[] = {"that", "which", "who", "whom", "whose", NULL};
static const char *const w_he[] = {"he", "she", "him", "his", "her", "himself", "herself", NULL};
static const char *const w_it[] = {"it", "its", "they", "their", "them", "itself", "themselves", NULL};
static const char *const w_first[] = {"i", "me", "my", "we", "our", "us", "myself", "ourselves", NULL};
static const char *const w_poss[] = {"its", "their", "his", "her", "my", "our", NULL};
static const char *const w_report[] = {
	"say", "tell", "add", "announce", "stress", "note", "insist", "claim", "explain",
	"write", "cite", "confirm", "declare", "emphasize", "emphasise",
	"argue", "reply", "remark", "comment", "predict", "believe", "think", NULL,
};
static const char *const w_generic[] = {
	"countries", "nations", "states", "governments", "buyers", "importers", "exporters",
	"partners", "allies", "members", "neighbours", "neighbors", "powers", "economies",
	"customers", "producers", "suppliers", "sides", "leaders", "parties", NULL,
};
static const char *const w_listmark[] = {"namely", "including", "especially", "particularly", "like", "notably", NULL};
static const char *const w_barrier[] = {
	"but", "while", "although", "though", "because", "whereas", "unless", "if", "when",
	"whether", "as", "so", "yet", "however", "meanwhile", "where", "after", "before",
	"since", "until", "amid", "despite", NULL,
};
static const char *const w_event[] = {
	"talks", "meeting", "meetings", "summit", "summits", "dialogue", "negotiations",
	"conference", "round", "session", "visit", "forum", NULL,
};
/* Nouns that stand for the state when a country word precedes them:
 * "Chinese officials", "the Russian government", "Japanese warships". */
static const char *const w_agent[] = {
	"official", "officials", "government", "governments", "administration", "authorities",
	"troops", "forces", "force", "army", "military", "navy", "warships", "warship", "jets",
	"aircraft", "planes", "soldiers", "diplomats", "diplomat", "delegation", "delegations",
	"negotiators", "negotiator", "leadership", "leaders", "regime", "cabinet", "police",
	"embassy", "ministry", "officer", "officers", "side", "state", "navy", "guards",
	"coast", "guard", "units", "artillery", "drones", "missiles", "militia", "commanders",
	"commander", "authority", "lawmakers", "legislators", "parliament", "congress",
	"senate", "president", "team", "mission", "representatives", "representative",
	"ministers", "ministries", "spokesmen", "envoys", "delegates", "inspectors", "observers",
	"monitors", "peacekeepers", "warplanes", "bombers", "gunboats", "submarines", "marines",
	"commandos", "paratroopers", "court", "courts", "prosecutors", "agency", "agencies",
	"destroyers", "destroyer", "frigates", "frigate", "cruisers", "cruiser", "battleships",
	"helicopters", "gunships", "vessel", "submarine", "carrier", "carriers", "minesweepers",
	"gunboat", "junta", "juntas", "ship", "boat", "boats", "plane", "drone", "tanker",
	/* people and firms of a country act for it in event coding */
	"company", "companies", "firm", "firms", "businessman", "businessmen", "businesses",
	"nationals", "national", "citizens", "citizen", "refiners", "banks", "lenders", "traders",
	"manufacturers", "makers", "carmakers", "vessels", "ships", "tankers", "crushers", "mills",
	"steelmakers", "millers", "refineries", "utilities", "shippers", "dealers", "investors",
	"insurers", "airlines", "automakers", "farmers", "growers", "buyers", "importers", "bondholders", "shareholders",
	"exporters", "producers", "suppliers", "customers", "purchasers", "corporations",
	/* armed groups named by their country or organisation */
	"rebels", "guerrillas", "militants", "fighters", "insurgents", "militiamen", "network",
	"faction", "separatists", "gunmen", "chief", "negotiators", "coalition",
	/* people coded by their nationality when something is done to them */
	"refugees", "civilians", "workers", "prisoners", "detainees", "hostages", "migrants",
	"students", "journalists", "tourists", "fishermen", "journalist", "tourist", "student",
	"missionary", "missionaries", "doctor", "doctors", "reporter", "reporters", "worker",
	"priest", "priests", "engineer", "engineers", "teacher", "teachers", "activist",
	"activists", "pilot", "pilots", "sailor", "sailors", "crew", "volunteers", "settlers",
	"exiles", "defectors", "dissidents", "immigrants", "emigres", "kurds", "shiites", "sunnis",
	"tamils", NULL,
};
/* Verbs that take a relation noun as object and lend it their subject:
 * "imposed sanctions on", "held talks with", "launched an attack on". */
static const char *const w_support[] = {
	"impose", "slap", "announce", "levy", "introduce", "approve", "adopt", "extend", "launch",
	"provide", "offer", "give", "send", "deliver", "pledge", "express", "voice", "hold",
	"conduct", "open", "begin", "start", "resume", "continue", "increase", "make", "issue",
	"file", "seek", "sign", "reach", "conclude", "expand", "tighten", "step", "carry",
	"mount", "stage", "wage", "order", "unveil", "propose", "prepare", "plan", "renew",
	"maintain", "keep", "broaden", "deepen", "escalate", "intensify", "raise", "put",
	"apply", "enforce", "level", "lodge", "have", "promise", "grant", "agree", "finalize",
	"finalise", "strike", "lift", "ease", "accept", "receive", "win", "undertake",
	"cancel", "postpone", "prohibit", "suspend", "freeze", "halt", "stop", "scrap", "ban",
	"consider", "weigh", "mull", "contemplate", "discuss", "debate", "trigger", "reimpose", "unleash",
	"boost", "double", "bar",
	"join",
	NULL,
};
/* Verbs before "to" that leave the subject to the verb after it. */
static const char *const w_caten[] = {
	"continue", "plan", "want", "agree", "decide", "threaten", "vow", "pledge", "promise",
	"seek", "try", "refuse", "decline", "fail", "intend", "expect", "hope", "wish", "aim",
	"move", "begin", "start", "offer", "vote", "prepare", "set", "appear", "seem", "need",
	"plot", "resolve", "undertake", "attempt", "struggle", "rush", "push", "work", "go",
	"be", "have", "help", "choose", "propose", "opt", "volunteer", "prefer",
	"keep", "stop", "resume", NULL,
};
static const char *const w_caten_adj[] = {
	"ready", "willing", "able", "prepared", "eager", "likely", "unlikely", "expected",
	"poised", "set", "due", "keen", "determined", "unwilling", "unable", "reluctant",
	"going", "about", "authorized", "authorised", "allowed", "permitted", "cleared", "forced", "obliged",
	"compelled", NULL,
};
static const char *const w_plan[] = {
	"plan", "intend", "aim", "prepare", "expect", "agree", "decide", "pledge", "promise",
	"vow", "seek", "move", "offer", "set", "vote", "ready", "willing", "prepared", "eager",
	"poised", "due", "keen", "determined", "going", "propose", "resolve", "undertake",
	"want", "hope", "wish", "plot", "about", "expected", "likely", "choose", "opt", "authorized",
	"authorised", "allowed", "permitted", "cleared", NULL,
};
static const char *const w_threat[] = {"threaten", NULL};
static const char *const w_hypverb[] = {"consider", "weigh", "mull", "contemplate", "discuss", "debate", NULL};
static const char *const w_negverb[] = {"refuse", "decline", "fail", "deny", "unwilling", "unable", "reluctant",
					"reject", "cancel", "postpone", "prohibit", "suspend", "freeze", "halt",
					"stop", "scrap", "ban", "bar", NULL};
static const char *const w_reported[] = {"reportedly", "allegedly", "purportedly", "apparently", "appear", "appears",
					 "appeared", "seem", "seems", "seemed", NULL};

static const struct wordlist lists[] = {
	{GEO_W_PREP, false, w_prep},       {GEO_W_DET, false, w_det},
	{GEO_W_BE, false, w_be},           {GEO_W_AUX, false, w_aux},
	{GEO_W_WILL, false, w_will},       {GEO_W_HYP, false, w_hyp},
	{GEO_W_NEG, false, w_neg},         {GEO_W_ADV, false, w_adv},
	{GEO_W_TIME, false, w_time},       {GEO_W_CONJ, false, w_conj},
	{GEO_W_REL, false, w_rel},         {GEO_W_HE, false, w_he},
	{GEO_W_IT, false, w_it},           {GEO_W_FIRST, false, w_first},
	{GEO_W_POSS, false, w_poss},       {GEO_W_REPORT, true, w_report},
	{GEO_W_GENERIC, false, w_generic}, {GEO_W_LIST, false, w_listmark},
	{GEO_W_BARRIER, false, w_barrier}, {GEO_W_EVENT, false, w_event},
	{GEO_W_AGENT, false, w_agent},     {GEO_W_SUPPORT, true, w_support},
	{GEO_W_CATEN, true, w_caten},      {GEO_W_CATEN, false, w_caten_adj},
	{GEO_W_PLAN, true, w_plan},        {GEO_W_THREAT, true, w_threat},
	{GEO_W_HYP, true, w_hypverb},
	{GEO_W_NEGVERB, true, w_negverb},  {GEO_W_REPORTED, false, w_reported},
};

static geo_err put_bits(geo_words *ws, size_t *cap, const char *w, uint32_t b, uint64_t list)
{
	uint32_t v = (uint32_t)ws->n;
	size_t n = strlen(w);

	if (geo_tmap_put(&ws->map, w, n, geo_tmap_hash(GEO_TMAP_SEED, w, n), &v) != GEO_OK)
		return GEO_ENOMEM;
	if (v == ws->n) {
		if (ws->n == *cap) {
			size_t ncap = *cap ? *cap * 2 : 512;
			uint32_t *p = realloc(ws->bits, ncap * sizeof *p);
			uint64_t *q;
			if (!p)
				return GEO_ENOMEM;
			ws->bits = p;
			if (!(q = realloc(ws->lists, ncap * sizeof *q)))
				return GEO_ENOMEM;
			ws->lists = q;
			*cap = ncap;
		}
		ws->bits[ws->n] = 0;
		ws->lists[ws->n++] = 0;
	}
	ws->bits[v] |= b;
	ws->lists[v] |= list;
	return GEO_OK;
}

/* The lookup table from the map: each word with its classes and lists. */
static geo_err fill_slots(geo_words *ws)
{
	size_t cap = 64;

	while (cap < ws->n * 2)
		cap *= 2;
	if (!(ws->slots = calloc(cap, sizeof *ws->slots)))
		return GEO_ENOMEM;
	ws->cap = cap;
	for (size_t k = 0; k < ws->map.cap; k++) {
		const geo_tmap_slot *m = &ws->map.slots[k];
		geo_wslot *s;
		size_t i;
		if (!m->len)
			continue;
		for (i = m->hash & (cap - 1); ws->slots[i].len; i = (i + 1) & (cap - 1))
			;
		s = &ws->slots[i];
		s->hash = m->hash;
		s->len = m->len;
		s->key = 0;
		memcpy(&s->key, ws->map.pool + m->off, m->len < 8 ? m->len : 8);
		s->bits = ws->bits[m->value];
		s->lists = ws->lists[m->value];
		s->off = m->off;
	}
	return GEO_OK;
}

geo_err geo_words_build(geo_words *ws, const char *const *const *marked)
{
	size_t cap = 0;
	geo_inflections f;

	memset(ws, 0, sizeof *ws);
	for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
		for (const char *const *w = lists[l].words; *w; w++) {
			if (lists[l].verb) {
				geo_inflect_verb(*w, strlen(*w), &f);
				for (size_t i = 0; i < f.n; i++)
					if (put_bits(ws, &cap, f.w[i],
						     lists[l].bits | (f.form[i] == GEO_FORM_ING ? GEO_W_INGFORM : 0), 0))
						return GEO_ENOMEM;
			} else if (put_bits(ws, &cap, *w, lists[l].bits, 0)) {
				return GEO_ENOMEM;
			}
		}
	}
	for (unsigned j = 0; marked && marked[j]; j++) {
		if (j >= 64)
			return GEO_ELIMIT;
		for (const char *const *w = marked[j]; *w; w++)
			if (put_bits(ws, &cap, *w, GEO_W_MARKED, UINT64_C(1) << j))
				return GEO_ENOMEM;
	}
	return fill_slots(ws);
}

void geo_words_free(geo_words *ws)
{
	if (!ws)
		return;
	geo_tmap_free(&ws->map);
	free(ws->slots);
	free(ws->bits);
	free(ws->lists);
	memset(ws, 0, sizeof *ws);
}

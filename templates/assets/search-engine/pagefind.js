// The search engine of the search page (templates/search.html). Pagefind's Component UI loads
// its engine as "pagefind.js" from its bundle path, which the page sets to this folder: so this
// module is what the UI calls (createInstance, mergeIndex, filters, search), and it answers with
// Pagefind's own engine, /pagefind/pagefind.js, adding three things.
//
// Shards. builder/search/ writes the index as one Pagefind index per language and year
// (/pagefind/<lang>-<year>/), listed in /pagefind/shards.json; /pagefind/ itself holds the
// engine, the WebAssembly and an empty index per language. Before its first search, an instance
// merges every shard of the page's language (mergeIndex), each with the same ranking settings
// as the primary index (Pagefind issue 796: a merged index left to other settings ranks oddly)
// and with a filter naming it, which the results never show.
//
// Sort by date. Pagefind sorts within one index: over merged indexes, each index's results come
// in date order, but Pagefind then interleaves the indexes by each one's own rank, which is not
// a date. Shards are years, so the date order of the whole is each shard's sorted results, shard
// after shard: a sorted search asks each shard that has results (restricted by its filter) and
// joins the answers, newest year first or last. Relevance is Pagefind's merged order as it is.
// setSort() chooses; the initial order comes from the address (?sort=newest|oldest).
//
// Every word must match. builder/search/ seals the index's words (bundle.seal_words), so a
// query word matches only words that begin with its stem, never a shorter stand-in. But
// Pagefind leaves out of a query the words an index does not hold at all, and answers the
// others: a shard without "Uzbekistan" would answer "vaccine Uzbekistan" with its vaccine
// pages. So each word of a query is first searched alone: when no page holds one of them
// (even in another of its forms, see wordAsFound), the answer is empty;
// otherwise only the shards holding every word answer. The same forms are tried in every
// shard, so the merged shards answer as one index would. Function words ("by", "в") are left out of the query, as their absence from a page
// says nothing; a Russian word ending in -ый, -ой, -ей or -ий (and -ся) is asked in its -ые
// (-ое, -ее, -ие) form: Pagefind strips the breve of й before it stems, so -ый reaches the
// stemmer as -ыи, an ending it does not know ("высокопатогенный" would look for
// "высокопатогенны", which no form of the word begins with), while -ые is stemmed as the
// adjective it is.

import * as pagefind from "/pagefind/pagefind.js";

const BUNDLE = "/pagefind/";
const SHARD_FILTER = "digest-shard";
/** Pagefind 1.5's own defaults, given to every index alike. */
export const RANKING = Object.freeze({
  termSimilarity: 1.0,
  pageLength: 0.75,
  termSaturation: 1.4,
  termFrequency: 1.0,
  diacriticSimilarity: 0.8,
  metaWeights: { title: 5.0 },
});
/** Words whose absence from a page says nothing about it, by language: left out of a query
 * of other words. Not "us" (the US), "who" (the WHO) or "may" (the month). */
export const FUNCTION_WORDS = Object.freeze({
  en: new Set(("a an the and or but nor if of at by for with from to in into on onto off out " +
    "over under about above after before between through during against among per via as than " +
    "then so that this these those there here is are was were be been being am has have had " +
    "do does did its it's their his her our your my i he she we they them him me what which " +
    "whose whom when where why how all any both each not no").split(" ")),
  ru: new Set(("и в во на с со к ко у о об обо от до по за из изо без для при про под над " +
    "перед через между а но или либо да же ли бы не ни то что чтобы как так также тоже уже " +
    "еще это этот эта эти этого этой этих тот та те того той тех он она оно они его ее " +
    "их ему ей им ими нем ней них я мы ты вы мне нам вам был была было были быть будет есть " +
    "который которая которое которые которого которой которых кто почему зачем отчего где " +
    "куда откуда когда сколько какой какая какое какие каков такой такая такое такие чей").split(" ")),
});
/** Sort orders by name: the direction of Pagefind's "date" sort key, or none (relevance). */
export const SORTS = Object.freeze({ relevance: null, newest: "desc", oldest: "asc" });

let order = sortFrom(new URLSearchParams(globalThis.location?.search ?? "").get("sort"));

function sortFrom(name) {
  return Object.hasOwn(SORTS, name ?? "") ? name : "relevance";
}

/** Choose the order of the next searches: "relevance", "newest" or "oldest". */
export function setSort(name) {
  order = sortFrom(name);
  return order;
}

export function currentSort() {
  return order;
}

/** The shards of `lang`, newest first, from the manifest the search stage wrote. */
async function shardsOf(lang) {
  const response = await fetch(`${BUNDLE}shards.json`);
  if (!response.ok) {
    throw new Error(`${BUNDLE}shards.json: HTTP ${response.status}`);
  }
  const manifest = await response.json();
  const shards = manifest.languages?.[lang] ?? [];
  return [...shards].sort((a, b) => (a.period < b.period ? 1 : a.period > b.period ? -1 : 0));
}

/** Characters Pagefind's script drops from a query before it searches (its own test). */
const DROPPED = /^\p{Pd}|\p{Pe}|\p{Pf}|\p{Pi}|\p{Po}|\p{Ps}$/u;
const RUSSIAN_WORD = /^[а-яё]+$/u;
/** -ый, -ой, -ей, -ий, and -ыи (и typed for й: no Russian word ends so), with -ся or not. */
const SHORT_I_ENDING = /([ыоеи])й(ся)?$|(ы)и(ся)?$/u;

/** `term` as it is searched: Pagefind's own reading of it (lower case, no punctuation, single
 * spaces), without the function words of `lang` unless it is nothing else, and with Russian
 * adjective endings in -й in a form the stemmer knows. */
export function searchedQuery(term, lang) {
  const words = [...term].filter((character) => !DROPPED.test(character)).join("")
    .toLocaleLowerCase().split(/\s+/u).filter(Boolean);
  const functionWords = FUNCTION_WORDS[lang.split("-")[0]] ?? new Set();
  const meaningful = words.filter((word) => !functionWords.has(word.replaceAll("ё", "е")));
  return (meaningful.length ? meaningful : words)
    .map((word) => (RUSSIAN_WORD.test(word) && word.length > 3
      ? word.replace(SHORT_I_ENDING, "$1$3е$2$4") : word))
    .join(" ");
}

function withoutShardFilter(counts) {
  if (!counts || !(SHARD_FILTER in counts)) return counts;
  const { [SHARD_FILTER]: _, ...rest } = counts;
  return rest;
}

function tidy(response) {
  if (!response) return response;
  return {
    ...response,
    filters: withoutShardFilter(response.filters),
    totalFilters: withoutShardFilter(response.totalFilters),
  };
}

async function sortedSearch(engine, shards, term, options, direction) {
  const sort = { date: direction };
  if (shards.length === 0) {
    return engine.search(term, { ...options, sort }); // one whole index: Pagefind sorts it all
  }
  const all = await engine.search(term, options); // the filter counts, and results per shard
  if (!all) return all;
  const perShard = all.filters?.[SHARD_FILTER];
  const inOrder = direction === "desc" ? shards : [...shards].reverse();
  const asked = inOrder.filter((shard) => !perShard || perShard[shard.name]);
  const parts = await Promise.all(asked.map((shard) => engine.search(term, {
    ...options,
    filters: { ...(options.filters ?? {}), [SHARD_FILTER]: shard.name },
    sort,
  })));
  return { ...all, results: parts.flatMap((part) => part?.results ?? []) };
}

/** The fewest letters a word keeps when an ending is cut from it (see `formsToTry`). */
const SHORTEST_STEM = 5;
/** The most letters cut from the end of a word that no page holds as it is, but for the
 * endings below: one, as the stemmer then cuts what it reads as an ending (a second letter cut
 * took «путинизм» to «путин», "rocketry" to "rocket"). */
const MOST_CUT = 1;
/** A Russian verb's past, infinitive and present endings, with the suffix the stemmer keeps in
 * one form and not in another (эвакуировали: «эвакуирова»; эвакуируют: «эвакуир»): cut whole
 * when no page holds the word, so that the verb is found by its root. Longest first. */
const VERB_ENDINGS = ("ировались ировалась ировали ировала ировало ировал ировать ируют ирует " +
  "овались овалась овали овала овало овал овать ывали ывала ывал ывать ивали ивала ивал " +
  "ивать ались алась али ала ало или ила ило ели ела ело ешь ете ть чь ти").split(" ")
  .sort((a, b) => b.length - a.length);
/** An English past participle in -en or -n (beaten, fallen, grown, shown): the stemmer keeps
 * it whole, so its verb's other forms (beat, beating) do not begin with it. */
const PARTICIPLE = /^(\p{L}{3,}[^aeiouy]|\p{L}{2,}[aeo]w)e?n$/u;

/** The forms of `word` to search, in turn, when no page holds it as it is: the word without its
 * last letter, keeping at least SHORTEST_STEM: the stemmer does not give every form of a word
 * one stem ("Узбекистан" is stemmed "узбекиста", as if -н were a verb's ending, while
 * "Узбекистану" keeps "узбекистан"). Pagefind's own way out, the longest indexed word the query
 * word begins with, finds "у" as readily; one letter, and the stemmer's own cut, keep the word.
 * Then a Russian verb without its ending (VERB_ENDINGS), an English participle without -en. */
function formsToTry(word) {
  const letters = [...word];
  const forms = [];
  for (let cut = 1; cut <= MOST_CUT && letters.length - cut >= SHORTEST_STEM; cut += 1) {
    forms.push(letters.slice(0, letters.length - cut).join(""));
  }
  const verb = RUSSIAN_WORD.test(word) && VERB_ENDINGS.find((ending) => word.endsWith(ending)
    && [...word].length - [...ending].length >= SHORTEST_STEM);
  if (verb) forms.push(word.slice(0, -verb.length));
  const participle = PARTICIPLE.exec(word);
  if (participle && !RUSSIAN_WORD.test(word)) forms.push(participle[1]);
  return [...new Set(forms)];
}

/** Case endings of Russian nouns, surnames and adjectives (й read as и, as Pagefind reads it),
 * longest first: the ones `caseForms` cuts. */
const CASE_ENDINGS = ("ыми ими ами ями ого его ому ему ых их ым им ом ем ои еи ою ею ая яя ое " +
  "ее ые ие ую юю ов ев ах ях ам ям а я у ю е и ы о").split(" ")
  .sort((a, b) => b.length - a.length);
/** The fewest letters a Russian word keeps without its case ending (`caseForms`). */
const SHORTEST_BARE = 4;

/** `word` without its case ending, to be searched as well (as {form, bare}): the stemmer cuts
 * some words' nominative shorter than their other forms (Лазарев: «лазар», Лазаревым:
 * «лазарев»; Фургал: «фурга», Фургалу: «фургал»), so a form in another case does not find the
 * pages that name the word as it is; the bare word finds them all. An adjective with и typed
 * for й (гиперзвуковои) is asked so too. */
export function caseForms(word) {
  const folded = word.toLocaleLowerCase().replaceAll("ё", "е").replaceAll("й", "и");
  if (!RUSSIAN_WORD.test(folded)) return [];
  const ending = CASE_ENDINGS.find((end) => folded.endsWith(end)
    && [...folded].length - [...end].length >= SHORTEST_BARE);
  return ending ? [folded.slice(0, -ending.length)] : [];
}

const CONSONANTS = "бвгджзклмнпрстфхцчшщ";
const VOWELS = "аеиоуыэюя";
/** A Russian word ending in a syllable whose vowel other forms may drop (колец, кольца; отец,
 * отца; ливень, ливня): the same rule as builder/search/forms.py, which gives every page with
 * such a form the key without the vowel. */
const FLEETING = new RegExp(`^(.*[${CONSONANTS}${VOWELS}])([${CONSONANTS}${VOWELS}])[ео]` +
  `([${CONSONANTS}])(ь?)$`, "u");
const FINAL = "цкнрлв";
const FINAL_SOFT = "нв";
const SOFTENED = "лнр";

/** The forms of `word` without its fleeting vowel (колец: колц, кольц; боец: боиц, й as
 * Pagefind reads it); none when it is not in a form that has one. */
export function fleetingForms(word) {
  const match = FLEETING.exec(word.toLocaleLowerCase().replaceAll("ё", "е").replaceAll("й", "и"));
  if (!match) return [];
  const [, before, first, last, soft] = match;
  if (!(soft ? FINAL_SOFT : FINAL).includes(last)) return [];
  if (VOWELS.includes(first)) return [`${before}${first}и${last}`];
  const forms = [`${before}${first}${last}`];
  if (SOFTENED.includes(first)) forms.push(`${before}${first}ь${last}`);
  return forms.sort();
}

/** Pages of an answer looked at to see that they hold the form asked (wordAsFound). */
const PAGES_CHECKED = 5;
/** The endings of a Russian noun's (or a past verb's, a surname's, an adjective's) other forms,
 * as Pagefind reads them (й as и), and none, for the form that is its own stem. */
const ENDINGS = ["", ...CASE_ENDINGS];

function folded(text) {
  return text.toLocaleLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
}

function escaped(text) {
  return folded(text).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Whether one of the first pages of `results` holds a word `pattern` matches in full. */
async function holdsWord(results, pattern) {
  const word = new RegExp(`(?:^|[^\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, "u");
  const pages = await Promise.all(results.slice(0, PAGES_CHECKED).map((result) => result.data()));
  return pages.some((page) => word.test(folded(page.content ?? "")));
}

/** How `word` is found: {form, response}, the form asked and Pagefind's answer to it alone;
 * null when no page holds it in any form tried.
 *
 * First the word itself. A Russian word in a form with a fleeting vowel is also asked without
 * it (fleetingForms): the index gives every page with such a form the key without the vowel
 * too, so that form finds them all, and the pages with the other forms (кольца for колец).
 * It is taken when it finds more pages than the word, and one of the pages it adds holds the
 * form with an ending: a form that only begins another word («спор» asked as «спр» finds
 * «справка») is not one. Then, for a word no page holds, the word cut short (formsToTry),
 * taken only where a page holds a word it begins: Pagefind stems a shortened word again, and
 * may cut it to another word's stem ("флотили" to "флот", "анана" to "ан"). */
async function wordAsFound(engine, word) {
  const itself = await engine.search(word, {});
  let found = itself?.results.length ? { form: word, response: itself } : null;
  for (const form of [...fleetingForms(word), ...caseForms(word)]) {
    const response = await engine.search(form, {});
    const known = new Set((found?.response.results ?? []).map((result) => result.id));
    const added = (response?.results ?? []).filter((result) => !known.has(result.id));
    if (added.length && response.results.length > known.size
        && await holdsWord(added, `${escaped(form)}(?:${ENDINGS.join("|")})`)) {
      found = { form, response };
    }
  }
  if (found) return found;
  for (const form of formsToTry(word)) {
    const response = await engine.search(form, {});
    if (response?.results.length && await holdsWord(response.results, `${escaped(form)}\\p{L}*`)) {
      return { form, response };
    }
  }
  return null;
}

/** A response with no results, in the shape Pagefind gives (every filter value counted 0). */
async function nothingFound(engine) {
  const zero = (counts) => Object.fromEntries(Object.entries(counts ?? {}).map(
    ([name, values]) => [name, Object.fromEntries(Object.keys(values).map((v) => [v, 0]))]));
  const filters = zero(await engine.filters());
  return { results: [], unfilteredResultCount: 0, filters, totalFilters: filters,
           timings: { preload: 0, search: 0, total: 0 } };
}

/** Pagefind's answer from `holding` shards only (the others lack a word of `query`): the
 * restriction is a filter, so the counts Pagefind gives without the reader's filters come from
 * a search restricted alike. */
async function fromShards(engine, holding, query, options, direction) {
  const only = { [SHARD_FILTER]: { any: holding.map((shard) => shard.name) } };
  const chosen = options.filters ?? {};
  const restricted = { ...options, filters: { ...chosen, ...only } };
  const response = direction
    ? await sortedSearch(engine, holding, query, restricted, direction)
    : await engine.search(query, restricted);
  const unfiltered = Object.keys(chosen).length
    ? await engine.search(query, { ...options, filters: only })
    : response;
  return { ...response, totalFilters: unfiltered.filters,
           unfilteredResultCount: unfiltered.results.length };
}

/** An engine instance, as Pagefind's createInstance makes one, over the merged shards. */
export function createInstance(options = {}) {
  const engine = pagefind.createInstance({ ...options, ranking: RANKING });
  const lang = (document.documentElement.getAttribute("lang") || "unknown").toLowerCase();
  const merged = shardsOf(lang).then(async (shards) => {
    await Promise.all(shards.map((shard) => engine.mergeIndex(`${BUNDLE}${shard.name}/`, {
      ranking: RANKING,
      mergeFilter: { [SHARD_FILTER]: shard.name },
    })));
    return shards;
  });
  merged.catch(() => {}); // reported by the first call that waits for it

  /** Pagefind's answer to `query` in order `direction`; `words`, when given, must each match
   * (see the top of this file). */
  const answer = async (query, words, opts, shards, direction) => {
    if (!words.length) {
      if (!direction) return tidy(await engine.search(query, opts));
      return tidy(await sortedSearch(engine, shards, query, opts, direction));
    }
    const found = await Promise.all(words.map((word) => wordAsFound(engine, word)));
    if (found.includes(null)) return tidy(await nothingFound(engine));
    const asked = found.map(({ form }) => form).join(" ");
    // A shard that lacks a word must not answer with the others (Pagefind leaves it out).
    const holding = shards.filter((shard) => found.every(
      ({ response }) => response.filters?.[SHARD_FILTER]?.[shard.name]));
    if (shards.length && !holding.length) return tidy(await nothingFound(engine));
    if (found.length > 1 && holding.length < shards.length) {
      return tidy(await fromShards(engine, holding, asked, opts, direction));
    }
    return answer(asked, [], opts, shards, direction);
  };

  const search = async (term, opts = {}) => {
    const shards = await merged;
    const direction = SORTS[order];
    const query = typeof term === "string" ? searchedQuery(term, lang) : term;
    const words = query ? query.split(" ") : [];
    const response = await answer(query, words, opts, shards, direction);
    // A word of one or two characters ("1" of "Sakhalin 1", where the page has "Sakhalin-1",
    // which Pagefind does not part) counts only where it finds something with the others.
    const longer = words.filter((word) => [...word].length > 2);
    if (response?.results.length || !longer.length || longer.length === words.length) {
      return response;
    }
    return answer(longer.join(" "), longer, opts, shards, direction);
  };
  let latest = 0;
  return {
    options: async (opts) => engine.options(opts),
    init: async () => { await engine.init(); await merged; },
    destroy: async () => engine.destroy(),
    mergeIndex: async (path, opts) => { await merged; return engine.mergeIndex(path, opts); },
    preload: async (term, opts = {}) => {
      await merged;
      return engine.preload(typeof term === "string" ? searchedQuery(term, lang) : term, opts);
    },
    filters: async () => { await merged; return withoutShardFilter(await engine.filters()); },
    search,
    debouncedSearch: async (term, opts = {}, wait = 300) => {
      const mine = ++latest;
      await new Promise((resolve) => setTimeout(resolve, wait));
      if (mine !== latest) return null;
      const response = await search(term, opts);
      return mine === latest ? response : null;
    },
  };
}

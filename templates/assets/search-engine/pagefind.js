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
import {
  CUT_ENDINGS, ENDINGS, RUSSIAN_WORD, caseForms, fleetingForms, formsToTry, spellings,
} from "./forms.js";
import { openShards } from "./wordindex.js";
import { wordRule, wordsOf } from "./words.js";

export { caseForms, fleetingForms, spellings } from "./forms.js";

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

const address = new URLSearchParams(globalThis.location?.search ?? "");
let order = sortFrom(address.get("sort"));
/** The query the page was opened with (?q=, from a link, a bookmark or a reload): complete. */
const LINKED = (address.get("q") ?? "").trim();

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

/** The last word of `term` as typed, when the reader is still typing it: the query does not end
 * in a space or punctuation, is not the one the page was opened with (LINKED), and its last
 * word is the last of `words`, the words searched (not a function word left out); else null. */
export function beingTyped(term, words, lang) {
  if (!term || /[\s\p{P}\p{S}]$/u.test(term) || term.trim() === LINKED) return null;
  const last = term.trim().split(/\s+/u).at(-1);
  return words.length && searchedQuery(last, lang) === words.at(-1) ? last : null;
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

/** Pages of an answer looked at to see that they hold the form asked (wordAsFound). */
const PAGES_CHECKED = 5;

function unaccented(text) {
  return text.toLocaleLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
}

function escaped(text) {
  return unaccented(text).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Whether one of the first pages of `results` holds a word `pattern` matches in full. */
async function holdsWord(results, pattern) {
  const word = new RegExp(`(?:^|[^\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, "u");
  const pages = await Promise.all(results.slice(0, PAGES_CHECKED).map((result) => result.data()));
  return pages.some((page) => word.test(unaccented(page.content ?? "")));
}

/** How `word` is found: {form, response, rule}, the form asked, Pagefind's answer to it alone,
 * and how a page holds the word (words.js); null when no page holds it in any form tried.
 * `typed`: the word as typed, when the reader is still typing it.
 *
 * First the word itself. A Russian word in a form with a fleeting vowel is also asked without
 * it (fleetingForms): the index gives every page with such a form the key without the vowel
 * too, so that form finds them all, and the pages with the other forms (кольца for колец).
 * It is taken when it finds more pages than the word, and one of the pages it adds holds the
 * form with an ending: a form that only begins another word («спор» asked as «спр» finds
 * «справка») is not one. Then, when no page holds the word (Pagefind's answer may hold only
 * words that begin with its stem), the word cut short (formsToTry), held by a page with a word
 * that is the form with an ending: Pagefind stems a shortened word again, and may cut it to
 * another word's stem ("флотили" to "флот", "анана" to "ан"). Last, a Latin word's other
 * spellings of a Russian name's й or -ий (spellings: Shoygu, Shoigu), each as a word. */
async function wordAsFound(words, word, typed) {
  const itself = await words.ask(word);
  let found = itself?.results.length
    ? { form: word, response: itself, rule: wordRule(word, { typed }) } : null;
  for (const form of [...fleetingForms(word), ...caseForms(word)]) {
    const response = await words.ask(form);
    const known = new Set((found?.response.results ?? []).map((result) => result.id));
    const added = (response?.results ?? []).filter((result) => !known.has(result.id));
    if (added.length && response.results.length > known.size
        && await holdsWord(added, `${escaped(form)}(?:${ENDINGS.join("|")})`)) {
      found = { form, response,
                rule: wordRule(word, { form: { text: form, endings: ENDINGS }, typed }) };
    }
  }
  if (found && await someHolds(words, found)) return found;
  for (const form of formsToTry(word)) {
    const response = await words.ask(form);
    const rule = wordRule(word, { form: { text: form, endings: CUT_ENDINGS }, typed });
    const candidate = { form, response, rule };
    if (response?.results.length && await someHolds(words, candidate)) return candidate;
  }
  for (const form of spellings(word)) {
    const response = await words.ask(form);
    const candidate = { form, response, rule: wordRule(form, { typed: typed && form }) };
    if (response?.results.length && await someHolds(words, candidate)) return candidate;
  }
  return null;
}

/** Whether a page of `found.response` holds its word; `found.holding` keeps the pages that do
 * (null: all of them). */
async function someHolds(words, found) {
  found.holding ??= words.holding(found);
  const ids = await found.holding;
  return ids === null ? found.response.results.length > 0
    : found.response.results.some((result) => ids.has(result.id));
}

/** `response` without the pages that do not hold every word of `found` as a word (words.js),
 * its counts made again without them: those of its filters by the pages left out (their values
 * read from the shards' filter files), and, when the reader chose filters, the unfiltered
 * counts from `unfiltered`, Pagefind's answer to the same query without them. */
async function onlyHolding(response, found, unfiltered, words) {
  const sets = (await Promise.all(found.map((word) => word.holding))).filter(Boolean);
  const read = await words.index;
  const without = async (answer) => {
    const kept = answer.results.filter((result) => sets.every((ids) => ids.has(result.id)));
    const filters = structuredClone(answer.filters ?? {});
    if (kept.length === answer.results.length || !read) return { results: kept, filters };
    const values = await Promise.all(read.shards.map((shard) => shard.filtersOfPages()));
    const keep = new Set(kept);
    for (const result of answer.results.filter((each) => !keep.has(each))) {
      const place = read.where(result.id);
      if (!place) continue;
      const { shard, number } = place;
      for (const [name, value] of [...(values[shard.order].get(number) ?? []),
        [SHARD_FILTER, shard.name]]) {
        if (filters[name]?.[value]) filters[name][value] -= 1;
      }
    }
    return { results: kept, filters };
  };
  const mine = await without(response);
  const all = unfiltered ? await without(unfiltered) : mine;
  return { ...response, results: mine.results, filters: mine.filters,
           totalFilters: all.filters, unfilteredResultCount: all.results.length };
}

/** A response with no results, in the shape Pagefind gives (every filter value counted 0). */
async function nothingFound(engine) {
  const zero = (counts) => Object.fromEntries(Object.entries(counts ?? {}).map(
    ([name, values]) => [name, Object.fromEntries(Object.keys(values).map((v) => [v, 0]))]));
  const filters = zero(await engine.filters());
  return { results: [], unfilteredResultCount: 0, filters, totalFilters: filters,
           timings: { preload: 0, search: 0, total: 0 } };
}

/** Pagefind's answer to `query` from the shards `within` only (every shard when null: the
 * others lack a word of `query`), as {response, unfiltered}: the restriction is a filter, so
 * when the reader chose filters, `unfiltered` is the answer restricted alike without them. */
async function asAsked(engine, shards, within, query, options, direction) {
  const only = within ? { [SHARD_FILTER]: { any: within.map((shard) => shard.name) } } : {};
  const chosen = options.filters ?? {};
  const restricted = { ...options, filters: { ...chosen, ...only } };
  const response = direction
    ? await sortedSearch(engine, within ?? shards, query, restricted, direction)
    : await engine.search(query, restricted);
  const unfiltered = Object.keys(chosen).length
    ? await engine.search(query, { ...options, filters: only })
    : null;
  return { response, unfiltered };
}

/** An engine instance, as Pagefind's createInstance makes one, over the merged shards. */
export function createInstance(options = {}) {
  const engine = pagefind.createInstance({ ...options, ranking: RANKING });
  const lang = (document.documentElement.getAttribute("lang") || "unknown").toLowerCase();
  const listed = shardsOf(lang);
  const merged = listed.then(async (shards) => {
    await Promise.all(shards.map((shard) => engine.mergeIndex(`${BUNDLE}${shard.name}/`, {
      ranking: RANKING,
      mergeFilter: { [SHARD_FILTER]: shard.name },
    })));
    return shards;
  });
  merged.catch(() => {}); // reported by the first call that waits for it
  // The shards' word index (the whole index at the top of the bundle when there are none).
  const index = listed.then((shards) => openShards(
    BUNDLE, shards.length ? shards.map((shard) => shard.name) : [""], lang)).catch(() => null);
  const known = wordsOf(engine, index, lang);

  /** Pagefind's answer to `query` in order `direction`; `words`, when given, must each be on
   * a page as a word (see the top of this file), the last as `typed` if it is being typed. */
  const answer = async (query, words, opts, shards, direction, typed) => {
    if (!words.length) {
      if (!direction) return tidy(await engine.search(query, opts));
      return tidy(await sortedSearch(engine, shards, query, opts, direction));
    }
    const found = await Promise.all(words.map(
      (word, at) => wordAsFound(known, word, at === words.length - 1 ? typed : null)));
    if (found.includes(null)) return tidy(await nothingFound(engine));
    const asked = found.map(({ form }) => form).join(" ");
    // A shard that lacks a word must not answer with the others (Pagefind leaves it out).
    const holding = shards.filter((shard) => found.every(
      ({ response }) => response.filters?.[SHARD_FILTER]?.[shard.name]));
    if (shards.length && !holding.length) return tidy(await nothingFound(engine));
    const within = found.length > 1 && holding.length < shards.length ? holding : null;
    const { response, unfiltered } = await asAsked(engine, shards, within, asked, opts, direction);
    return tidy(await onlyHolding(response, found, unfiltered, known));
  };

  const search = async (term, opts = {}) => {
    const shards = await merged;
    const direction = SORTS[order];
    const query = typeof term === "string" ? searchedQuery(term, lang) : term;
    const words = query ? query.split(" ") : [];
    const typed = typeof term === "string" ? beingTyped(term, words, lang) : null;
    const response = await answer(query, words, opts, shards, direction, typed);
    // A word of one or two characters ("1" of "Sakhalin 1", where the page has "Sakhalin-1",
    // which Pagefind does not part) counts only where it finds something with the others.
    const longer = words.filter((word) => [...word].length > 2);
    if (response?.results.length || !longer.length || longer.length === words.length) {
      return response;
    }
    const last = longer.at(-1) === words.at(-1) ? typed : null;
    return answer(longer.join(" "), longer, opts, shards, direction, last);
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

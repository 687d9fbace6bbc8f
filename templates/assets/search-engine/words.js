// Which pages hold a query word as a word (templates/assets/search-engine/pagefind.js asks),
// read from the index's own words (wordindex.js), whatever the number of pages found.
//
// Pagefind matches a query word to every indexed word that begins with its stem, as if the
// reader were still typing it: "stabbing" (stem "stab") finds "stable" («стабильн») and
// "stability". Every word of our index ends in one sealing character (builder/search/bundle.py),
// so the indexed word that is the stem itself is the stem and the seal ("stab#"), and the words
// the stem only begins are longer. Pagefind does not say what it stemmed a query word to; the
// stem is among the indexed words the query word begins with (Snowball's stemmers cut endings;
// an English word's last y may be i, and an e may follow a cut -ed, -ing: "dating", "date"):
// the longest of them whose pages, with those of every indexed word beginning with it, are
// exactly the pages Pagefind found, in every shard. Then a page holds a query word when it
// holds the stem as a word, and besides:
// - a word still being typed (the last of the query, when the query does not end in a space
//   or punctuation, see pagefind.js) when one of its indexed words begins with the word as
//   typed, or is the beginning of it (the stem of the typed word's own form);
// - a Russian word when one of its indexed words, without the vowel of a case ending in -й,
//   begins it: the page's word's stem is longer where Pagefind's folding of й hid its ending
//   from the stemmer («иркутской», read «иркутскои», is stemmed «иркутско», «Иркутска»
//   «иркутск»);
// - a form the engine asks in place of the word (forms.js: without a fleeting vowel, a case
//   ending, a verb's ending) when one of its indexed words is that form with (the beginning
//   of) an ending.
// Pagefind stems some words of other meanings alike («Семила», «семьей»: «сем»): those still
// match, as one stem; so does the stem followed by a number, where Pagefind joined the parts of
// a word such as "COVID-19" or "Sakhalin-1" ("covid19"). The words read are those between the
// shortest the stem can be and every word beginning so (stems.js); the engine has Pagefind load
// the same chunks before it asks, so that Pagefind's answer holds every word beginning with the
// stem (Pagefind itself loads only the chunk whose range holds the query word as typed).

import { shortestStem } from "./stems.js";

/** Characters that are no part of a word, as Pagefind reads a query. */
const NOT_LETTERS = /[^\p{L}\p{N}]/gu;

/** `text` as Pagefind compares words: lower case, ё as е, й as и, no accents, letters and
 * digits only. */
export function folded(text) {
  return text.toLocaleLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(NOT_LETTERS, "");
}

/** Whether Pagefind may have stemmed the folded `word` to the indexed word `key`. */
function mayBeStem(key, word) {
  return word.startsWith(key) || (word.endsWith("y") && `${word.slice(0, -1)}i`.startsWith(key))
    || (key.endsWith("e") && word.startsWith(key.slice(0, -1)));
}

/** The stem Pagefind gave the folded `word`, from each shard's indexed words between `shortest`
 * (the shortest the stem can be) and its end (`words`: {key, pages()} by shard) and the numbers
 * of the pages Pagefind found there (`found`: a Set by shard): the longest beginning of the word
 * (or indexed word it may have been stemmed to) whose pages, with those of every indexed word
 * beginning with it, are exactly those; null when none is. The stem need not be an indexed word
 * itself («иркутск», where the pages hold «Иркутской» and «Иркутскнефтегаз»). */
export function stemOf(word, shortest, words, found) {
  const beginnings = [...word].map((_, at) => word.slice(0, at + 1))
    .filter((beginning) => beginning.length >= shortest.length);
  const keys = words.flatMap((list) => list.map(({ key }) => key))
    .filter((key) => mayBeStem(key, word));
  const candidates = [...new Set([...beginnings, ...keys])].sort((a, b) => b.length - a.length);
  return candidates.find((stem) => words.every((list, shard) => {
    const pages = new Set();
    for (const entry of list) {
      if (!entry.key.startsWith(stem)) continue;
      for (const page of entry.pages()) {
        if (!found[shard].has(page)) return false;
        pages.add(page);
      }
    }
    return pages.size === found[shard].size;
  })) ?? null;
}

/** What may follow a stem in a word of its own: a number joined to it ("covid19"). */
const NUMBER = /^\p{N}+$/u;

/** A Russian indexed word that the stemmer cut short of its case ending only because Pagefind
 * read its й as и (-ой, -ый read -ои, -ыи lose their и alone: «иркутской», «иркутско»), as the
 * word without that ending's vowel. */
const FOLDED_SHORT_I = /^(\p{Script=Cyrillic}{3,})[оы]$/u;

/** How a query word is held: `word` the query word; `form`, when the engine asks another form
 * in its place, {text, endings}: an indexed word may be that form with (the beginning of) one
 * of the endings; `typed` the word as typed when it is still being typed, or null. */
export function wordRule(word, { form = null, typed = null } = {}) {
  return { word: folded(word), form: form && { ...form, text: folded(form.text) },
           typed: typed ? folded(typed) : null };
}

function isForm(key, { text, endings }) {
  if (text.startsWith(key)) return true;
  const rest = key.startsWith(text) ? key.slice(text.length) : null;
  return rest !== null && endings.some((ending) => ending.startsWith(rest));
}

/** Whether the indexed word `key`, which begins with the stem `stem`, is the query word as
 * `rule` asks. */
export function holdsKey(key, stem, rule) {
  return key === stem || NUMBER.test(key.slice(stem.length))
    || Boolean(rule.typed && (key.startsWith(rule.typed) || rule.typed.startsWith(key)))
    || Boolean(rule.form && isForm(key, rule.form))
    || rule.word.startsWith(FOLDED_SHORT_I.exec(key)?.[1] ?? "\u0000");
}

/** Pagefind's answers to one form of a query word (`ask`), and which pages of such an answer
 * hold the word (`holding`), read from the word index of the shards (`index`, or null when it
 * could not be read: then every page of an answer is taken), as the top of this file says. */
/** How many forms' pages an instance keeps (see wordsOf). */
const REMEMBERED = 64;

export function wordsOf(engine, index, lang) {
  const loaded = new Set();
  const between = (form) => {
    const low = shortestStem(folded(form), lang);
    return [low, `${low}\uffff`];
  };
  /** Pagefind's answer to `form` alone, once it has loaded every chunk that may hold a word
   * beginning with the form's stem: Pagefind itself loads one chunk per query word, the one
   * whose range holds the word as asked, so that its answer would hold the words of the next
   * chunk only once another query had loaded it (a first "russia" left out "russian"). */
  const ask = async (form) => {
    const read = await index;
    const [low, high] = between(form);
    if (read && !loaded.has(low)) {
      const starts = read.shards.flatMap((shard) => shard.chunksBetween(low, high))
        .map((chunk) => chunk.from).filter((from) => from > low);
      await engine.preload([...new Set([low, ...starts])].join(" "), {});
      loaded.add(low);
    }
    // The same words read here while Pagefind searches (its own script runs in a worker).
    for (const shard of read?.shards ?? []) shard.wordsBetween(low, high).catch(() => {});
    return engine.search(form, {});
  };
  /** The ids of the pages of `found` ({form, response, rule}, Pagefind's answer to the form
   * alone) that hold its word as its rule asks, or null when all of them do. */
  const holding = async ({ form, response, rule }) => {
    const read = await index;
    if (!read || !response?.results.length) return null;
    const { shards, where } = read;
    const [low, high] = between(form);
    const words = await Promise.all(shards.map((shard) => shard.wordsBetween(low, high)));
    const found = shards.map(() => new Set());
    for (const result of response.results) {
      const place = where(result.id);
      if (place) found[place.shard.order].add(place.number);
    }
    const stem = stemOf(folded(form), low, words, found);
    if (stem === null) return null; // not known: Pagefind's answer as it is
    const beginning = words.map((list) => list.filter(({ key }) => key.startsWith(stem)));
    if (beginning.every((list) => list.every(({ key }) => holdsKey(key, stem, rule)))) return null;
    for (const shard of shards) shard.filtersOfPages().catch(() => {}); // to count again
    const ids = new Set();
    shards.forEach((shard, order) => {
      for (const entry of beginning[order]) {
        if (!holdsKey(entry.key, stem, rule)) continue;
        for (const page of entry.pages()) ids.add(shard.pages[page]);
      }
    });
    return ids;
  };
  /** `holding`, kept for the searches to come: the index does not change, and Pagefind's
   * answer to a form alone is the same once the chunks of its stem are loaded. */
  const known = new Map();
  const remembered = (found) => {
    const key = JSON.stringify([found.form, found.rule]);
    if (!known.has(key)) {
      if (known.size >= REMEMBERED) known.delete(known.keys().next().value);
      known.set(key, holding(found));
    }
    return known.get(key);
  };
  return { ask, holding: remembered, index };
}

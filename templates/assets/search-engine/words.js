// Which pages hold a query word as a word (templates/assets/search-engine/pagefind.js asks).
//
// Pagefind matches a query word to every word of the index that begins with the query word's
// stem, as if the reader were still typing it: "stabbing" (stem "stab") finds "stable" and
// "stability". It does not say which word of a page matched, but a result's data() gives, for
// each place of the page that matched, the word there (the page's text split as Pagefind splits
// it to mark an excerpt) and its balanced score: weight² × the length bonus Pagefind gives a
// word by how many bytes longer than the stem it is. Every word of our index ends in one
// sealing byte (builder/search/bundle.py), so the word whose stem is the query word's own is
// one byte longer, and has the bonus of a difference of 2 (Pagefind's word_length_bonus: the
// difference in bytes, plus one); a longer word's is less. So a page holds a query word when
// one of its matched places has that bonus, and besides:
// - a word still being typed (the last of the query, when the query does not end in a space
//   or punctuation, see pagefind.js) when a matched word of the page begins with it as typed;
// - a Russian word when a matched word of the page, without its case ending, begins it: the
//   page's word's stem is longer where Pagefind's folding of й hid its ending from the stemmer
//   («иркутской», read «иркутскои», is stemmed «иркутско», «Иркутска» «иркутск»);
// - a form the engine asks in place of the word (forms.js: without a fleeting vowel, a case
//   ending, a verb's ending) when a matched word is that form with an ending.
// A page found by its metadata alone (no place of its text matched) is taken as Pagefind gives
// it. Pagefind stems some words of other meanings alike («Семила», «семьей»: «сем»): those
// still match, as one stem.

import { CASE_ENDINGS } from "./forms.js";

/** Pagefind 1.5's length bonus for a word `difference` bytes longer than the stem, plus one
 * (pagefind_web/src/search.rs, word_length_bonus), at ranking.termSimilarity `similarity`. */
export function lengthBonus(difference, similarity) {
  const base = Math.exp(-0.5 * difference ** 2 / 4);
  return Math.exp(base * similarity) / Math.exp(similarity);
}

/** A place's length bonus is its own stem's within this (they differ by 0.1 or more). */
const TOLERANCE = 1e-3;
/** Characters that are no part of a word, as Pagefind reads a query. */
const NOT_LETTERS = /[^\p{L}\p{N}]/gu;

/** `text` as Pagefind compares words: lower case, ё as е, й as и, no accents, letters and
 * digits only. */
export function folded(text) {
  return text.toLocaleLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(NOT_LETTERS, "");
}

/** The word at each matched place of a page's data(), with that place's length bonus. */
function matchedWords(page) {
  const words = (page.raw_content ?? page.content ?? "").split(/[\r\n\s]+/g);
  return (page.weighted_locations ?? []).map((place) => ({
    word: folded(words[place.location] ?? ""),
    bonus: place.weight > 0 ? place.balanced_score / (place.weight * 24) ** 2 : 0,
  }));
}

/** Case endings as a page's word has them folded (й as и), longest first. */
const FOLDED_ENDINGS = [...new Set([...CASE_ENDINGS, "ыи", "ии"])]
  .sort((a, b) => b.length - a.length);
/** The fewest letters a word keeps without its case ending. */
const SHORTEST_BARE = 3;

/** A folded Russian `word` without its case ending, or null when it has none. */
function bare(word) {
  const ending = FOLDED_ENDINGS.find((end) => word.endsWith(end)
    && [...word].length - [...end].length >= SHORTEST_BARE);
  return ending ? word.slice(0, -ending.length) : null;
}

/** How a query word is held: `word` the query word, `form` a pattern (RegExp, whole word) that
 * a matched word of the page in place of the stem's own may be, or null; `typed` the word as
 * typed when it is still being typed, or null. */
export function wordRule(word, { form = null, typed = null } = {}) {
  return { word: folded(word), form, typed: typed ? folded(typed) : null };
}

/** Whether `page` (a result's data(), answering the word's form alone) holds the query word, with
 * `exact` the length bonus of a word whose stem is the asked one's. A page that Pagefind found
 * by its metadata alone (no place of its text matched) is taken as Pagefind gives it. */
export function holds(page, rule, exact) {
  const matched = matchedWords(page);
  if (!matched.length) return true;
  return matched.some(({ word, bonus }) => bonus > exact - TOLERANCE
    || (rule.typed && word.startsWith(rule.typed))
    || (rule.form && rule.form.test(word))
    || rule.word.startsWith(bare(word) ?? "\u0000"));
}

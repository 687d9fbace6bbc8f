// The forms of a query word the search page's engine (pagefind.js) asks besides the word itself,
// where Snowball's stemmer does not give every form of a word one stem: without a fleeting vowel
// (колец, кольца), without a case ending (Лазаревым, Лазарев), cut short or without a verb's
// ending when no page holds the word as it is (Узбекистану, эвакуировали, beaten).

export const RUSSIAN_WORD = /^[а-яё]+$/u;

/** The fewest letters a word keeps when an ending is cut from it (see `formsToTry`). */
const SHORTEST_STEM = 5;
/** The most letters cut from the end of a word that no page holds as it is, but for the
 * endings below: one, as the stemmer then cuts what it reads as an ending (a second letter cut
 * took «путинизм» to «путин», "rocketry" to "rocket"). */
const MOST_CUT = 1;
/** A Russian verb's past, infinitive and present endings, with the suffix the stemmer keeps in
 * one form and not in another (эвакуировали: «эвакуирова»; эвакуируют: «эвакуир»): cut whole
 * when no page holds the word, so that the verb is found by its root. Longest first. */
export const VERB_ENDINGS = ("ировались ировалась ировали ировала ировало ировал ировать ируют ирует " +
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
export function formsToTry(word) {
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
export const CASE_ENDINGS = ("ыми ими ами ями ого его ому ему ых их ым им ом ем ои еи ою ею ая яя ое " +
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

/** The endings of a Russian noun's (or a past verb's, a surname's, an adjective's) other forms,
 * as Pagefind reads them (й as и), and none, for the form that is its own stem. */
export const ENDINGS = ["", ...CASE_ENDINGS];
/** The endings a word cut short by formsToTry may have on a page: a Russian noun's, a verb's,
 * an English word's. */
export const CUT_ENDINGS = [...new Set([...ENDINGS, ...VERB_ENDINGS,
  ..."s es ed d ing en n er ers".split(" ")])].sort((a, b) => b.length - a.length);

const LATIN_WORD = /^[a-z]+$/u;
/** The fewest letters of a Latin word whose other spellings are asked (`spellings`). */
const SHORTEST_NAME = 5;

/** Other Latin spellings of a Russian name's й and -ий, -ый, to be searched when no page holds
 * `word` in any form: й after a vowel written y or i (Shoygu, Shoigu; Sergey, Sergei), and the
 * ending -ий, -ый after a consonant written y, iy, yy, i or ii (Zelensky, Zelenskiy, Zelenskyy;
 * Navalny, Navalnyy). One change at a time, the word's own spelling left out. */
export function spellings(word) {
  if (!LATIN_WORD.test(word) || word.length < SHORTEST_NAME) return [];
  const forms = new Set();
  for (let at = 1; at < word.length; at += 1) {
    const next = word[at + 1];
    if ("yi".includes(word[at]) && "aeou".includes(word[at - 1])
        && (next === undefined || !"aeiouy".includes(next))) {
      forms.add(`${word.slice(0, at)}${word[at] === "y" ? "i" : "y"}${word.slice(at + 1)}`);
    }
  }
  const ending = /^(.*[^aeiouy])(?:iy|yy|ii|y|i)$/u.exec(word);
  if (ending) {
    for (const end of ["y", "iy", "yy", "i", "ii"]) forms.add(`${ending[1]}${end}`);
  }
  forms.delete(word);
  return [...forms];
}

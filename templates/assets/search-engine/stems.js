// How short the stem of a query word can be (words.js asks): the indexed words Pagefind matches
// to a query word all begin with its stem, so they lie between the shortest the stem can be and
// that followed by U+FFFF, a range of one or two of a shard's chunks.
//
// Pagefind stems with Snowball's stemmers, which cut endings from a region of the word: the
// Russian one after the first vowel (RV), the English one after the first consonant that follows
// a vowel (R1), but for its first steps (-s, -ed, -ing, a doubled letter before them, y read as
// i). Cutting every ending of the stemmer's lists that a word ends in, step after step and
// without the stemmer's other conditions, cuts at least as much as the stemmer does; kept to the
// region, that is the shortest the stem can be. A stemmer's endings put back (English -ate for
// -ational, an e after a cut -ing) come after it.

const RUSSIAN_VOWEL = /[аеиоуыэюя]/u;
/** Snowball's Russian endings, step by step, й read as и (Pagefind folds it before stemming):
 * a perfective gerund, or a reflexive ending and an adjectival, verb or noun ending; и; a
 * derivational ending; a superlative; н of нн, or ь. */
const RUSSIAN_STEPS = [
  /(?:ившись|ывшись|вшись|ивши|ывши|вши|ив|ыв|в)$/u,
  /(?:ся|сь)$/u,
  new RegExp(`(?:(?:ивш|ывш|ующ|ем|нн|вш|ющ|щ)?(?:ими|ыми|его|ого|ему|ому|ее|ие|ые|ое|еи|ии|ыи|ои|` +
    "ем|им|ым|ом|их|ых|ую|юю|ая|яя|ою|ею)|ейте|уите|ите|или|ыли|ила|ыла|ена|ило|ыло|ено|ует|уют|" +
    "ены|ить|ыть|ишь|ете|ите|ешь|нно|еи|уи|ил|ыл|им|ым|ен|ят|ит|ыт|ую|ла|на|ли|ем|ло|но|ет|ют|ны|" +
    "ть|иями|ями|ами|иям|ием|иях|ией|ев|ов|ие|ье|ии|ои|ям|ам|ом|ах|ях|ию|ью|ия|ья|и|л|н|ю|а|е|о|" +
    "у|ы|ь|я)$", "u"),
  /и$/u,
  /(?:ость|ост)$/u,
  /(?:еише|еиш)$/u,
  /(?:н|ь)$/u,
];

/** Snowball's English (Porter2) endings, step by step: 1a, 1b, 2, 3, 4, 5. */
const ENGLISH_EARLY = [/(?:sses|ied|ies|us|ss|s)$/u, /(?:eedly|ingly|edly|eed|ing|ed)$/u];
const ENGLISH_LATE = [
  /(?:ational|tional|ization|fulness|ousness|iveness|biliti|lessli|entli|ation|alism|aliti|ousli|iviti|fulli|enci|anci|abli|izer|ator|alli|bli|ogi|li)$/u,
  /(?:ational|tional|alize|icate|iciti|ative|ical|ness|ful)$/u,
  /(?:ement|ment|ance|ence|able|ible|ant|ent|ism|ate|iti|ous|ive|ize|ion|al|er|ic)$/u,
  /(?:e|l)$/u,
];

/** `word` with each step's longest ending it then ends in cut. */
function cutEach(word, steps) {
  return steps.reduce((left, step) => left.replace(step, ""), word);
}

/** The English stemmer's R1 of `word`: after the first letter not a vowel that follows a vowel
 * (y read as a vowel before and as a consonant after, which gives the earlier). */
function region1(word) {
  for (let at = 0; at + 1 < word.length; at += 1) {
    if ("aeiouy".includes(word[at]) && !"aeiou".includes(word[at + 1])) return at + 2;
  }
  return word.length;
}

/** The shortest the stem of the folded `word` can be in an index of `lang` (Pagefind stems
 * every word of an index with the stemmer of the index's language, Latin words of a Russian
 * index with the Russian one). */
export function shortestStem(word, lang) {
  if (lang.startsWith("ru")) {
    const vowel = word.search(RUSSIAN_VOWEL);
    if (vowel < 0) return word;
    return word.slice(0, Math.max(vowel + 1, cutEach(word, RUSSIAN_STEPS).length));
  }
  // Steps 1a and 1b, then maybe a doubled letter undoubled or a last y read as i (one letter
  // less of the word kept); the later steps keep to R1.
  const early = cutEach(word, ENGLISH_EARLY);
  const late = Math.min(early.length - 1, cutEach(early, ENGLISH_LATE).length,
    cutEach(early.slice(0, -1), ENGLISH_LATE).length);
  return word.slice(0, Math.max(1, late, Math.min(early.length - 1, region1(word))));
}

/**
 * Spellings a language accepts that its bundled dictionary lacks. Plain English ("en") is
 * checked with the American dictionary; British and Commonwealth text ("harbour", "organisers",
 * "centre") is just as right there, so a rejected word is retried in its American form, and
 * without accents. British English ("en-GB") has its own dictionary, spelt -ise; a rejected
 * word is retried in the -ise form, since Oxford spelling ("organize", "realization") is
 * British too.
 */

// Misspellings the transforms below would otherwise turn into right words.
const NOT_VARIANTS = new Set(['fourty', 'fourtys']);

const WHOLE_WORDS: Record<string, string> = {
  amongst: 'among',
  meagre: 'meager',
  ochre: 'ocher',
  whilst: 'while',
  programme: 'program',
  programmes: 'programs',
  grey: 'gray',
  greys: 'grays',
  tyre: 'tire',
  tyres: 'tires',
  kerb: 'curb',
  cheque: 'check',
  cheques: 'checks',
  plough: 'plow',
  aluminium: 'aluminum',
  storey: 'story',
  storeys: 'stories',
  draught: 'draft',
  pyjamas: 'pajamas',
  sceptic: 'skeptic',
  sceptical: 'skeptical',
  jewellery: 'jewelry',
  manoeuvre: 'maneuver',
  manoeuvres: 'maneuvers',
  cosy: 'cozy',
  practise: 'practice',
  practised: 'practiced',
  practising: 'practicing',
  ageing: 'aging',
  enrol: 'enroll',
  enrolment: 'enrollment',
  fulfil: 'fulfill',
  fulfilment: 'fulfillment',
  skilful: 'skillful',
  instil: 'instill',
  artefact: 'artifact',
  artefacts: 'artifacts',
  mould: 'mold',
  moulds: 'molds',
  smoulder: 'smolder',
  judgement: 'judgment',
  judgements: 'judgments',
  licence: 'license',
  licences: 'licenses',
  defence: 'defense',
  offence: 'offense',
  offences: 'offenses',
  pretence: 'pretense',
  // Not a rule (a doubled s before -ed is otherwise a misspelling): the few words British English doubles it in.
  focussed: 'focused',
  focussing: 'focusing',
  focusses: 'focuses',
  biassed: 'biased',
};

// Each turns a British ending or spelling into the American one; tried one at a time and all together.
const TRANSFORMS: Array<[RegExp, string]> = [
  [/([a-z])our(s|ed|ing|ite|ites|able|ably|er|ers|ful|less|ism|ist|ists|ise|ised|ize|ized|y)?$/, '$1or$2'],
  [/([a-z]{2})is(e|es|ed|ing|er|ers|ation|ations|able)$/, '$1iz$2'],
  [/([a-z])ys(e|es|ed|ing|er|ers)$/, '$1yz$2'],
  [/([tb])re(s|d)?$/, '$1er$2'], // centre, fibre; not "addres"
  [/ogue(s|d)?$/, 'og$1'],
  // travelled, labelling, fuelled: British doubles the l after one vowel sound, never after a
  // digraph ("appealling").
  [/((?:^|[^aeiou])[aeiou]|ue|ia|ua)ll(ed|ing|er|ers|ation|ations|or|ors)$/, '$1l$2'],
  // paediatric, anaemia, oestrogen, foetus: between consonants, or opening the word.
  [/([^aeiou])ae([^aeiou])(?=[a-z])/, '$1e$2'],
  [/^oe|(?<=f)oe(?=t)/, 'e'],
];

// Oxford spelling: -ize, -ization in British text that the -ise dictionary lacks.
const OXFORD: Array<[RegExp, string]> = [[/([a-z]{2})iz(e|es|ed|ing|er|ers|ation|ations|able)$/, '$1is$2']];

/** Other spellings of `word` (lower-cased) to try when the dictionary (`dictionary`: "en", "en-GB"…) rejects it. */
export function spellingVariants(dictionary: string, word: string): string[] {
  if (dictionary === 'en-GB') return britishVariants(word);
  if (dictionary !== 'en') return [];
  const lower = word.toLowerCase().replaceAll('’', "'");
  if (NOT_VARIANTS.has(lower)) return [];
  const possessive = lower.endsWith("'s") ? "'s" : '';
  const stem = possessive ? lower.slice(0, -2) : lower;
  const variants = new Set<string>();
  const whole = WHOLE_WORDS[stem];
  if (whole) variants.add(whole + possessive);
  let all = stem;
  for (const [pattern, replacement] of TRANSFORMS) {
    if (!pattern.test(stem)) continue;
    variants.add(stem.replace(pattern, replacement) + possessive);
    all = all.replace(pattern, replacement);
  }
  variants.add(all + possessive);
  // Loanwords keep their accents in careful English: "café", "naïve", "façade".
  const plain = lower.normalize('NFD').replace(/\p{M}/gu, '');
  if (plain !== lower) variants.add(plain);
  variants.delete(lower);
  return [...variants];
}

function britishVariants(word: string): string[] {
  const lower = word.toLowerCase().replaceAll('’', "'");
  const possessive = lower.endsWith("'s") ? "'s" : '';
  const stem = possessive ? lower.slice(0, -2) : lower;
  const variants = new Set<string>();
  for (const [pattern, replacement] of OXFORD) {
    if (pattern.test(stem)) variants.add(stem.replace(pattern, replacement) + possessive);
  }
  const plain = lower.normalize('NFD').replace(/\p{M}/gu, '');
  if (plain !== lower) variants.add(plain);
  variants.delete(lower);
  return [...variants];
}

/**
 * Realistic, varied report bodies for the ingest benchmark. A spot is one word on one
 * article page, with the article text around it as prefix and suffix; the same spot always
 * gives the same url, quote, prefix and suffix, so the server groups its reports into one
 * erratum. Half the reports pick a spot from a pool of HOT_SPOTS with a skewed (Zipf-like)
 * distribution, so most of them join an existing erratum; the other half are spots nobody
 * reported before.
 */

/** Distinct spots readers keep reporting: the realistic hot groups a prototype measured upserts with. */
export const HOT_SPOTS = 16_000;
/** Share of reports that go to the hot pool; the rest are new spots. */
const HOT_SHARE = 0.5;
/** Article pages the spots are spread over. */
const ARTICLES = 400;
/** Word offsets of hot spots start here, so every spot has a full prefix. */
const FIRST_WORD = 20;
/** Fresh spots sit after every hot spot, so the two never meet. */
const FRESH_FIRST_WORD = FIRST_WORD + Math.ceil(HOT_SPOTS / ARTICLES) * 3 + 20;
/** Longest prefix and suffix (core's QUOTE_CONTEXT_MAX). */
const CONTEXT = 64;

const WORDS = (
  'the council said its plan would bring new homes to the river district before winter while ' +
  'residents asked about traffic schools parking and the cost of repairs after last year flooding ' +
  'mayor officials budget committee meeting report hospital weather station railway harbour bridge ' +
  'market election candidate teachers students library museum festival summer season football ' +
  'police court decision statement spokesperson community volunteers project funding million ' +
  'government minister announced yesterday morning evening afternoon village county region ' +
  'development environment energy climate water supply transport service increase decrease ' +
  'because although however several hundred thousand percent figures published according'
).split(' ');

/** Deterministic 32-bit hash of two integers (the article text is a function of its position). */
function hash(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x27d4eb2f, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  return (h ^ (h >>> 15)) >>> 0;
}

function wordAt(article: number, index: number): string {
  return WORDS[hash(article, index) % WORDS.length]!;
}

/** A reader's typo of a word: two letters swapped, or a letter doubled in short words. */
function misspell(word: string): string {
  if (word.length < 4) return word + word.at(-1);
  return word.charAt(0) + word.charAt(2) + word.charAt(1) + word.slice(3);
}

function titleOf(article: number): string {
  const words: string[] = [];
  for (let i = 0; i < 14; i++) words.push(wordAt(article + 100_000, i));
  const title = words.join(' ');
  return `${title[0]!.toUpperCase()}${title.slice(1)}: live updates from the Riverside Courier newsroom`;
}

/** Small seeded PRNG (mulberry32): the same sequence of reports on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The JSON body of one report of the word at (article, index). */
export function reportBody(
  origin: string,
  article: number,
  index: number,
  suggestion: string | null,
): string {
  const word = wordAt(article, index);
  const before: string[] = [];
  for (let i = Math.max(0, index - 14); i < index; i++) before.push(wordAt(article, i));
  const after: string[] = [];
  for (let i = index + 1; i <= index + 14; i++) after.push(wordAt(article, i));
  const exact = misspell(word);
  const start = index * 7;
  return JSON.stringify({
    site: 'demo',
    url: `${origin}/demo/articles/a-${article}.html`,
    title: titleOf(article),
    lang: 'en',
    quote: {
      exact,
      prefix: `${before.join(' ')} `.slice(-CONTEXT),
      suffix: ` ${after.join(' ')}`.slice(0, CONTEXT),
    },
    position: { start, end: start + exact.length },
    ...(suggestion === null ? {} : { suggestion }),
  });
}

/** An endless, reproducible stream of report bodies; about half are new spots. */
export function reportBodies(origin: string, seed = 1): () => string {
  const next = random(seed);
  let fresh = 0;
  return () => {
    let article: number;
    let index: number;
    if (next() < HOT_SHARE) {
      // Log-uniform rank: rank r is picked about 1/r as often (Zipf with s = 1), most errata get few reports.
      const rank = Math.min(HOT_SPOTS - 1, Math.floor((HOT_SPOTS + 1) ** next()) - 1);
      article = rank % ARTICLES;
      index = FIRST_WORD + Math.floor(rank / ARTICLES) * 3;
    } else {
      article = fresh % ARTICLES;
      index = FRESH_FIRST_WORD + Math.floor(fresh / ARTICLES);
      fresh++;
    }
    // Most readers suggest the right word, some a capitalised one, a few suggest nothing.
    const roll = next();
    const word = wordAt(article, index);
    const suggestion = roll < 0.8 ? word : roll < 0.9 ? word[0]!.toUpperCase() + word.slice(1) : null;
    return reportBody(origin, article, index, suggestion);
  };
}

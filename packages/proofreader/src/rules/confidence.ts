/**
 * How sure each kind of finding is. The product turns findings at or above `threshold` into
 * errata; everything below it is kept for tools (the CLI, the bench) but stays quiet.
 */
export const confidence = {
  /** At or above: the server proposes the finding to editors as an erratum. */
  threshold: 0.8,
  /** A rare name two spellings from one the text uses three times or more. */
  variantOfFrequent: 0.92,
  /** A rare name close to one the text uses twice, the site knows, or the dictionary holds. */
  variant: 0.85,
  /** "theyear": an unknown word that is a function word and a word run together. */
  splitWord: 0.9,
  /** "harbour ,", ",,": a space or a mark too many. */
  spacing: 0.85,
  /** "harbour.The": a sentence run into the next, checked against abbreviations and domains. */
  missingSpace: 0.9,
  /** “electric“: an opening mark where the closing one belongs. */
  wrongClosingMark: 0.9,
  /** ”I thought…: a closing mark opening a quotation. */
  wrongOpeningMark: 0.85,
  /** »quiet room« in English: another language's quotation marks. */
  foreignQuotes: 0.85,
  /** The same, when the text quotes that way throughout: a house style an editor chose. */
  houseStyleQuotes: 0.6,
  /** A quotation not closed in its paragraph: a slip, or a long quotation running on. */
  unclosedQuote: 0.55,
  /** "the the": almost never intended outside the per-language allow list. */
  repeatedWord: 0.95,
  /** An unknown lower-case word used once, a dictionary word one or two edits away: a typo. */
  unknownLowerCase: 0.85,
  /** An unknown lower-case word with no dictionary word close to it: a term, a loanword. */
  unknownFar: 0.6,
  /** Two dictionary words run together ("filename"), or a hyphenated word with an unknown part. */
  unknownCompound: 0.5,
  /** An unknown lower-case word used several times: more likely a term the author means. */
  unknownRepeated: 0.55,
  /** An unknown capitalised word mid-sentence: most likely a name. */
  name: 0.3,
  /** An unknown capitalised word opening a sentence: a name or a typo, no way to tell cheaply. */
  unknownAtSentenceStart: 0.5,
} as const;

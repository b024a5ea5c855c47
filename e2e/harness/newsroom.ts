import { readFileSync } from 'node:fs';

/** A mistake planted in the demo newsroom (examples/newsroom/mistakes.json, its answer key). */
export interface PlantedMistake {
  /** The article's path under /demo/. */
  page: string;
  /** The words as the page has them, wrong. */
  exact: string;
  /** The words as they should be. */
  correction: string;
  /** What kind of mistake it is: place-name, doubled-word… */
  kind: string;
}

const mistakes = JSON.parse(
  readFileSync(new URL('../../examples/newsroom/mistakes.json', import.meta.url), 'utf8'),
) as PlantedMistake[];

/** The demo newsroom's planted mistake of this kind. */
export function plantedMistake(kind: string): PlantedMistake {
  const found = mistakes.find((mistake) => mistake.kind === kind);
  if (!found) throw new Error(`no ${kind} mistake planted in the demo newsroom`);
  return found;
}

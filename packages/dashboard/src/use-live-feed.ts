import { useEffect, useState } from 'preact/hooks';
import { LiveFeed, type LiveState } from './live-feed.ts';

/** The live feed of the site shown, connected while the inbox shows it, and the state of its stream. */
export function useLiveFeed(siteId: string | null): { feed: LiveFeed; state: LiveState } {
  const [feed] = useState(() => new LiveFeed());
  const [state, setState] = useState<LiveState>('connecting');
  useEffect(() => feed.listen({ state: setState }), [feed]);
  useEffect(() => (siteId === null ? undefined : feed.connect(siteId)), [feed, siteId]);
  return { feed, state };
}

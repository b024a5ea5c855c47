import { useEffect, useState } from 'preact/hooks';
import type { LiveFeed } from './live-feed.ts';
import { unseenAfter } from './unseen-errata.ts';

const NONE: ReadonlySet<string> = new Set();

/**
 * How many open errata got reports while the inbox's browser tab was hidden; back to zero
 * as soon as the editor looks at the tab again.
 */
export function useUnseenErrata(feed: LiveFeed, siteId: string | null): number {
  const [unseen, setUnseen] = useState(NONE);
  useEffect(() => {
    setUnseen(NONE);
    const looked = () => {
      if (!document.hidden) setUnseen(NONE);
    };
    document.addEventListener('visibilitychange', looked);
    const stop = feed.listen({
      erratum: (event) => {
        if (document.hidden) setUnseen((shown) => unseenAfter(shown, event));
      },
    });
    return () => {
      stop();
      document.removeEventListener('visibilitychange', looked);
    };
  }, [feed, siteId]);
  return unseen.size;
}

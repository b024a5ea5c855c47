import type { Erratum } from '@errata/core';
import { useId } from 'preact/hooks';
import { ErratumCard } from './ErratumCard.tsx';
import type { PageGroup as Group } from './group-by-page.ts';
import { pageHref, pageLabel } from './page-link.ts';
import type { TriageAction } from './status-tabs.ts';

interface PageGroupProps {
  group: Group;
  now: Date;
  canTriage: boolean;
  onTriage: (erratum: Erratum, action: TriageAction) => void;
}

/** One page's errata under the page's title, which opens the page in a new tab. */
export function PageGroup({ group, now, canTriage, onTriage }: PageGroupProps) {
  const headingId = useId();
  const href = pageHref(group.url);
  const label = pageLabel(group.title, group.url);
  return (
    <section class="page-group" aria-labelledby={headingId}>
      <header class="page-group-header">
        <h3 id={headingId} dir="auto">
          {href ? (
            <a href={href} target="_blank" rel="noopener">
              {label}
              <span class="visually-hidden"> (opens in a new tab)</span>
            </a>
          ) : (
            label
          )}
        </h3>
        <p class="page-url">{group.url}</p>
      </header>
      {group.errata.map((erratum) => (
        <ErratumCard key={erratum.id} erratum={erratum} now={now} canTriage={canTriage} onTriage={onTriage} />
      ))}
    </section>
  );
}

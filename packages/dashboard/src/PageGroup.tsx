import type { Erratum, ProofreadResult } from '@errata/core';
import { useId } from 'preact/hooks';
import { ErratumCard } from './ErratumCard.tsx';
import type { PageGroup as Group } from './group-by-page.ts';
import { ProofreadButton } from './ProofreadButton.tsx';
import { pageHref, pageLabel } from './page-link.ts';
import type { TriageAction } from './status-tabs.ts';

interface PageGroupProps {
  group: Group;
  now: Date;
  canTriage: boolean;
  focusedId: string | null;
  openId: string | null;
  selected: ReadonlySet<string>;
  onTriage: (erratum: Erratum, action: TriageAction) => void;
  onToggleSelect: (erratum: Erratum) => void;
  onOpen: (erratum: Erratum) => void;
  onFocus: (erratum: Erratum) => void;
  /** What "Proofread page" needs; null for a viewer, who has no such button. */
  proofread: {
    site: string;
    csrfToken: string;
    onProofread: (result: ProofreadResult) => void;
    onUnauthorized: () => void;
  } | null;
}

/** One page's errata under the page's title, which opens the page in a new tab, and "Proofread page". */
export function PageGroup({ group, focusedId, openId, selected, proofread, ...card }: PageGroupProps) {
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
        {proofread && <ProofreadButton {...proofread} url={group.url} describedBy={headingId} />}
      </header>
      {group.errata.map((erratum) => (
        <ErratumCard
          key={erratum.id}
          erratum={erratum}
          focused={erratum.id === focusedId}
          opened={erratum.id === openId}
          selected={selected.has(erratum.id)}
          {...card}
        />
      ))}
    </section>
  );
}

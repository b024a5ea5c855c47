import {
  ERRATA_SEARCH_MAX,
  ERRATA_SORTS,
  type ErrataSort,
  type ErratumSource,
  REPORT_KINDS,
  type ReportKind,
  type SiteMember,
} from '@errata/core';
import type { Ref } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { choicesInUse, type InboxFilter, isFiltered, NO_FILTER } from './inbox-location.ts';
import { KIND_LABELS } from './report-kinds.ts';

/** The pause in typing after which the search runs: short enough to feel live, long enough to spare the server. */
export const SEARCH_DELAY_MS = 300;

const SORT_LABELS: Record<ErrataSort, string> = {
  priority: 'Priority (reports × recency)',
  newest: 'Newest report',
  oldest: 'Oldest first',
  reports: 'Most reported',
};

interface FiltersBarProps {
  filter: InboxFilter;
  /** Members the list can be narrowed to by assignee. */
  members: readonly SiteMember[];
  userId: string;
  /** Desk names the editor can pick from. */
  desks: readonly string[];
  /** A new filter; `typing` when it comes from the search box, so the address is replaced, not pushed. */
  onChange: (filter: InboxFilter, typing?: boolean) => void;
  searchRef: Ref<HTMLInputElement>;
}

/**
 * Search, narrowing and order of the list; every choice goes to the address. On a phone the
 * choices fold away behind a "Filters" button, so the first screen shows errata, not menus.
 */
export function FiltersBar({ filter, members, userId, desks, onChange, searchRef }: FiltersBarProps) {
  const [typed, setTyped] = useState(filter.q);
  const [unfolded, setUnfolded] = useState(false);
  const choicesId = useId();
  const inUse = choicesInUse(filter);
  const latest = useRef(filter);
  latest.current = filter;

  // Back, forward and "Clear" change the search from outside the box.
  useEffect(() => setTyped(filter.q), [filter.q]);

  useEffect(() => {
    if (typed === latest.current.q) return;
    const timer = setTimeout(() => onChange({ ...latest.current, q: typed }, true), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  const set = (changes: Partial<InboxFilter>) => onChange({ ...filter, ...changes });
  const others = members.filter((member) => member.userId !== userId);
  const deskChoices = [...new Set([...desks, ...(filter.desk ? [filter.desk] : [])])].sort();

  return (
    <search class="filters" aria-label="Search and filters">
      <label class="filter filter-search">
        <span class="visually-hidden">Search quotes, suggestions and comments</span>
        <input
          type="search"
          name="q"
          ref={searchRef}
          value={typed}
          placeholder="Search quotes, suggestions, comments"
          maxLength={ERRATA_SEARCH_MAX}
          onInput={(event) => setTyped(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            // Enter searches at once, without waiting for the pause.
            event.preventDefault();
            onChange({ ...filter, q: typed });
          }}
        />
      </label>
      <button
        type="button"
        class="filters-toggle"
        aria-expanded={unfolded}
        aria-controls={choicesId}
        onClick={() => setUnfolded((shown) => !shown)}
      >
        Filters{inUse > 0 && ` (${inUse})`}
      </button>
      <div class={`filter-choices${unfolded ? ' is-unfolded' : ''}`} id={choicesId}>
        <label class="filter">
          <span>Kind</span>
          <select
            name="kind"
            value={filter.kind ?? ''}
            onChange={(event) => set({ kind: (event.currentTarget.value || null) as ReportKind | null })}
          >
            <option value="">Any kind</option>
            {REPORT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        </label>
        {deskChoices.length > 0 && (
          <label class="filter">
            <span>Desk</span>
            <select
              value={filter.desk ?? ''}
              onChange={(event) => set({ desk: event.currentTarget.value || null })}
            >
              <option value="">Any desk</option>
              {deskChoices.map((desk) => (
                <option key={desk} value={desk}>
                  {desk}
                </option>
              ))}
            </select>
          </label>
        )}
        <label class="filter">
          <span>Assignee</span>
          <select
            name="assignee"
            value={filter.assignee ?? ''}
            onChange={(event) => set({ assignee: event.currentTarget.value || null })}
          >
            <option value="">Anyone</option>
            <option value="me">Me</option>
            <option value="none">Nobody</option>
            {others.map((member) => (
              <option key={member.userId} value={member.userId}>
                {member.email}
              </option>
            ))}
            {filter.assignee &&
              !['me', 'none'].includes(filter.assignee) &&
              !others.some((member) => member.userId === filter.assignee) && (
                <option value={filter.assignee}>Another editor</option>
              )}
          </select>
        </label>
        <label class="filter">
          <span>Suggestion</span>
          <select
            name="suggestion"
            value={filter.hasSuggestion === null ? '' : filter.hasSuggestion ? 'yes' : 'no'}
            onChange={(event) => {
              const value = event.currentTarget.value;
              set({ hasSuggestion: value === '' ? null : value === 'yes' });
            }}
          >
            <option value="">With or without</option>
            <option value="yes">With a suggestion</option>
            <option value="no">Without</option>
          </select>
        </label>
        <label class="filter">
          <span>Found by</span>
          <select
            name="source"
            value={filter.source ?? ''}
            onChange={(event) => set({ source: (event.currentTarget.value || null) as ErratumSource | null })}
          >
            <option value="">All</option>
            <option value="reader">Readers</option>
            <option value="proofreader">Proofreader</option>
          </select>
        </label>
        <label class="filter">
          <span>From</span>
          <input
            type="date"
            name="from"
            value={filter.from ?? ''}
            max={filter.to ?? undefined}
            onChange={(event) => set({ from: event.currentTarget.value || null })}
          />
        </label>
        <label class="filter">
          <span>To</span>
          <input
            type="date"
            name="to"
            value={filter.to ?? ''}
            min={filter.from ?? undefined}
            onChange={(event) => set({ to: event.currentTarget.value || null })}
          />
        </label>
        <label class="filter">
          <span>Sort</span>
          <select
            value={filter.sort}
            onChange={(event) => set({ sort: event.currentTarget.value as ErrataSort })}
          >
            {ERRATA_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {SORT_LABELS[sort]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {isFiltered(filter) && (
        <button
          type="button"
          class="link-button filter-clear"
          onClick={() => onChange({ ...NO_FILTER, sort: filter.sort })}
        >
          Clear filters
        </button>
      )}
    </search>
  );
}

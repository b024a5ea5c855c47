import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { InboxHeader, type InboxHeaderProps } from './InboxHeader.tsx';

interface ScreenShellProps extends InboxHeaderProps {
  /** The screen's own class beside "inbox", e.g. "notifications". */
  screen: string;
  /** The skip link's words, e.g. "Skip to the settings". */
  skipLabel: string;
  /** The screen's heading; it takes the focus when the screen opens, so a screen reader starts there. */
  title: string;
  children: ComponentChildren;
}

/** A signed-in screen other than the inbox: the skip link, the header bar, and its main part under a heading. */
export function ScreenShell({ screen, skipLabel, title, children, ...header }: ScreenShellProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div class={`inbox ${screen}`}>
      <a class="skip-link" href="#main">
        {skipLabel}
      </a>
      <InboxHeader {...header} />
      <main class="inbox-main" id="main">
        <h2 ref={heading} tabIndex={-1}>
          {title}
        </h2>
        {children}
      </main>
    </div>
  );
}

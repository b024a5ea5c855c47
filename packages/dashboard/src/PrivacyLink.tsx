import { useRef, useState } from 'preact/hooks';
import { BASE_PATH } from './base-path.ts';
import { CopyField } from './CopyField.tsx';
import { copyOrSelect } from './copy-text.ts';
import { privacyPageUrl } from './privacy-link.ts';

/** The site's privacy page for readers, made from its settings: a link to copy into the site's own privacy notice or footer. */
export function PrivacyLink({ publicKey }: { publicKey: string }) {
  const url = privacyPageUrl(location.origin, BASE_PATH, publicKey);
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const [selected, setSelected] = useState(false);

  async function copy() {
    if (await copyOrSelect(url, input.current)) setCopied(true);
    else setSelected(true);
  }

  return (
    <section class="site-section" aria-labelledby="privacy-title">
      <h3 id="privacy-title">Privacy page</h3>
      <p class="field-hint">
        What reporting a mistake on this site stores, for how long, and how a reader asks for a copy or
        erasure, in plain words and kept in step with these settings. Link to it from your site's privacy
        notice or beside the report button. <a href={url}>Open it</a>.
      </p>
      <CopyField
        id="privacy-link"
        label="Privacy page address"
        value={url}
        inputRef={input}
        copied={copied}
        onCopy={() => void copy()}
      />
      <p class="site-status" role="status" aria-live="polite">
        {copied ? 'The address is copied.' : selected ? 'The address is selected: press Ctrl+C (or ⌘C).' : ''}
      </p>
    </section>
  );
}

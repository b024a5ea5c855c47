import type { SignedInScreenProps } from './screen-props.ts';

/** The site's settings, members and invitations (owners change them; others read). */
export function SiteSettings(_props: SignedInScreenProps) {
  return (
    <main class="inbox-main" id="main">
      <h2>Site settings</h2>
    </main>
  );
}

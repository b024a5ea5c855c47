import type { SignedInScreenProps } from './screen-props.ts';

/** The site's webhooks and delivery log, and the editor's own e-mail choices. */
export function Notifications(_props: SignedInScreenProps) {
  return (
    <main class="inbox-main" id="main">
      <h2>Notifications</h2>
    </main>
  );
}

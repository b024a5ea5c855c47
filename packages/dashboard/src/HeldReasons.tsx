/** Why Errata's spam scoring held an erratum, as the Spam view shows it: each reason a plain sentence. */
export function HeldReasons({ reasons }: { reasons: readonly string[] }) {
  return (
    <div class="held-reasons" role="note">
      <p class="held-title">
        <span class="badge badge-held">Held as spam by Errata</span>
      </p>
      <ul>
        {reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
    </div>
  );
}

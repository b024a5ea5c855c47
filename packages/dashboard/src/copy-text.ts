/**
 * Copies `text` to the clipboard; without clipboard access (an insecure origin, a denied
 * permission) selects it in `field` instead so Ctrl+C copies it. True when it was copied.
 */
export async function copyOrSelect(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field?.select();
    return false;
  }
}

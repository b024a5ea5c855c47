/** Id of the dialog's host element; it exists only while the dialog is open, so at most one dialog is. */
export const HOST_ID = 'errata-widget';

/** Whether the report dialog is open on this page. */
export function isDialogOpen(): boolean {
  return document.getElementById(HOST_ID) !== null;
}

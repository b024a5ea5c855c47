/**
 * Ids of the widget's elements on the page. Each is a custom element with an open shadow
 * root, appended to <body> only while it is shown, so at most one of each exists.
 */

/** The report dialog's host. */
export const DIALOG_HOST_ID = 'errata-widget';
/** The "Report a mistake" button shown beside a settled selection. */
export const BUTTON_HOST_ID = 'errata-button';
/** The short hint shown when there is nothing selected to report. */
export const TOAST_HOST_ID = 'errata-toast';

/** Whether the report dialog is open on this page. */
export function isDialogOpen(): boolean {
  return document.getElementById(DIALOG_HOST_ID) !== null;
}

/**
 * widget-dialog.js, loaded by the loader when a reader selects text or asks to report:
 * it hands the loader its start function (see contract.ts).
 */
import { start } from './start.ts';

window.__errata?.(start);

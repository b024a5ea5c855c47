/**
 * widget-solver.js, loaded by the dialog part only when the server answers a report with a
 * proof-of-work challenge (a site that turned it on; see @errata/core proof-of-work.ts): it
 * finds the number with crypto.subtle and hands the dialog part the `altcha` field to send.
 */
import { solve } from './solve.ts';

window.__errataSolve = solve;

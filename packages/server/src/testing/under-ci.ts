/** Whether this runs under CI (CI set, and not "false" or "0"), where a missing prerequisite fails instead of skipping. */
export function underCi(): boolean {
  const ci = process.env.CI ?? '';
  return ci !== '' && ci !== 'false' && ci !== '0';
}

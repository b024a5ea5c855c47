/**
 * The value of one series in a Prometheus text exposition, e.g.
 * `seriesValue(text, 'errata_reports_refused_total{reason="rate_limited"}')`; undefined when absent.
 */
export function seriesValue(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

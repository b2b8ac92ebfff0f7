/** Path of a run's page on the status page. */
export function runLink(source: string, run: string): string {
  return `/sources/${encodeURIComponent(source)}/runs/${encodeURIComponent(run)}`;
}

/**
 * The status_class label of a Waldur request: 2xx, 3xx, 4xx, 5xx, or `error` when no HTTP status
 * came back (connection reset, timeout, aborted). Classes keep the label's cardinality small.
 */
export function statusClass(status: number | null): string {
  if (status === null || !Number.isInteger(status) || status < 100 || status > 599) return 'error';
  return `${Math.floor(status / 100)}xx`;
}

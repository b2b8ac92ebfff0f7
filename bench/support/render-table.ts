// A Markdown table; the same text reads well on a terminal.

export function renderTable(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, i) => Math.max(3, ...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]): string => `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}

export const fixed = (value: number, digits: number): string => value.toFixed(digits);
export const seconds = (ms: number): string => (ms / 1000).toFixed(2);
export const verdict = (met: boolean): string => (met ? 'met' : '**missed**');

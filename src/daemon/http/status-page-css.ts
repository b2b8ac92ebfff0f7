// The status page's only stylesheet, served from /status.css (the CSP allows styles from the
// page's own origin, and nothing inline).
export const STATUS_PAGE_CSS = `
:root { color-scheme: light dark; --muted: #667085; --line: #d0d5dd; --ok: #067647; --warn: #b54708; --bad: #b42318; --info: #175cd3; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header { padding: 14px 24px; border-bottom: 1px solid var(--line); display: flex; flex-wrap: wrap; gap: 4px 24px; align-items: baseline; }
header h1 { font-size: 19px; margin: 0; }
header p, .muted { color: var(--muted); margin: 0; }
main { padding: 8px 24px 32px; max-width: 1200px; }
nav { margin: 12px 0; }
a { color: var(--info); }
section.source { border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; margin: 16px 0; }
section.source h2 { font-size: 17px; margin: 0 0 8px; }
.kind { font-size: 12px; font-weight: normal; color: var(--muted); border: 1px solid var(--line); border-radius: 10px; padding: 1px 8px; margin-left: 6px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 10px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 6px 0; }
th, td { text-align: left; padding: 4px 10px 4px 0; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: 13px; }
td.num, th.num { text-align: right; }
td.error, li.error { color: var(--bad); overflow-wrap: anywhere; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; overflow-wrap: anywhere; }
.status { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 13px; font-weight: 600; border: 1px solid currentColor; }
.status-succeeded, .status-idle, .status-applied, .status-created, .status-updated, .status-deleted { color: var(--ok); }
.status-refused, .status-partial, .status-pending, .status-skipped { color: var(--warn); }
.status-failed { color: var(--bad); }
.status-active, .status-waiting, .status-waiting-children, .status-delayed, .status-prioritized { color: var(--info); }
ul.errors { margin: 4px 0 0; padding-left: 20px; }
`;

import { html, type SafeHtml } from './html.js';

/** A whole status page: no script anywhere, one stylesheet, and a meta refresh when asked for. */
export function renderPage(page: { title: string; body: SafeHtml; refreshSeconds?: number; now: number }): string {
  const refresh = page.refreshSeconds ? html`<meta http-equiv="refresh" content="${page.refreshSeconds}">` : '';
  const updated = new Date(page.now).toISOString();
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${refresh}
<title>${page.title}</title>
<link rel="stylesheet" href="/status.css">
</head>
<body>
<header><h1><a href="/">waldur-catalog-sync</a></h1><p>Updated ${updated}${page.refreshSeconds ? html`, refreshes every ${page.refreshSeconds} s` : ''}</p></header>
<main>
${page.body}
</main>
</body>
</html>
`.text;
}

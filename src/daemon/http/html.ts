// HTML built only through this tagged template: every interpolated value is escaped unless it is
// itself the result of `html`, so no value from upstream, Waldur or a request can become markup.
const SAFE = Symbol('safe-html');

export interface SafeHtml {
  readonly [SAFE]: true;
  readonly text: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function render(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (typeof value === 'object' && SAFE in value) return (value as SafeHtml).text;
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** html`<td>${name}</td>`: values are escaped (for text and quoted attributes); arrays are joined. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let text = strings[0]!;
  values.forEach((value, index) => {
    text += render(value) + strings[index + 1]!;
  });
  return { [SAFE]: true, text };
}

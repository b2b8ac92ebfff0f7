const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** ['sources', 1, 'catalog', 'type'] -> "sources[1].catalog.type". */
export function formatPath(path: readonly (string | number | symbol)[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && PLAIN_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

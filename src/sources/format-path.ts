const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `packages[3].versions[0].version`, `software["CUDA Samples"]`: how field paths are shown. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && PLAIN_KEY.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === '' ? '(document)' : out;
}

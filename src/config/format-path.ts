const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * How field paths are shown, in config and upstream files alike: ['sources', 1, 'catalog', 'type']
 * -> `sources[1].catalog.type`, ['software', 'CUDA Samples'] -> `software["CUDA Samples"]`.
 * An empty path (the document itself) is shown as `root`.
 */
export function formatPath(path: ReadonlyArray<PropertyKey>, root = ''): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && PLAIN_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out === '' ? root : out;
}

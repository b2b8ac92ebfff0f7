import { firstUrl } from './first-url.js';

// `Key: value` as modulefiles write whatis lines: a key of one or two words ("Description",
// "Short description" in Spack's modules), never a URL scheme ("https://...").
const KEY_VALUE = /^\s*([A-Za-z][\w.+-]*(?:[ \t]+[A-Za-z][\w.+-]*)?)\s*:(?!\/\/)\s*([\s\S]*)$/;
const DESCRIPTION_KEYS = new Set(['description', 'short description']);
const HOMEPAGE_KEYS = new Set(['homepage', 'url']);

/**
 * Description and homepage from a module's whatis lines: a `Description:` (or Spack's `Short
 * description :`) line, else the first line that is not `Key: value` (free text such as "loads
 * the Genome Analysis Toolkit"); a homepage from `Homepage:` or `URL:`.
 */
export function readWhatis(lines: readonly string[]): { description: string | null; homepage: string | null } {
  let keyed: string | null = null;
  let freeText: string | null = null;
  let homepage: string | null = null;
  for (const line of lines) {
    const match = KEY_VALUE.exec(line);
    if (!match) {
      if (freeText === null && line.trim() !== '') freeText = line.trim();
      continue;
    }
    const key = match[1]!.toLowerCase().replace(/\s+/g, ' ');
    const value = match[2]!.trim();
    if (keyed === null && DESCRIPTION_KEYS.has(key) && value !== '') keyed = value;
    if (homepage === null && HOMEPAGE_KEYS.has(key)) homepage = firstUrl(value);
  }
  return { description: keyed ?? freeText, homepage };
}

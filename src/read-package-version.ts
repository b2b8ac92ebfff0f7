import { readFileSync } from 'node:fs';

/**
 * The version in the project's package.json. It sits one folder above this module both in src/
 * (tests, tsx) and in dist/ (the package and the image), so one path serves both.
 */
export function readPackageVersion(): string {
  const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  const version = (JSON.parse(text) as { version?: unknown }).version;
  return typeof version === 'string' && version !== '' ? version : 'unknown';
}

import { pathToFileURL } from 'node:url';

/** True when the module with this URL is the script node was started with (not an import). */
export function isMainModule(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && moduleUrl === pathToFileURL(process.argv[1]).href;
}

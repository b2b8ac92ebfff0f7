/**
 * The version of a module from its full name (`bcftools/1.15`, `python3/numpy/1.17.4` for
 * package `python3/numpy`): the part after the package name, or null for a version-less module
 * (`full` is the name itself, e.g. `mist`). A full name that does not start with the package
 * name is kept whole, so distinct modules stay distinct.
 */
export function lmodVersion(pkg: string, full: string): string | null {
  if (full === pkg) return null;
  return full.startsWith(`${pkg}/`) ? full.slice(pkg.length + 1) : full;
}

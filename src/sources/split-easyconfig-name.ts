// EasyBuild names an easyconfig `<name>-<version>[-<toolchain>-<tcversion>][<versionsuffix>].eb`
// (the toolchain part is left out for the SYSTEM toolchain). Names and versions may both contain
// "-", so the split needs the toolchain names EasyBuild knows: the NAME of each toolchain in
// easybuild-framework's easybuild/toolchains/*.py, plus the SYSTEM aliases.
const TOOLCHAINS = [
  'ClangGCC', 'CrayCCE', 'CrayGNU', 'CrayIntel', 'CrayPGI', 'FCC', 'Fujitsu', 'GCC', 'GCCcore', 'GNU',
  'NVHPC', 'PGI', 'cgmpich', 'cgmpolf', 'cgmvapich2', 'cgmvolf', 'cgompi', 'cgoolf', 'ffmpi', 'foss',
  'fosscuda', 'gcccuda', 'gfbf', 'gimkl', 'gimpi', 'gimpic', 'giolf', 'giolfc', 'gmacml', 'gmkl', 'gmklc',
  'gmpflf', 'gmpich', 'gmpich2', 'gmpit', 'gmpolf', 'gmvapich2', 'gmvolf', 'goalf', 'gobff', 'goblf',
  'gofbf', 'golf', 'golfc', 'gomkl', 'gomklc', 'gompi', 'gompic', 'goolf', 'goolfc', 'gpsmpi', 'gpsolf',
  'gqacml', 'gsmpi', 'gsolf', 'iccifort', 'iccifortcuda', 'ictce', 'ifbf', 'iibff', 'iimkl', 'iimklc',
  'iimpi', 'iimpic', 'iiqmpi', 'impich', 'impmkl', 'intel', 'intel-compilers', 'intel-para', 'intelcuda',
  'iofbf', 'iomkl', 'iomklc', 'iompi', 'iompic', 'ipsmpi', 'iqacml', 'ismkl', 'lfbf', 'lfoss',
  'llvm-compilers', 'lmpflf', 'lmpich', 'lompi', 'lpsflf', 'lpsmpi', 'nvidia-compilers', 'nvofbf',
  'nvompi', 'nvompic', 'nvpsmpi', 'nvpsmpic', 'pmkl', 'pomkl', 'pompi', 'xlcxlf', 'xlmpich', 'xlmpich2',
  'xlmvapich2', 'xlompi', 'system', 'dummy',
];

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
// Longest names first, so that "GCCcore" wins over "GCC" and "intel-compilers" over "intel".
// The toolchain version may itself contain "-<digit>" (GCC-8.2.0-2.31.1: GCC with binutils).
const TOOLCHAIN = new RegExp(
  `-(?:${[...TOOLCHAINS].sort((a, b) => b.length - a.length).map(escape).join('|')})-\\d[\\w.]*(?:-\\d[\\w.]*)*(?=$|-)`,
);
// The version starts at the first "-" followed by a digit (or v/V and a digit: OpenFOAM-v2306).
const NAME_VERSION = /^(.+?)-([vV]?\d.*)$/;

export type EasyconfigName =
  | { ok: true; name: string; version: string; /** Why the split is a guess, when it is. */ doubt?: string }
  | { ok: false; reason: string };

function fromName(base: string, name: string, doubt?: string): EasyconfigName {
  const version = base.slice(name.length + 1);
  return doubt === undefined ? { ok: true, name, version } : { ok: true, name, version, doubt };
}

/**
 * Software name and (module) version of an easyconfig file name or path. The version is the full
 * EasyBuild module version (`2023.06-foss-2023a`, `12.1.1`): the part that is unique per build.
 * A name is recognised first from `knownNames`, then from the folder the file sits in
 * (`.../software/<name>/<version>/easybuild/<file>.eb`, `easyconfigs/<letter>/<name>/<file>.eb`),
 * then by the grammar; a grammar split that could have gone another way says why in `doubt`.
 */
export function splitEasyconfigName(entry: string, knownNames: readonly string[] = []): EasyconfigName {
  const segments = entry.split('/').filter((s) => s !== '');
  const base = (segments.pop() ?? '').replace(/\.eb$/, '');
  if (base === '') return { ok: false, reason: 'no file name' };
  const startsWith = (name: string) => name !== '' && base.length > name.length + 1 && base.startsWith(`${name}-`);
  const longest = (names: readonly string[]) => names.filter(startsWith).sort((a, b) => b.length - a.length)[0];
  const known = longest(knownNames) ?? longest(segments);
  if (known !== undefined) return fromName(base, known);
  const toolchain = TOOLCHAIN.exec(base);
  // At position 0 the "toolchain" is the software itself (foss-2023a.eb, GCC-12.3.0.eb).
  const head = toolchain && toolchain.index > 0 ? base.slice(0, toolchain.index) : base;
  const match = NAME_VERSION.exec(head);
  if (match) {
    const name = match[1]!;
    const version = match[2]!;
    // "enchant-2-2.6.5": name enchant-2 or enchant, version 2.6.5 or 2-2.6.5? A version whose
    // first part is a single digit followed by "-<digit>" could belong to the name (longer
    // numbers are versions: RE2-2023-03-01, MMseqs2-14-7e284).
    const doubt = /^\d-\d/.test(version)
      ? `read as name ${JSON.stringify(name)}, version ${JSON.stringify(base.slice(name.length + 1))}; if the name is longer, list it in options.names`
      : undefined;
    return fromName(base, name, doubt);
  }
  const dash = head.lastIndexOf('-');
  if (dash <= 0) return { ok: false, reason: 'cannot tell name from version (no "-<version>" part); list the name in options.names' };
  const name = head.slice(0, dash);
  // buildenv-default: one way to split. EESSI-extend-easybuild: two.
  const doubt = name.includes('-')
    ? `no numeric version: read as name ${JSON.stringify(name)}, version ${JSON.stringify(base.slice(dash + 1))}; if that is wrong, list the name in options.names`
    : undefined;
  return fromName(base, name, doubt);
}

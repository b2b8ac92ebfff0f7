// Writes a sandbox seed holding the catalog that Waldur's own EESSI loader would create from EESSI
// API metadata files, so a sync can be compared against a "loader-filled" Waldur:
//
//   node --import tsx scripts/eessi-seed.ts eessi_api_metadata_software.json \
//     --eessi-version 2023.06 --catalog-name "EESSI site" [--catalog-version 2023.06] \
//     [--ext python=eessi_api_metadata_ext-python.json ...] > seed.json
//   catalog-sync sandbox --seed seed.json
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { seedFromEessi } from '../src/sandbox/seed-from-eessi.js';

const usage =
  'usage: eessi-seed.ts MAIN.json --eessi-version V --catalog-name NAME [--catalog-version V] [--ext TYPE=FILE ...]';

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8')) as unknown;
}

async function run(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'eessi-version': { type: 'string' },
      'catalog-name': { type: 'string' },
      'catalog-version': { type: 'string' },
      ext: { type: 'string', multiple: true },
    },
  });
  const [mainFile] = positionals;
  const eessiVersion = values['eessi-version'];
  const catalogName = values['catalog-name'];
  if (!mainFile || !eessiVersion || !catalogName) throw new Error(usage);
  const extensions = await Promise.all(
    (values.ext ?? []).map(async (spec) => {
      const eq = spec.indexOf('=');
      if (eq <= 0) throw new Error(`--ext takes TYPE=FILE, got ${JSON.stringify(spec)}\n${usage}`);
      return { type: spec.slice(0, eq), document: await readJson(spec.slice(eq + 1)) };
    }),
  );
  const seed = seedFromEessi(await readJson(mainFile), {
    eessiVersion,
    catalogName,
    ...(values['catalog-version'] ? { catalogVersion: values['catalog-version'] } : {}),
    extensions,
  });
  process.stdout.write(`${JSON.stringify(seed, null, 1)}\n`);
}

run().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});

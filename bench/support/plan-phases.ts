// Child process of bench-eessi-plan: the steps of `catalog-sync plan` for one EESSI source, one
// after the other in a fresh process (so each runs as cold as in the command), timed one by one.
// The product code is the compiled dist/, as the command runs it. Prints one JSON line.
//   node --import tsx bench/support/plan-phases.ts CONFIG
import { Writable } from 'node:stream';
import type * as LoadConfig from '../../src/config/load-config.js';
import type * as CreateLogger from '../../src/log/create-logger.js';
import type * as PlanCatalog from '../../src/plan/plan-catalog.js';
import type * as RenderPlanText from '../../src/plan/render-plan-text.js';
import type * as LoadDocument from '../../src/sources/load-document.js';
import type * as NormalizeCatalog from '../../src/sources/normalize-catalog.js';
import type * as ParseEessi from '../../src/sources/parse-eessi.js';
import type * as ParseJsonText from '../../src/sources/parse-json-text.js';
import type * as ListCatalogPackages from '../../src/sync/list-catalog-packages.js';
import type * as ResolveCatalog from '../../src/sync/resolve-catalog.js';
import type * as CreateWaldurClient from '../../src/waldur/create-waldur-client.js';

export interface PhaseTime {
  phase: string;
  wallMs: number;
  cpuMs: number;
}

const dist = <T>(path: string): Promise<T> => import(new URL(`../../dist/${path}`, import.meta.url).href) as Promise<T>;

const phases: PhaseTime[] = [];
async function step<T>(phase: string, work: () => T | Promise<T>): Promise<T> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  phases.push({ phase, wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 });
  return value;
}

const { loadConfig } = await dist<typeof LoadConfig>('config/load-config.js');
const { createLogger } = await dist<typeof CreateLogger>('log/create-logger.js');
const { loadDocument } = await dist<typeof LoadDocument>('sources/load-document.js');
const { parseJsonText } = await dist<typeof ParseJsonText>('sources/parse-json-text.js');
const { parseEessi } = await dist<typeof ParseEessi>('sources/parse-eessi.js');
const { normalizeCatalog } = await dist<typeof NormalizeCatalog>('sources/normalize-catalog.js');
const { createWaldurClient } = await dist<typeof CreateWaldurClient>('waldur/create-waldur-client.js');
const { resolveCatalog } = await dist<typeof ResolveCatalog>('sync/resolve-catalog.js');
const { listCatalogPackages } = await dist<typeof ListCatalogPackages>('sync/list-catalog-packages.js');
const { planCatalog } = await dist<typeof PlanCatalog>('plan/plan-catalog.js');
const { renderPlanText } = await dist<typeof RenderPlanText>('plan/render-plan-text.js');

const config = await step('read the config', () => loadConfig({ file: process.argv[2], env: process.env }));
const source = config.sources[0]!;
const location = typeof source.location === 'string' ? source.location : source.location[0]!;
const eessiVersion = String(source.options.eessi_version);
const logger = createLogger({ level: 'warn', format: 'json', destination: new Writable({ write: (_c, _e, done) => done() }) });
const text = await step('read the file', async () => (await loadDocument({ source, logger }, location, 'text', (t) => t)).value);
const value = await step('JSON.parse', () => parseJsonText(text, location));
const raw = await step('check and map (parseEessi)', () => parseEessi(value, location, { eessiVersion, isExtension: false }));
const desired = await step('normalize', () => normalizeCatalog(raw.packages, raw.warnings));
const client = createWaldurClient({ url: config.waldur.url, token: config.waldur.token });
const { catalog } = await step('catalog lookup (first request)', () => resolveCatalog(client, source, { apply: false }));
const actual = await step('list the packages', () => (catalog ? listCatalogPackages(client, catalog, { logger }) : []));
const plan = await step('plan', () =>
  planCatalog({ desired: desired.packages, actual, policy: { prune: source.prune, protect: source.protect, force: false }, skippedNames: desired.skippedNames }),
);
await step('render the text', () =>
  renderPlanText({ source: source.name, catalog: { name: source.catalog.name, version: source.catalog.version, type: source.catalog.type, willCreate: !catalog, uuid: catalog?.uuid ?? null }, plan }),
);
await client.close();
process.stdout.write(`${JSON.stringify({ phases, desired: desired.packages.length, actual: actual.length })}\n`);

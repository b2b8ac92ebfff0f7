// The deployment examples carry a real config: it must load with our loader and pass
// `catalog-sync validate`, and the Kubernetes ConfigMap must be generated from exactly the same files.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../../src/cli/main.js';
import { loadConfig } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/errors.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONFIG_DIR = join(ROOT, 'deploy/config');
const CONFIG_FILE = join(CONFIG_DIR, 'catalog-sync.yaml');
const K8S_BASE = join(ROOT, 'deploy/kubernetes/base');
const work = mkdtempSync(join(tmpdir(), 'catalog-sync-deploy-config-'));
const TOKEN = 'deploy-example-token-4f1c2a';
const tokenFile = join(work, 'waldur_token');
writeFileSync(tokenFile, `${TOKEN}\n`);
// What an operator sets: the API root and where the token secret is mounted.
const env = { WALDUR_URL: 'https://waldur.example.org/api/', WALDUR_TOKEN_FILE: tokenFile };

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The files the Kustomize base turns into the catalog-sync-config ConfigMap. */
function configMapFiles(): Record<string, string> {
  const kustomization = parse(readFileSync(join(K8S_BASE, 'kustomization.yaml'), 'utf8')) as {
    configMapGenerator: Array<{ name: string; files?: string[] }>;
  };
  const generator = kustomization.configMapGenerator.find((g) => g.name === 'catalog-sync-config')!;
  return Object.fromEntries(generator.files!.map((file) => [basename(file), readFileSync(join(K8S_BASE, file), 'utf8')]));
}

async function runCli(args: string[], cliEnv: NodeJS.ProcessEnv) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => void (out += c.toString()));
  stderr.on('data', (c: Buffer) => void (err += c.toString()));
  const code = await main(['node', 'catalog-sync', ...args], { stdout, stderr, env: cliEnv });
  return { code, out, err };
}

describe('deploy/config/catalog-sync.yaml', () => {
  it('when loaded with only WALDUR_URL and the token secret, then it is valid and container-ready', async () => {
    const config = await loadConfig({ file: CONFIG_FILE, env });

    expect(config.waldur.url).toBe('https://waldur.example.org/api/');
    expect(config.waldur.token).toBe(TOKEN);
    expect(config.server).toEqual({ host: '0.0.0.0', port: 9464, apiToken: null, webhookSecret: null, ui: true });
    expect(config.redis).toEqual({ url: 'redis://redis:6379', prefix: 'catalog-sync', configured: true });
    expect(config.sources.map((s) => [s.name, s.kind, s.catalog.name])).toEqual([
      ['eessi-2023-06', 'eessi', 'EESSI site'],
      ['site-modules', 'manifest', 'Site modules'],
    ]);
    expect(config.sources[1]!.location).toBe(join(CONFIG_DIR, 'site-manifest.yaml'));
    expect(config.warnings).toEqual([]);
  });

  it('when WALDUR_URL is not set, then loading fails and names the variable instead of guessing a URL', async () => {
    const failure = await loadConfig({ file: CONFIG_FILE, env: { WALDUR_TOKEN_FILE: tokenFile } }).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(ConfigError);
    expect(String((failure as Error).message)).toContain('WALDUR_URL');
  });

  it('when the token file default is used, then it is where compose and Kubernetes mount the secret', () => {
    const text = readFileSync(CONFIG_FILE, 'utf8');

    expect(text).toMatch(/token_file: \$\{WALDUR_TOKEN_FILE:-\/run\/secrets\/waldur_token\}/);
    expect(text).not.toMatch(/^\s*token:/m);
  });

  it('when `catalog-sync validate` reads it with EESSI pointed at the shipped example, then every source is clean', async () => {
    const cliEnv = { ...env, EESSI_METADATA_URL: join(ROOT, 'config/examples/eessi-example.json') };

    const result = await runCli(['validate', '--config', CONFIG_FILE], cliEnv);

    expect(result.code, result.out + result.err).toBe(0);
    expect(result.out + result.err).not.toContain(TOKEN);
  });
});

describe('deploy/kubernetes/base: the generated config ConfigMap', () => {
  it('when compared with deploy/config, then it embeds exactly the same files', () => {
    const files = configMapFiles();

    expect(Object.keys(files).sort()).toEqual(['catalog-sync.yaml', 'site-manifest.yaml']);
    for (const [name, content] of Object.entries(files)) {
      expect(content, name).toBe(readFileSync(join(CONFIG_DIR, name), 'utf8'));
    }
  });

  it('when mounted as files like Kubernetes does, then the config loads and validates', async () => {
    const mount = mkdtempSync(join(work, 'config-'));
    for (const [name, content] of Object.entries(configMapFiles())) writeFileSync(join(mount, name), content);
    const cliEnv = { ...env, EESSI_METADATA_URL: join(ROOT, 'config/examples/eessi-example.json') };

    const config = await loadConfig({ file: join(mount, 'catalog-sync.yaml'), env });
    const result = await runCli(['validate', '--config', join(mount, 'catalog-sync.yaml')], cliEnv);

    expect(config.sources).toHaveLength(2);
    expect(config.sources[1]!.location).toBe(join(mount, 'site-manifest.yaml'));
    expect(result.code, result.out + result.err).toBe(0);
  });
});

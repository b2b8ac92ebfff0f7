// Facts of the compose and Kubernetes examples that a typo would silently break: Redis safety
// settings, where the config and token are mounted, probes, non-root, and metric names in alerts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { createMetrics } from '../../src/metrics/create-metrics.js';
import { parseMetricsText } from '../metrics/parse-metrics-text.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const K8S = join(ROOT, 'deploy/kubernetes');

// Loose shapes: the tests read what they check and fail loudly when it is missing.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Doc = any;

const k8sDocs: Doc[] = readdirSync(K8S)
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => parseAllDocuments(readFileSync(join(K8S, f), 'utf8')).map((d) => d.toJS() as Doc))
  .filter((d) => d && d.kind);

function find(kind: string, name: string): Doc {
  const doc = k8sDocs.find((d) => d.kind === kind && d.metadata?.name === name);
  if (!doc) throw new Error(`no ${kind} ${name} in deploy/kubernetes`);
  return doc;
}

const TOKEN_FILE = '/run/secrets/waldur_token';

describe('deploy/docker-compose.yaml', () => {
  const compose = parse(readFileSync(join(ROOT, 'deploy/docker-compose.yaml'), 'utf8')) as Doc;
  const redis = compose.services.redis;
  const daemon = compose.services['catalog-sync'];

  it('when read, then Redis never evicts queue keys and persists them', () => {
    const args: string[] = redis.command;

    expect(args[args.indexOf('--maxmemory-policy') + 1]).toBe('noeviction');
    expect(args[args.indexOf('--appendonly') + 1]).toBe('yes');
    expect(redis.volumes).toContainEqual(expect.stringMatching(/:\/data$/));
  });

  it('when read, then the daemon gets the config at /config, the token as a secret and a healthcheck', () => {
    expect(daemon.volumes).toContain('./config:/config:ro');
    expect(daemon.secrets).toEqual(['waldur_token']);
    expect(compose.secrets.waldur_token.file).toBe('./secrets/waldur_token');
    expect(`/run/secrets/${daemon.secrets[0]}`).toBe(TOKEN_FILE);
    expect(JSON.stringify(daemon.environment)).not.toMatch(/TOKEN/);
    expect(daemon.environment.REDIS_URL).toBe('redis://redis:6379');
    expect(daemon.healthcheck.test.join(' ')).toContain('/healthz');
    expect(daemon.depends_on.redis.condition).toBe('service_healthy');
    expect(daemon.read_only).toBe(true);
  });
});

describe('deploy/kubernetes', () => {
  const deployment = find('Deployment', 'catalog-sync');
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0];

  it('when applied with kustomize, then every listed resource exists', () => {
    const kustomization = parse(readFileSync(join(K8S, 'kustomization.yaml'), 'utf8')) as Doc;

    for (const file of kustomization.resources as string[]) expect(existsSync(join(K8S, file)), file).toBe(true);
  });

  it('when deployed, then two non-root replicas run with a read-only root filesystem and resources', () => {
    expect(deployment.spec.replicas).toBe(2);
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(container.securityContext.allowPrivilegeEscalation).toBe(false);
    expect(container.resources.requests).toEqual(expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }));
    expect(container.resources.limits.memory).toEqual(expect.any(String));
    expect(container.args).toEqual(['daemon']);
  });

  it('when probed, then liveness asks /healthz and readiness /readyz on the metrics port', () => {
    const port = container.ports.find((p: Doc) => p.name === 'metrics');

    expect(port.containerPort).toBe(9464);
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'metrics' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'metrics' });
  });

  it('when mounted, then the ConfigMap lands at /config and the Secret at the token_file path', () => {
    const mounts = Object.fromEntries(container.volumeMounts.map((m: Doc) => [m.name, m.mountPath]));
    const volumes = Object.fromEntries(pod.volumes.map((v: Doc) => [v.name, v]));
    const secret = volumes['waldur-token'].secret;

    expect(mounts.config).toBe('/config');
    expect(volumes.config.configMap.name).toBe(find('ConfigMap', 'catalog-sync-config').metadata.name);
    expect(`${mounts['waldur-token']}/${secret.items[0].path}`).toBe(TOKEN_FILE);
    expect(Object.keys(find('Secret', secret.secretName).stringData)).toEqual([secret.items[0].key]);
  });

  it('when Prometheus discovers it, then annotations and the ServiceMonitor point at /metrics', () => {
    const annotations = deployment.spec.template.metadata.annotations;
    const service = find('Service', 'catalog-sync');
    const monitor = find('ServiceMonitor', 'catalog-sync');

    expect(annotations).toEqual(expect.objectContaining({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9464', 'prometheus.io/path': '/metrics' }));
    expect(monitor.spec.selector.matchLabels).toEqual(service.metadata.labels);
    expect(service.spec.ports.map((p: Doc) => p.name)).toContain(monitor.spec.endpoints[0].port);
    expect(service.spec.selector).toEqual(deployment.spec.template.metadata.labels);
  });

  it('when Redis runs in the cluster, then it never evicts, persists, and is where REDIS_URL points', () => {
    const redis = find('StatefulSet', 'catalog-sync-redis').spec.template.spec.containers[0];
    const args: string[] = redis.args;
    const redisUrl = container.env.find((e: Doc) => e.name === 'REDIS_URL').value;

    expect(args[args.indexOf('--maxmemory-policy') + 1]).toBe('noeviction');
    expect(args[args.indexOf('--appendonly') + 1]).toBe('yes');
    expect(redisUrl).toBe(`redis://${find('Service', 'catalog-sync-redis').metadata.name}:6379`);
  });

  it('when alert rules are loaded, then every metric they use is one the daemon exports', async () => {
    const exported = Object.keys(parseMetricsText(await createMetrics().render()).types);
    const rules = find('PrometheusRule', 'catalog-sync').spec.groups.flatMap((g: Doc) => g.rules);
    const used = rules.flatMap((r: Doc) => String(r.expr).match(/catalog_sync_[a-z_]+/g) ?? []);

    expect(rules.length).toBeGreaterThanOrEqual(3);
    for (const name of used) expect(exported, name).toContain(name.replace(/_(bucket|sum|count)$/, ''));
  });
});

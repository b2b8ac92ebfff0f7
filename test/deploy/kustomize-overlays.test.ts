// Every Kustomize overlay, rendered by `kubectl kustomize` exactly as `kubectl apply -k` would
// send it, then checked object by object: what a typo in a patch or a generator would break.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { KUBECTL, kubectlMissing, renderKustomize, type KubeObject } from './render-kustomize.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const K8S = join(ROOT, 'deploy/kubernetes');
const NO_KUBECTL = kubectlMissing('the Kustomize overlays are not rendered');
if (!KUBECTL) console.warn(`test/deploy/kustomize-overlays.test.ts: ${NO_KUBECTL}`);

const DAEMON = { 'app.kubernetes.io/name': 'catalog-sync' };
const REDIS = { 'app.kubernetes.io/name': 'catalog-sync-redis' };
const REDIS_PORTS = [6379, 6380, 26379];
/** What each overlay is for; a new overlay must be added here to be checked. */
const OVERLAYS: Record<string, { redis: 'bundled' | 'external' }> = {
  'bundled-redis': { redis: 'bundled' },
  'external-redis': { redis: 'external' },
};

const work = mkdtempSync(join(tmpdir(), 'catalog-sync-kustomize-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function find(objects: KubeObject[], kind: string, name: string | RegExp): KubeObject {
  const found = objects.filter((o) => o.kind === kind && (typeof name === 'string' ? o.metadata.name === name : name.test(o.metadata.name)));
  if (found.length !== 1) throw new Error(`expected one ${kind} ${String(name)}, found ${found.length}`);
  return found[0];
}

function matches(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  return Object.entries(selector ?? {}).every(([key, value]) => labels[key] === value);
}

/** The rules of every NetworkPolicy that selects pods with these labels, for one direction. */
function policyRules(objects: KubeObject[], labels: Record<string, string>, direction: 'Ingress' | 'Egress'): KubeObject[] | null {
  const policies = objects.filter(
    (o) => o.kind === 'NetworkPolicy' && matches(o.spec.podSelector.matchLabels, labels) && o.spec.policyTypes.includes(direction),
  );
  if (policies.length === 0) return null; // not isolated: everything allowed
  return policies.flatMap((p) => p.spec[direction === 'Ingress' ? 'ingress' : 'egress'] ?? []);
}

function ports(rule: KubeObject): string[] {
  return (rule.ports ?? []).map((p: KubeObject) => `${p.port}/${p.protocol ?? 'TCP'}`).sort();
}

/** What an egress rule of the daemon is for; anything else fails the test. */
function egressPurpose(rule: KubeObject, redis: 'bundled' | 'external'): string {
  const to: KubeObject[] = rule.to ?? [];
  if (ports(rule).join() === '53/TCP,53/UDP') return 'dns';
  if (ports(rule).join() === '443/TCP' && to.length > 0 && to.every((peer) => peer.ipBlock)) return 'https';
  const toRedis =
    redis === 'bundled'
      ? to.length > 0 && to.every((peer) => matches(peer.podSelector?.matchLabels, REDIS) && !peer.namespaceSelector && !peer.ipBlock)
      : to.length > 0 && to.every((peer) => peer.ipBlock && !peer.ipBlock.cidr.endsWith('/0'));
  const redisPorts = (rule.ports ?? []).every((p: KubeObject) => REDIS_PORTS.includes(p.port) && p.protocol === 'TCP');
  if (toRedis && redisPorts && (rule.ports ?? []).length > 0) return 'redis';
  return `unexpected: ${JSON.stringify(rule)}`;
}

function configFiles(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

describe('deploy/kubernetes overlays', () => {
  it('when listed, then every overlay folder is one this test checks', () => {
    expect(readdirSync(join(K8S, 'overlays')).sort()).toEqual(Object.keys(OVERLAYS).sort());
  });

  for (const [overlay, expected] of Object.entries(OVERLAYS)) {
    describe(`overlays/${overlay}, rendered by kubectl kustomize`, () => {
      let objects: KubeObject[] = [];
      let deployment: KubeObject;
      let pod: KubeObject;
      let container: KubeObject;
      beforeAll(async () => {
        if (!KUBECTL) return;
        objects = await renderKustomize(join(K8S, 'overlays', overlay));
        deployment = find(objects, 'Deployment', 'catalog-sync');
        pod = deployment.spec.template.spec;
        container = pod.containers.find((c: KubeObject) => c.name === 'catalog-sync');
      });

      it('then everything lands in the catalog-sync namespace and no Secret is shipped', (ctx) => {
        if (!KUBECTL) ctx.skip(NO_KUBECTL);
        const namespaced = objects.filter((o) => o.kind !== 'Namespace');

        expect(find(objects, 'Namespace', 'catalog-sync')).toBeDefined();
        expect(namespaced.filter((o) => o.metadata.namespace !== 'catalog-sync').map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([]);
        expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
      });

      it('then two replicas run, a PodDisruptionBudget lets one go at a time, and the selectors match', (ctx) => {
        if (!KUBECTL) ctx.skip(NO_KUBECTL);
        const pdb = find(objects, 'PodDisruptionBudget', 'catalog-sync');
        const labels = deployment.spec.template.metadata.labels;

        expect(deployment.spec.replicas).toBe(2);
        expect(deployment.spec.strategy.rollingUpdate).toEqual({ maxSurge: 1, maxUnavailable: 0 });
        expect(pdb.spec.maxUnavailable).toBe(1);
        expect(pdb.spec.minAvailable).toBeUndefined();
        expect(matches(pdb.spec.selector.matchLabels, labels)).toBe(true);
        expect(matches(deployment.spec.selector.matchLabels, labels)).toBe(true);
        expect(labels).toEqual(expect.objectContaining(DAEMON));
      });

      it('then startup and liveness ask /healthz, readiness /readyz, on the metrics port 9464', (ctx) => {
        if (!KUBECTL) ctx.skip(NO_KUBECTL);
        const metricsPort = container.ports.find((p: KubeObject) => p.name === 'metrics');

        expect(metricsPort.containerPort).toBe(9464);
        expect(container.startupProbe.httpGet).toEqual({ path: '/healthz', port: 'metrics' });
        expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'metrics' });
        expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'metrics' });
        expect(container.args).toEqual(['daemon']);
      });

      it('then the daemon runs non-root, read-only, without privileges or a service account token', (ctx) => {
        if (!KUBECTL) ctx.skip(NO_KUBECTL);
        const workloads = objects.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet');

        expect(workloads.length).toBe(expected.redis === 'bundled' ? 2 : 1);
        for (const workload of workloads) {
          const spec = workload.spec.template.spec;
          expect(spec.securityContext, workload.metadata.name).toEqual(
            expect.objectContaining({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }),
          );
          expect(spec.securityContext.runAsUser).toBeGreaterThan(0);
          expect(spec.automountServiceAccountToken).toBe(false);
          for (const c of spec.containers) {
            expect(c.securityContext, c.name).toEqual({
              allowPrivilegeEscalation: false,
              readOnlyRootFilesystem: true,
              capabilities: { drop: ['ALL'] },
            });
            expect(c.resources.requests, c.name).toEqual(expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }));
            expect(c.resources.limits.memory, c.name).toEqual(expect.any(String));
            // A pinned version, never a floating tag.
            expect(c.image, c.name).toMatch(/:\d+\.\d+\.\d+(-[a-z0-9.]+)?$/);
          }
        }
      });

      it('then the config is a generated ConfigMap with a content hash in its name, mounted at /config', (ctx) => {
        if (!KUBECTL) ctx.skip(NO_KUBECTL);
        const config = find(objects, 'ConfigMap', /^catalog-sync-config-/);
        const configVolume = pod.volumes.find((v: KubeObject) => v.name === 'config');
        const mount = container.volumeMounts.find((m: KubeObject) => m.name === 'config');

        expect(config.metadata.name).toMatch(/^catalog-sync-config-[a-z0-9]{10}$/);
        expect(configVolume.configMap.name).toBe(config.metadata.name);
        expect(mount).toEqual({ name: 'config', mountPath: '/config', readOnly: true });
        expect(config.data).toEqual(configFiles(join(ROOT, 'deploy/config')));
      });

      it('then the environment comes from a generated ConfigMap too, and REDIS_URL points at this overlay\'s Redis', (ctx) => {
        if (!KUBECTL) ctx.skip(NO_KUBECTL);
        const env = find(objects, 'ConfigMap', /^catalog-sync-env-/);
        const envFrom = container.envFrom.map((e: KubeObject) => e.configMapRef.name);
        const redisFromSecret = (container.env ?? []).find((e: KubeObject) => e.name === 'REDIS_URL');

        expect(env.metadata.name).toMatch(/^catalog-sync-env-[a-z0-9]{10}$/);
        expect(envFrom).toEqual([env.metadata.name]);
        expect(env.data.WALDUR_URL).toMatch(/^https:\/\/.+\/api\/$/);
        if (expected.redis === 'bundled') {
          const service = find(objects, 'Service', 'catalog-sync-redis');
          expect(env.data.REDIS_URL).toBe(`redis://${service.metadata.name}:${service.spec.ports[0].port}`);
          expect(redisFromSecret).toBeUndefined();
        } else {
          expect(env.data.REDIS_URL).toBeUndefined();
          expect(redisFromSecret.valueFrom.secretKeyRef).toEqual({ name: 'catalog-sync-redis', key: 'url' });
        }
      });

      it('then the token comes from the catalog-sync-waldur-token Secret at the config\'s token_file path', (ctx) => {
        if (!KUBECTL) ctx.skip(NO_KUBECTL);
        const volume = pod.volumes.find((v: KubeObject) => v.name === 'waldur-token');
        const mount = container.volumeMounts.find((m: KubeObject) => m.name === 'waldur-token');
        const example = parse(readFileSync(join(K8S, 'secret.example.yaml'), 'utf8')) as KubeObject;

        expect(volume.secret.secretName).toBe('catalog-sync-waldur-token');
        // A folder mount without subPath: Kubernetes refreshes the file when the Secret changes.
        expect(mount.subPath).toBeUndefined();
        expect(`${mount.mountPath}/${volume.secret.items[0].path}`).toBe('/run/secrets/waldur_token');
        expect(example.metadata.name).toBe(volume.secret.secretName);
        expect(Object.keys(example.stringData)).toEqual([volume.secret.items[0].key]);
      });

      it('then the daemon may reach only DNS, HTTPS and its Redis, and be reached only on the metrics port', (ctx) => {
        if (!KUBECTL) ctx.skip(NO_KUBECTL);
        const egress = policyRules(objects, DAEMON, 'Egress');
        const ingress = policyRules(objects, DAEMON, 'Ingress');

        expect(egress).not.toBeNull();
        expect(egress!.map((rule) => egressPurpose(rule, expected.redis)).sort()).toEqual(['dns', 'https', 'redis']);
        expect(ingress!.map(ports)).toEqual([['metrics/TCP']]);
      });

      it('then only the daemon may reach Redis, and Redis reaches nothing', (ctx) => {
        if (!KUBECTL) ctx.skip(NO_KUBECTL);
        if (expected.redis === 'external') {
          expect(objects.filter((o) => o.kind === 'StatefulSet' || o.metadata.name === 'catalog-sync-redis')).toEqual([]);
          return;
        }
        const ingress = policyRules(objects, REDIS, 'Ingress');
        const egress = policyRules(objects, REDIS, 'Egress');

        expect(ingress).toHaveLength(1);
        expect(ingress![0].from).toEqual([{ podSelector: { matchLabels: DAEMON } }]);
        expect(ports(ingress![0])).toEqual(['redis/TCP']);
        expect(egress).toEqual([]);
      });

      it('then a bundled Redis is one pinned instance that never evicts and persists with AOF, and an external one ships none', (ctx) => {
        if (!KUBECTL) ctx.skip(NO_KUBECTL);
        if (expected.redis === 'external') {
          expect(objects.filter((o) => o.kind === 'StatefulSet')).toEqual([]);
          return;
        }
        const redis = find(objects, 'StatefulSet', 'catalog-sync-redis');
        const args: string[] = redis.spec.template.spec.containers[0].args;

        expect(redis.spec.replicas).toBe(1);
        expect(args[args.indexOf('--maxmemory-policy') + 1]).toBe('noeviction');
        expect(args[args.indexOf('--appendonly') + 1]).toBe('yes');
        expect(redis.spec.volumeClaimTemplates[0].metadata.name).toBe('data');
      });

      it('then the ServiceMonitor scrapes the daemon Service, and the alert rules come along', (ctx) => {
        if (!KUBECTL) ctx.skip(NO_KUBECTL);
        const service = find(objects, 'Service', 'catalog-sync');
        const monitor = find(objects, 'ServiceMonitor', 'catalog-sync');

        expect(matches(monitor.spec.selector.matchLabels, service.metadata.labels)).toBe(true);
        expect(objects.filter((o) => o.kind === 'Service' && matches(monitor.spec.selector.matchLabels, o.metadata.labels))).toHaveLength(1);
        expect(service.spec.ports.map((p: KubeObject) => p.name)).toContain(monitor.spec.endpoints[0].port);
        expect(monitor.spec.endpoints[0].path).toBe('/metrics');
        expect(service.spec.selector).toEqual(deployment.spec.template.metadata.labels);
        expect(find(objects, 'PrometheusRule', 'catalog-sync').spec.groups.length).toBeGreaterThan(0);
        // For Prometheus setups that discover pods by annotation instead.
        expect(deployment.spec.template.metadata.annotations).toEqual(
          expect.objectContaining({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9464', 'prometheus.io/path': '/metrics' }),
        );
      });
    });
  }

  describe('when the config changes', () => {
    it('then the ConfigMap gets a new name and the Deployment points at it, so the pods roll', async (ctx) => {
      if (!KUBECTL) ctx.skip(NO_KUBECTL);
      // Arrange: a copy of the manifests with one config value changed.
      const copy = join(work, 'changed');
      cpSync(K8S, copy, { recursive: true });
      const configFile = join(copy, 'base/config/catalog-sync.yaml');
      writeFileSync(configFile, readFileSync(configFile, 'utf8').replace(/^  level: info$/m, '  level: debug'));

      // Act
      const before = await renderKustomize(join(K8S, 'overlays/bundled-redis'));
      const after = await renderKustomize(join(copy, 'overlays/bundled-redis'));

      // Assert
      const name = (objects: KubeObject[]) => find(objects, 'ConfigMap', /^catalog-sync-config-/).metadata.name as string;
      const mounted = (objects: KubeObject[]) =>
        find(objects, 'Deployment', 'catalog-sync').spec.template.spec.volumes.find((v: KubeObject) => v.name === 'config').configMap.name;
      expect(find(after, 'ConfigMap', /^catalog-sync-config-/).data['catalog-sync.yaml']).toContain('level: debug');
      expect(name(after)).not.toBe(name(before));
      expect(mounted(after)).toBe(name(after));
      expect(find(after, 'ConfigMap', /^catalog-sync-env-/).metadata.name).toBe(find(before, 'ConfigMap', /^catalog-sync-env-/).metadata.name);
    });
  });

  describe('when a site builds its own overlay on top of one, as docs/deployment.md shows', () => {
    it('then its config files, Waldur URL and image replace the examples', async (ctx) => {
      if (!KUBECTL) ctx.skip(NO_KUBECTL);
      // Arrange: the site's folder, next to nothing of the repository but a relative path to it.
      const site = join(work, 'site');
      mkdirSync(site, { recursive: true });
      const siteConfig = readFileSync(join(ROOT, 'deploy/config/catalog-sync.yaml'), 'utf8').replace('EESSI site', 'EESSI at our site');
      writeFileSync(join(site, 'catalog-sync.yaml'), siteConfig);
      writeFileSync(join(site, 'site-manifest.yaml'), 'manifest_version: 1\npackages: []\n');
      writeFileSync(
        join(site, 'kustomization.yaml'),
        [
          'apiVersion: kustomize.config.k8s.io/v1beta1',
          'kind: Kustomization',
          'resources:',
          `  - ${relative(site, join(K8S, 'overlays/bundled-redis'))}`,
          'configMapGenerator:',
          '  - name: catalog-sync-config',
          '    behavior: replace',
          '    files: [catalog-sync.yaml, site-manifest.yaml]',
          '  - name: catalog-sync-env',
          '    behavior: merge',
          '    literals: [WALDUR_URL=https://waldur.site.example/api/]',
          'images:',
          '  - name: registry.example.org/waldur-catalog-sync',
          '    newName: registry.site.example/hpc/waldur-catalog-sync',
          '    newTag: 0.1.0',
          '',
        ].join('\n'),
      );

      // Act
      const objects = await renderKustomize(site);

      // Assert
      const deployment = find(objects, 'Deployment', 'catalog-sync');
      const config = find(objects, 'ConfigMap', /^catalog-sync-config-/);
      const env = find(objects, 'ConfigMap', /^catalog-sync-env-/);
      expect(config.data).toEqual({ 'catalog-sync.yaml': siteConfig, 'site-manifest.yaml': 'manifest_version: 1\npackages: []\n' });
      expect(deployment.spec.template.spec.volumes.find((v: KubeObject) => v.name === 'config').configMap.name).toBe(config.metadata.name);
      expect(env.data).toEqual(expect.objectContaining({ WALDUR_URL: 'https://waldur.site.example/api/', REDIS_URL: 'redis://catalog-sync-redis:6379' }));
      expect(deployment.spec.template.spec.containers[0].envFrom[0].configMapRef.name).toBe(env.metadata.name);
      expect(deployment.spec.template.spec.containers[0].image).toBe('registry.site.example/hpc/waldur-catalog-sync:0.1.0');
    });
  });
});

// Facts of the compose example that a typo would silently break (Redis safety settings, where the
// config and token are mounted, the healthcheck), and that compose and Kubernetes deploy the same
// thing: the same Redis image and settings, environment, health checks, image version and port.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseExecForm, readDockerfile, splitFlags } from './read-dockerfile.js';
import { KUBECTL, kubectlMissing, renderKustomize, type KubeObject } from './render-kustomize.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NO_KUBECTL = kubectlMissing('compose is not compared with the rendered Kubernetes overlay');
if (!KUBECTL) console.warn(`test/deploy/manifests.test.ts: ${NO_KUBECTL}`);
const TOKEN_FILE = '/run/secrets/waldur_token';
const packageVersion = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Compose and Docker durations (`30s`, `1m30s`) in seconds. */
function seconds(duration: string): number {
  const parts = /^(?:(\d+)m)?(?:(\d+)s)?$/.exec(duration);
  if (!parts || duration === '') throw new Error(`cannot read duration ${duration}`);
  return Number(parts[1] ?? 0) * 60 + Number(parts[2] ?? 0);
}

const compose = parse(readFileSync(join(ROOT, 'deploy/docker-compose.yaml'), 'utf8')) as KubeObject;
const composeRedis = compose.services.redis;
const daemon = compose.services['catalog-sync'];

describe('deploy/docker-compose.yaml', () => {
  it('when read, then Redis is a pinned version that never evicts queue keys and persists them', () => {
    const args: string[] = composeRedis.command;

    expect(composeRedis.image).toMatch(/^redis:\d+\.\d+\.\d+-alpine$/);
    expect(args[0]).toBe('redis-server');
    expect(args[args.indexOf('--maxmemory-policy') + 1]).toBe('noeviction');
    expect(args[args.indexOf('--appendonly') + 1]).toBe('yes');
    expect(composeRedis.volumes).toContainEqual(expect.stringMatching(/:\/data$/));
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

  it('when read, then the daemon image is tagged with the package version, like the Kubernetes one', () => {
    expect(daemon.image).toBe(`waldur-catalog-sync:${packageVersion}`);
  });
});

describe('compose and Kubernetes (overlays/bundled-redis)', () => {
  let objects: KubeObject[] = [];
  let container: KubeObject;
  let pod: KubeObject;
  let redis: KubeObject;
  beforeAll(async () => {
    if (!KUBECTL) return;
    objects = await renderKustomize(join(ROOT, 'deploy/kubernetes/overlays/bundled-redis'));
    pod = objects.find((o) => o.kind === 'Deployment').spec.template.spec;
    container = pod.containers[0];
    redis = objects.find((o) => o.kind === 'StatefulSet').spec.template.spec.containers[0];
  });

  it('when compared, then Redis runs the same image with the same arguments and health check', (ctx) => {
    if (!KUBECTL) ctx.skip(NO_KUBECTL);
    const probe = redis.readinessProbe;

    expect(redis.image).toBe(composeRedis.image);
    expect(redis.args).toEqual(composeRedis.command);
    expect(composeRedis.healthcheck.test).toEqual(['CMD', ...probe.exec.command]);
    expect(seconds(composeRedis.healthcheck.interval)).toBe(probe.periodSeconds);
    expect(seconds(composeRedis.healthcheck.timeout)).toBe(probe.timeoutSeconds);
    expect(composeRedis.healthcheck.retries).toBe(probe.failureThreshold);
  });

  it('when compared, then the daemon health check has the timing of the image HEALTHCHECK in both', (ctx) => {
    if (!KUBECTL) ctx.skip(NO_KUBECTL);
    const dockerfile = readDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
    const healthcheck = dockerfile.stages.at(-1)!.instructions.filter((i) => i.keyword === 'HEALTHCHECK').at(-1)!;
    const { flags, rest } = splitFlags(healthcheck.args);
    const image = { interval: seconds(flags.interval!), timeout: seconds(flags.timeout!), start: seconds(flags['start-period']!), retries: Number(flags.retries) };
    const check = daemon.healthcheck;
    const { livenessProbe: liveness, startupProbe: startup } = container;

    expect({ interval: seconds(check.interval), timeout: seconds(check.timeout), start: seconds(check.start_period), retries: check.retries }).toEqual(image);
    expect({ interval: liveness.periodSeconds, timeout: liveness.timeoutSeconds, start: startup.periodSeconds * startup.failureThreshold, retries: liveness.failureThreshold }).toEqual(image);
    // The same command as the image's, with the URL the image reads from CATALOG_SYNC_HEALTHCHECK_URL.
    const imageCommand = parseExecForm(rest.slice(3).trim())!;
    expect(check.test).toEqual(['CMD', ...imageCommand.map((arg) => arg.replace('process.env.CATALOG_SYNC_HEALTHCHECK_URL', "'http://127.0.0.1:9464/healthz'"))]);
  });

  it('when compared, then the daemon gets the same environment, port, grace period and image version', (ctx) => {
    if (!KUBECTL) ctx.skip(NO_KUBECTL);
    const env = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('catalog-sync-env-'));
    const published = String(daemon.ports[0]).split(':').at(-1);

    expect(Object.keys(env.data).sort()).toEqual(Object.keys(daemon.environment).sort());
    expect(env.data.LOG_LEVEL).toBe('info');
    expect(daemon.environment.LOG_LEVEL).toBe('${LOG_LEVEL:-info}');
    expect(Number(published)).toBe(container.ports[0].containerPort);
    expect(seconds(daemon.stop_grace_period)).toBe(pod.terminationGracePeriodSeconds);
    expect(container.image).toMatch(new RegExp(`/waldur-catalog-sync:${packageVersion.replace(/\./g, '\\.')}$`));
    expect(container.args).toEqual(daemon.command);
  });
});

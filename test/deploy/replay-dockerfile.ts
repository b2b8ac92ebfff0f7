// Replays the Dockerfile's stages on the host: each stage gets a folder standing for its root
// filesystem, COPY copies from the (.dockerignore-filtered) context or an earlier stage, and RUN
// runs the commands it knows. An unknown command is an error, never a silent skip.
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, statSync, symlinkSync } from 'node:fs';
import { dirname, isAbsolute, join, posix } from 'node:path';
import { promisify } from 'node:util';
import { parseEnv, parseExecForm, splitFlags, type Stage } from './read-dockerfile.js';

const run = promisify(execFile);

export interface BuildContext {
  dir: string;
  /** Context-relative paths (a/b/c) that .dockerignore lets through. */
  files: string[];
}

export interface ReplayedStage {
  root: string;
  /** Container path of the working directory. */
  workdir: string;
  env: Record<string, string>;
  user: string | null;
  expose: string[];
  entrypoint: string[] | null;
  cmd: string[] | null;
  healthcheck: { flags: Record<string, string>; cmd: string[] } | null;
}

export interface ReplayOptions {
  root: string;
  context: BuildContext;
  /** Earlier stages by name, for COPY --from. */
  stages: Map<string, ReplayedStage>;
  /** Extra flags for `npm ci` (e.g. --prefer-offline to reuse the local cache). */
  npmCiFlags: string[];
}

/** Maps a container path to the stage's folder on the host. */
export function hostPath(stage: { root: string; workdir: string }, containerPath: string): string {
  const absolute = posix.isAbsolute(containerPath) ? containerPath : posix.join(stage.workdir, containerPath);
  return join(stage.root, posix.normalize(absolute));
}

function copyFromContext(context: BuildContext, source: string, target: string, intoDir: boolean): void {
  const clean = posix.normalize(source).replace(/\/+$/, '');
  const matched = context.files.filter((f) => f === clean || f.startsWith(`${clean}/`));
  if (matched.length === 0) throw new Error(`COPY ${source}: not in the build context (see .dockerignore)`);
  const isFile = matched.length === 1 && matched[0] === clean;
  for (const file of matched) {
    const relative = isFile ? posix.basename(file) : file.slice(clean.length + 1);
    const destination = isFile && !intoDir ? target : join(target, relative);
    mkdirSync(dirname(destination), { recursive: true });
    cpSync(join(context.dir, file), destination);
  }
}

function replayCopy(stage: ReplayedStage, args: string, options: ReplayOptions): void {
  const { flags, rest } = splitFlags(args);
  // --chown needs root on the host; ownership is asserted from the Dockerfile text instead.
  for (const flag of Object.keys(flags)) {
    if (flag !== 'from' && flag !== 'chown') throw new Error(`COPY --${flag} is not replayed`);
  }
  const parts = parseExecForm(rest) ?? rest.split(/\s+/);
  const destination = parts.pop()!;
  const target = hostPath(stage, destination);
  const intoDir = destination.endsWith('/') || parts.length > 1;
  for (const source of parts) {
    if (/[*?[]/.test(source)) throw new Error(`COPY ${source}: wildcards are not replayed`);
    if (!flags.from) {
      copyFromContext(options.context, source, target, intoDir);
      continue;
    }
    const from = options.stages.get(flags.from);
    if (!from) throw new Error(`COPY --from=${flags.from}: no such stage`);
    const origin = hostPath(from, source);
    if (!existsSync(origin)) throw new Error(`COPY --from=${flags.from} ${source}: missing in that stage`);
    // A directory's contents land in the target; a file lands in it or becomes it.
    if (statSync(origin).isDirectory()) cpSync(origin, target, { recursive: true });
    else cpSync(origin, intoDir ? join(target, posix.basename(source)) : target);
  }
}

async function replayCommand(stage: ReplayedStage, command: string, options: ReplayOptions): Promise<void> {
  const words = command.trim().split(/\s+/);
  const [program, first] = words;
  const cwd = hostPath(stage, stage.workdir);
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...stage.env };
  if (program === 'npm' && first === 'cache') return; // never wipe the host's shared npm cache
  if (program === 'npm' && (first === 'ci' || first === 'run')) {
    const extra = first === 'ci' ? options.npmCiFlags : [];
    await run('npm', [...words.slice(1), ...extra], { cwd, env, maxBuffer: 16 * 1024 * 1024 }).catch(
      (err: Error & { stdout?: string; stderr?: string }) => {
        throw new Error(`${command.trim()} failed:\n${err.stdout ?? ''}${err.stderr ?? ''}`.slice(0, 8000));
      },
    );
    return;
  }
  if (program === 'chmod' && words.length === 3) {
    chmodSync(hostPath(stage, words[2]!), parseInt(words[1]!, 8));
    return;
  }
  if (program === 'mkdir' && first === '-p') {
    for (const dir of words.slice(2)) mkdirSync(hostPath(stage, dir), { recursive: true });
    return;
  }
  if (program === 'ln' && first === '-s' && words.length === 4) {
    const link = hostPath(stage, words[3]!);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(isAbsolute(words[2]!) ? hostPath(stage, words[2]!) : words[2]!, link);
    return;
  }
  throw new Error(`RUN ${command}: the replay does not know this command; teach test/deploy/replay-dockerfile.ts`);
}

export async function replayStage(stage: Stage, options: ReplayOptions): Promise<ReplayedStage> {
  const state: ReplayedStage = {
    root: options.root,
    workdir: '/',
    env: {},
    user: null,
    expose: [],
    entrypoint: null,
    cmd: null,
    healthcheck: null,
  };
  mkdirSync(options.root, { recursive: true });
  for (const { keyword, args, line } of stage.instructions) {
    try {
      if (keyword === 'WORKDIR') {
        state.workdir = posix.isAbsolute(args) ? args : posix.join(state.workdir, args);
        mkdirSync(hostPath(state, state.workdir), { recursive: true });
      } else if (keyword === 'ENV') Object.assign(state.env, parseEnv(args));
      else if (keyword === 'COPY') replayCopy(state, args, options);
      else if (keyword === 'RUN') {
        for (const command of args.split('&&')) await replayCommand(state, command, options);
      } else if (keyword === 'USER') state.user = args.trim();
      else if (keyword === 'EXPOSE') state.expose.push(...args.split(/\s+/));
      else if (keyword === 'ENTRYPOINT') state.entrypoint = parseExecForm(args);
      else if (keyword === 'CMD') state.cmd = parseExecForm(args);
      else if (keyword === 'HEALTHCHECK') {
        const { flags, rest } = splitFlags(args);
        const cmd = rest.startsWith('CMD') ? parseExecForm(rest.slice(3).trim()) : null;
        if (!cmd) throw new Error('HEALTHCHECK must be CMD in exec form');
        state.healthcheck = { flags, cmd };
      } else if (keyword !== 'ARG' && keyword !== 'LABEL') {
        throw new Error(`${keyword} is not replayed`);
      }
    } catch (err) {
      throw new Error(`Dockerfile line ${line} (${keyword}): ${(err as Error).message}`, { cause: err });
    }
  }
  return state;
}

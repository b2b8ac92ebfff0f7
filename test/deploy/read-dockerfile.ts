// Reads the project's Dockerfile into stages and instructions, enough for tests to check its
// facts and replay its steps without a Docker engine. Deliberately small: what it does not
// understand it reports, so the Dockerfile cannot grow steps the tests silently skip.

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

export interface Stage {
  name: string | null;
  base: string;
  instructions: Instruction[];
}

export interface Dockerfile {
  /** Global ARGs (before the first FROM) with their defaults. */
  args: Record<string, string>;
  stages: Stage[];
}

function substitute(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, a?: string, b?: string) => {
    const value = vars[(a ?? b)!];
    if (value === undefined) throw new Error(`Dockerfile: ${whole} has no value`);
    return value;
  });
}

function logicalLines(text: string): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  let current: { text: string; line: number } | null = null;
  text.split('\n').forEach((raw, index) => {
    const trimmed = raw.trim();
    // Comment and empty lines are dropped, also in the middle of a continued instruction.
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const continues = trimmed.endsWith('\\');
    const part = continues ? trimmed.slice(0, -1).trim() : trimmed;
    current = current ? { text: `${current.text} ${part}`, line: current.line } : { text: part, line: index + 1 };
    if (!continues) {
      out.push(current);
      current = null;
    }
  });
  if (current) out.push(current);
  return out;
}

export function readDockerfile(text: string): Dockerfile {
  const result: Dockerfile = { args: {}, stages: [] };
  for (const { text: lineText, line } of logicalLines(text)) {
    const match = /^(\S+)\s*(.*)$/.exec(lineText)!;
    const keyword = match[1]!.toUpperCase();
    const args = match[2]!;
    const stage = result.stages.at(-1);
    if (keyword === 'FROM') {
      const from = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(substitute(args, result.args));
      if (!from) throw new Error(`Dockerfile line ${line}: cannot read FROM ${args}`);
      result.stages.push({ base: from[1]!, name: from[2] ?? null, instructions: [] });
    } else if (!stage) {
      if (keyword !== 'ARG') throw new Error(`Dockerfile line ${line}: ${keyword} before FROM`);
      const [name, value = ''] = args.split('=', 2);
      result.args[name!.trim()] = value.trim();
    } else {
      stage.instructions.push({ keyword, args, line });
    }
  }
  return result;
}

/** The JSON ("exec") form of CMD, ENTRYPOINT and HEALTHCHECK CMD, or null for the shell form. */
export function parseExecForm(args: string): string[] | null {
  if (!args.trim().startsWith('[')) return null;
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) {
    throw new Error(`not an exec form: ${args}`);
  }
  return parsed;
}

/** ENV in the KEY=VALUE form (values may be double-quoted). */
export function parseEnv(args: string): Record<string, string> {
  const env: Record<string, string> = {};
  const re = /([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|\S*)\s*/gy;
  let match: RegExpExecArray | null;
  while ((match = re.exec(args)) !== null && match[0] !== '') {
    const raw = match[2]!;
    env[match[1]!] = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
  }
  if (re.lastIndex !== 0 && re.lastIndex < args.length) throw new Error(`cannot read ENV ${args}`);
  if (Object.keys(env).length === 0) throw new Error(`ENV must use KEY=VALUE: ${args}`);
  return env;
}

/** Leading `--name=value` flags of COPY and HEALTHCHECK, and the rest. */
export function splitFlags(args: string): { flags: Record<string, string>; rest: string } {
  const flags: Record<string, string> = {};
  let rest = args.trim();
  for (let m = /^--([a-z-]+)=(\S+)\s*/.exec(rest); m; m = /^--([a-z-]+)=(\S+)\s*/.exec(rest)) {
    flags[m[1]!] = m[2]!;
    rest = rest.slice(m[0].length);
  }
  return { flags, rest };
}

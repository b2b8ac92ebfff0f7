import { hostname, userInfo } from 'node:os';

/** `user@host` of whoever runs the command: what runs and plans record as `requested_by`. */
export function describeRequester(env: NodeJS.ProcessEnv): string {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    // A container user without a passwd entry.
    user = env.USER ?? env.LOGNAME ?? `uid-${process.getuid?.() ?? 'unknown'}`;
  }
  return `${user}@${hostname()}`;
}

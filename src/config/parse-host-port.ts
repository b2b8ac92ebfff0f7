import { isIPv6 } from 'node:net';
import { fail, ok, type Parsed } from './value-parser.js';

const HOSTNAME = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;

/**
 * `host:port`, an IPv6 host in brackets (`[::1]:6379`). With a default port, `:port` may be
 * left out. `hint` is the message for text of another shape.
 */
export function parseHostPort(text: string, hint: string, options: { defaultPort?: number; minPort?: number } = {}): Parsed<{ host: string; port: number }> {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+))(?::([0-9]{1,5}))?$/.exec(text.trim());
  if (!match || (match[3] === undefined && options.defaultPort === undefined)) return fail(hint);
  const [, v6, name, portText] = match;
  if (v6 !== undefined && !isIPv6(v6)) return fail(`${hint}: the address in brackets is not IPv6`);
  if (name !== undefined && !HOSTNAME.test(name)) return fail(`${hint}: the host is not a host name or IPv4 address`);
  const port = portText === undefined ? options.defaultPort! : Number(portText);
  const minPort = options.minPort ?? 0;
  if (port < minPort || port > 65535) return fail(`${hint}: the port must be from ${minPort} to 65535`);
  return ok({ host: v6 ?? name!, port });
}

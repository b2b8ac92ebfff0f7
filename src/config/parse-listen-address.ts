import { isIPv6 } from 'node:net';
import { fromString } from './parse-scalars.js';
import { fail, ok, type Parser } from './value-parser.js';

const HINT = 'must be host:port (e.g. 127.0.0.1:9464, 0.0.0.0:9464 or [::1]:9464)';
const HOSTNAME = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;

/** server.listen: `host:port`, IPv6 hosts in brackets; port 0 picks a free port. */
export const parseListenAddress: Parser<{ host: string; port: number }> = fromString((text) => {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):([0-9]{1,5})$/.exec(text.trim());
  if (!match) return fail(HINT);
  const [, v6, name, portText] = match;
  if (v6 !== undefined && !isIPv6(v6)) return fail(`${HINT}: the address in brackets is not IPv6`);
  if (name !== undefined && !HOSTNAME.test(name)) return fail(`${HINT}: the host is not a host name or IPv4 address`);
  const port = Number(portText);
  if (port > 65535) return fail(`${HINT}: the port must be from 0 to 65535`);
  return ok({ host: v6 ?? name!, port });
});

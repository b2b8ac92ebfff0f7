// Tests talk only to loopback: any other outbound connection fails loudly instead of leaving
// the machine.
import net from 'node:net';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|\[::1\]|localhost|::ffff:127\.\d+\.\d+\.\d+)$/i;

function hostOf(args: unknown[]): string | null {
  // net.connect() passes its normalized arguments as one array.
  if (Array.isArray(args[0])) return hostOf(args[0] as unknown[]);
  const [first, second] = args;
  if (typeof first === 'object' && first !== null) {
    const options = first as { path?: string; host?: string };
    if (options.path) return null; // unix socket
    return options.host ?? 'localhost';
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    return typeof second === 'string' ? second : 'localhost';
  }
  return null; // a path string: unix socket
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(this: net.Socket, ...args: unknown[]) {
  const host = hostOf(args);
  if (host !== null && !LOOPBACK.test(host)) {
    throw new Error(`outbound network is blocked in tests (tried ${host})`);
  }
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

// A developer's proxy settings would send loopback requests to a proxy that is not there: tests
// that need a proxy start their own and set these themselves.
for (const name of ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'no_proxy', 'NO_PROXY']) delete process.env[name];

import { describe, expect, it } from 'vitest';
import net from 'node:net';

describe('network guard', () => {
  it('when a test connects outside loopback, then the connection is refused at once', () => {
    expect(() => net.connect({ host: '192.0.2.1', port: 80 })).toThrow(/outbound network is blocked/);
  });

  it('when a test connects to loopback, then it is allowed', async () => {
    const server = net.createServer((s) => s.end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    const socket = net.connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject); });
    socket.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  });
});

// A local HTTP upstream for fetch tests: routes are plain handlers, requests are recorded.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

export interface UpstreamServer {
  url: string;
  requests: Array<{ path: string; headers: IncomingMessage['headers'] }>;
  route(path: string, handler: Route): void;
  close(): Promise<void>;
}

export async function startUpstreamServer(): Promise<UpstreamServer> {
  const routes = new Map<string, Route>();
  const requests: UpstreamServer['requests'] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, headers: req.headers });
    const handler = routes.get(path);
    if (handler) handler(req, res);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route: (path, handler) => void routes.set(path, handler),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

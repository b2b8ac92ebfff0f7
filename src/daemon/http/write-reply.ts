import type { ServerResponse } from 'node:http';
import type { Reply } from './types.js';

/** No script, no frames, no forms, nothing from elsewhere: the page is text, links and one stylesheet. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function writeReply(res: ServerResponse, reply: Reply, head: boolean): void {
  const headers: Record<string, string> = {
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...reply.headers,
  };
  let body: string;
  if (reply.html !== undefined) {
    headers['content-type'] = 'text/html; charset=utf-8';
    headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
    headers['x-frame-options'] = 'DENY';
    body = reply.html;
  } else if (reply.css !== undefined) {
    headers['content-type'] = 'text/css; charset=utf-8';
    body = reply.css;
  } else {
    headers['content-type'] = 'application/json; charset=utf-8';
    body = `${JSON.stringify(reply.json ?? {})}\n`;
  }
  headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(reply.status, headers);
  res.end(head ? undefined : body);
}

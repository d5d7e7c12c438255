import { request } from 'node:http';

export type RawResponse = { status: number; json: unknown };

/**
 * Raw HTTP to a preview server, so tests set the Host and Content-Type headers exactly (fetch forbids setting
 * Host). A fresh connection each time: a refused upload closes its connection. A connection the server cuts while
 * the body is still being sent answers status 0.
 */
export function rawRequest(
  server: { port: number; token: string },
  {
    path,
    method = 'POST',
    body,
    headers = {},
    chunked = false,
  }: { path: string; method?: string; body: Buffer | string; headers?: Record<string, string>; chunked?: boolean },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method,
        agent: false,
        headers: {
          'content-type': 'application/json',
          host: `127.0.0.1:${server.port}`,
          'x-aeo-token': server.token,
          ...(chunked ? { 'transfer-encoding': 'chunked' } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') resolve({ status: 0, json: null });
      else reject(error);
    });
    req.on('socket', (socket) => socket.on('error', () => undefined));
    if (chunked) {
      const bytes = Buffer.from(body);
      for (let at = 0; at < bytes.length; at += 64 * 1024) req.write(bytes.subarray(at, at + 64 * 1024));
      req.end();
    } else req.end(body);
  });
}

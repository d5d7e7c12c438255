import { createServer } from 'node:http';

/**
 * `npm run hq`: the headquarters server. For now it answers a health check; bundle intake (tus uploads of
 * sealed bundles) lands with the sync issue. It listens on loopback unless HQ_HOST says otherwise.
 */
const port = Number(process.env.HQ_PORT ?? 5299);
const host = process.env.HQ_HOST ?? '127.0.0.1';

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, value: { service: 'aeo-hq', intake: 'not yet available' } }));
    return;
  }
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ok: false, error: { code: 'not_found', message: 'Unknown HQ endpoint' } }));
});
server.listen(port, host, () => console.log(`AEO HQ on http://${host}:${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('SIGINT', () => server.close(() => process.exit(0)));

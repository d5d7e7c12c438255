import net from 'node:net';

/*
 * A loopback TCP proxy between a device and HQ that can cut every connection at chosen byte offsets of the traffic
 * the device sends (counted over the proxy's whole life), and can point at no HQ at all (connections are refused
 * at once, as when HQ is down). It counts what the device sent, so a test can compare it with the bundle's size.
 */

export type CutProxy = {
  url: string;
  port: number;
  /** Bytes the device sent through the proxy so far. */
  readonly bytesUp: number;
  /** Connections cut so far. */
  readonly cuts: number;
  /** Where HQ listens now; null: HQ is down. */
  setUpstream(port: number | null): void;
  /** Byte offsets (of bytesUp) at which to cut whatever connection carries that byte. */
  planCuts(offsets: number[]): void;
  /** Calls `fn` once bytesUp reaches `offset` (to kill the client process there). */
  at(offset: number, fn: () => void): void;
  close(): Promise<void>;
};

export async function startCutProxy(upstream: number | null): Promise<CutProxy> {
  let target = upstream;
  let bytesUp = 0;
  let cuts = 0;
  let plan: number[] = [];
  const watchers: { offset: number; fn: () => void }[] = [];
  const sockets = new Set<net.Socket>();

  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    if (target === null) {
      client.destroy();
      return;
    }
    const hq = net.connect(target, '127.0.0.1');
    sockets.add(hq);
    hq.on('close', () => {
      sockets.delete(hq);
      client.destroy();
    });
    hq.on('error', () => client.destroy());
    client.on('close', () => hq.destroy());
    hq.on('data', (chunk: Buffer) => {
      if (!client.destroyed) client.write(chunk);
    });
    client.pause();
    hq.on('connect', () => client.resume());
    client.on('data', (chunk: Buffer) => {
      const next = plan[0];
      if (next !== undefined && bytesUp + chunk.length >= next) {
        // Forward up to the cut offset exactly, then drop both sides as a broken network would.
        const keep = Math.max(0, next - bytesUp);
        plan = plan.slice(1);
        bytesUp += keep;
        cuts++;
        hq.end(chunk.subarray(0, keep), () => hq.destroy());
        client.destroy();
        fire();
        return;
      }
      bytesUp += chunk.length;
      fire();
      if (!hq.write(chunk)) {
        client.pause();
        hq.once('drain', () => client.resume());
      }
    });
  });
  const fire = () => {
    for (const w of watchers.filter((w) => bytesUp >= w.offset)) {
      watchers.splice(watchers.indexOf(w), 1);
      w.fn();
    }
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get bytesUp() {
      return bytesUp;
    },
    get cuts() {
      return cuts;
    },
    setUpstream(next) {
      target = next;
      if (next === null) for (const s of sockets) s.destroy();
    },
    planCuts(offsets) {
      plan = [...offsets].sort((a, b) => a - b).filter((o) => o > bytesUp);
    },
    at(offset, fn) {
      watchers.push({ offset, fn });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

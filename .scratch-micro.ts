import { createReadStream, readdirSync, statSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { Readable } from 'node:stream';
import { zipStream } from '/work/main/src-main/core/bundle/zip-write';
import { createEncryptedFile } from '/work/main/src-main/core/bundle/io';
import { generateUserKeys } from '/work/main/src-main/core/keys';
const dir = '/tmp/bench1/ev';
const files = readdirSync(dir).map((n) => path.join(dir, n));
const mode = process.argv[2];
const t = performance.now();
if (mode === 'hash') {
  for (const f of files) { const h = createHash('sha256'); for await (const c of createReadStream(f, { highWaterMark: 1 << 20 })) h.update(c); h.digest(); }
} else if (mode === 'zip' || mode === 'zipenc' || mode === 'zipencw') {
  const entries = files.map((f) => ({ name: 'blobs/sha256/' + path.basename(f).padStart(64, '0').replace(/[^0-9a-f]/g, '0'), size: statSync(f).size, open: () => createReadStream(f, { highWaterMark: 1 << 20 }) as Readable }));
  const out = zipStream(entries, new Date(), (e) => { throw e; });
  let sink = null;
  if (mode !== 'zip') { rmSync('/dev/shm/o.age', { force: true }); const k = await generateUserKeys(); sink = await createEncryptedFile('/dev/shm/o.age', [k.ageRecipient], { parallel: mode === 'zipencw' }); }
  let n = 0;
  for await (const c of out) { n += c.length; if (sink) await sink.write(c); }
  if (sink) await sink.finish();
  console.log('bytes', n);
  rmSync('/dev/shm/o.age', { force: true });
} else if (mode === 'encw' || mode === 'enc') {
  const k = await generateUserKeys(); rmSync('/dev/shm/o.age', { force: true });
  const sink = await createEncryptedFile('/dev/shm/o.age', [k.ageRecipient], { parallel: mode === 'encw' });
  for (const f of files) for await (const c of createReadStream(f, { highWaterMark: 1 << 20 })) await sink.write(c);
  await sink.finish(); rmSync('/dev/shm/o.age', { force: true });
}
console.log(mode, ((performance.now() - t) / 1000).toFixed(2), 's');

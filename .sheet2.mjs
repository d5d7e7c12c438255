import sharp from 'sharp';
const [out, ...files] = process.argv.slice(2);
const metas = await Promise.all(files.map((f) => sharp(f).metadata()));
const w = Math.max(...metas.map((m) => m.width)), h = Math.max(...metas.map((m) => m.height));
await sharp({ create: { width: w * files.length, height: h, channels: 3, background: '#888' } })
  .composite(files.map((f, i) => ({ input: f, left: i * w, top: 0 }))).png().toFile(out);

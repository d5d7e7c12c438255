import sharp from 'sharp';

/*
 * Photos for the demo's warehouse checklist items that require evidence even when compliant (fence, key cabinet,
 * alarm, camera, badge reader, restricted area, fire extinguisher): a simple drawn scene per item, so the evidence
 * annex shows something recognisable, written as a JPEG with the EXIF capture time a camera would record.
 */

const W = 1200;
const H = 900;

/** A wall above a floor, the common background of the indoor scenes. */
const room = (wall: string) => `<rect width="${W}" height="${H}" fill="${wall}"/><rect y="${H * 0.78}" width="${W}" height="${H * 0.22}" fill="#6d6a64"/>`;

const door = (x: number) =>
  `<rect x="${x}" y="220" width="260" height="482" fill="#8a8f96" stroke="#3d4146" stroke-width="8"/><rect x="${x + 210}" y="450" width="28" height="70" rx="6" fill="#2b2e33"/>`;

const scenes: Record<string, () => string> = {
  'perimeter-fencing': () => {
    const posts = Array.from({ length: 9 }, (_, i) => `<rect x="${60 + i * 140}" y="260" width="16" height="460" fill="#4b4f55"/>`).join('');
    const mesh = Array.from({ length: 44 }, (_, i) => `<line x1="${i * 30 - 200}" y1="300" x2="${i * 30 + 200}" y2="700" stroke="#7c8188" stroke-width="3"/>`).join('');
    const wire = [250, 272, 294].map((y) => `<path d="M0 ${y} Q 150 ${y - 14} 300 ${y} T 600 ${y} T 900 ${y} T 1200 ${y}" stroke="#2f3237" stroke-width="3" fill="none"/>`).join('');
    return `<rect width="${W}" height="${H * 0.6}" fill="#9fc3e2"/><rect y="${H * 0.6}" width="${W}" height="${H * 0.4}" fill="#8d8a6a"/>${mesh}${posts}${wire}`;
  },
  'key-control': () => {
    const hooks = Array.from({ length: 24 }, (_, i) => {
      const x = 380 + (i % 6) * 80;
      const y = 230 + Math.floor(i / 6) * 90;
      const key = i % 7 === 3 ? '' : `<rect x="${x - 6}" y="${y + 12}" width="12" height="44" rx="4" fill="#c9a640"/><circle cx="${x}" cy="${y + 14}" r="12" fill="#c9a640"/>`;
      return `<circle cx="${x}" cy="${y}" r="6" fill="#222"/>${key}`;
    }).join('');
    return `${room('#d8d2c4')}<rect x="330" y="180" width="540" height="400" fill="#5a6470" stroke="#2e343b" stroke-width="10"/>${hooks}<rect x="420" y="610" width="360" height="150" fill="#f4f1e8" stroke="#999" stroke-width="3"/>`;
  },
  'intrusion-alarms': () =>
    `${room('#cfd4d8')}${door(470)}<rect x="740" y="230" width="60" height="30" fill="#f2f2f2" stroke="#555" stroke-width="3"/><rect x="840" y="150" width="110" height="110" rx="12" fill="#d33b2c"/><circle cx="895" cy="205" r="26" fill="#ffb3a6"/>`,
  'cctv-coverage': () =>
    `<rect width="${W}" height="${H * 0.45}" fill="#a9c8e0"/><rect y="${H * 0.45}" width="${W}" height="${H * 0.55}" fill="#b7b2a6"/>` +
    Array.from({ length: 4 }, (_, i) => `<rect x="${90 + i * 280}" y="470" width="220" height="260" fill="#5d6670" stroke="#383e45" stroke-width="6"/>`).join('') +
    `<rect x="560" y="120" width="20" height="140" fill="#444"/><rect x="480" y="230" width="240" height="90" rx="20" fill="#eeeeee" stroke="#555" stroke-width="5" transform="rotate(14 600 275)"/><circle cx="712" cy="305" r="26" fill="#1d2a38"/>`,
  'badge-control': () =>
    `${room('#d9d4cc')}${door(360)}<rect x="680" y="380" width="90" height="140" rx="10" fill="#30353b"/><circle cx="725" cy="420" r="10" fill="#3fbf5a"/><rect x="690" y="540" width="120" height="80" rx="8" fill="#ffffff" stroke="#2a5db0" stroke-width="6" transform="rotate(-12 750 580)"/>`,
  'restricted-areas': () => {
    const stripes = Array.from({ length: 12 }, (_, i) => `<rect x="${330 + i * 50}" y="150" width="25" height="60" fill="#1e1e1e" transform="skewX(-30)"/>`).join('');
    return `${room('#cbc8bf')}<rect x="340" y="150" width="520" height="60" fill="#f2c300"/>${stripes}${door(470)}<rect x="470" y="560" width="260" height="14" fill="#f2c300"/>`;
  },
  'fire-protection': () =>
    `${room('#dcdcd6')}<rect x="540" y="300" width="110" height="330" rx="40" fill="#c8231b"/><rect x="570" y="250" width="50" height="60" fill="#333"/><path d="M620 270 q 70 20 60 120" stroke="#222" stroke-width="14" fill="none"/><rect x="520" y="180" width="150" height="40" fill="#1d7a3a"/><circle cx="900" cy="110" r="48" fill="#f5f5f5" stroke="#999" stroke-width="4"/><circle cx="900" cy="110" r="10" fill="#d33"/>`,
};

/** The items the demo draws a scene for. */
export const snapshotItems = Object.keys(scenes);

/** Writes the scene of `itemId` as a JPEG taken at `takenAt` (EXIF form, "2026:11:20 09:18:40", local +05:00). */
export async function makeSnapshot(file: string, itemId: string, takenAt: string): Promise<void> {
  const scene = scenes[itemId];
  if (!scene) throw new Error(`aeo demo: no scene for ${itemId}`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${scene()}</svg>`;
  await sharp(Buffer.from(svg))
    .blur(1.2)
    .jpeg({ quality: 84 })
    .withExif({ IFD0: { Make: 'AEO demo camera' }, IFD2: { DateTimeOriginal: takenAt, OffsetTimeOriginal: '+05:00' } })
    .toFile(file);
}

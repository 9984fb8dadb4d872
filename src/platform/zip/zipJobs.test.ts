import { strToU8, unzlibSync, zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { messageOf, msg } from '../../core/messages';
import { render } from '../../i18n';
import { parseConfig } from '../../core/config/experiment';
import { PRESETS } from '../../core/presets';
import { createZipJobs } from './zipJobs';

const config = (() => {
  const p = parseConfig(PRESETS.positive);
  if (!p.ok) throw new Error(p.error.code);
  return p.config;
})();

/** The RGB rows of one of our PNGs (filter 0 on every row, as core/export/png writes them). */
function pngPixels(png: Uint8Array): { side: number; rgb: Uint8Array } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const side = view.getUint32(16);
  const idat: Uint8Array[] = [];
  for (let at = 8; at < png.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = unzlibSync(Uint8Array.from(idat.flatMap((c) => [...c])));
  const rgb = new Uint8Array(side * side * 3);
  for (let y = 0; y < side; y++) {
    expect(raw[y * (side * 3 + 1)]).toBe(0);
    rgb.set(raw.subarray(y * (side * 3 + 1) + 1, (y + 1) * (side * 3 + 1)), y * side * 3);
  }
  return { side, rgb };
}

describe('zip jobs (what the zip worker runs)', () => {
  it('images added in batches come back from the zip with their class, name and exact pixels', async () => {
    const jobs = createZipJobs();
    const image = (className: string, name: string, side: number, seed: number) => ({
      className,
      name,
      side,
      pixels: Uint8Array.from({ length: side * side * 3 }, (_, i) => (i * seed + 7) % 256),
    });
    jobs.begin();
    jobs.add([image('stale', 'x.png', 4, 1)]);
    // A new bundle drops what a cancelled one had added.
    jobs.begin();
    const sent = [image('cat', 'a.jpg', 8, 3), image('cat', 'b.jpg', 8, 5), image('dog', 'c.png', 32, 11)];
    jobs.add(sent.slice(0, 2));
    jobs.add(sent.slice(2));
    const { zip, images } = jobs.finish(config, null, []);
    expect(images).toBe(3);
    expect(zip.type).toBe('application/zip');
    const opened = await jobs.open(zip);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.bundle.config).toEqual(config);
    expect(opened.bundle.images.map((i) => [i.className, i.name])).toEqual([
      ['cat', 'a.png'],
      ['cat', 'b.png'],
      ['dog', 'c.png'],
    ]);
    for (const [k, im] of opened.bundle.images.entries()) {
      expect(im.file.name).toBe(im.name);
      const { side, rgb } = pngPixels(new Uint8Array(await im.file.arrayBuffer()));
      expect(side).toBe(sent[k].side);
      expect(rgb).toEqual(sent[k].pixels);
    }
    // The next bundle starts empty.
    expect(jobs.finish(config, null, []).images).toBe(0);
  });

  it('a zip that is not a bundle is refused with its code, not thrown', async () => {
    expect(await createZipJobs().open(new Blob([Uint8Array.from([1, 2, 3])]))).toEqual({ ok: false, code: 'not-a-zip' });
  });

  it('reads a model zip under the limits it is given', async () => {
    const zip = zipSync({ 'model/model.json': strToU8('{"format":"layers-model"}'), 'model/weights.bin': new Uint8Array(4096).fill(7) });
    const jobs = createZipJobs();
    const read = await jobs.read(new Blob([zip]), { maxEntries: 10, maxTotalBytes: 1 << 20, maxEntryBytes: 1 << 20 });
    // Each entry comes back as a file named by its last path segment, with the entry's exact bytes.
    expect(read.ok && read.files.map((f) => [f.path, f.file.name, f.file.size])).toEqual([
      ['model/model.json', 'model.json', 25],
      ['model/weights.bin', 'weights.bin', 4096],
    ]);
    expect(read.ok && new Uint8Array(await read.files[1].file.arrayBuffer())).toEqual(new Uint8Array(4096).fill(7));
    const small = await jobs.read(new Blob([zip]), { maxEntries: 10, maxTotalBytes: 1 << 20, maxEntryBytes: 1000 });
    expect(small.ok && small.skipped).toEqual([{ path: 'model/weights.bin', reason: 'too-large' }]);
  });
});

describe('the zip worker’s client', () => {
  it('a worker that dies mid-job fails the job with a message (not a promise that never settles), and the next job gets a new worker', async () => {
    const started: FakeWorker[] = [];
    // Answers Comlink's `ready` call, then dies on the first real job, as a crashed worker would.
    class FakeWorker extends EventTarget {
      terminated = false;
      constructor() {
        super();
        started.push(this);
      }
      postMessage(m: { id: string; path: string[] }) {
        setTimeout(() => {
          if (m.path[0] === 'ready') this.dispatchEvent(new MessageEvent('message', { data: { id: m.id, type: 'RAW', value: true } }));
          else this.dispatchEvent(new Event('error'));
        });
      }
      terminate() {
        this.terminated = true;
      }
      start() {}
    }
    const had = (globalThis as { Worker?: unknown }).Worker;
    (globalThis as { Worker?: unknown }).Worker = FakeWorker;
    try {
      vi.resetModules();
      const { zipJobs } = await import('./zipThread');
      const jobs = await zipJobs();
      const failed = await jobs.open(new Blob([Uint8Array.from([1, 2, 3])])).then(
        () => null,
        (err: Error) => err,
      );
      expect(failed && messageOf(failed)).toEqual(msg('err.zip.workerFailed'));
      expect(render(msg('err.zip.workerFailed'))).toContain('zip worker');
      expect(started[0].terminated).toBe(true);
      await zipJobs();
      expect(started).toHaveLength(2);
    } finally {
      (globalThis as { Worker?: unknown }).Worker = had;
    }
  });
});

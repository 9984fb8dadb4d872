/** QR codes read from camera frames in a worker (workers/qr): one worker, one frame at a time. */

let worker: Worker | null = null;
let next = 0;
const waiting = new Map<number, (text: string | null) => void>();

function qrWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('../workers/qr/qr.worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (e: MessageEvent<{ id: number; text: string | null }>) => {
    waiting.get(e.data.id)?.(e.data.text);
    waiting.delete(e.data.id);
  };
  // A worker that failed to start or died: every frame waiting on it has no code, and the next starts afresh.
  w.onerror = () => {
    for (const done of waiting.values()) done(null);
    waiting.clear();
    w.terminate();
    worker = null;
  };
  return (worker = w);
}

/** The text of the QR code in `image`, or null. The pixels move to the worker (the ImageData is spent). */
export function decodeQr(image: ImageData): Promise<string | null> {
  const id = next++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    qrWorker().postMessage({ id, data: image.data, width: image.width, height: image.height }, [image.data.buffer]);
  });
}

/** Stops the worker (the scanner closed). */
export function stopQrDecoding(): void {
  for (const done of waiting.values()) done(null);
  waiting.clear();
  worker?.terminate();
  worker = null;
}

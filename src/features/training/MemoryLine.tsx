import { useEffect, useState } from 'react';
import { ui } from '../../i18n';
import { accountMemory, formatBytes } from '../../core/memory';
import { INPUT_SIDE, LARGE_SIDE } from '../../core/models/inputSpec';
import type { EngineMemory } from '../../workers/engine/api';
import { getEngine } from '../../platform/engine/engineClient';
import { useUploadStore } from '../../lab/uploads/uploadStore';

/** Polls the engine while visible; 2 s is often enough to watch memory grow, rare enough to cost nothing. */
const POLL_MS = 2000;

/** What the lab holds: the user's images (uint8, two sizes), cached embeddings, TF.js tensors. */
export function MemoryLine() {
  const images = useUploadStore((s) => s.classes.reduce((n, c) => n + c.images.length, 0));
  const [engine, setEngine] = useState<EngineMemory | null>(null);
  useEffect(() => {
    let alive = true;
    const poll = () => {
      if (document.hidden) return;
      getEngine()
        .memory()
        .then((m) => alive && setEngine(m))
        .catch(() => {});
    };
    poll();
    const timer = setInterval(poll, POLL_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, []);
  const report = accountMemory({
    images: [
      { count: images, side: LARGE_SIDE, channels: 3 },
      { count: images, side: INPUT_SIDE, channels: 3 },
    ],
    embeddings: engine?.embeddings ?? { count: 0, dims: 0 },
    tensorBytes: engine?.numBytes ?? 0,
  });
  const m = ui.memory;
  return (
    <p className="small muted" data-testid="memory-line" title={m.hint}>
      {m.label}: {m.images(images, formatBytes(report.imageBytes))} ·{' '}
      {m.embeddings(engine?.embeddings.count ?? 0, formatBytes(report.embeddingBytes))} ·{' '}
      {m.tensors(engine?.numTensors ?? 0, formatBytes(report.tensorBytes))} ·{' '}
      {engine?.kept.runs ? <>{m.kept(engine.kept.runs, formatBytes(engine.kept.bytes))} · </> : null}
      {m.total(formatBytes(report.total + (engine?.kept.bytes ?? 0)))}
    </p>
  );
}

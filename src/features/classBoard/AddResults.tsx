import { Suspense, useCallback, useEffect, useState, type DragEvent } from 'react';
import { tClass as t } from '../../i18n';
import { useBoardStore } from '../../lab/boardStore';
import { lazyRetry } from '../../platform/retryImport';
import { warmLinks } from '../../platform/linksThread';

// The camera and the QR decoder load only when an instructor scans.
const QrScanner = lazyRetry(() => import('./QrScanner').then((m) => ({ default: m.QrScanner })));

/** Paste links, choose or drop files (text files of links, result bundles), or scan QR codes. */
export function AddResults() {
  const adding = useBoardStore((s) => s.adding);
  const last = useBoardStore((s) => s.last);
  const [text, setText] = useState('');
  const [scanning, setScanning] = useState(false);
  // The worker that opens pasted links starts now, not when a whole class's links are waiting.
  useEffect(warmLinks, []);
  // One function for the scanner's whole life: a new one would restart the camera.
  const onScanned = useCallback((found: string) => void useBoardStore.getState().addText(found, 'qr'), []);
  const addFiles = (files: FileList | null) => {
    if (files?.length) void useBoardStore.getState().addFiles([...files]);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    addFiles(e.dataTransfer.files);
  };
  return (
    <section className="board-add" onDragOver={(e) => e.preventDefault()} onDrop={onDrop} data-testid="board-add">
      <h3>{t.addTitle}</h3>
      <label className="block small" htmlFor="board-paste">
        {t.pasteLabel}
      </label>
      <textarea
        id="board-paste"
        rows={4}
        value={text}
        placeholder={t.pastePlaceholder}
        data-testid="board-paste"
        onChange={(e) => setText(e.target.value)}
      />
      <div className="row">
        <button
          className="button small primary"
          data-testid="board-add-links"
          disabled={!!adding || !text.trim()}
          onClick={() =>
            void useBoardStore
              .getState()
              .addText(text)
              .then(() => setText(''))
          }
        >
          {t.add}
        </button>
        <label className="button small">
          {t.chooseFiles}
          <input
            type="file"
            multiple
            hidden
            accept=".txt,.zip,text/plain,application/zip"
            data-testid="board-files"
            disabled={!!adding}
            onChange={(e) => {
              addFiles(e.target.files);
              e.target.value = '';
            }}
          />
        </label>
        <span className="muted small">{t.dropHint}</span>
        <button className="button small" data-testid="board-scan" onClick={() => setScanning((on) => !on)}>
          {scanning ? t.stopScan : t.scan}
        </button>
      </div>
      {scanning && (
        <Suspense fallback={null}>
          <QrScanner onText={onScanned} />
        </Suspense>
      )}
      <p className="small" role="status" data-testid="board-status">
        {adding ? t.adding(adding.done, adding.total) : last ? (last.empty ? t.noLinks : t.outcome(last.added, last.refused)) : ''}
      </p>
    </section>
  );
}

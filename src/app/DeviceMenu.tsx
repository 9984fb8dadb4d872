import { useEffect, useRef } from 'react';
import { render, tWorkspace as w, ui } from '../i18n';
import { useOfflineStore } from '../lab/offlineStore';
import { ProgressBar } from '../ui/ProgressBar';
import type { BackendInfo } from '../workers/engine/api';
import { useZooStore } from '../lab/zooStore';
import { useLabBusy, TRAINING } from '../lab/busy';

/** Which backend embeds and which trains, as measured on this device, with a button to measure again. */
function JobBackendsBadge({ backend }: { backend: BackendInfo }) {
  const recalibrating = useZooStore((s) => s.recalibrating);
  const training = useLabBusy(TRAINING);
  const b = (name: string) => ui.backendWithThreads(name, backend.wasmThreads);
  const { small, large } = backend.inference;
  const embedding = small === large ? b(large) : ui.embeddingByFamily(b(large), b(small));
  return (
    <p
      className="device-row"
      data-testid="job-backends"
      title={ui.jobBackendsTitle(
        backend.backend,
        backend.calibration === null
          ? 'provisional'
          : backend.calibration.timings.length === 0
            ? 'unneeded'
            : backend.measured
              ? 'now'
              : 'earlier',
      )}
    >
      {ui.jobBackendsBadge(embedding, b(backend.training))}{' '}
      <button
        className="link small"
        data-testid="remeasure-backends"
        disabled={recalibrating || training}
        title={ui.remeasureTitle}
        onClick={() => void useZooStore.getState().recalibrate()}
      >
        {recalibrating ? '…' : ui.remeasure}
      </button>
    </p>
  );
}

/** Every built-in dataset and model stored for offline use, with the size and the progress shown. */
function OfflineCopy() {
  const { status, done, total, error, makeAvailable } = useOfflineStore();
  const o = w.offline;
  const mb = (bytes: number) => o.megabytes(bytes / 2 ** 20);
  return (
    <div className="device-row" data-testid="offline-copy" data-status={status}>
      <p className="small muted">{o.hint}</p>
      {status === 'done' ? (
        <p className="small" data-testid="offline-done">
          {o.done(mb(total))}
        </p>
      ) : (
        <button
          className="button small"
          data-testid="make-offline"
          disabled={status === 'sizing' || status === 'fetching'}
          onClick={() => void makeAvailable()}
        >
          {o.make}
        </button>
      )}
      {status === 'sizing' && <p className="small muted">{o.sizing}</p>}
      {status === 'fetching' && (
        <ProgressBar label={o.progress(mb(done), mb(total))} done={done} total={total} etaMs={null} testId="offline-progress" />
      )}
      {error && (
        <p className="small error" role="alert" data-testid="offline-error">
          {render(error)}
        </p>
      )}
    </div>
  );
}

/**
 * "This device": the backends and the privacy promise, one click away in the header instead of
 * a row of badges every student has to read past. A native <details>, so it needs no script to open.
 */
export function DeviceMenu() {
  const backend = useZooStore((s) => s.backend);
  const menu = useRef<HTMLDetailsElement>(null);
  // Closes like a popover: a press outside it, or Escape.
  useEffect(() => {
    const outside = (e: Event) => {
      if (menu.current?.open && !(e.target instanceof Node && menu.current.contains(e.target))) menu.current.open = false;
    };
    const escape = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && menu.current?.open) menu.current.open = false;
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('keydown', escape);
    };
  }, []);
  return (
    <details className="device-menu" data-testid="device-menu" ref={menu}>
      <summary title={w.deviceTitle} data-testid="device-menu-toggle">
        {w.device}
        {backend && (
          <span className="badge" data-testid="backend" title={ui.deviceBackendTitle}>
            {backend.backend}
          </span>
        )}
      </summary>
      <div className="device-popover">
        <p data-testid="privacy">{ui.privacy}</p>
        {backend && <JobBackendsBadge backend={backend} />}
        <OfflineCopy />
      </div>
    </details>
  );
}

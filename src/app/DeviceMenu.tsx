import { tWorkspace as w, ui } from '../i18n';
import type { BackendInfo } from '../worker/api';
import { useRunStore } from '../state/runStore';
import { useZooStore } from '../state/zooStore';

/** Which backend embeds and which trains, as measured on this device, with a button to measure again. */
function JobBackendsBadge({ backend }: { backend: BackendInfo }) {
  const recalibrating = useZooStore((s) => s.recalibrating);
  const training = useRunStore((s) => s.phase === 'running' || s.phase === 'paused');
  const b = (name: string) => ui.backendWithThreads(name, backend.wasmThreads);
  const { small, large } = backend.inference;
  const embedding = small === large ? b(large) : ui.embeddingByFamily(b(large), b(small));
  return (
    <p className="device-row" data-testid="job-backends" title={ui.jobBackendsTitle(backend.backend, backend.measured)}>
      {ui.jobBackendsBadge(embedding, b(backend.training))}{' '}
      <button className="link small" data-testid="remeasure-backends" disabled={recalibrating || training} title={ui.remeasureTitle} onClick={() => void useZooStore.getState().recalibrate()}>
        {recalibrating ? '…' : ui.remeasure}
      </button>
    </p>
  );
}

/**
 * "This device": the backends and the privacy promise, one click away in the header instead of
 * a row of badges every student has to read past. A native <details>, so it needs no script to open.
 */
export function DeviceMenu() {
  const backend = useZooStore((s) => s.backend);
  return (
    <details className="device-menu" data-testid="device-menu">
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
      </div>
    </details>
  );
}

import { SourcePicker } from '../features/source/SourcePicker';
import { TargetPicker } from '../features/data/TargetPicker';
import { AugmentPanel } from '../features/augment/AugmentPanel';
import { PresetsPanel } from '../features/presets/PresetsPanel';
import { TrainingPanel } from '../features/training/TrainingPanel';
import { SelectionPanel } from '../features/selection/SelectionPanel';
import { FusionPanel } from '../features/fusion/FusionPanel';
import { ResultsPanel } from '../features/results/ResultsPanel';
import { FeatureMapPanel } from '../features/featuremap/FeatureMapPanel';
import { ExplainPanel } from '../features/explain/ExplainPanel';
import { LinkNotice, SharePanel } from '../features/share/SharePanel';
import { ExperimentsPanel, StorageNotice } from '../features/experiments/ExperimentsPanel';
import { en } from '../i18n/en';
import type { BackendInfo } from '../worker/api';
import { useRunStore } from '../state/runStore';
import { useZooStore } from '../state/zooStore';
import { PanelBoundary } from '../ui/PanelBoundary';
import { useAppUpdate } from '../state/appUpdate';

/** Offline readiness and new versions, from the service worker. */
function UpdateNotice() {
  const { offlineReady, needRefresh, update, dismiss } = useAppUpdate();
  if (needRefresh) {
    return (
      <p className="notice" role="status" data-testid="update-available">
        {en.updateAvailable}{' '}
        <button className="button small" onClick={update}>
          {en.updateReload}
        </button>
      </p>
    );
  }
  if (!offlineReady) return null;
  return (
    <p className="notice small" role="status" data-testid="offline-ready">
      {en.offlineReady}{' '}
      <button className="link" onClick={dismiss} aria-label={en.dismiss}>
        ×
      </button>
    </p>
  );
}

/** Which backend embeds and which trains, as measured on this device, with a button to measure again. */
function JobBackendsBadge({ backend }: { backend: BackendInfo }) {
  const recalibrating = useZooStore((s) => s.recalibrating);
  const training = useRunStore((s) => s.phase === 'running' || s.phase === 'paused');
  const b = (name: string) => en.backendWithThreads(name, backend.wasmThreads);
  const { small, large } = backend.inference;
  const embedding = small === large ? b(large) : en.embeddingByFamily(b(large), b(small));
  return (
    <span className="badge" data-testid="job-backends" title={en.jobBackendsTitle(backend.backend, backend.measured)}>
      {en.jobBackendsBadge(embedding, b(backend.training))}{' '}
      <button className="link small" data-testid="remeasure-backends" disabled={recalibrating || training} title={en.remeasureTitle} onClick={() => void useZooStore.getState().recalibrate()}>
        {recalibrating ? '…' : en.remeasure}
      </button>
    </span>
  );
}

/** The shell: set-up panels on the left, live results on the right. Features never import each other. */
export function App() {
  const backend = useZooStore((s) => s.backend);
  return (
    <div className="app">
      <header className="app-header">
        <div>
          <h1>{en.appTitle}</h1>
          <p className="muted">{en.tagline}</p>
        </div>
        <div className="header-right small muted">
          <span data-testid="privacy">{en.privacy}</span>
          {backend && <JobBackendsBadge backend={backend} />}
          {backend && (
            <span className="badge" data-testid="backend" title={en.deviceBackendTitle}>
              {backend.backend}
            </span>
          )}
        </div>
      </header>
      <UpdateNotice />
      <LinkNotice />
      <StorageNotice />
      {backend?.fallbackReason && (
        <p className="notice" role="status" data-testid="backend-notice">
          {en.backendNotice(backend.fallbackReason)}
        </p>
      )}
      <main className="layout">
        <div className="setup">
          <PanelBoundary panel="presets">
            <PresetsPanel />
          </PanelBoundary>
          <PanelBoundary panel="source">
            <SourcePicker />
          </PanelBoundary>
          <PanelBoundary panel="target">
            <TargetPicker />
          </PanelBoundary>
          <PanelBoundary panel="augment">
            <AugmentPanel />
          </PanelBoundary>
          <PanelBoundary panel="training">
            <TrainingPanel />
          </PanelBoundary>
        </div>
        <div className="side">
          <PanelBoundary panel="share">
            <SharePanel />
          </PanelBoundary>
          <PanelBoundary panel="results">
            <ResultsPanel />
          </PanelBoundary>
          <PanelBoundary panel="featuremap">
            <FeatureMapPanel />
          </PanelBoundary>
          <PanelBoundary panel="experiments">
            <ExperimentsPanel />
          </PanelBoundary>
          <PanelBoundary panel="selection">
            <SelectionPanel />
          </PanelBoundary>
          <PanelBoundary panel="fusion">
            <FusionPanel />
          </PanelBoundary>
          <PanelBoundary panel="explain">
            <ExplainPanel />
          </PanelBoundary>
        </div>
      </main>
    </div>
  );
}

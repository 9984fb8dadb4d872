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
import { LANGUAGES, render, tLecture, ui } from '../i18n';
import { LectureBar } from '../features/lecture/LectureBar';
import { useLanguageStore } from '../state/languageStore';
import { useLectureStore } from '../state/lectureStore';
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
        {ui.updateAvailable}{' '}
        <button className="button small" onClick={update}>
          {ui.updateReload}
        </button>
      </p>
    );
  }
  if (!offlineReady) return null;
  return (
    <p className="notice small" role="status" data-testid="offline-ready">
      {ui.offlineReady}{' '}
      <button className="link" onClick={dismiss} aria-label={ui.dismiss}>
        ×
      </button>
    </p>
  );
}

/** Which backend embeds and which trains, as measured on this device, with a button to measure again. */
function JobBackendsBadge({ backend }: { backend: BackendInfo }) {
  const recalibrating = useZooStore((s) => s.recalibrating);
  const training = useRunStore((s) => s.phase === 'running' || s.phase === 'paused');
  const b = (name: string) => ui.backendWithThreads(name, backend.wasmThreads);
  const { small, large } = backend.inference;
  const embedding = small === large ? b(large) : ui.embeddingByFamily(b(large), b(small));
  return (
    <span className="badge" data-testid="job-backends" title={ui.jobBackendsTitle(backend.backend, backend.measured)}>
      {ui.jobBackendsBadge(embedding, b(backend.training))}{' '}
      <button className="link small" data-testid="remeasure-backends" disabled={recalibrating || training} title={ui.remeasureTitle} onClick={() => void useZooStore.getState().recalibrate()}>
        {recalibrating ? '…' : ui.remeasure}
      </button>
    </span>
  );
}

/** English | 中文: each language's name in itself (marked with its lang, so screen readers say it right). */
function LanguageSwitch() {
  const { lang, set } = useLanguageStore();
  return (
    <div className="segmented" role="group" aria-label={tLecture.language} data-testid="language-switch">
      {LANGUAGES.map((l) => (
        <button key={l} lang={l === 'zh' ? 'zh-CN' : 'en'} aria-pressed={lang === l} data-testid={`lang-${l}`} onClick={() => set(l)}>
          {tLecture.languageNames[l]}
        </button>
      ))}
    </div>
  );
}

/** The shell: set-up panels on the left, live results on the right. Features never import each other. */
export function App() {
  const lang = useLanguageStore((s) => s.lang);
  // Every component reads the live dictionaries; a new key re-renders them all in the new language.
  return <Shell key={lang} />;
}

function Shell() {
  const backend = useZooStore((s) => s.backend);
  const lecture = useLectureStore((s) => s.active);
  return (
    <div className={`app${lecture ? ' lecture' : ''}`}>
      <header className="app-header">
        <div>
          <h1>{ui.appTitle}</h1>
          <p className="muted">{ui.tagline}</p>
        </div>
        <div className="header-right small muted">
          <LanguageSwitch />
          {!lecture && (
            <button className="button small" data-testid="lecture-enter" title={tLecture.enterTitle} onClick={() => useLectureStore.getState().enter()}>
              {tLecture.enter}
            </button>
          )}
          <span data-testid="privacy">{ui.privacy}</span>
          {backend && <JobBackendsBadge backend={backend} />}
          {backend && (
            <span className="badge" data-testid="backend" title={ui.deviceBackendTitle}>
              {backend.backend}
            </span>
          )}
        </div>
      </header>
      <LectureBar />
      <UpdateNotice />
      <LinkNotice />
      <StorageNotice />
      {backend?.fallbackReason && (
        <p className="notice" role="status" data-testid="backend-notice">
          {ui.backendNotice(render(backend.fallbackReason))}
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

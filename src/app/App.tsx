import { SourcePicker } from '../features/source/SourcePicker';
import { TargetPicker } from '../features/data/TargetPicker';
import { AugmentPanel } from '../features/augment/AugmentPanel';
import { PresetsPanel } from '../features/presets/PresetsPanel';
import { TrainingPanel } from '../features/training/TrainingPanel';
import { ResultsPanel } from '../features/results/ResultsPanel';
import { ExplainPanel } from '../features/explain/ExplainPanel';
import { en } from '../i18n/en';
import { useZooStore } from '../state/zooStore';

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
          {backend && (
            <span className="badge" data-testid="backend">
              {backend.backend}
            </span>
          )}
        </div>
      </header>
      {backend?.fallbackReason && (
        <p className="notice" role="status" data-testid="backend-notice">
          {en.backendNotice(backend.fallbackReason)}
        </p>
      )}
      <main className="layout">
        <div className="setup">
          <PresetsPanel />
          <SourcePicker />
          <TargetPicker />
          <AugmentPanel />
          <TrainingPanel />
        </div>
        <div className="side">
          <ResultsPanel />
          <ExplainPanel />
        </div>
      </main>
    </div>
  );
}

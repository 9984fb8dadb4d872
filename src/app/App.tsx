import { SourcePicker } from '../features/source/SourcePicker';
import { TargetPicker } from '../features/data/TargetPicker';
import { AugmentPanel } from '../features/augment/AugmentPanel';
import { PresetsPanel } from '../features/presets/PresetsPanel';
import { TrainingPanel } from '../features/training/TrainingPanel';
import { ResultsPanel } from '../features/curves/ResultsPanel';
import { RunBar } from '../features/training/RunBar';
import { StartHere } from '../features/start/StartHere';
import { DeviceMenu } from './DeviceMenu';
import { SetupSteps, useShownSteps } from './SetupSteps';
import { Views } from './Views';
import { useShallow } from 'zustand/react/shallow';
import { Suspense, useState } from 'react';
import { LinkNotice } from '../features/share/LinkNotice';
import { StorageNotice } from '../features/experiments/StorageNotice';
import { LANGUAGES, render, tLecture, tWorkspace, ui } from '../i18n';
import { LectureBar, LectureNarration } from '../features/lecture/LectureBar';
import { useLanguageStore } from '../lab/languageStore';
import { useLectureStore } from '../lab/lectureStore';
import { useZooStore } from '../lab/zooStore';
import { useRunStore } from '../lab/runStore';
import { useStudyStore } from '../lab/studyStore';
import { PanelBoundary } from '../ui/PanelBoundary';
import { ChartsFillScreen } from '../ui/charts/chartHeight';
import { useAppUpdate } from '../platform/appUpdate';
import { lazyRetry } from '../platform/retryImport';
import { useClassStore } from '../lab/classStore';

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

/** The workspace: header, run bar, set-up steps beside the stage, analysis views under it. Features never import each other. */
export function App() {
  const lang = useLanguageStore((s) => s.lang);
  // Every component reads the live dictionaries; a new key re-renders them all in the new language.
  return <Shell key={lang} />;
}

// The analysis views load after the page is up (their code is not on the way to a usable lab).
const FeatureMapPanel = lazyRetry(() => import('../features/featuremap/FeatureMapPanel').then((m) => ({ default: m.FeatureMapPanel })));
const DiagnosticsPanel = lazyRetry(() => import('../features/diagnostics/DiagnosticsPanel').then((m) => ({ default: m.DiagnosticsPanel })));
const SelectionPanel = lazyRetry(() => import('../features/selection/SelectionPanel').then((m) => ({ default: m.SelectionPanel })));
const FusionPanel = lazyRetry(() => import('../features/fusion/FusionPanel').then((m) => ({ default: m.FusionPanel })));
const SharePanel = lazyRetry(() => import('../features/share/SharePanel').then((m) => ({ default: m.SharePanel })));
const ExportsPanel = lazyRetry(() => import('../features/exports/ExportsPanel').then((m) => ({ default: m.ExportsPanel })));
const ExperimentsPanel = lazyRetry(() => import('../features/experiments/ExperimentsPanel').then((m) => ({ default: m.ExperimentsPanel })));
const ClassJoin = lazyRetry(() => import('../features/classBoard/ClassJoin').then((m) => ({ default: m.ClassJoin })));
const BoardView = lazyRetry(() => import('../features/classBoard/BoardView').then((m) => ({ default: m.BoardView })));
const ExplainPanel = lazyRetry(() => import('../features/explain/ExplainPanel').then((m) => ({ default: m.ExplainPanel })));

// A study's charts and the forgetting meter draw with recharts, which is not on the way to a usable lab either.
const SweepChart = lazyRetry(() => import('../features/sweep/SweepChart').then((m) => ({ default: m.SweepChart })));
const SeedsPanel = lazyRetry(() => import('../features/seeds/SeedsPanel').then((m) => ({ default: m.SeedsPanel })));
const ForgettingPanel = lazyRetry(() => import('../features/forgetting/ForgettingPanel').then((m) => ({ default: m.ForgettingPanel })));

/** A student's seat in a class, loaded (with its QR code library) only once a class or result link has opened. */
function ClassSeat() {
  const shown = useClassStore((s) => !!s.joined || !!s.openedResult);
  return <Suspense fallback={null}>{shown && <ClassJoin />}</Suspense>;
}

/** A study's charts, mounted (their code loaded) once a study has runs to show. */
function StudyCharts() {
  const kind = useStudyStore((s) => (s.runs.length ? s.kind : null));
  return (
    <Suspense fallback={null}>
      {kind === 'sweep' && <SweepChart />}
      {kind === 'seeds' && <SeedsPanel />}
    </Suspense>
  );
}

/** The forgetting meter, mounted once a run has measured its source's accuracy. */
function Forgetting() {
  const measured = useRunStore((s) => s.runs.some((r) => r.epochs.some((m) => m.sourceAccuracy !== null)));
  return <Suspense fallback={null}>{measured && <ForgettingPanel />}</Suspense>;
}

/** Around the stage's curves: a study's charts above them, the forgetting meter under the summary table. */
const STAGE = { studies: <StudyCharts />, details: <Forgetting /> };

const SETUP_PANELS = {
  presets: (
    <PanelBoundary panel="presets">
      <PresetsPanel />
    </PanelBoundary>
  ),
  source: (
    <PanelBoundary panel="source">
      <SourcePicker />
    </PanelBoundary>
  ),
  target: (
    <PanelBoundary panel="target">
      <TargetPicker />
    </PanelBoundary>
  ),
  augment: (
    <PanelBoundary panel="augment">
      <AugmentPanel />
    </PanelBoundary>
  ),
  training: (
    <PanelBoundary panel="training">
      <TrainingPanel />
    </PanelBoundary>
  ),
};

const VIEWS = {
  inside: (
    <>
      <PanelBoundary panel="featuremap">
        <FeatureMapPanel />
      </PanelBoundary>
      <PanelBoundary panel="results">
        <DiagnosticsPanel />
      </PanelBoundary>
    </>
  ),
  combine: (
    <>
      <PanelBoundary panel="selection">
        <SelectionPanel />
      </PanelBoundary>
      <PanelBoundary panel="fusion">
        <FusionPanel />
      </PanelBoundary>
    </>
  ),
  share: (
    <>
      <PanelBoundary panel="share">
        <SharePanel />
      </PanelBoundary>
      <PanelBoundary panel="results">
        <ExportsPanel />
      </PanelBoundary>
      <PanelBoundary panel="experiments">
        <ExperimentsPanel />
      </PanelBoundary>
    </>
  ),
  board: (
    <PanelBoundary panel="board">
      <BoardView />
    </PanelBoundary>
  ),
  explain: (
    <PanelBoundary panel="explain">
      <ExplainPanel />
    </PanelBoundary>
  ),
};

/**
 * In lecture mode the set-up column holds the narration; the set-up itself shows when the link
 * names controls (only / hide / lock) or the instructor asks for it: a lesson link shows the stage
 * and its story, nothing else. Hidden set-up stays mounted, so its state and selections hold.
 */
function SideColumn() {
  const lecture = useLectureStore(useShallow((s) => ({ active: s.active, asks: !!s.only || s.hide.length > 0 || s.lock.length > 0 })));
  const steps = useShownSteps();
  const [settings, setSettings] = useState(false);
  const collapsible = lecture.active && !lecture.asks;
  return (
    <aside className="setup" data-testid="setup" aria-label={tWorkspace.steps}>
      <LectureNarration />
      {collapsible && steps.length > 0 && (
        <button className="button small" data-testid="lecture-settings" aria-expanded={settings} onClick={() => setSettings(!settings)}>
          {settings ? tWorkspace.hideSettings : tWorkspace.showSettings}
        </button>
      )}
      {steps.length > 0 && (
        <div hidden={collapsible && !settings}>
          <SetupSteps panels={SETUP_PANELS} />
        </div>
      )}
    </aside>
  );
}

function Shell() {
  const backend = useZooStore((s) => s.backend);
  const lecture = useLectureStore((s) => s.active);
  const narration = useLectureStore((s) => s.active && !!s.lesson);
  const side = useShownSteps().length > 0 || narration;
  return (
    <div className={`app${lecture ? ' lecture' : ''}`}>
      <header className="app-header">
        <div className="brand">
          <h1>{ui.appTitle}</h1>
          <p className="muted tagline">{ui.tagline}</p>
        </div>
        <div className="header-right small">
          <LanguageSwitch />
          {!lecture && (
            <button
              className="button small"
              data-testid="lecture-enter"
              title={tLecture.enterTitle}
              onClick={() => useLectureStore.getState().enter()}
            >
              {tLecture.enter}
            </button>
          )}
          <DeviceMenu />
        </div>
      </header>
      <div className="top-bars">
        <RunBar />
        <LectureBar />
      </div>
      <div className="notices">
        <UpdateNotice />
        <LinkNotice />
        <ClassSeat />
        <StorageNotice />
        {backend?.fallbackReason && (
          <p className="notice" role="status" data-testid="backend-notice">
            {ui.backendNotice(render(backend.fallbackReason))}
          </p>
        )}
      </div>
      {/* Charts fill the screen in lecture mode (ui/charts reads this, knowing no store). */}
      <ChartsFillScreen.Provider value={lecture}>
        <main className={`workspace${side ? '' : ' wide'}`}>
          {side && <SideColumn />}
          <div className="main-column">
            <div className="stage" id="stage" data-testid="stage">
              {!lecture && <StartHere />}
              <PanelBoundary panel="results">
                <ResultsPanel {...STAGE} />
              </PanelBoundary>
            </div>
            <Views views={VIEWS} />
          </div>
        </main>
      </ChartsFillScreen.Provider>
    </div>
  );
}

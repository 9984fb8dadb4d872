import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { tClass as t } from '../../i18n';
import { studentMark, useClassStore } from '../../lab/classStore';
import { useExperimentStore } from '../../lab/experimentStore';
import { useRunStore } from '../../lab/runStore';
import { useShareStore } from '../../lab/shareStore';
import { useLabBusy, TRAINING } from '../../lab/busy';
import { CopyableLink } from './CopyableLink';

/** The nickname field and its two ways to a seed. */
function SeedForm({ busy }: { busy: boolean }) {
  const [typed, setTyped] = useState('');
  return (
    <form
      className="row"
      onSubmit={(e) => {
        e.preventDefault();
        if (typed.trim()) useClassStore.getState().takeSeed(typed);
      }}
    >
      <label className="small">
        {t.nicknameLabel}{' '}
        <input
          value={typed}
          maxLength={60}
          placeholder={t.nicknamePlaceholder}
          data-testid="class-nickname"
          disabled={busy}
          onChange={(e) => setTyped(e.target.value)}
        />
      </label>
      <button className="button small primary" type="submit" data-testid="class-take-seed" disabled={busy || !typed.trim()}>
        {t.takeSeed}
      </button>
      <button
        className="button small"
        type="button"
        data-testid="class-random-seed"
        disabled={busy}
        onClick={() => useClassStore.getState().takeSeed(null)}
      >
        {t.randomSeed}
      </button>
    </form>
  );
}

/**
 * The student's seat, shown while the lab holds a class link's experiment: type a nickname (or
 * take a random seed), train, then make the result link to send — the only thing that leaves the device.
 */
export function ClassJoin() {
  const joined = useClassStore((s) => s.joined);
  const config = useExperimentStore((s) => s.config);
  const finished = useRunStore((s) => s.phase === 'finished' && s.runs.length > 0);
  const busy = useLabBusy(TRAINING);
  const link = useShareStore(useShallow((s) => s.link));
  const openedResult = useClassStore((s) => s.openedResult);
  if (!joined)
    return openedResult ? (
      <p className="notice" role="status" data-testid="class-result-owner">
        {t.openedResult(openedResult.student)}
      </p>
    ) : null;
  const onSeed = joined.seed !== null;
  const mark = onSeed ? studentMark(config) : null;
  const resultUrl = link?.withResults && mark ? link.url : null;
  return (
    <section className="notice class-join" role="region" aria-label={t.joinTitle} data-testid="class-join">
      <strong>{t.joinTitle}</strong> <span>{t.joinIntro}</span>
      <SeedForm busy={busy} />
      {onSeed && (
        <p data-testid="class-seed" data-seed={joined.seed}>
          {t.yourSeed(joined.seed!, joined.nickname)} {!mark ? <span className="warn">{t.changedExperiment}</span> : t.thenTrain}
        </p>
      )}
      {onSeed && mark && (
        <div className="row">
          <button
            className="button small primary"
            data-testid="class-make-result"
            disabled={!finished || busy}
            title={finished ? undefined : t.notYetFinished}
            onClick={() => {
              useShareStore.getState().setIncludeResults(true);
              useShareStore.getState().make();
            }}
          >
            {t.makeResultLink}
          </button>
          {!finished && <span className="muted small">{t.notYetFinished}</span>}
        </div>
      )}
      {resultUrl && (
        <>
          <p className="muted small">{t.resultLinkHint}</p>
          <CopyableLink url={resultUrl} label={t.resultLinkLabel} testId="class-result-link" />
        </>
      )}
      <button className="link small" data-testid="class-leave" onClick={() => useClassStore.getState().leave()}>
        {t.leave}
      </button>
    </section>
  );
}

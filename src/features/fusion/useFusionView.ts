import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { render } from '../../i18n';
import { toMsg } from '../../core/messages';
import { useFusionStore } from '../../lab/fusionStore';
import { t, type FusionMethod } from './fusionFormat';

/** The fusion store as the panel shows it: runs named, and whose confusion matrix is on show. */
export function useFusionView() {
  const f = useFusionStore(
    useShallow((s) => ({
      study: s.study,
      labels: s.labels,
      classNames: s.classNames,
      kept: s.kept,
      selected: s.selected,
      report: s.report,
      reportFor: s.reportFor,
      refusal: s.refusal,
      busy: s.busy,
      soup: s.soup,
      soupFor: s.soupFor,
      refresh: s.refresh,
      toggle: s.toggle,
      combine: s.combine,
      discard: s.discard,
      makeSoup: s.makeSoup,
    })),
  );
  const [matrixOf, setMatrixOf] = useState<string>('stacking');
  const refresh = f.refresh;
  useEffect(() => {
    void refresh();
  }, [refresh]);
  // Runs of different experiments share names ("Transfer"): the experiment's number tells them apart.
  const nameOf = (key: string) => {
    const r = f.kept.find((x) => x.key === key);
    return r ? t.keptName(render(r.info.name), key.split(':')[0]) : key;
  };
  // The report's members are named as they were when fused: after a reload the worker no longer
  // holds them, and a new experiment may reuse their keys.
  const memberName = (key: string) => {
    const l = f.labels[key];
    return l ? t.keptName(render(toMsg(l.name)), l.experiment) : nameOf(key);
  };
  const names = Object.fromEntries(f.reportFor.map((k) => [k, memberName(k)]));
  const report = f.report;
  // Whose confusion matrix is shown: a member's key or a method; stacking until the user picks.
  const matrixRow =
    report && (matrixOf in report.methods ? report.methods[matrixOf as FusionMethod] : report.members.find((m) => m.id === matrixOf))
      ? matrixOf
      : 'stacking';
  const matrix = report
    ? (report.methods[matrixRow as FusionMethod]?.confusion ?? report.members.find((m) => m.id === matrixRow)?.confusion ?? null)
    : null;
  return { f, nameOf, memberName, names, matrixRow, matrix, setMatrixOf };
}

export type FusionView = ReturnType<typeof useFusionView>;

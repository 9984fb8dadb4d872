import { SAMPLES_PER_CLASS, SHIFT_KINDS, type Bias } from '../../core/data/bias';
import { ui } from '../../i18n';
import { NumberField } from '../../ui/NumberField';

const b = ui.bias;

/** The bias knobs themselves: few-shot, imbalance, label noise and its mode, and the shift with its severity. */
export function BiasKnobs({ bias, setBias, busy }: { bias: Bias; setBias: (patch: Partial<Bias>) => void; busy: boolean }) {
  const setNoise = (patch: Partial<Bias['labelNoise']>) => setBias({ labelNoise: { ...bias.labelNoise, ...patch } });
  const setShift = (patch: Partial<Bias['shift']>) => setBias({ shift: { ...bias.shift, ...patch } });
  return (
    <fieldset className="fields" disabled={busy}>
      <label className="field">
        <span>{b.samplesPerClass}</span>
        <select
          value={String(bias.samplesPerClass)}
          data-testid="samples-per-class"
          onChange={(e) =>
            setBias({ samplesPerClass: (e.target.value === 'all' ? 'all' : Number(e.target.value)) as Bias['samplesPerClass'] })
          }
        >
          {SAMPLES_PER_CLASS.map((n) => (
            <option key={n} value={String(n)}>
              {n === 'all' ? b.all : n}
            </option>
          ))}
        </select>
      </label>
      <NumberField
        label={b.imbalance}
        value={bias.imbalanceRatio}
        min={1}
        max={100}
        step={1}
        onChange={(v) => setBias({ imbalanceRatio: v })}
        testId="imbalance"
      />
      <NumberField
        integer
        label={b.labelNoise}
        value={Math.round(bias.labelNoise.fraction * 100)}
        min={0}
        max={80}
        onChange={(v) => setNoise({ fraction: v / 100 })}
        testId="label-noise"
      />
      <label className="field">
        <span>{b.noiseMode}</span>
        <select
          value={bias.labelNoise.mode}
          data-testid="noise-mode"
          onChange={(e) => setNoise({ mode: e.target.value as Bias['labelNoise']['mode'] })}
        >
          {(['symmetric', 'pair'] as const).map((m) => (
            <option key={m} value={m}>
              {b.modes[m]}
            </option>
          ))}
        </select>
      </label>
      <ShiftKnobs shift={bias.shift} setShift={setShift} />
    </fieldset>
  );
}

/** The distribution shift of the shifted test set: its kind and, unless none, its severity. */
function ShiftKnobs({ shift, setShift }: { shift: Bias['shift']; setShift: (patch: Partial<Bias['shift']>) => void }) {
  return (
    <>
      <label className="field">
        <span>{b.shift}</span>
        <select value={shift.kind} data-testid="shift-kind" onChange={(e) => setShift({ kind: e.target.value as Bias['shift']['kind'] })}>
          {SHIFT_KINDS.map((k) => (
            <option key={k} value={k}>
              {b.shiftKinds[k]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>
          {b.severity} {shift.severity}
        </span>
        <input
          type="range"
          min={1}
          max={5}
          step={1}
          value={shift.severity}
          disabled={shift.kind === 'none'}
          data-testid="shift-severity"
          onChange={(e) => setShift({ severity: Number(e.target.value) })}
        />
      </label>
    </>
  );
}

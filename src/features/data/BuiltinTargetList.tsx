import type { Target } from '../../core/config/experiment';
import { BUILTIN_TARGETS, builtinTargetConfig } from '../../core/data/targets';
import { catalog, ui } from '../../i18n';

interface Props {
  target: Extract<Target, { kind: 'builtin' }>;
  setTarget: (target: Target) => void;
}

/** The built-in target sets as radio options, with their size and description. */
export function BuiltinTargetList({ target, setTarget }: Props) {
  return (
    <div className="target-list" role="radiogroup">
      {BUILTIN_TARGETS.map((t) => (
        <label key={t.presetId} className={`target-option${t.presetId === target.presetId ? ' selected' : ''}`}>
          <input
            type="radio"
            name="target"
            data-testid={`target-${t.presetId}`}
            checked={t.presetId === target.presetId}
            onChange={() => setTarget(builtinTargetConfig(t))}
          />
          <span>
            <strong>{catalog('targets', t.presetId, 'name', t.name)}</strong>{' '}
            <span className="muted small">{ui.target.perClass(t.maxPerClass)}</span>
            <br />
            <span className="muted small">{catalog('targets', t.presetId, 'description', t.description)}</span>
          </span>
        </label>
      ))}
    </div>
  );
}

import type { Target } from '../../core/config/experiment';
import { BUILTIN_TARGETS, builtinTargetConfig } from '../../core/data/targets';
import { ui } from '../../i18n';
import { Control } from '../../ui/Control';

/** Built-in sets or the user's own images; switching to built-in picks the first set. */
export function TargetTabs({ kind, setTarget }: { kind: Target['kind']; setTarget: (target: Target) => void }) {
  return (
    <Control id="target-choice">
      <div className="tabs" role="tablist">
        <button
          role="tab"
          aria-selected={kind === 'builtin'}
          data-testid="tab-builtin"
          onClick={() => setTarget(builtinTargetConfig(BUILTIN_TARGETS[0]))}
        >
          {ui.target.builtin}
        </button>
        <button role="tab" aria-selected={kind === 'upload'} data-testid="tab-upload" onClick={() => setTarget({ kind: 'upload' })}>
          {ui.target.upload}
        </button>
      </div>
    </Control>
  );
}

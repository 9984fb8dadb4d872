import { useState } from 'react';
import { ui } from '../i18n';

/**
 * A number input that lets the user type freely (clear it, type "1" on the way to "10") and
 * commits only valid values; an invalid entry is marked and explained instead of snapping back.
 */
export function NumberField({
  label,
  value,
  onChange,
  min,
  max,
  step,
  integer,
  testId,
  disabled,
}: {
  label: string;
  value: number;
  onChange: (v: number) => void;
  min: number;
  max: number;
  step?: number;
  integer?: boolean;
  testId: string;
  disabled?: boolean;
}) {
  const [text, setText] = useState(String(value));
  // When the value changes from outside (another control, a reset), show it: React's
  // "adjust state while rendering" pattern, cheaper than an effect.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(String(value));
  }
  const v = Number(text);
  const problem =
    text.trim() === '' || !Number.isFinite(v)
      ? ui.field.notANumber
      : integer && !Number.isInteger(v)
        ? ui.field.notWhole
        : v < min || v > max
          ? ui.field.outOfRange(min, max)
          : null;
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="number"
        value={text}
        min={min}
        max={max}
        step={step ?? 1}
        disabled={disabled}
        data-testid={testId}
        aria-invalid={problem ? true : undefined}
        className={problem ? 'invalid' : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const n = Number(e.target.value);
          if (e.target.value.trim() !== '' && Number.isFinite(n) && n >= min && n <= max && (!integer || Number.isInteger(n))) onChange(n);
        }}
        onBlur={() => problem && setText(String(value))}
      />
      {problem && <span className="field-problem">{problem}</span>}
    </label>
  );
}

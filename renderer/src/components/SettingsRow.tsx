import type { ReactNode } from 'react';
import './settings-row.css';

/** One labelled line of a settings form. */
export function SettingsRow({ label, htmlFor, children, optional = false }: { label: string; htmlFor: string; children: ReactNode; optional?: boolean }) {
  return (
    <div className="settings-row">
      <label htmlFor={htmlFor}>
        {label}
        {optional && <span className="optional">optional</span>}
      </label>
      <div className="settings-control">{children}</div>
    </div>
  );
}

/** A narrow number input whose id is also its test id; the value stays text until the form is saved. */
export function NumberInput({
  id,
  value,
  min,
  max,
  disabled,
  placeholder,
  onValue,
}: {
  id: string;
  value: string;
  min: number;
  max: number;
  disabled?: boolean;
  placeholder?: string;
  onValue: (value: string) => void;
}) {
  return (
    <input
      id={id}
      className="mono narrow"
      type="number"
      min={min}
      max={max}
      value={value}
      disabled={disabled}
      placeholder={placeholder}
      onChange={(event) => onValue(event.target.value)}
      data-testid={id}
    />
  );
}

import { useId, type ReactNode } from 'react';

interface FieldFrameProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
}

const hintId = (id: string): string => `${id}-hint`;
const errorId = (id: string): string => `${id}-error`;

/** Links hint and error to the control so screen readers read them with the label. */
function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? hintId(id) : null, error ? errorId(id) : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldFrame({ id, label, hint, error, children }: FieldFrameProps) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint ? (
        <p className="field__hint" id={hintId(id)}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId(id)} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export interface TextFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: ReactNode;
  error?: string | undefined;
  type?: 'text' | 'password' | 'url';
  inputMode?: 'text' | 'decimal' | 'numeric' | 'url';
  placeholder?: string;
  autoComplete?: string;
  name?: string;
  /** Extra content after the input on the same row (a unit, a button). */
  suffix?: ReactNode;
  onEnter?(): void;
}

/** A labelled text input with its hint and plain-words error, the building block of every form. */
export function TextField(props: TextFieldProps) {
  const id = useId();
  const input = (
    <input
      id={id}
      name={props.name}
      className="input"
      type={props.type ?? 'text'}
      inputMode={props.inputMode}
      value={props.value}
      placeholder={props.placeholder}
      autoComplete={props.autoComplete ?? 'off'}
      spellCheck={false}
      aria-invalid={props.error ? true : undefined}
      aria-describedby={describedBy(id, props.hint, props.error)}
      onChange={(e) => props.onChange(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && props.onEnter) {
          e.preventDefault();
          props.onEnter();
        }
      }}
    />
  );
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={props.error}>
      {props.suffix ? (
        <div className="field__row">
          {input}
          {props.suffix}
        </div>
      ) : (
        input
      )}
    </FieldFrame>
  );
}

export interface SelectFieldProps<V extends string> {
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange(value: V): void;
  hint?: ReactNode;
  error?: string | undefined;
  name?: string;
}

/** A labelled native select: native controls keep keyboard and screen-reader behaviour for free. */
export function SelectField<V extends string>(props: SelectFieldProps<V>) {
  const id = useId();
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={props.error}>
      <select
        id={id}
        name={props.name}
        className="input"
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
        onChange={(e) => props.onChange(e.target.value as V)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export interface CheckboxFieldProps {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  hint?: ReactNode;
  name?: string;
}

/** A labelled checkbox; the whole label is the click target. */
export function CheckboxField(props: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className="field field--check">
      <input
        id={id}
        name={props.name}
        type="checkbox"
        className="checkbox"
        checked={props.checked}
        aria-describedby={props.hint ? hintId(id) : undefined}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <div>
        <label className="field__label" htmlFor={id}>
          {props.label}
        </label>
        {props.hint ? (
          <p className="field__hint" id={hintId(id)}>
            {props.hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

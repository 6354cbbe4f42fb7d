import type { ConfigField } from './config-schema';

export interface SchemaFieldProps {
  field: ConfigField;
  value: string | boolean;
  problem: string | undefined;
  onChange(value: string | boolean): void;
}

/** One generated config input: its kind decides the control; required fields are marked. */
export function SchemaField({ field, value, problem, onChange }: SchemaFieldProps) {
  const id = `config-${field.name}`;
  const helpId = field.description || problem ? `${id}-help` : undefined;
  const common = {
    id,
    name: field.name,
    'aria-required': field.required || undefined,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': helpId,
  } as const;
  const text = typeof value === 'string' ? value : '';
  let control;
  switch (field.kind) {
    case 'boolean':
      control = <input {...common} type="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked)} />;
      break;
    case 'enum':
      control = (
        <select {...common} value={text} onChange={(event) => onChange(event.target.value)}>
          {field.required ? null : <option value="">(not set)</option>}
          {field.required && text === '' ? <option value="">Choose…</option> : null}
          {field.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      );
      break;
    case 'integer':
    case 'number':
      control = (
        <input
          {...common}
          type="number"
          step={field.kind === 'integer' ? 1 : 'any'}
          min={field.minimum}
          max={field.maximum}
          value={text}
          onChange={(event) => onChange(event.target.value)}
        />
      );
      break;
    case 'secret':
      // The server sends "********" for a stored secret; leaving it unchanged keeps the secret.
      control = (
        <input {...common} type="password" autoComplete="new-password" maxLength={field.maxLength} value={text} onChange={(event) => onChange(event.target.value)} />
      );
      break;
    case 'json':
      control = <textarea {...common} rows={4} className="mono" value={text} onChange={(event) => onChange(event.target.value)} />;
      break;
    case 'string':
      control = (
        <input
          {...common}
          type={field.format === 'uri' ? 'url' : 'text'}
          maxLength={field.maxLength}
          spellCheck={false}
          value={text}
          onChange={(event) => onChange(event.target.value)}
        />
      );
      break;
  }
  return (
    <div className={`form-field ${field.kind === 'boolean' ? 'form-field-inline' : ''}`} data-field={field.name} data-kind={field.kind}>
      <label htmlFor={id}>
        {field.label}
        {field.required ? (
          <span className="required" title="required" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
        {field.kind === 'secret' ? <span className="field-tag">secret</span> : null}
      </label>
      {control}
      {helpId ? (
        <p id={helpId} className={problem ? 'field-problem' : 'field-help'}>
          {problem ?? field.description}
        </p>
      ) : null}
    </div>
  );
}

import { useMemo, useState, type FormEvent } from 'react';
import { CREATE_AGENT, UPDATE_AGENT } from '../api/agent-queries';
import { ApiError, errorText } from '../api/http-client';
import type { AgentDetail, AgentTypeInfo } from '../api/types';
import { ErrorNote } from '../common/error-note';
import { useSession } from '../session/session-context';
import { buildConfig, configFields, fieldOfPath, initialValues, type FormValues } from './config-schema';
import { SchemaField } from './schema-field';

export interface AgentFormProps {
  types: AgentTypeInfo[];
  /** The agent to edit; none: create one. */
  agent?: AgentDetail;
  onSaved(agent: AgentDetail): void;
  onClose(): void;
}

/** Create or edit an agent (ADMIN): the config part is generated from the type's JSON Schema. */
export function AgentForm({ types, agent, onSaved, onClose }: AgentFormProps) {
  const { http } = useSession();
  const [typeKey, setTypeKey] = useState(agent?.type ?? types[0]?.key ?? '');
  const type = types.find((each) => each.key === typeKey);
  const fields = useMemo(() => (type ? configFields(type.configSchema) : []), [type]);
  const [name, setName] = useState(agent?.name ?? '');
  const [maxConcurrency, setMaxConcurrency] = useState(String(agent?.maxConcurrency ?? 4));
  const [values, setValues] = useState<FormValues>(() => (type ? initialValues(fields, type.configSchema, agent?.config) : {}));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const changeType = (key: string): void => {
    setTypeKey(key);
    const next = types.find((each) => each.key === key);
    setValues(next ? initialValues(configFields(next.configSchema), next.configSchema, undefined) : {});
    setProblems({});
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const built = buildConfig(fields, values);
    const concurrency = Number(maxConcurrency);
    const localProblems = { ...built.problems };
    if (name.trim() === '') localProblems['@name'] = 'Required';
    if (!Number.isInteger(concurrency) || concurrency < 1) localProblems['@maxConcurrency'] = 'A whole number, 1 or more';
    setProblems(localProblems);
    if (Object.keys(localProblems).length > 0) return;
    setBusy(true);
    setError(undefined);
    try {
      const input = { name: name.trim(), config: built.config, maxConcurrency: concurrency };
      const saved = agent
        ? (await http.request<{ updateAgent: AgentDetail }>(UPDATE_AGENT, { id: agent.id, input })).updateAgent
        : (await http.request<{ createAgent: AgentDetail }>(CREATE_AGENT, { input: { ...input, type: typeKey } })).createAgent;
      onSaved(saved);
    } catch (failure: unknown) {
      const field = failure instanceof ApiError ? fieldOfPath(failure.path) : undefined;
      if (field && fields.some((each) => each.name === field)) setProblems({ [field]: errorText(failure) });
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  const title = agent ? `Edit ${agent.name}` : 'New agent';
  return (
    <div
      className="drawer-backdrop"
      onClick={(event) => event.target === event.currentTarget && onClose()}
      onKeyDown={(event) => event.key === 'Escape' && onClose()}
    >
      <form className="drawer" role="dialog" aria-modal="true" aria-labelledby="agent-form-title" onSubmit={(event) => void submit(event)} data-testid="agent-form">
        <header className="drawer-header">
          <h2 id="agent-form-title">{title}</h2>
          <button type="button" className="button-quiet" onClick={onClose}>
            Close
          </button>
        </header>
        <div className="drawer-body">
          <div className="form-field">
            <label htmlFor="agent-name">
              Name<span className="required" aria-hidden="true"> *</span>
            </label>
            <input id="agent-name" aria-required="true" value={name} onChange={(event) => setName(event.target.value)} spellCheck={false} autoFocus />
            {problems['@name'] ? <p className="field-problem">{problems['@name']}</p> : null}
          </div>
          <div className="form-row">
            <div className="form-field">
              <label htmlFor="agent-type">Type</label>
              <select id="agent-type" value={typeKey} disabled={agent !== undefined} onChange={(event) => changeType(event.target.value)}>
                {types.map((each) => (
                  <option key={each.key} value={each.key}>
                    {each.key}
                  </option>
                ))}
              </select>
            </div>
            <div className="form-field">
              <label htmlFor="agent-concurrency">Max concurrency</label>
              <input id="agent-concurrency" type="number" min={1} step={1} value={maxConcurrency} onChange={(event) => setMaxConcurrency(event.target.value)} />
              {problems['@maxConcurrency'] ? <p className="field-problem">{problems['@maxConcurrency']}</p> : null}
            </div>
          </div>
          {type ? <p className="field-help">{type.description}</p> : null}
          <fieldset className="config-fields">
            <legend>Configuration</legend>
            {fields.length === 0 ? <p className="muted">This type has no settings.</p> : null}
            {fields.map((field) => (
              <SchemaField
                key={`${typeKey}:${field.name}`}
                field={field}
                value={values[field.name] ?? ''}
                problem={problems[field.name]}
                onChange={(value) => setValues((previous) => ({ ...previous, [field.name]: value }))}
              />
            ))}
          </fieldset>
          <ErrorNote error={error} />
        </div>
        <footer className="drawer-footer">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : agent ? 'Save changes' : 'Create agent'}
          </button>
        </footer>
      </form>
    </div>
  );
}

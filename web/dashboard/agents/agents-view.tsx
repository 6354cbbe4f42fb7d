import { useCallback, useState } from 'react';
import { AGENT_DETAIL } from '../api/agent-queries';
import { errorText } from '../api/http-client';
import type { AgentCore, AgentDetail, AgentRow, AgentStatus } from '../api/types';
import { ErrorNote } from '../common/error-note';
import { Pager } from '../common/pager';
import { Panel } from '../common/panel';
import { useDebouncedValue } from '../hooks/use-debounced-value';
import { useSession } from '../session/session-context';
import { AgentForm } from './agent-form';
import type { AgentFilter } from './agent-filter';
import { AgentsTable } from './agents-table';
import { useAgentRows } from './use-agent-rows';
import { useAgentTypes } from './use-agent-types';

const STATUSES: AgentStatus[] = ['CREATED', 'STARTING', 'RUNNING', 'STOPPING', 'STOPPED', 'ERROR'];
const PAGE_SIZES = [25, 50, 100];

type FormState = { mode: 'closed' } | { mode: 'create' } | { mode: 'edit'; agent: AgentDetail };

/** The agents list: filters, the live table, paging, and the create/edit form for ADMIN. */
export function AgentsView() {
  const { can, http } = useSession();
  const [nameContains, setNameContains] = useState('');
  const [status, setStatus] = useState<AgentStatus | ''>('');
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]!);
  const settledName = useDebouncedValue(nameContains.trim(), 300);
  const filter: AgentFilter = { ...(settledName ? { nameContains: settledName } : {}), ...(status ? { status } : {}) };
  const agents = useAgentRows(filter, pageSize);
  const types = useAgentTypes();
  const [form, setForm] = useState<FormState>({ mode: 'closed' });
  const [formError, setFormError] = useState<string | undefined>();

  const onChanged = useCallback((agent: AgentCore) => agents.apply(agent, false), [agents.apply]);
  const onEdit = useCallback(
    (agent: AgentRow) => {
      setFormError(undefined);
      http.request<{ agent: AgentDetail | null }>(AGENT_DETAIL, { id: agent.id }).then(
        ({ agent: detail }) => (detail ? setForm({ mode: 'edit', agent: detail }) : setFormError(`${agent.name} no longer exists.`)),
        (error: unknown) => setFormError(errorText(error)),
      );
    },
    [http],
  );

  const actions = (
    <>
      <label className="visually-hidden" htmlFor="agent-search">
        Filter by name
      </label>
      <input id="agent-search" type="search" placeholder="Filter by name" value={nameContains} onChange={(event) => setNameContains(event.target.value)} />
      <label className="visually-hidden" htmlFor="agent-status-filter">
        Filter by status
      </label>
      <select id="agent-status-filter" value={status} onChange={(event) => setStatus(event.target.value as AgentStatus | '')}>
        <option value="">All statuses</option>
        {STATUSES.map((each) => (
          <option key={each} value={each}>
            {each}
          </option>
        ))}
      </select>
      {can.administer ? (
        <button type="button" className="primary" onClick={() => setForm({ mode: 'create' })} disabled={!types.data}>
          New agent
        </button>
      ) : null}
    </>
  );

  return (
    <Panel title={<>Agents {agents.loading ? <span className="muted small-text">loading…</span> : null}</>} actions={actions}>
      <ErrorNote error={agents.error ?? formError} onRetry={agents.error ? agents.reload : undefined} />
      {agents.rows.length === 0 && !agents.loading ? (
        <p className="empty">{settledName || status ? 'No agent matches the filter.' : 'No agents yet.'}</p>
      ) : (
        <AgentsTable rows={agents.rows} canEdit={can.administer} onChanged={onChanged} onEdit={onEdit} />
      )}
      <div className="table-footer">
        <label className="muted small-text">
          Rows{' '}
          <select value={pageSize} onChange={(event) => setPageSize(Number(event.target.value))}>
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
        <Pager label="Agents pages" page={agents.page} pageSize={pageSize} totalCount={agents.totalCount} hasNext={agents.hasNext} onPrevious={agents.previous} onNext={agents.next} />
      </div>
      {form.mode !== 'closed' && types.data ? (
        <AgentForm
          types={types.data}
          {...(form.mode === 'edit' ? { agent: form.agent } : {})}
          onClose={() => setForm({ mode: 'closed' })}
          onSaved={(saved) => {
            agents.apply(saved, form.mode === 'create');
            setForm({ mode: 'closed' });
          }}
        />
      ) : null}
    </Panel>
  );
}

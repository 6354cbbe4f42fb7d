import { useMemo, useState } from 'react';
import { errorText } from '../api/http-client';
import { CREATE_WORKFLOW } from '../api/workflow-queries';
import { ErrorNote } from '../common/error-note';
import { useSession } from '../session/session-context';
import { LineEditor } from './line-editor';
import { useWorkflowValidation } from './use-workflow-validation';

export interface WorkflowEditorProps {
  initialSource: string;
  /** A new workflow: its first save needs no edit of the template. */
  isNew?: boolean;
  /** Called with the new version's id after a save (ADMIN). */
  onSaved(id: string): void;
}

/** The definition as text, validated while editing, problems shown at their lines; ADMIN saves it as a new version. */
export function WorkflowEditor({ initialSource, isNew = false, onSaved }: WorkflowEditorProps) {
  const { http, can } = useSession();
  const [text, setText] = useState(initialSource);
  const validation = useWorkflowValidation(text);
  const [saveError, setSaveError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const problems = validation.result?.problems ?? [];
  const problemLines = useMemo(() => {
    const lines = new Map<number, string[]>();
    for (const problem of problems) if (problem.line !== null) lines.set(problem.line, [...(lines.get(problem.line) ?? []), problem.message]);
    return lines;
  }, [problems]);

  const save = async (): Promise<void> => {
    setSaving(true);
    setSaveError(undefined);
    try {
      const { createWorkflow } = await http.request<{ createWorkflow: { id: string } }>(CREATE_WORKFLOW, { input: { definition: text } });
      onSaved(createWorkflow.id);
    } catch (failure: unknown) {
      setSaveError(errorText(failure));
    } finally {
      setSaving(false);
    }
  };

  const status = validation.pending ? (
    <span className="muted">checking…</span>
  ) : validation.result?.valid ? (
    <span className="text-good">Valid · order {validation.result.stepOrder.join(' → ')}</span>
  ) : validation.result ? (
    <span className="text-bad">
      {problems.length} problem{problems.length === 1 ? '' : 's'}
    </span>
  ) : null;

  return (
    <div className="workflow-editor">
      <div className="editor-status" data-testid="validation-status" aria-live="polite">
        <label htmlFor="workflow-source">Definition (YAML or JSON)</label>
        {status}
      </div>
      <LineEditor id="workflow-source" label="Workflow definition" value={text} onChange={setText} problemLines={problemLines} />
      {problems.length > 0 && !validation.pending ? (
        <ul className="problems" data-testid="validation-problems">
          {problems.map((problem, index) => (
            <li key={index}>
              <span className="problem-line">{problem.line !== null ? `line ${problem.line}` : 'document'}</span>
              {problem.path ? <span className="mono problem-path">{problem.path}</span> : null}
              <span>{problem.message}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <ErrorNote error={validation.error ?? saveError} />
      {can.administer ? (
        <div className="form-buttons">
          <button type="button" disabled={text === initialSource} onClick={() => setText(initialSource)}>
            Revert
          </button>
          <button type="button" className="primary" disabled={saving || validation.pending || !validation.result?.valid || (!isNew && text === initialSource)} onClick={() => void save()}>
            {saving ? 'Saving…' : 'Save as new version'}
          </button>
        </div>
      ) : null}
    </div>
  );
}

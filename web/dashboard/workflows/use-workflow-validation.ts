import { useEffect, useState } from 'react';
import { errorText } from '../api/http-client';
import type { WorkflowValidation } from '../api/types';
import { VALIDATE_WORKFLOW } from '../api/workflow-queries';
import { useDebouncedValue } from '../hooks/use-debounced-value';
import { useSession } from '../session/session-context';

/** Typing pause before the text is sent to validateWorkflow, in ms. */
const VALIDATE_AFTER_MS = 400;

export interface ValidationState {
  result: WorkflowValidation | undefined;
  error: string | undefined;
  /** The text changed since the shown result. */
  pending: boolean;
}

/** validateWorkflow on the text, once the user pauses typing; an older answer never replaces a newer one. */
export function useWorkflowValidation(text: string): ValidationState {
  const { http } = useSession();
  const settled = useDebouncedValue(text, VALIDATE_AFTER_MS);
  const [state, setState] = useState<{ for: string; result?: WorkflowValidation; error?: string }>({ for: '' });
  useEffect(() => {
    let current = true;
    if (settled.trim() === '') {
      setState({ for: settled });
      return undefined;
    }
    http.request<{ validateWorkflow: WorkflowValidation }>(VALIDATE_WORKFLOW, { definition: settled }).then(
      ({ validateWorkflow }) => current && setState({ for: settled, result: validateWorkflow }),
      (error: unknown) => current && setState({ for: settled, error: errorText(error) }),
    );
    return () => {
      current = false;
    };
  }, [http, settled]);
  return { result: state.result, error: state.error, pending: state.for !== text };
}

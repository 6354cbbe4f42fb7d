/** Who caused a change: written to the audit line and the event. */
export interface Actor {
  /** An API key's name, "system", "worker:<id>" or "schedule:<id>". */
  name: string;
  /** The request's x-request-id or the job it came from. */
  correlationId: string | null;
}

export const SYSTEM_ACTOR: Actor = Object.freeze({ name: 'system', correlationId: null });

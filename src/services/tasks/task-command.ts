import { checkJsonInput } from '../common/json-input';
import { badInput } from '../errors/domain-error';
import { TASK_LIMITS, type DistributeTaskCommand, type EnqueueSpec } from './task.service';

/** A distributeTask input checked and with its defaults; `prefix` is the input's path in the request. */
export function checkTaskCommand(command: DistributeTaskCommand, maxPayloadBytes: number, prefix = 'input.'): EnqueueSpec {
  const type = command.type.trim();
  if (type.length === 0 || type.length > TASK_LIMITS.typeLength) throw badInput(`type must be 1-${TASK_LIMITS.typeLength} characters`, `${prefix}type`);
  const payload = command.payload ?? {};
  checkJsonInput(payload, maxPayloadBytes, `${prefix}payload`);
  const maxAttempts = command.maxAttempts ?? 3;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > TASK_LIMITS.maxAttempts) {
    throw badInput(`maxAttempts must be between 1 and ${TASK_LIMITS.maxAttempts}`, `${prefix}maxAttempts`);
  }
  const priority = command.priority ?? 0;
  if (!Number.isInteger(priority) || Math.abs(priority) > TASK_LIMITS.priority) {
    throw badInput(`priority must be between -${TASK_LIMITS.priority} and ${TASK_LIMITS.priority}`, `${prefix}priority`);
  }
  const timeoutSeconds = command.timeoutSeconds ?? null;
  if (timeoutSeconds !== null && (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > TASK_LIMITS.timeoutSeconds)) {
    throw badInput(`timeoutSeconds must be between 1 and ${TASK_LIMITS.timeoutSeconds}`, `${prefix}timeoutSeconds`);
  }
  const idempotencyKey = command.idempotencyKey ?? null;
  if (idempotencyKey !== null && (idempotencyKey.length === 0 || idempotencyKey.length > TASK_LIMITS.idempotencyKeyLength || /\p{Cc}/u.test(idempotencyKey))) {
    throw badInput(`idempotencyKey must be 1-${TASK_LIMITS.idempotencyKeyLength} printable characters`, `${prefix}idempotencyKey`);
  }
  if (command.runAt && Number.isNaN(command.runAt.getTime())) throw badInput('runAt is not a valid time', `${prefix}runAt`);
  return {
    type,
    payload,
    agentId: command.agentId ?? null,
    agentType: command.agentType ?? null,
    maxAttempts,
    timeoutSeconds,
    priority,
    runAt: command.runAt ?? null,
    idempotencyKey,
  };
}

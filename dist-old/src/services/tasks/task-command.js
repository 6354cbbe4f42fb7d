"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.checkTaskCommand = checkTaskCommand;
const json_input_1 = require("../common/json-input");
const domain_error_1 = require("../errors/domain-error");
const task_service_1 = require("./task.service");
/** A distributeTask input checked and with its defaults; `prefix` is the input's path in the request. */
function checkTaskCommand(command, maxPayloadBytes, prefix = 'input.') {
    const type = command.type.trim();
    if (type.length === 0 || type.length > task_service_1.TASK_LIMITS.typeLength)
        throw (0, domain_error_1.badInput)(`type must be 1-${task_service_1.TASK_LIMITS.typeLength} characters`, `${prefix}type`);
    const payload = command.payload ?? {};
    (0, json_input_1.checkJsonInput)(payload, maxPayloadBytes, `${prefix}payload`);
    const maxAttempts = command.maxAttempts ?? 3;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > task_service_1.TASK_LIMITS.maxAttempts) {
        throw (0, domain_error_1.badInput)(`maxAttempts must be between 1 and ${task_service_1.TASK_LIMITS.maxAttempts}`, `${prefix}maxAttempts`);
    }
    const priority = command.priority ?? 0;
    if (!Number.isInteger(priority) || Math.abs(priority) > task_service_1.TASK_LIMITS.priority) {
        throw (0, domain_error_1.badInput)(`priority must be between -${task_service_1.TASK_LIMITS.priority} and ${task_service_1.TASK_LIMITS.priority}`, `${prefix}priority`);
    }
    const timeoutSeconds = command.timeoutSeconds ?? null;
    if (timeoutSeconds !== null && (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > task_service_1.TASK_LIMITS.timeoutSeconds)) {
        throw (0, domain_error_1.badInput)(`timeoutSeconds must be between 1 and ${task_service_1.TASK_LIMITS.timeoutSeconds}`, `${prefix}timeoutSeconds`);
    }
    const idempotencyKey = command.idempotencyKey ?? null;
    if (idempotencyKey !== null && (idempotencyKey.length === 0 || idempotencyKey.length > task_service_1.TASK_LIMITS.idempotencyKeyLength || /\p{Cc}/u.test(idempotencyKey))) {
        throw (0, domain_error_1.badInput)(`idempotencyKey must be 1-${task_service_1.TASK_LIMITS.idempotencyKeyLength} printable characters`, `${prefix}idempotencyKey`);
    }
    if (command.runAt && Number.isNaN(command.runAt.getTime()))
        throw (0, domain_error_1.badInput)('runAt is not a valid time', `${prefix}runAt`);
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
//# sourceMappingURL=task-command.js.map
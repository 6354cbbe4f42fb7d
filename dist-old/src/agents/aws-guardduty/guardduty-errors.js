"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MalformedResponseError = void 0;
exports.scrubSecrets = scrubSecrets;
exports.describeGuardDutyFailure = describeGuardDutyFailure;
const agent_type_1 = require("../agent-type");
/** A GuardDuty answer that does not have the shape the API documents: retrying will not fix it. */
class MalformedResponseError extends agent_type_1.PermanentTaskError {
    constructor(operation, problem) {
        super(`GuardDuty ${operation} returned a malformed response: ${problem}`);
        this.name = 'MalformedResponseError';
    }
}
exports.MalformedResponseError = MalformedResponseError;
/** AWS errors that only the operator can fix (permissions, credentials): the task fails without retries. */
const PERMANENT_CODES = new Set(['AccessDeniedException', 'UnrecognizedClientException', 'InvalidSignatureException', 'ExpiredTokenException']);
/** Hints for the AWS error codes an operator can act on. */
const HINTS = {
    AccessDeniedException: "the agent's credentials are not allowed to do this; grant the IAM permission",
    UnrecognizedClientException: 'the access key id or session token is not valid',
    InvalidSignatureException: 'the secret access key does not match the access key id',
    ExpiredTokenException: 'the session token has expired',
    ThrottlingException: 'still throttled after every retry',
};
function awsErrorCode(error) {
    if (typeof error !== 'object' || error === null || !('$metadata' in error))
        return null;
    const { name, $fault: fault } = error;
    // Only service errors carry $fault; SDK-side failures (parse errors, sockets) carry $metadata alone.
    return fault === undefined || typeof name !== 'string' ? null : name;
}
/** Removes every secret value from a message, whatever quoted it. */
function scrubSecrets(message, secrets) {
    let scrubbed = message;
    for (const secret of secrets)
        if (secret !== undefined && secret.length >= 4)
            scrubbed = scrubbed.split(secret).join('********');
    return scrubbed;
}
/**
 * Turns whatever an SDK call threw into an Error whose message an operator can act on:
 * "GuardDuty ListFindings failed: AccessDeniedException: <AWS message> (<hint>)". An abort
 * passes through unchanged so the task engine sees the cancellation for what it is.
 */
function describeGuardDutyFailure(operation, error, signal, secrets) {
    if (signal?.aborted)
        return signal.reason ?? error;
    if (error instanceof MalformedResponseError)
        return error;
    const code = awsErrorCode(error);
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    let text;
    let permanent = false;
    if (code !== null) {
        permanent = PERMANENT_CODES.has(code);
        const hint = HINTS[code];
        text = `GuardDuty ${operation} failed: ${code}: ${message}${hint === undefined ? '' : ` (${hint})`}`;
    }
    else if (error instanceof SyntaxError || (error instanceof Error && error.message.includes('Deserialization error'))) {
        text = `GuardDuty ${operation} returned a malformed response: the body is not valid JSON (${message})`;
        permanent = true;
    }
    else {
        const errno = typeof error === 'object' && error !== null ? error.code : undefined;
        text = `GuardDuty ${operation} failed: ${typeof errno === 'string' ? `${errno}: ` : ''}${message}`;
    }
    const scrubbed = scrubSecrets(text, secrets);
    return permanent ? new agent_type_1.PermanentTaskError(scrubbed) : new Error(scrubbed);
}
//# sourceMappingURL=guardduty-errors.js.map
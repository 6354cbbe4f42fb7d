"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PermanentTaskError = void 0;
exports.isPermanentFailure = isPermanentFailure;
exports.secretFields = secretFields;
/**
 * A failure no retry can fix (denied access, a malformed answer): the task fails at once
 * instead of using its remaining attempts. The engine recognises any error with
 * `retryable === false`.
 */
class PermanentTaskError extends Error {
    retryable = false;
    constructor(message) {
        super(message);
        this.name = 'PermanentTaskError';
    }
}
exports.PermanentTaskError = PermanentTaskError;
/** Whether a handler's error says retrying cannot help. */
function isPermanentFailure(error) {
    return typeof error === 'object' && error !== null && error.retryable === false;
}
/** Top-level config fields marked "x-secret": true, which are encrypted at rest and masked on output. */
function secretFields(schema) {
    const properties = schema['properties'];
    if (typeof properties !== 'object' || properties === null)
        return [];
    return Object.entries(properties)
        .filter(([, field]) => typeof field === 'object' && field !== null && field['x-secret'] === true)
        .map(([name]) => name);
}
//# sourceMappingURL=agent-type.js.map
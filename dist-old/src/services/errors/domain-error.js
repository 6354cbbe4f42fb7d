"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DomainError = void 0;
exports.badInput = badInput;
exports.notFound = notFound;
exports.conflict = conflict;
/** An expected failure the client may see in full: it carries a string code and a safe message. */
class DomainError extends Error {
    code;
    path;
    extensions;
    constructor(code, message, details = {}) {
        super(message);
        this.code = code;
        this.name = 'DomainError';
        this.path = details.path;
        this.extensions = details.extensions ?? {};
    }
}
exports.DomainError = DomainError;
function badInput(message, path) {
    return new DomainError('BAD_USER_INPUT', message, path === undefined ? {} : { path });
}
function notFound(what, id) {
    return new DomainError('NOT_FOUND', `${what} ${id} does not exist`);
}
function conflict(message) {
    return new DomainError('CONFLICT', message);
}
//# sourceMappingURL=domain-error.js.map
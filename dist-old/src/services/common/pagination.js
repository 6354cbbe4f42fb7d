"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_PAGE_SIZE = void 0;
exports.checkFirst = checkFirst;
exports.encodeCursor = encodeCursor;
exports.decodeCursor = decodeCursor;
exports.timeCursor = timeCursor;
exports.decodeTimeCursor = decodeTimeCursor;
const domain_error_1 = require("../errors/domain-error");
/** Largest `first` a client may ask for. */
exports.MAX_PAGE_SIZE = 500;
function checkFirst(first, path = 'first') {
    if (!Number.isInteger(first) || first < 0 || first > exports.MAX_PAGE_SIZE) {
        throw (0, domain_error_1.badInput)(`first must be between 0 and ${exports.MAX_PAGE_SIZE}`, path);
    }
    return first;
}
/** Cursors are opaque to clients: base64url of a small JSON array of the sort key. */
function encodeCursor(key) {
    return Buffer.from(JSON.stringify(key)).toString('base64url');
}
function decodeCursor(cursor, length, path = 'after') {
    try {
        const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
        if (Array.isArray(value) && value.length === length && value.every((part) => typeof part === 'string' || typeof part === 'number')) {
            return value;
        }
    }
    catch {
        // fall through to the coded error
    }
    throw (0, domain_error_1.badInput)('after is not a cursor this list gave out', path);
}
/** Keyset cursor over (created_at, id), the order of every time-ordered list. */
function timeCursor(createdAt, id) {
    return encodeCursor([createdAt.toISOString(), id]);
}
function decodeTimeCursor(cursor, path = 'after') {
    const [createdAt, id] = decodeCursor(cursor, 2, path);
    const date = new Date(String(createdAt));
    if (Number.isNaN(date.getTime()) || typeof id !== 'string')
        throw (0, domain_error_1.badInput)('after is not a cursor this list gave out', path);
    return { createdAt: date, id };
}
//# sourceMappingURL=pagination.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.newestFirstOrder = newestFirstOrder;
exports.newestFirstAfter = newestFirstAfter;
exports.parseIdCursor = parseIdCursor;
exports.idCursor = idCursor;
const domain_error_1 = require("../errors/domain-error");
const pagination_1 = require("./pagination");
/**
 * The sort key of newest-first lists. Cursors carry JavaScript times (milliseconds) while
 * PostgreSQL keeps microseconds, so lists sort and compare on the millisecond-truncated time
 * (then the id): a cursor then names its row's position exactly, and nothing created in the
 * same millisecond is skipped or repeated across pages.
 */
function newestFirstOrder(alias) {
    return `date_trunc('milliseconds', ${alias}.created_at) DESC, ${alias}.id DESC`;
}
/**
 * SQL for "rows after this cursor" in a newest-first list (see newestFirstOrder).
 * Returns the condition and the params it adds, numbered from `offset + 1`.
 */
function newestFirstAfter(after, alias, offset) {
    if (!after)
        return { sql: 'TRUE', params: [] };
    const cursor = (0, pagination_1.decodeTimeCursor)(after);
    return {
        sql: `(date_trunc('milliseconds', ${alias}.created_at), ${alias}.id) < ($${offset + 1}::timestamptz, $${offset + 2}::uuid)`,
        params: [cursor.createdAt.toISOString(), cursor.id],
    };
}
/** For bigint-keyed newest-first lists (logs): the cursor is the id itself. */
function parseIdCursor(after) {
    if (!after)
        return null;
    const decoded = Buffer.from(after, 'base64url').toString('utf8');
    if (!/^\d{1,19}$/.test(decoded))
        throw (0, domain_error_1.badInput)('after is not a cursor this list gave out', 'after');
    return decoded;
}
function idCursor(id) {
    return Buffer.from(String(id)).toString('base64url');
}
//# sourceMappingURL=keyset.js.map
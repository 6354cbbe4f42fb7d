"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.sqlLiteral = sqlLiteral;
exports.sqlJsonLiteral = sqlJsonLiteral;
const pg_1 = require("pg");
/**
 * A value as an SQL literal, for the few statements sent over the simple query protocol
 * (the commit message: several statements in one round trip, which the extended protocol's
 * parameters cannot carry). NUL cannot travel in the simple protocol's C-string, and
 * PostgreSQL refuses it in text anyway: it becomes U+FFFD rather than cutting the message.
 */
function sqlLiteral(value) {
    if (value === null)
        return 'NULL';
    if (typeof value === 'number') {
        if (!Number.isFinite(value))
            throw new Error(`not a finite number: ${value}`);
        return String(value);
    }
    return (0, pg_1.escapeLiteral)(value.replace(/\u0000/g, '\uFFFD'));
}
/** A JSON value as a jsonb literal (serialised as node-postgres serialises object parameters). */
function sqlJsonLiteral(value) {
    if (value === null || value === undefined)
        return 'NULL';
    return `${sqlLiteral(JSON.stringify(value))}::jsonb`;
}
//# sourceMappingURL=sql-literal.js.map
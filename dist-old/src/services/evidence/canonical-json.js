"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.canonicalJson = canonicalJson;
exports.toJsonValue = toJsonValue;
/**
 * Canonical JSON (the rules of RFC 8785, JCS): object keys sorted by UTF-16 code units,
 * no whitespace, numbers and strings as ECMAScript's JSON.stringify writes them.
 * Two equal JSON values always give the same text, so a hash over it is stable however
 * the value was stored (jsonb reorders keys) or read back.
 */
function canonicalJson(value) {
    if (value === null)
        return 'null';
    switch (typeof value) {
        case 'boolean':
            return value ? 'true' : 'false';
        case 'number':
            if (!Number.isFinite(value))
                throw new TypeError('canonical JSON has no representation for NaN or Infinity');
            return JSON.stringify(value);
        case 'string':
            return JSON.stringify(value);
        case 'object': {
            if (Array.isArray(value))
                return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
            const record = value;
            const keys = Object.keys(record)
                .filter((key) => record[key] !== undefined)
                .sort();
            return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
        }
        default:
            // bigint, function, symbol, undefined: no JSON form.
            throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
    }
}
/**
 * The value as it will read back from a JSON column: toJSON applied (Dates become ISO
 * strings), undefined fields dropped. Hashing this, not the raw value, keeps append and verify equal.
 */
function toJsonValue(value) {
    const text = JSON.stringify(value);
    if (text === undefined)
        throw new TypeError('the value has no JSON representation');
    return JSON.parse(text);
}
//# sourceMappingURL=canonical-json.js.map
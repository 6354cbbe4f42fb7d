"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_JSON_DEPTH = void 0;
exports.jsonInputProblem = jsonInputProblem;
exports.checkJsonInput = checkJsonInput;
const domain_error_1 = require("../errors/domain-error");
/**
 * Deepest nesting of objects and arrays accepted in a client's JSON (task payloads, agent
 * configs, workflow run inputs and definitions). Default 64. Deeper values would overflow the
 * stack of anything recursive that reads them (JSON.stringify, ajv, PostgreSQL's jsonb parser).
 */
exports.MAX_JSON_DEPTH = 64;
/**
 * The first reason a client's JSON value cannot be accepted, or null: nested deeper than
 * `maxDepth` (a cycle counts as too deep), or a NUL character in a string or a key, which
 * PostgreSQL's text and jsonb cannot store. Walks the value with its own stack, never
 * recursively, so a hostile depth cannot overflow the process's stack.
 */
function jsonInputProblem(value, maxDepth = exports.MAX_JSON_DEPTH) {
    const pending = [{ item: value, path: [] }];
    while (pending.length > 0) {
        const { item, path } = pending.pop();
        if (typeof item === 'string') {
            if (item.includes('\u0000'))
                return { message: 'contains a NUL character (\\u0000), which cannot be stored', path };
            continue;
        }
        if (typeof item !== 'object' || item === null)
            continue;
        if (path.length >= maxDepth)
            return { message: `is nested more than ${maxDepth} levels deep`, path: [] };
        const entries = Array.isArray(item) ? item.map((child, index) => [index, child]) : Object.entries(item);
        for (const [key, child] of entries) {
            if (typeof key === 'string' && key.includes('\u0000'))
                return { message: 'has a key with a NUL character (\\u0000), which cannot be stored', path };
            pending.push({ item: child, path: [...path, key] });
        }
    }
    return null;
}
/**
 * Checks a client's JSON value before anything heavier looks at it: its shape (see
 * jsonInputProblem), then its serialised size, at most `maxBytes`. Throws BAD_USER_INPUT
 * naming the offending field, below `path` (e.g. "input.payload").
 */
function checkJsonInput(value, maxBytes, path) {
    const problem = jsonInputProblem(value);
    if (problem !== null) {
        const where = [path, ...problem.path].join('.');
        throw (0, domain_error_1.badInput)(`${where} ${problem.message}`, where);
    }
    const size = Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
    if (size > maxBytes)
        throw (0, domain_error_1.badInput)(`${path} is ${size} bytes; the limit is ${maxBytes}`, path);
}
//# sourceMappingURL=json-input.js.map
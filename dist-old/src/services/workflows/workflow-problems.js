"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ProblemList = void 0;
exports.isPlainObject = isPlainObject;
exports.checkKeys = checkKeys;
exports.checkInteger = checkInteger;
exports.checkOptionalString = checkOptionalString;
const workflow_source_1 = require("./workflow-source");
/** Collects problems with their paths and lines while a definition is checked. */
class ProblemList {
    source;
    found = [];
    constructor(source) {
        this.source = source;
    }
    /** A problem with the value at `path` (or with its key, for unknown keys). */
    add(message, path, options = {}) {
        this.found.push({ message, path: (0, workflow_source_1.formatPath)(path), line: this.source.lineOf(path, options) });
    }
    get count() {
        return this.found.length;
    }
    /** By line, then in the order found (Array.prototype.sort is stable). */
    sorted() {
        return [...this.found].sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER));
    }
}
exports.ProblemList = ProblemList;
function isPlainObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** Reports every key of `object` that is not in `known`. */
function checkKeys(problems, object, known, path, where) {
    for (const key of Object.keys(object)) {
        if (!known.includes(key))
            problems.add(`unknown key "${key}" in ${where}; allowed: ${known.join(', ')}`, [...path, key], { key: true });
    }
}
/** An optional whole number within bounds; returns it, the fallback when absent, or undefined when wrong. */
function checkInteger(problems, object, key, path, range, fallback) {
    const value = object[key];
    if (value === undefined || value === null)
        return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
        problems.add(`${key} must be a whole number`, [...path, key]);
        return undefined;
    }
    if (value < range.min || value > range.max) {
        problems.add(`${key} must be between ${range.min} and ${range.max}, got ${value}`, [...path, key]);
        return undefined;
    }
    return value;
}
/** An optional string; returns it, null when absent, or undefined when not a string. */
function checkOptionalString(problems, object, key, path) {
    const value = object[key];
    if (value === undefined || value === null)
        return null;
    if (typeof value !== 'string') {
        problems.add(`${key} must be a string`, [...path, key]);
        return undefined;
    }
    return value;
}
//# sourceMappingURL=workflow-problems.js.map
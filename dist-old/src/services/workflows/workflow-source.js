"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.formatPath = formatPath;
exports.parseSource = parseSource;
const yaml_1 = require("yaml");
const json_input_1 = require("../common/json-input");
const DEFAULT_MAX_ALIAS_COUNT = 50;
/** "steps[2].dependsOn[0]" from ["steps", 2, "dependsOn", 0]. */
function formatPath(path) {
    if (path.length === 0)
        return null;
    return path.reduce((text, segment) => {
        if (typeof segment === 'number')
            return `${text}[${segment}]`;
        const plain = /^[A-Za-z_$][\w$-]*$/.test(segment);
        if (!plain)
            return `${text}[${JSON.stringify(segment)}]`;
        return text === '' ? segment : `${text}.${segment}`;
    }, '');
}
/**
 * Parses YAML (and so JSON, which is YAML) with one parser that keeps positions.
 * Returns the problems of the text itself (syntax, size, aliases) or the parsed source.
 */
function parseSource(text, limits) {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > limits.maxBytes) {
        return { source: null, problems: [{ message: `the definition is ${bytes} bytes; the limit is ${limits.maxBytes}`, path: null, line: 1 }] };
    }
    // PostgreSQL cannot store a NUL character: the text is kept as submitted.
    const nul = text.indexOf('\u0000');
    if (nul >= 0)
        return { source: null, problems: [{ message: 'the definition contains a NUL character (\\u0000)', path: null, line: lineOfOffset(text, nul) }] };
    // The YAML composer recurses per level of [ ] and { }: too deep a text is refused before it runs.
    const nesting = flowNesting(text);
    if (nesting !== null) {
        return { source: null, problems: [{ message: `the definition nests [ ] and { } more than ${json_input_1.MAX_JSON_DEPTH} levels deep`, path: null, line: nesting.line }] };
    }
    const lineCounter = new yaml_1.LineCounter();
    const doc = (0, yaml_1.parseDocument)(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const lineAt = (offset) => Math.max(1, lineCounter.linePos(offset).line);
    const problems = doc.errors.map((error) => ({ message: `syntax error: ${error.message}`, path: null, line: lineAt(error.pos[0]) }));
    if (problems.length > 0)
        return { source: null, problems };
    problems.push(...aliasProblems(doc, lineAt, limits.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT));
    if (problems.length > 0)
        return { source: null, problems };
    let value;
    try {
        value = doc.toJS({ maxAliasCount: limits.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT });
    }
    catch (error) {
        // yaml throws a ReferenceError when alias expansion passes maxAliasCount (an alias bomb).
        const reason = error instanceof Error ? error.message : 'the document cannot be read';
        return { source: null, problems: [{ message: `the definition cannot be expanded: ${reason}`, path: null, line: 1 }] };
    }
    const lineOf = (path, options = {}) => locate(doc, path, options.key === true, lineAt);
    // Values go to jsonb: nothing deeper than the JSON limit (block nesting too) and no NUL from an escape such as "\0".
    const shape = (0, json_input_1.jsonInputProblem)(value);
    if (shape !== null) {
        const where = formatPath(shape.path);
        return { source: null, problems: [{ message: `${where ?? 'the definition'} ${shape.message}`, path: where, line: lineOf(shape.path) }] };
    }
    return { source: { value, lineOf }, problems: [] };
}
function lineOfOffset(text, offset) {
    let line = 1;
    for (let index = text.indexOf('\n'); index >= 0 && index < offset; index = text.indexOf('\n', index + 1))
        line += 1;
    return line;
}
/**
 * Where flow collections ([ ] and { }, so also JSON) first nest deeper than MAX_JSON_DEPTH,
 * or null. Read with yaml's lexer, which is a state machine (no recursion) and knows quoted
 * strings and comments from brackets.
 */
function flowNesting(text) {
    let depth = 0;
    let line = 1;
    for (const token of new yaml_1.Lexer().lex(text)) {
        if (token === '[' || token === '{') {
            depth += 1;
            if (depth > json_input_1.MAX_JSON_DEPTH)
                return { line };
        }
        else if (token === ']' || token === '}')
            depth = Math.max(0, depth - 1);
        else
            for (let index = token.indexOf('\n'); index >= 0; index = token.indexOf('\n', index + 1))
                line += 1;
    }
    return null;
}
/** Aliases that name no anchor, and more alias nodes than the limit (before any expansion). */
function aliasProblems(doc, lineAt, maxAliasCount) {
    const problems = [];
    let count = 0;
    (0, yaml_1.visit)(doc, {
        Alias(_key, alias, ancestors) {
            count += 1;
            const offset = alias.range?.[0] ?? 0;
            if (count === maxAliasCount + 1) {
                problems.push({ message: `the definition uses more than ${maxAliasCount} aliases`, path: null, line: lineAt(offset) });
            }
            const target = alias.resolve(doc);
            if (target === undefined)
                problems.push({ message: `alias *${alias.source} names no anchor`, path: null, line: lineAt(offset) });
            // An alias inside its own anchor's collection makes an endless (circular) value.
            else if (ancestors.includes(target))
                problems.push({ message: `alias *${alias.source} is inside the collection it names`, path: null, line: lineAt(offset) });
        },
    });
    return problems;
}
function pairOf(map, key) {
    if (!(0, yaml_1.isMap)(map))
        return undefined;
    return map.items.find((pair) => (0, yaml_1.isPair)(pair) && (0, yaml_1.isScalar)(pair.key) && String(pair.key.value) === String(key));
}
function locate(doc, path, wantKey, lineAt) {
    let node = doc.contents;
    let line = isNodeWithRange(node) ? lineAt(node.range[0]) : 1;
    for (let index = 0; index < path.length; index += 1) {
        const segment = path[index];
        if ((0, yaml_1.isAlias)(node))
            node = node.resolve(doc);
        if (!(0, yaml_1.isCollection)(node))
            return line;
        if ((0, yaml_1.isSeq)(node)) {
            node = typeof segment === 'number' ? node.items[segment] : undefined;
        }
        else {
            const pair = pairOf(node, segment);
            if (pair === undefined)
                return line;
            if (wantKey && index === path.length - 1 && isNodeWithRange(pair.key))
                return lineAt(pair.key.range[0]);
            node = pair.value ?? pair.key;
        }
        if (!isNodeWithRange(node))
            return line;
        line = lineAt(node.range[0]);
    }
    return line;
}
function isNodeWithRange(node) {
    return typeof node === 'object' && node !== null && Array.isArray(node.range);
}
//# sourceMappingURL=workflow-source.js.map
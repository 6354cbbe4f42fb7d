"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseTemplateExpression = parseTemplateExpression;
exports.findTemplates = findTemplates;
exports.readReference = readReference;
exports.substituteTemplates = substituteTemplates;
/** `${{ ... }}` anywhere in a string (non-greedy, so two templates in one string stay two). */
const TEMPLATE = /\$\{\{([\s\S]*?)\}\}/g;
const SEGMENT = /^[A-Za-z0-9_-]+$/;
/** `input.NAME(.PATH)*` or `steps.ID.output(.PATH)*`; null when it is neither. */
function parseTemplateExpression(expression) {
    const segments = expression.trim().split('.');
    if (!segments.every((segment) => SEGMENT.test(segment)))
        return null;
    if (segments[0] === 'input' && segments.length >= 2)
        return { kind: 'input', path: segments.slice(1) };
    if (segments[0] === 'steps' && segments.length >= 3 && segments[2] === 'output') {
        return { kind: 'step', stepId: segments[1], path: segments.slice(3) };
    }
    return null;
}
/** Every template in the strings of a payload (object values and array items, not keys). */
function findTemplates(value, path = []) {
    if (typeof value === 'string')
        return templatesInString(value, path);
    if (Array.isArray(value))
        return value.flatMap((item, index) => findTemplates(item, [...path, index]));
    if (typeof value === 'object' && value !== null) {
        return Object.entries(value).flatMap(([key, item]) => findTemplates(item, [...path, key]));
    }
    return [];
}
function templatesInString(text, path) {
    const found = [];
    for (const match of text.matchAll(TEMPLATE)) {
        const reference = parseTemplateExpression(match[1]);
        found.push({
            path,
            text: match[0],
            reference,
            error: reference === null ? `template ${match[0]} is neither \${{ input.NAME }} nor \${{ steps.ID.output.PATH }}` : null,
        });
    }
    if (text.replace(TEMPLATE, '').includes('${{')) {
        found.push({ path, text, reference: null, error: 'a template opened with ${{ is not closed with }}' });
    }
    return found;
}
/** The value at a reference; undefined when the input or output has nothing there. */
function readReference(reference, scope) {
    let value = reference.kind === 'input' ? scope.input : scope.outputs.get(reference.stepId);
    for (const segment of reference.path) {
        if (Array.isArray(value) && /^\d+$/.test(segment))
            value = value[Number(segment)];
        else if (typeof value === 'object' && value !== null && Object.hasOwn(value, segment))
            value = value[segment];
        else
            return undefined;
    }
    return value;
}
/**
 * The payload with its templates replaced. A string that is exactly one template takes the
 * value with its JSON type (a missing value becomes null); a template inside longer text is
 * replaced by the value as text (strings as they are, other values as JSON, missing or null as "").
 */
function substituteTemplates(value, scope) {
    if (typeof value === 'string')
        return substituteString(value, scope);
    if (Array.isArray(value))
        return value.map((item) => substituteTemplates(item, scope));
    if (typeof value === 'object' && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substituteTemplates(item, scope)]));
    }
    return value;
}
function substituteString(text, scope) {
    const whole = /^\$\{\{([\s\S]*?)\}\}$/.exec(text);
    if (whole !== null && !whole[1].includes('}}')) {
        const reference = parseTemplateExpression(whole[1]);
        if (reference !== null)
            return readReference(reference, scope) ?? null;
    }
    return text.replace(TEMPLATE, (match, expression) => {
        const reference = parseTemplateExpression(expression);
        if (reference === null)
            return match;
        const found = readReference(reference, scope);
        if (found === undefined || found === null)
            return '';
        return typeof found === 'string' ? found : JSON.stringify(found);
    });
}
//# sourceMappingURL=workflow-templates.js.map
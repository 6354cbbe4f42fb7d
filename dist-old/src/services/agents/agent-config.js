"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.SECRET_MASK = void 0;
exports.payloadFits = payloadFits;
exports.validateAgainstSchema = validateAgainstSchema;
exports.sealConfig = sealConfig;
exports.maskConfig = maskConfig;
exports.openConfig = openConfig;
const ajv_1 = __importDefault(require("ajv"));
const ajv_formats_1 = __importDefault(require("ajv-formats"));
const agent_type_1 = require("../../agents/agent-type");
const domain_error_1 = require("../errors/domain-error");
const secret_box_1 = require("../secrets/secret-box");
/** What GraphQL shows in place of every secret value, and what an update sends to keep one. */
exports.SECRET_MASK = '********';
const ajv = new ajv_1.default({ allErrors: false, strict: true, useDefaults: false });
(0, ajv_formats_1.default)(ajv);
ajv.addKeyword({ keyword: 'x-secret', schemaType: 'boolean' });
const compiled = new WeakMap();
function validatorFor(schema) {
    let validate = compiled.get(schema);
    if (validate === undefined) {
        validate = ajv.compile(schema);
        compiled.set(schema, validate);
    }
    return validate;
}
function describe(error, basePath) {
    const pointer = error.instancePath.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (error.keyword === 'required')
        pointer.push(String(error.params.missingProperty));
    if (error.keyword === 'additionalProperties')
        pointer.push(String(error.params.additionalProperty));
    const path = [basePath, ...pointer].join('.');
    const field = pointer.length > 0 ? pointer.join('.') : 'the value';
    switch (error.keyword) {
        case 'required':
            return { path, message: `${field} is required` };
        case 'additionalProperties':
            return { path, message: `${field} is not a known field` };
        default:
            return { path, message: `${field} ${error.message ?? 'is invalid'}` };
    }
}
/** Whether a JSON value fits a JSON Schema (no error: for choosing a path, not for answering). */
function payloadFits(schema, value) {
    return validatorFor(schema)(value) === true;
}
/** Validates a JSON value against a JSON Schema; the first problem becomes BAD_USER_INPUT with its path. */
function validateAgainstSchema(schema, value, basePath) {
    const validate = validatorFor(schema);
    if (!validate(value)) {
        const first = validate.errors?.[0];
        if (first === undefined)
            throw (0, domain_error_1.badInput)(`${basePath} is invalid`, basePath);
        const { message, path } = describe(first, basePath);
        throw (0, domain_error_1.badInput)(`${basePath}: ${message}`, path);
    }
}
/**
 * Turns a submitted config into what is stored: validated against the type's schema,
 * each secret encrypted for this agent. `previous` is the stored config on update, so
 * a secret sent as the mask keeps its stored value.
 */
function sealConfig(type, agentId, submitted, box, previous, path) {
    if (typeof submitted !== 'object' || submitted === null || Array.isArray(submitted))
        throw (0, domain_error_1.badInput)(`${path} must be a JSON object`, path);
    const secrets = (0, agent_type_1.secretFields)(type.configSchema);
    const plain = { ...submitted };
    for (const field of secrets) {
        if (plain[field] !== exports.SECRET_MASK)
            continue;
        const stored = previous?.[field];
        if (stored === undefined)
            throw (0, domain_error_1.badInput)(`${path}.${field}: "${exports.SECRET_MASK}" keeps a stored secret, but none is stored yet`, `${path}.${field}`);
        plain[field] = (0, secret_box_1.isEnvelope)(stored) ? box.decrypt(agentId, stored) : stored;
    }
    validateAgainstSchema(type.configSchema, plain, path);
    const sealed = { ...plain };
    for (const field of secrets)
        if (sealed[field] !== undefined)
            sealed[field] = box.encrypt(agentId, sealed[field]);
    return sealed;
}
/** The stored config as clients see it: every secret replaced by the mask. */
function maskConfig(type, stored) {
    const masked = {};
    const secrets = new Set(type === undefined ? [] : (0, agent_type_1.secretFields)(type.configSchema));
    for (const [field, value] of Object.entries(stored))
        masked[field] = secrets.has(field) || (0, secret_box_1.isEnvelope)(value) ? exports.SECRET_MASK : value;
    return masked;
}
/** The stored config with secrets decrypted, for handlers only. */
function openConfig(agentId, stored, box) {
    const open = {};
    for (const [field, value] of Object.entries(stored))
        open[field] = (0, secret_box_1.isEnvelope)(value) ? box.decrypt(agentId, value) : value;
    return open;
}
//# sourceMappingURL=agent-config.js.map
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { secretFields, type AgentTypeDefinition, type JsonSchema } from '../../agents/agent-type';
import { badInput } from '../errors/domain-error';
import { isEnvelope, type SecretBox } from '../secrets/secret-box';

/** What GraphQL shows in place of every secret value, and what an update sends to keep one. */
export const SECRET_MASK = '********';

const ajv = new Ajv({ allErrors: false, strict: true, useDefaults: false });
addFormats(ajv);
ajv.addKeyword({ keyword: 'x-secret', schemaType: 'boolean' });
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

function validatorFor(schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

function describe(error: ErrorObject, basePath: string): { message: string; path: string } {
  const pointer = error.instancePath.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'required') pointer.push(String((error.params as { missingProperty: string }).missingProperty));
  if (error.keyword === 'additionalProperties') pointer.push(String((error.params as { additionalProperty: string }).additionalProperty));
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
export function payloadFits(schema: JsonSchema, value: unknown): boolean {
  return validatorFor(schema)(value) === true;
}

/** Validates a JSON value against a JSON Schema; the first problem becomes BAD_USER_INPUT with its path. */
export function validateAgainstSchema(schema: JsonSchema, value: unknown, basePath: string): void {
  const validate = validatorFor(schema);
  if (!validate(value)) {
    const first = validate.errors?.[0];
    if (first === undefined) throw badInput(`${basePath} is invalid`, basePath);
    const { message, path } = describe(first, basePath);
    throw badInput(`${basePath}: ${message}`, path);
  }
}

/**
 * Turns a submitted config into what is stored: validated against the type's schema,
 * each secret encrypted for this agent. `previous` is the stored config on update, so
 * a secret sent as the mask keeps its stored value.
 */
export function sealConfig(
  type: AgentTypeDefinition<Record<string, unknown>>,
  agentId: string,
  submitted: unknown,
  box: SecretBox,
  previous: Record<string, unknown> | null,
  path: string,
): Record<string, unknown> {
  if (typeof submitted !== 'object' || submitted === null || Array.isArray(submitted)) throw badInput(`${path} must be a JSON object`, path);
  const secrets = secretFields(type.configSchema);
  const plain: Record<string, unknown> = { ...(submitted as Record<string, unknown>) };
  for (const field of secrets) {
    if (plain[field] !== SECRET_MASK) continue;
    const stored = previous?.[field];
    if (stored === undefined) throw badInput(`${path}.${field}: "${SECRET_MASK}" keeps a stored secret, but none is stored yet`, `${path}.${field}`);
    plain[field] = isEnvelope(stored) ? box.decrypt(agentId, stored) : stored;
  }
  validateAgainstSchema(type.configSchema, plain, path);
  const sealed: Record<string, unknown> = { ...plain };
  for (const field of secrets) if (sealed[field] !== undefined) sealed[field] = box.encrypt(agentId, sealed[field]);
  return sealed;
}

/** The stored config as clients see it: every secret replaced by the mask. */
export function maskConfig(type: AgentTypeDefinition<Record<string, unknown>> | undefined, stored: Record<string, unknown>): Record<string, unknown> {
  const masked: Record<string, unknown> = {};
  const secrets = new Set(type === undefined ? [] : secretFields(type.configSchema));
  for (const [field, value] of Object.entries(stored)) masked[field] = secrets.has(field) || isEnvelope(value) ? SECRET_MASK : value;
  return masked;
}

/** The stored config with secrets decrypted, for handlers only. */
export function openConfig(agentId: string, stored: Record<string, unknown>, box: SecretBox): Record<string, unknown> {
  const open: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(stored)) open[field] = isEnvelope(value) ? box.decrypt(agentId, value) : value;
  return open;
}

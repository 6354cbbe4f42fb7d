import type { JsonSchema } from '../api/types';

/** What the server shows, and takes back, in place of a stored secret. */
export const SECRET_MASK = '********';

export type FieldKind = 'string' | 'secret' | 'number' | 'integer' | 'boolean' | 'enum' | 'json';

/** One top-level property of an agent type's configSchema, as a form field. */
export interface ConfigField {
  name: string;
  kind: FieldKind;
  label: string;
  description: string | undefined;
  required: boolean;
  options: string[];
  minimum: number | undefined;
  maximum: number | undefined;
  maxLength: number | undefined;
  format: string | undefined;
}

/** The form's values: text for inputs, booleans for checkboxes. */
export type FormValues = Record<string, string | boolean>;

const asRecord = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const asNumber = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** "accessKeyId" → "Access key id", "max_retries" → "Max retries". */
export function humanise(name: string): string {
  const words = name.replace(/[_-]+/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function kindOf(property: Record<string, unknown>): FieldKind {
  if (Array.isArray(property['enum'])) return 'enum';
  const type = Array.isArray(property['type']) ? (property['type'] as unknown[]).find((t) => t !== 'null') : property['type'];
  switch (type) {
    case 'string':
      return property['x-secret'] === true ? 'secret' : 'string';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'json'; // objects, arrays, anything else: edited as JSON text
  }
}

export function configFields(schema: JsonSchema): ConfigField[] {
  const properties = asRecord(schema['properties']);
  const required = new Set(Array.isArray(schema['required']) ? (schema['required'] as string[]) : []);
  return Object.entries(properties).map(([name, raw]) => {
    const property = asRecord(raw);
    return {
      name,
      kind: kindOf(property),
      label: typeof property['title'] === 'string' ? property['title'] : humanise(name),
      description: typeof property['description'] === 'string' ? property['description'] : undefined,
      required: required.has(name),
      options: Array.isArray(property['enum']) ? (property['enum'] as unknown[]).map(String) : [],
      minimum: asNumber(property['minimum']),
      maximum: asNumber(property['maximum']),
      maxLength: asNumber(property['maxLength']),
      format: typeof property['format'] === 'string' ? property['format'] : undefined,
    };
  });
}

/** The form's starting values: the agent's config (secrets arrive masked), else the schema's defaults. */
export function initialValues(fields: ConfigField[], schema: JsonSchema, config: Record<string, unknown> | undefined): FormValues {
  const properties = asRecord(schema['properties']);
  const values: FormValues = {};
  for (const field of fields) {
    const value = config ? config[field.name] : asRecord(properties[field.name])['default'];
    if (field.kind === 'boolean') values[field.name] = value === true;
    else if (value === undefined || value === null) values[field.name] = '';
    else if (field.kind === 'json') values[field.name] = JSON.stringify(value, null, 2);
    else values[field.name] = String(value);
  }
  return values;
}

/**
 * The config to send, or the problems per field. Empty optional fields are left out; a
 * secret still showing the mask is sent as the mask, which keeps the stored value.
 */
export function buildConfig(fields: ConfigField[], values: FormValues): { config: Record<string, unknown>; problems: Record<string, string> } {
  const config: Record<string, unknown> = {};
  const problems: Record<string, string> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (field.kind === 'boolean') {
      config[field.name] = value === true;
      continue;
    }
    const text = typeof value === 'string' ? value : '';
    if (text.trim() === '') {
      if (field.required) problems[field.name] = 'Required';
      continue;
    }
    switch (field.kind) {
      case 'integer':
      case 'number': {
        const number = Number(text);
        if (!Number.isFinite(number) || (field.kind === 'integer' && !Number.isInteger(number))) problems[field.name] = field.kind === 'integer' ? 'A whole number' : 'A number';
        else config[field.name] = number;
        break;
      }
      case 'json':
        try {
          config[field.name] = JSON.parse(text);
        } catch {
          problems[field.name] = 'Not valid JSON';
        }
        break;
      case 'string':
      case 'secret':
      case 'enum':
        config[field.name] = text;
        break;
    }
  }
  return { config, problems };
}

/** The field a server error's path names ("input.config.region" → "region"), if any. */
export function fieldOfPath(path: string | undefined): string | undefined {
  const match = /config\.([^.[\]]+)/.exec(path ?? '');
  return match?.[1];
}

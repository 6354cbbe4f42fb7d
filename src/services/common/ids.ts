import { badInput } from '../errors/domain-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Checks an ID argument before it reaches SQL, so a malformed one is BAD_USER_INPUT, not a database error. */
export function checkUuid(value: string, path: string): string {
  if (!isUuid(value)) throw badInput(`${path} is not a valid id`, path);
  return value.toLowerCase();
}

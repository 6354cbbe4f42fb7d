import type { GraphQLClient } from './graphql-client';

export type TestRole = 'VIEWER' | 'OPERATOR' | 'ADMIN';

export interface TestKey {
  id: string;
  name: string;
  role: TestRole;
  secret: string;
}

/** Makes an API key through the API, as an administrator would. */
export async function createKey(admin: GraphQLClient, name: string, role: TestRole): Promise<TestKey> {
  const result = await admin.data<{ createApiKey: { apiKey: { id: string }; secret: string } }>(
    `mutation ($name: String!, $role: Role!) { createApiKey(name: $name, role: $role) { apiKey { id } secret } }`,
    { name, role },
  );
  return { id: result.createApiKey.apiKey.id, name, role, secret: result.createApiKey.secret };
}

export async function revokeKey(admin: GraphQLClient, id: string): Promise<void> {
  await admin.data(`mutation ($id: ID!) { revokeApiKey(id: $id) { id } }`, { id });
}

/** One key per role, named `<prefix>-viewer` etc. */
export async function keysForEveryRole(admin: GraphQLClient, prefix: string): Promise<Record<TestRole, TestKey>> {
  return {
    VIEWER: await createKey(admin, `${prefix}-viewer`, 'VIEWER'),
    OPERATOR: await createKey(admin, `${prefix}-operator`, 'OPERATOR'),
    ADMIN: await createKey(admin, `${prefix}-admin`, 'ADMIN'),
  };
}

let counter = 0;
/** A name unique in this test process, for agents and keys. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

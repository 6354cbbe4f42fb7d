import { getNamedType, isLeafType, isNonNullType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import { buildVelocitySchema } from '../../src/schema/build-schema';
import { createKey, keysForEveryRole, revokeKey, type TestKey } from '../support/api-keys';
import { databaseSnapshots, type DatabaseSnapshots } from '../support/db-snapshot';
import { eventually, subscribe } from '../support/live';
import { startTestServer, type TestServer } from '../support/test-server';
import { connectionInitOutcome, wsClient, wsExecute } from '../support/ws-client';
import { allows, minimumRole, SAMPLE_ARGS, type Role, type Root } from './rbac-samples';

// Every root field of the schema (Query, Mutation, Subscription) × no key / revoked key /
// VIEWER / OPERATOR / ADMIN, over HTTP and over WebSocket. The operations are generated from
// the schema; a field without a sample in rbac-samples.ts fails the first test.

type Identity = 'no key' | 'revoked key' | Role;
const IDENTITIES: Identity[] = ['no key', 'revoked key', 'VIEWER', 'OPERATOR', 'ADMIN'];
const ROOTS: Root[] = ['Query', 'Mutation', 'Subscription'];
const FIELDS = Object.keys(SAMPLE_ARGS).map((key) => {
  const [root, field] = key.split('.') as [Root, string];
  return { key, root, field, minimum: minimumRole(root, field) };
});
const CASES = FIELDS.flatMap((field) => IDENTITIES.map((identity) => ({ ...field, identity })));

function rootType(schema: GraphQLSchema, root: Root): GraphQLObjectType {
  const type = root === 'Query' ? schema.getQueryType() : root === 'Mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!type) throw new Error(`the schema has no ${root} type`);
  return type;
}

/** `mutation ($id: ID!) { deleteAgent(id: $id) }`: the field called with exactly the sample's arguments, typed from the schema. */
function operationFor(schema: GraphQLSchema, root: Root, field: string, args: Record<string, unknown>): string {
  const definition = rootType(schema, root).getFields()[field]!;
  const missing = definition.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined && !(arg.name in args));
  if (missing.length > 0) throw new Error(`the sample of ${root}.${field} lacks ${missing.map((arg) => arg.name).join(', ')}`);
  const declared = Object.keys(args).map((name) => {
    const arg = definition.args.find((candidate) => candidate.name === name);
    if (arg === undefined) throw new Error(`${root}.${field} has no argument ${name}`);
    return `$${name}: ${String(arg.type)}`;
  });
  const call = Object.keys(args).map((name) => `${name}: $${name}`);
  const selection = isLeafType(getNamedType(definition.type)) ? '' : ' { __typename }';
  return `${root.toLowerCase()}${declared.length > 0 ? ` (${declared.join(', ')})` : ''} { ${field}${call.length > 0 ? `(${call.join(', ')})` : ''}${selection} }`;
}

interface Outcome {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

const codesOf = (outcome: Outcome): unknown[] => (outcome.errors ?? []).map((error) => error.extensions?.['code']);

/** Sends connection_init and, without waiting for the ack, the operation: what comes back before the close. */
function unacknowledgedAttempt(wsUrl: string, authorization: string | null, query: string, variables: Record<string, unknown>): Promise<{ code: number; types: string[] }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
    const types: string[] = [];
    socket.on('open', () => {
      socket.send(JSON.stringify({ type: 'connection_init', payload: authorization === null ? {} : { authorization } }));
      socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
    });
    socket.on('message', (raw) => types.push((JSON.parse(raw.toString()) as { type: string }).type));
    socket.on('close', (code) => resolve({ code, types }));
    socket.on('error', reject);
  });
}

describe('the RBAC matrix, generated from the schema', () => {
  let server: TestServer;
  let schema: GraphQLSchema;
  let keys: Record<Role, TestKey>;
  let revoked: TestKey;
  let snapshots: DatabaseSnapshots;
  const sockets = new Map<Role, Client>();

  beforeAll(async () => {
    server = await startTestServer();
    schema = await buildVelocitySchema();
    keys = await keysForEveryRole(server.admin, 'matrix');
    revoked = await createKey(server.admin, 'matrix-revoked', 'ADMIN');
    // Used once, so a cached "valid" answer exists: revocation must still win at once.
    await server.as(revoked.secret).data(`{ me { name } }`);
    await revokeKey(server.admin, revoked.id);
    snapshots = await databaseSnapshots(server.db.url);
  });
  afterAll(async () => {
    for (const socket of sockets.values()) await socket.dispose();
    await snapshots?.close();
    await server?.close();
  });

  const secretOf = (identity: Identity): string | null => (identity === 'no key' ? null : identity === 'revoked key' ? revoked.secret : keys[identity].secret);
  const socketOf = (role: Role): Client => {
    if (!sockets.has(role)) sockets.set(role, wsClient(server.wsUrl, keys[role].secret));
    return sockets.get(role)!;
  };

  it('has a sample for every root field of the schema, and nothing else', () => {
    const inSchema = ROOTS.flatMap((root) => Object.keys(rootType(schema, root).getFields()).map((field) => `${root}.${field}`)).sort();
    expect(Object.keys(SAMPLE_ARGS).sort()).toEqual(inSchema);
    for (const { root, field, key } of FIELDS) expect(() => operationFor(schema, root, field, SAMPLE_ARGS[key]!())).not.toThrow();
  });

  /** Checks one outcome against the matrix; a refused mutation must change nothing. */
  async function expectOutcome(outcome: Outcome, field: string, root: Root, identity: Identity, minimum: Role, before: unknown, transport: 'HTTP' | 'WebSocket') {
    const codes = codesOf(outcome);
    expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
    const denied = identity === 'no key' || identity === 'revoked key' ? 'UNAUTHENTICATED' : allows(identity, minimum) ? null : 'FORBIDDEN';
    if (denied !== null) {
      expect(codes).toEqual([denied]);
      expect(outcome.data?.[field] ?? null).toBeNull();
      if (root === 'Mutation') expect(await snapshots.take()).toEqual(before);
    } else if (root === 'Subscription' && transport === 'HTTP') {
      // Subscriptions run over WebSocket only: over HTTP they are refused for everyone, cleanly.
      expect(codes).toEqual(['BAD_REQUEST']);
      expect(outcome.data ?? null).toBeNull();
    } else {
      expect(codes.filter((code) => code === 'UNAUTHENTICATED' || code === 'FORBIDDEN')).toEqual([]);
    }
  }

  describe('over HTTP', () => {
    it.each(CASES)('$key as $identity (needs $minimum)', async ({ key, root, field, minimum, identity }) => {
      const document = operationFor(schema, root, field, SAMPLE_ARGS[key]!());
      const before = root === 'Mutation' ? await snapshots.take() : null;
      const response = await server.as(secretOf(identity)).request(document, SAMPLE_ARGS[key]!());
      expect(response.status).toBeLessThan(500);
      await expectOutcome(response, field, root, identity, minimum, before, 'HTTP');
    });
  });

  describe('over WebSocket', () => {
    it.each(['no key', 'revoked key'] as const)('closes the socket with 4403 at connection_init with %s', async (identity) => {
      const secret = secretOf(identity);
      expect(await connectionInitOutcome(server.wsUrl, secret === null ? {} : { authorization: `Bearer ${secret}` })).toEqual({ acked: false, closeCode: 4403 });
    });

    it.each(CASES)('$key as $identity (needs $minimum)', async ({ key, root, field, minimum, identity }) => {
      const args = SAMPLE_ARGS[key]!();
      const document = operationFor(schema, root, field, args);
      if (identity === 'no key' || identity === 'revoked key') {
        const before = await snapshots.take();
        const secret = secretOf(identity);
        const attempt = await unacknowledgedAttempt(server.wsUrl, secret === null ? null : `Bearer ${secret}`, document, args);
        expect([4401, 4403]).toContain(attempt.code);
        expect(attempt.types).toEqual([]);
        expect(await snapshots.take()).toEqual(before);
        return;
      }
      if (root !== 'Subscription') {
        const before = root === 'Mutation' ? await snapshots.take() : null;
        await expectOutcome(await wsExecute(socketOf(identity), document, args), field, root, identity, minimum, before, 'WebSocket');
        return;
      }
      // A subscription has started once it delivered something or its stream listens to the bus.
      const bus = server.api.services.bus;
      const listening = bus.listenerCount;
      const subscription = subscribe(socketOf(identity), document, args);
      await eventually(
        () => subscription.values.length > 0 || subscription.nextErrors.length > 0 || subscription.failure !== undefined || subscription.completed || bus.listenerCount > listening,
        5_000,
        `${key} to start or fail`,
      );
      const outcome: Outcome = { errors: [...subscription.nextErrors, ...(Array.isArray(subscription.failure) ? subscription.failure : [])] };
      const ended = [subscription.failure, subscription.completed];
      subscription.unsubscribe();
      await eventually(() => bus.listenerCount <= listening, 5_000, `${key} to end`);
      await expectOutcome(outcome, field, root, identity, minimum, null, 'WebSocket');
      // Allowed: still running when we ended it ourselves.
      if (allows(identity, minimum)) expect(ended).toEqual([undefined, false]);
    });
  });
});

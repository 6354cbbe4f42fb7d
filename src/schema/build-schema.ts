import 'reflect-metadata';
import { printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type PubSub } from 'type-graphql';
import { allResolvers, authChecker } from '../resolvers';
import { DateTimeScalar } from './scalars';

let built: Promise<GraphQLSchema> | undefined;

/**
 * type-graphql insists on a PubSub once there are subscriptions, but ours use `subscribe`
 * (streams over the event relay), never topics: this one refuses to be used.
 */
const noTopics: PubSub = {
  publish() {
    throw new Error('subscriptions use their own streams, not pubSub topics');
  },
  subscribe() {
    throw new Error('subscriptions use their own streams, not pubSub topics');
  },
};

/** The executable schema, built once per process from the type-graphql classes. */
export function buildVelocitySchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [...allResolvers] as [Function, ...Function[]],
    authChecker,
    authMode: 'error',
    pubSub: noTopics,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    emitSchemaFile: false,
  });
  return built;
}

/** The SDL exactly as committed at the repository root (schema.graphql). */
export async function velocitySdl(): Promise<string> {
  return `${printSchema(await buildVelocitySchema())}\n`;
}

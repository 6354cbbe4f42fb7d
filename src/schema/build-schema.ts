import 'reflect-metadata';
import { printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { allResolvers, authChecker } from '../resolvers';
import { DateTimeScalar } from './scalars';

let built: Promise<GraphQLSchema> | undefined;

/** The executable schema, built once per process from the type-graphql classes. */
export function buildVelocitySchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [...allResolvers] as [Function, ...Function[]],
    authChecker,
    authMode: 'error',
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

"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.buildVelocitySchema = buildVelocitySchema;
exports.velocitySdl = velocitySdl;
require("reflect-metadata");
const graphql_1 = require("graphql");
const type_graphql_1 = require("type-graphql");
const resolvers_1 = require("../resolvers");
const scalars_1 = require("./scalars");
let built;
/**
 * type-graphql insists on a PubSub once there are subscriptions, but ours use `subscribe`
 * (streams over the event relay), never topics: this one refuses to be used.
 */
const noTopics = {
    publish() {
        throw new Error('subscriptions use their own streams, not pubSub topics');
    },
    subscribe() {
        throw new Error('subscriptions use their own streams, not pubSub topics');
    },
};
/** The executable schema, built once per process from the type-graphql classes. */
function buildVelocitySchema() {
    built ??= (0, type_graphql_1.buildSchema)({
        resolvers: [...resolvers_1.allResolvers],
        authChecker: resolvers_1.authChecker,
        authMode: 'error',
        pubSub: noTopics,
        scalarsMap: [{ type: Date, scalar: scalars_1.DateTimeScalar }],
        validate: false,
        emitSchemaFile: false,
    });
    return built;
}
/** The SDL exactly as committed at the repository root (schema.graphql). */
async function velocitySdl() {
    return `${(0, graphql_1.printSchema)(await buildVelocitySchema())}\n`;
}
//# sourceMappingURL=build-schema.js.map
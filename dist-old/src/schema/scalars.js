"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.JSONScalar = exports.DateTimeScalar = void 0;
const graphql_scalars_1 = require("graphql-scalars");
/** ISO-8601 with time zone on output; type-graphql maps every `Date` field to it. */
exports.DateTimeScalar = graphql_scalars_1.DateTimeResolver;
/** Any JSON value. */
exports.JSONScalar = graphql_scalars_1.JSONResolver;
//# sourceMappingURL=scalars.js.map
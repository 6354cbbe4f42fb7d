"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
require("reflect-metadata");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const api_process_1 = require("../runtime/api-process");
const build_schema_1 = require("./build-schema");
/** `npm run emit-schema`: writes the SDL to schema.graphql at the repository root. */
(0, build_schema_1.velocitySdl)().then((sdl) => {
    (0, node_fs_1.writeFileSync)((0, node_path_1.join)((0, api_process_1.repositoryRoot)(), 'schema.graphql'), sdl);
    process.stdout.write('schema.graphql written\n');
}, (error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
});
//# sourceMappingURL=emit-schema-main.js.map
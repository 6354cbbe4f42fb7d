import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../runtime/api-process';
import { velocitySdl } from './build-schema';

/** `npm run emit-schema`: writes the SDL to schema.graphql at the repository root. */
velocitySdl().then(
  (sdl) => {
    writeFileSync(join(repositoryRoot(), 'schema.graphql'), sdl);
    process.stdout.write('schema.graphql written\n');
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

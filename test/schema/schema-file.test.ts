import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { velocitySdl } from '../../src/schema/build-schema';

// schema.graphql at the repository root is what clients and the contract check read: it must be
// exactly what the code serves.

describe('schema.graphql', () => {
  it('equals the SDL the code emits', async () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'schema.graphql'), 'utf8');
    const emitted = await velocitySdl();
    if (committed !== emitted) {
      const committedLines = committed.split('\n');
      const emittedLines = emitted.split('\n');
      const firstDifference = emittedLines.findIndex((line, index) => line !== committedLines[index]);
      const at = firstDifference === -1 ? Math.min(committedLines.length, emittedLines.length) : firstDifference;
      throw new Error(
        `schema.graphql is out of date: run \`npm run emit-schema\` and commit the result.\n` +
          `First difference at line ${at + 1}:\n  schema.graphql: ${committedLines[at] ?? '(end of file)'}\n  the code:       ${emittedLines[at] ?? '(end of file)'}`,
      );
    }
    expect(emitted).toBe(committed);
  });
});

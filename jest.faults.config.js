const base = require('./jest.config.js');

/**
 * The fault suite (`npm run test:faults`): real processes killed, Redis and PostgreSQL stopped
 * under load. Slow, so not part of `npm test`; one file at a time, since each one loads the
 * machine's two cores on its own and measures recovery times.
 */
/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/faults'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  maxWorkers: 1,
  testTimeout: 240_000,
};

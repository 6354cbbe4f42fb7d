/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: false, diagnostics: { warnOnly: false, ignoreCodes: [151002] } }] },
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  // Each file gets its own database and server; two workers match the machines' two cores.
  maxWorkers: 2,
  testTimeout: 60_000,
  // graphile-worker and pg may keep a timer for a moment after close; the suites check their own leaks.
  forceExit: false,
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/test/faults/'],
};

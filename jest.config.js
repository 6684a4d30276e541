/** Jest runs in native ESM mode (d3 and yargs are ESM-only); ts-jest only transpiles here,
 * so type errors are caught by `npm run typecheck`, not by the test run. */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.test.json', diagnostics: false }],
  },
  testTimeout: 60000,
};

import { SWC_JSC } from './scripts/build-api.mjs';

/** Jest runs the TypeScript sources as ESM through swc, with the options of the build (decorator metadata included). */
const swc = {
  jsc: SWC_JSC,
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^content-disposition$': '<rootDir>/test/support/content-disposition.cjs',
  },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/bench/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  testTimeout: 180000,
  maxWorkers: 2,
};

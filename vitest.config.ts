import { defineConfig } from 'vitest/config';
import { clusterSuite } from './tests/cluster/support/selection.js';

const cluster = clusterSuite();

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...(cluster.run ? [] : ['tests/cluster/**'])],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});

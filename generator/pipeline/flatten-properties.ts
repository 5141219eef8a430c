/** PLACEHOLDER (not implemented yet): returns the model unchanged. */
import type { Stage } from './stage.js';

export const flattenPropertiesStage: Stage = {
  id: 'flatten-properties',
  description: 'PLACEHOLDER: not implemented yet',
  run: (model) => model,
};

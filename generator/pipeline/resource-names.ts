/** PLACEHOLDER (not implemented yet): returns the model unchanged. */
import type { Stage } from './stage.js';

export const resourceNamesStage: Stage = {
  id: 'resource-names',
  description: 'PLACEHOLDER: not implemented yet',
  run: (model) => model,
};

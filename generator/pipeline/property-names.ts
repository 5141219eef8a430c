/** PLACEHOLDER (not implemented yet): returns the model unchanged. */
import type { Stage } from './stage.js';

export const propertyNamesStage: Stage = {
  id: 'property-names',
  description: 'PLACEHOLDER: not implemented yet',
  run: (model) => model,
};

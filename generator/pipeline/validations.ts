/** PLACEHOLDER (not implemented yet): returns the model unchanged. */
import type { Stage } from './stage.js';

export const validationsStage: Stage = {
  id: 'validations',
  description: 'PLACEHOLDER: not implemented yet',
  run: (model) => model,
};

/** PLACEHOLDER (not implemented yet): returns the model unchanged. */
import type { Stage } from './stage.js';

export const statusConditionsStage: Stage = {
  id: 'status-conditions',
  description: 'PLACEHOLDER: not implemented yet',
  run: (model) => model,
};

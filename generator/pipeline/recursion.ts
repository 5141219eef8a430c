/** PLACEHOLDER (not implemented yet): returns the model unchanged. */
import type { Stage } from './stage.js';

export const recursionStage: Stage = {
  id: 'recursion',
  description: 'PLACEHOLDER: not implemented yet',
  run: (model) => model,
};

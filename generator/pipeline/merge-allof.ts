/** PLACEHOLDER (not implemented yet): returns the model unchanged. */
import type { Stage } from './stage.js';

export const mergeAllOfStage: Stage = {
  id: 'merge-allof',
  description: 'PLACEHOLDER: not implemented yet',
  run: (model) => model,
};

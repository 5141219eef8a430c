/** PLACEHOLDER (not implemented yet): returns the model unchanged. */
import type { Stage } from './stage.js';

export const specStatusStage: Stage = {
  id: 'spec-status',
  description: 'PLACEHOLDER: not implemented yet',
  run: (model) => model,
};

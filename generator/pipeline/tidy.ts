/** PLACEHOLDER (not implemented yet): returns the model unchanged. */
import type { Stage } from './stage.js';

export const tidyStage: Stage = {
  id: 'tidy',
  description: 'PLACEHOLDER: not implemented yet',
  run: (model) => model,
};

/** PLACEHOLDER (not implemented yet): returns the model unchanged. */
import type { Stage } from './stage.js';

export const discriminatedUnionsStage: Stage = {
  id: 'discriminated-unions',
  description: 'PLACEHOLDER: not implemented yet',
  run: (model) => model,
};

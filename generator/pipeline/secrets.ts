/** PLACEHOLDER (not implemented yet): returns the model unchanged. */
import type { Stage } from './stage.js';

export const secretsStage: Stage = {
  id: 'secrets',
  description: 'PLACEHOLDER: not implemented yet',
  run: (model) => model,
};

/** PLACEHOLDER (not implemented yet): returns the model unchanged. */
import type { Stage } from './stage.js';

export const ownerScopeStage: Stage = {
  id: 'owner-scope',
  description: 'PLACEHOLDER: not implemented yet',
  run: (model) => model,
};

/** PLACEHOLDER (not implemented yet): returns the model unchanged. */
import type { Stage } from './stage.js';

export const storageVersionStage: Stage = {
  id: 'storage-version',
  description: 'PLACEHOLDER: not implemented yet',
  run: (model) => model,
};

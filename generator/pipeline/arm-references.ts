/** PLACEHOLDER (not implemented yet): returns the model unchanged. */
import type { Stage } from './stage.js';

export const armReferencesStage: Stage = {
  id: 'arm-references',
  description: 'PLACEHOLDER: not implemented yet',
  run: (model) => model,
};

// Errors of the model core. Never retriable: a malformed artifact or a feature list that does not
// match stays wrong until someone ships a different model or feature code.
import { CreditScoreError } from '../errors';

/** The artifact is malformed, or its content does not match its version hash. Names the field. */
export class ModelError extends CreditScoreError {
  constructor(message: string) {
    super(message, { code: 'MODEL' });
  }
}

/** The model was trained on other features (or another order) than the caller computes. */
export class FeatureMismatchError extends ModelError {
  readonly missingFromCaller: readonly string[];
  readonly unknownToModel: readonly string[];

  constructor(message: string, missingFromCaller: readonly string[], unknownToModel: readonly string[]) {
    super(message);
    this.missingFromCaller = missingFromCaller;
    this.unknownToModel = unknownToModel;
  }
}

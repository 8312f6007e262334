// Assertion that a call fails with an InvalidEventError of one reason.
import { expect } from 'chai';

import { InvalidEventError } from '../../../services/common/errors';

export function expectInvalidEvent(call: () => unknown, reason: string): InvalidEventError {
  let caught: unknown;
  try {
    call();
  } catch (err) {
    caught = err;
  }
  expect(caught, 'expected an InvalidEventError').to.be.instanceOf(InvalidEventError);
  const error = caught as InvalidEventError;
  expect(error.reason).to.equal(reason);
  expect(error.retriable).to.equal(false);
  return error;
}

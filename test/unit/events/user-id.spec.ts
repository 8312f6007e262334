// The user id rule both the purchase events and the gRPC API apply (services/common/user-id.ts).
import { expect } from 'chai';

import {
  isValidUserId,
  MAX_USER_ID_LENGTH,
  USER_ID_RULE,
  userIdProblem,
} from '../../../services/common/user-id';

describe('user id rule', () => {
  it('accepts 1 to 128 characters, counting characters, not UTF-16 units or bytes', () => {
    const accepted = ['u', 'u-10000042', '用户-42', 'u'.repeat(128), '😀'.repeat(128), 'a.b_c@d:e/f'];
    for (const id of accepted) expect(userIdProblem(id), id).to.equal(undefined);
    expect('😀'.repeat(128).length).to.equal(256); // two UTF-16 units each, still 128 characters
    expect(MAX_USER_ID_LENGTH).to.equal(128);
  });

  it('refuses an empty id and one over 128 characters', () => {
    expect(userIdProblem('')).to.equal('is empty');
    expect(userIdProblem('u'.repeat(129))).to.equal('is over 128 characters');
    expect(userIdProblem('😀'.repeat(129))).to.equal('is over 128 characters');
    expect(userIdProblem('x'.repeat(4 * 1024 * 1024))).to.equal('is over 128 characters');
  });

  it('refuses white space and control characters anywhere', () => {
    const refused = ['a b', ' a', 'a ', 'a\tb', 'a\nb', 'a\u0000b', 'a\u007fb', 'a\u00a0b', 'a\u3000b'];
    for (const id of refused)
      expect(userIdProblem(id), JSON.stringify(id)).to.equal('contains a space or a control character');
  });

  it('never quotes the id in its explanation (ids may be personal data)', () => {
    for (const id of ['secret shopper', 'secret'.repeat(30), ''])
      expect(userIdProblem(id) ?? '').to.not.contain('secret');
  });

  it('isValidUserId agrees with userIdProblem; the rule in words names the limit', () => {
    for (const id of ['u-1', '', 'a b', 'u'.repeat(129)])
      expect(isValidUserId(id)).to.equal(userIdProblem(id) === undefined);
    expect(USER_ID_RULE).to.equal('1-128 characters without spaces or control characters');
  });
});

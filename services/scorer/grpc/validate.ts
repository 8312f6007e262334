// Input checks of the API: every malformed field is INVALID_ARGUMENT naming the field (never its
// value: ids may be personal data).
import { invalid } from './api-error';
import { isValidUserId, USER_ID_RULE } from '../../common/user-id';
import type { DecideInput } from '../decide/decider';
import type { DecideRequest__Output } from '../../common/proto/generated/creditscore/v1/DecideRequest';

const MAX_AMOUNT_MINOR = 1e12;

/**
 * User ids keep the rule the purchase events are validated with; order and merchant ids, which
 * the API only passes through to decisions, keep the same one so the API has a single id rule.
 */
export function checkId(field: string, value: string): string {
  if (!isValidUserId(value)) throw invalid(`${field} must be ${USER_ID_RULE}`);
  return value;
}

export function checkUserIds(
  field: string,
  ids: readonly string[],
  max: number,
  allowEmpty: boolean,
): string[] {
  if (ids.length > max) throw invalid(`${field} holds ${ids.length} ids; at most ${max} are allowed`);
  if (!allowEmpty && ids.length === 0) throw invalid(`${field} is empty`);
  ids.forEach((id, i) => checkId(`${field}[${i}]`, id));
  return [...new Set(ids)];
}

export function checkDecideRequest(r: DecideRequest__Output, currencies: readonly string[]): DecideInput {
  const amount = Number(r.amountMinor);
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > MAX_AMOUNT_MINOR)
    throw invalid(`amount_minor must be a whole number of minor units in 1..${MAX_AMOUNT_MINOR}`);
  if (!/^[A-Z]{3}$/.test(r.currency)) throw invalid('currency must be an ISO 4217 code such as CNY');
  if (!currencies.includes(r.currency))
    throw invalid(
      `currency ${r.currency} is not supported (the policy has limits for ${currencies.join(', ')})`,
    );
  if (!Number.isInteger(r.instalments) || r.instalments < 1 || r.instalments > 60)
    throw invalid('instalments must be 1..60');
  return {
    userId: checkId('user_id', r.userId),
    orderId: checkId('order_id', r.orderId),
    merchantId: checkId('merchant_id', r.merchantId),
    amountMinor: amount,
    currency: r.currency,
    instalments: r.instalments,
  };
}

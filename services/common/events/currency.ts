// ISO 4217 alphabetic codes, as the runtime's ICU data knows them (about 160, CNY among them):
// the code fixes the minor unit of amountMinor, so an unknown one makes the amount meaningless.
const ISO_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

export function isIsoCurrency(code: string): boolean {
  return ISO_CURRENCIES.has(code);
}

// Sums of money as the API gives them (integer tiyn) in tenge for reading: thousands apart,
// always two decimals, as the printed contract writes them ("630 000,00"), and the sign kept
// with the amount by a no-break space.

const NBSP = '\u00a0';

export function formatTenge(tiyn: number, decimalMark = ','): string {
  const digits = String(Math.abs(Math.trunc(tiyn))).padStart(3, '0');
  const whole = digits.slice(0, -2).replace(/\B(?=(\d{3})+$)/g, NBSP);
  return `${tiyn < 0 ? '-' : ''}${whole}${decimalMark}${digits.slice(-2)}${NBSP}₸`;
}

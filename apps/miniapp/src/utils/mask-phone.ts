/**
 * Hides the middle of a phone number for display: `13800138000` → `138****8000`. Non-Chinese
 * numbers (`+1…`) keep their first three and last four characters the same way; very short
 * numbers keep only their last two.
 */
export function maskPhoneNumber(phoneNumber: string): string {
  if (phoneNumber.length >= 8) {
    return `${phoneNumber.slice(0, 3)}****${phoneNumber.slice(-4)}`;
  }
  return `${'*'.repeat(Math.max(phoneNumber.length - 2, 0))}${phoneNumber.slice(-2)}`;
}

import { maskPhoneNumber } from './mask-phone';

describe('maskPhoneNumber', () => {
  it('should keep the first three and last four digits of a Chinese mobile number', () => {
    expect(maskPhoneNumber('13800138000')).toBe('138****8000');
  });

  it('should mask numbers with a country prefix the same way', () => {
    expect(maskPhoneNumber('+12025550123')).toBe('+12****0123');
  });

  it('should keep only the last two characters of very short numbers', () => {
    expect(maskPhoneNumber('1234567')).toBe('*****67');
  });
});

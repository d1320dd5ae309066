/**
 * `@Header(...NO_STORE)`: token and personal-data answers are never kept by a cache (RFC 6749
 * §5.1). Error answers say the same on their own (error-envelope.ts).
 */
export const NO_STORE = ['cache-control', 'no-store'] as const;

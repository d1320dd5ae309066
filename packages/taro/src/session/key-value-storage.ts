/**
 * Synchronous key-value storage as the mini-program runtime offers it (`wx.setStorageSync` and
 * friends). Only {@link SessionStore} uses it; platforms provide an implementation.
 */
export interface KeyValueStorage {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  remove(key: string): void;
}

/** Storage that lives as long as the object: for tests and as a fallback. */
export function createMemoryStorage(): KeyValueStorage {
  const values = new Map<string, unknown>();
  return {
    get: (key) => values.get(key),
    set: (key, value) => void values.set(key, value),
    remove: (key) => void values.delete(key),
  };
}

import { type ProblemLog } from './problem-log';
import { STORAGE_KEY_MAX_BYTES, STORAGE_TOTAL_MAX_BYTES } from './platform-rules';

const STORAGE_SIZE_LIMIT_KB = STORAGE_TOTAL_MAX_BYTES / 1024;

/** wx's synchronous storage APIs under WeChat's limits; values are kept serialised as WeChat does. */
export function createStorageApis(storage: Map<string, string>, problems: ProblemLog) {
  const usedBytes = () =>
    [...storage].reduce((sum, [key, value]) => sum + Buffer.byteLength(key + value), 0);
  return {
    setStorageSync: (key: string, value: unknown) => {
      const serialised = JSON.stringify(value === undefined ? null : value);
      const bytes = Buffer.byteLength(key + serialised);
      if (bytes > STORAGE_KEY_MAX_BYTES) {
        problems.refuse(`setStorageSync:fail ${key} holds ${bytes} bytes, over 1 MB`);
      }
      const others =
        usedBytes() - (storage.has(key) ? Buffer.byteLength(key + (storage.get(key) ?? '')) : 0);
      if (others + bytes > STORAGE_TOTAL_MAX_BYTES) {
        problems.refuse('setStorageSync:fail exceed storage max size 10MB');
      }
      storage.set(key, serialised);
    },
    getStorageSync: (key: string) => {
      const value = storage.get(key);
      return value === undefined ? '' : (JSON.parse(value) as unknown);
    },
    removeStorageSync: (key: string) => {
      storage.delete(key);
    },
    clearStorageSync: () => {
      storage.clear();
    },
    getStorageInfoSync: () => ({
      keys: [...storage.keys()],
      currentSize: Math.ceil(usedBytes() / 1024),
      limitSize: STORAGE_SIZE_LIMIT_KB,
    }),
  };
}

import { TEST_USER } from '../fake-platform.testing.js';
import { createMemoryStorage } from './key-value-storage.js';
import { createSessionStore, SESSION_STORAGE_KEY, type StoredSession } from './session.store.js';

const session: StoredSession = { accessToken: 'access', refreshToken: 'refresh', user: TEST_USER };

describe('createSessionStore', () => {
  it('should keep the whole session under its one key, reload it, and clear it', () => {
    const storage = createMemoryStorage();
    createSessionStore(storage).keep({ ...session, expiresIn: 900 } as StoredSession);
    expect(storage.get(SESSION_STORAGE_KEY)).toEqual(session);

    const reopened = createSessionStore(storage);
    expect(reopened.current).toEqual(session);
    reopened.clear();
    expect(storage.get(SESSION_STORAGE_KEY)).toBeUndefined();
    expect(createSessionStore(storage).current).toBeNull();
  });

  it('should read an absent or malformed entry as no session', () => {
    const storage = createMemoryStorage();
    // wx.getStorageSync answers '' for a missing key.
    storage.set(SESSION_STORAGE_KEY, '');
    expect(createSessionStore(storage).current).toBeNull();
    storage.set(SESSION_STORAGE_KEY, { accessToken: 'only this' });
    expect(createSessionStore(storage).user).toBeNull();
  });

  it('should tell listeners of every change until they unsubscribe', () => {
    const store = createSessionStore(createMemoryStorage());
    const seen: (string | null)[] = [];
    const unsubscribe = store.subscribe(() => seen.push(store.user?.nickname ?? null));

    store.keep(session);
    store.replaceUser({ ...session.user, nickname: '小明' });
    unsubscribe();
    store.clear();

    expect(seen).toEqual([null, '小明']);
    expect(store.user).toBeNull();
  });

  it('should not invent a session when the user is replaced while signed out', () => {
    const storage = createMemoryStorage();
    const store = createSessionStore(storage);
    store.replaceUser(session.user);
    expect(store.current).toBeNull();
    expect(storage.get(SESSION_STORAGE_KEY)).toBeUndefined();
  });
});

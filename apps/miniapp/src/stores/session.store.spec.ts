import { createMemoryStorage } from './key-value-storage';
import { SESSION_STORAGE_KEY, SessionStore, type StoredSession } from './session.store';

const session: StoredSession = {
  accessToken: 'access',
  refreshToken: 'refresh',
  user: {
    id: 'u1',
    appId: 'wx5f3c9a2b7d1e4c60',
    nickname: null,
    avatarUrl: null,
    phoneNumber: null,
    countryCode: null,
    hasUnionId: false,
    createdAt: '2026-11-21T05:00:00.000Z',
  },
};

describe('SessionStore', () => {
  it('should keep the whole session under its one key and clear it', () => {
    const storage = createMemoryStorage();
    const store = new SessionStore(storage);
    store.save(session);
    expect(storage.get(SESSION_STORAGE_KEY)).toEqual(session);
    expect(store.load()).toEqual(session);
    store.clear();
    expect(store.load()).toBeNull();
  });

  it('should read an absent or malformed entry as no session', () => {
    const storage = createMemoryStorage();
    const store = new SessionStore(storage);
    // wx.getStorageSync answers '' for a missing key.
    storage.set(SESSION_STORAGE_KEY, '');
    expect(store.load()).toBeNull();
    storage.set(SESSION_STORAGE_KEY, { accessToken: 'only this' });
    expect(store.load()).toBeNull();
  });
});

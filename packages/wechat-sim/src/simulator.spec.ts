import fc from 'fast-check';
import { isWechatErrorReply } from '@wxlogin/wechat-protocol';
import { decryptPhoneNumber } from '@wxlogin/wxcrypto';
import { expectStaleKeyFailure } from '../test/stale-key';
import { DEV_APP, type SimAppConfig } from './sim-config';
import { SimFaults } from './sim-faults';
import { Simulator } from './simulator';
import { SimulatorError } from './simulator.error';

const OTHER_APP: SimAppConfig = { appId: 'wx2222222222222222', secret: 'other-secret' };

function exchange(sim: Simulator, code: string, app: SimAppConfig = DEV_APP) {
  return sim.server.code2Session({
    appid: app.appId,
    secret: app.secret,
    js_code: code,
    grant_type: 'authorization_code',
  });
}

function sessionKeyAfterLogin(sim: Simulator, userId: string): string {
  const reply = exchange(sim, sim.login(DEV_APP.appId, userId).code);
  if (isWechatErrorReply(reply)) throw new Error(`unexpected errcode ${reply.errcode}`);
  return reply.session_key;
}

describe('Simulator (in-process)', () => {
  describe('identities', () => {
    it('should derive openids shaped like WeChat’s, stable across instances and distinct across apps', () => {
      const apps = [DEV_APP, OTHER_APP];
      fc.assert(
        fc.property(fc.string({ minLength: 1, maxLength: 40 }), (userId) => {
          const first = new Simulator({ apps }).openidOf(DEV_APP.appId, userId);
          expect(first).toMatch(/^o[A-Za-z0-9_-]{27}$/);
          expect(new Simulator({ apps }).openidOf(DEV_APP.appId, userId)).toBe(first);
          expect(new Simulator({ apps }).openidOf(OTHER_APP.appId, userId)).not.toBe(first);
        }),
        { numRuns: 50 },
      );
    });

    it('should give every user a default CN mobile number that setUser overrides', () => {
      const sim = new Simulator();
      expect(sim.setUser(DEV_APP.appId, 'alice', {})).toMatchObject({
        phoneNumber: expect.stringMatching(/^138\d{8}$/) as string,
        countryCode: '86',
      });
      expect(sim.setUser(DEV_APP.appId, 'alice', { phoneNumber: '13700000000' }).phoneNumber).toBe(
        '13700000000',
      );
      expect(() => sim.setUser(DEV_APP.appId, 'alice', { countryCode: '+86' })).toThrow(
        SimulatorError,
      );
    });

    it('should refuse client calls for an unknown app with UNKNOWN_APP', () => {
      const sim = new Simulator();
      expect(() => sim.login('wx0', 'alice')).toThrow(
        expect.objectContaining({ code: 'UNKNOWN_APP' }) as Error,
      );
    });
  });

  describe('session_key rotation', () => {
    it("should mint a new key on every login under 'always' (the default)", () => {
      const sim = new Simulator({ freezeClock: true });
      expect(sim.rotation).toBe('always');
      expect(sessionKeyAfterLogin(sim, 'alice')).not.toBe(sessionKeyAfterLogin(sim, 'alice'));
    });

    it("should keep the key for logins within keepFreshMs of the rotation under 'keep-while-fresh'", () => {
      const sim = new Simulator({
        freezeClock: true,
        rotation: 'keep-while-fresh',
        keepFreshMs: 60_000,
      });
      const first = sessionKeyAfterLogin(sim, 'alice');
      sim.clock.advance(59_999);
      expect(sessionKeyAfterLogin(sim, 'alice')).toBe(first);
      sim.clock.advance(1);
      expect(sessionKeyAfterLogin(sim, 'alice')).not.toBe(first);
    });

    it('should expire keys after sessionKeyLifetimeMs and mint a new one on the next login', () => {
      const sim = new Simulator({
        freezeClock: true,
        sessionKeyLifetimeMs: 10_000,
        rotation: 'keep-while-fresh',
        keepFreshMs: 60_000,
      });
      const first = sessionKeyAfterLogin(sim, 'alice');
      sim.clock.advance(10_000);
      expect(sim.checkSession(DEV_APP.appId, 'alice')).toBe(false);
      expect(sessionKeyAfterLogin(sim, 'alice')).not.toBe(first);
      expect(sim.checkSession(DEV_APP.appId, 'alice')).toBe(true);
    });

    it('should encrypt the phone button data with the current key even without a login', () => {
      const sim = new Simulator();
      const detail = sim.getPhoneNumber(DEV_APP.appId, 'alice');
      const sessionKey = sessionKeyAfterLogin(sim, 'bob');
      expectStaleKeyFailure(() =>
        decryptPhoneNumber({ sessionKey, appId: DEV_APP.appId, ...detail }),
      );
    });
  });

  describe('faults', () => {
    function busyPattern(sim: Simulator, calls: number): boolean[] {
      sim.faults.setBusyRate(0.3);
      return Array.from({ length: calls }, () => {
        const reply = exchange(sim, 'unknown');
        return isWechatErrorReply(reply) && reply.errcode === -1;
      });
    }

    it('should answer -1 for about the configured share, identically for the same seed', () => {
      const pattern = busyPattern(new Simulator({ seed: 7 }), 1_000);
      const busy = pattern.filter(Boolean).length;
      expect(busy).toBeGreaterThan(240);
      expect(busy).toBeLessThan(360);
      expect(busyPattern(new Simulator({ seed: 7 }), 1_000)).toEqual(pattern);
      expect(busyPattern(new Simulator({ seed: 8 }), 1_000)).not.toEqual(pattern);
    });

    it('should replay the same busy pattern after reset', () => {
      const sim = new Simulator({ seed: 3 });
      const pattern = busyPattern(sim, 100);
      sim.reset();
      expect(busyPattern(sim, 100)).toEqual(pattern);
    });

    it('should refuse a busy rate outside [0, 1]', () => {
      expect(() => new Simulator().faults.setBusyRate(1.5)).toThrow(RangeError);
    });

    it('should make about the configured share of calls slow, late by the given delay', () => {
      const faults = new SimFaults(5);
      faults.setLatencyMs(3);
      faults.setSlowCalls(0.1, 1_500);
      const delays = Array.from({ length: 1_000 }, () => faults.drawDelays());
      const slow = delays.filter(({ afterMs }) => afterMs === 1_500).length;
      expect(slow).toBeGreaterThan(60);
      expect(slow).toBeLessThan(140);
      expect(delays.every(({ afterMs }) => afterMs === 0 || afterMs === 1_500)).toBe(true);
      expect(delays.every(({ beforeMs }) => beforeMs === 3)).toBe(true);
    });

    it('should spike about the configured share of calls by up to the given maximum', () => {
      const faults = new SimFaults(5);
      faults.setLatencySpikes(0.2, 400);
      const before = Array.from({ length: 1_000 }, () => faults.drawDelays().beforeMs);
      const spiked = before.filter((ms) => ms > 0);
      expect(spiked.length).toBeGreaterThan(140);
      expect(spiked.length).toBeLessThan(260);
      expect(Math.max(...before)).toBeLessThanOrEqual(400);
      expect(Math.max(...before)).toBeGreaterThan(300);
    });

    it('should not change which calls are busy when delays are turned on', () => {
      const plain = new SimFaults(9);
      const delayed = new SimFaults(9);
      plain.setBusyRate(0.3);
      delayed.setBusyRate(0.3);
      delayed.setSlowCalls(0.5, 10);
      delayed.setLatencySpikes(0.5, 10);
      const pattern = Array.from({ length: 200 }, () => plain.drawBusy());
      const withDelays = Array.from({ length: 200 }, () => {
        delayed.drawDelays();
        return delayed.drawBusy();
      });
      expect(withDelays).toEqual(pattern);
    });

    it('should refuse a slow-call or spike share outside [0, 1] and a negative delay', () => {
      const { faults } = new Simulator();
      expect(() => faults.setSlowCalls(1.5, 10)).toThrow(RangeError);
      expect(() => faults.setSlowCalls(0.5, -1)).toThrow(RangeError);
      expect(() => faults.setLatencySpikes(-0.1, 10)).toThrow(RangeError);
      expect(faults.slowCalls).toEqual({ share: 0, delayMs: 0 });
    });
  });

  describe('clock', () => {
    it('should follow real time unless frozen, plus every advance', async () => {
      const startTime = Date.UTC(2026, 0, 1);
      const flowing = new Simulator({ startTime });
      const frozen = new Simulator({ startTime, freezeClock: true });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(flowing.clock.now()).toBeGreaterThan(startTime);
      expect(frozen.clock.now()).toBe(startTime);
      frozen.clock.advance(1_500);
      expect(frozen.clock.now()).toBe(startTime + 1_500);
      frozen.reset();
      expect(frozen.clock.now()).toBe(startTime);
    });

    it('should stamp watermarks with the simulated time in seconds', () => {
      const sim = new Simulator({ startTime: Date.UTC(2030, 5, 1), freezeClock: true });
      const sessionKey = sessionKeyAfterLogin(sim, 'alice');
      const detail = sim.getPhoneNumber(DEV_APP.appId, 'alice');
      const phone = decryptPhoneNumber({ sessionKey, appId: DEV_APP.appId, ...detail });
      expect(phone.watermark.timestamp).toBe(Date.UTC(2030, 5, 1) / 1000);
    });
  });

  describe('options', () => {
    it('should refuse duplicate apps, empty app lists and non-positive lifetimes', () => {
      expect(() => new Simulator({ apps: [DEV_APP, DEV_APP] })).toThrow(SimulatorError);
      expect(() => new Simulator({ apps: [] })).toThrow(SimulatorError);
      expect(() => new Simulator({ sessionKeyLifetimeMs: 0 })).toThrow(SimulatorError);
    });

    it('should not limit jscode2session per user when perUserMinuteQuota is 0', () => {
      const sim = new Simulator({ perUserMinuteQuota: 0, freezeClock: true });
      for (let i = 0; i < 150; i += 1) sessionKeyAfterLogin(sim, 'load-test-user');
      expect(sim.counters()['/sns/jscode2session']).toBe(150);
    });
  });
});

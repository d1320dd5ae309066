// @ts-check
'use strict';
// Micro-benchmark: @wxlogin/wxcrypto's decryptOpenData against the least a server can do with
// node:crypto for the same legacy getPhoneNumber payloads (base64-decode key, IV and data,
// AES-128-CBC decrypt, JSON.parse, check the watermark's appid). Same payloads, same process.
const { createDecipheriv } = require('node:crypto');
const { decryptOpenData, encryptOpenData, generateSessionKey } = require('@wxlogin/wxcrypto');

const PAYLOAD_COUNT = 1_000;
const ROUNDS = 21;
const ROUND_MS = 100;

/**
 * @typedef {{ sessionKey: string, encryptedData: string, iv: string }} PhonePayload
 * @typedef {{ wxcryptoOpsPerSecond: number, rawOpsPerSecond: number, ratio: number }} DecryptionResult
 */

/** @param {string} appId @returns {DecryptionResult} */
function benchPhoneDecryption(appId) {
  const payloads = makePayloads(appId);
  /** @param {PhonePayload} payload */
  // The input is spelled out as a caller writes it: `{ ...payload, appId }` would give every
  // object its own hidden class on Node 20 and measure V8's property caches, not wxcrypto.
  const viaWxcrypto = (payload) =>
    decryptOpenData({
      sessionKey: payload.sessionKey,
      encryptedData: payload.encryptedData,
      iv: payload.iv,
      appId,
    }).phoneNumber;
  /** @param {PhonePayload} payload */
  const viaRawCrypto = (payload) => {
    const decipher = createDecipheriv(
      'aes-128-cbc',
      Buffer.from(payload.sessionKey, 'base64'),
      Buffer.from(payload.iv, 'base64'),
    );
    const plaintext = Buffer.concat([
      decipher.update(Buffer.from(payload.encryptedData, 'base64')),
      decipher.final(),
    ]).toString('utf8');
    const data = JSON.parse(plaintext);
    if (data.watermark.appid !== appId) throw new Error('watermark mismatch');
    return data.phoneNumber;
  };
  // Both must agree before either is timed.
  for (const payload of payloads.slice(0, 10)) {
    if (viaWxcrypto(payload) !== viaRawCrypto(payload)) {
      throw new Error('wxcrypto and node:crypto disagree on a phone payload');
    }
  }
  // Short rounds, alternated, each wxcrypto round paired with the raw round right after it: load
  // from other processes drifts slowly, so a pair sees nearly the same machine. Medians over pairs.
  /** @type {number[]} */
  const wxcryptoRates = [];
  /** @type {number[]} */
  const rawRates = [];
  /** @type {number[]} */
  const ratios = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const wxcryptoRate = opsPerSecond(viaWxcrypto, payloads);
    const rawRate = opsPerSecond(viaRawCrypto, payloads);
    wxcryptoRates.push(wxcryptoRate);
    rawRates.push(rawRate);
    ratios.push(wxcryptoRate / rawRate);
  }
  return {
    wxcryptoOpsPerSecond: median(wxcryptoRates),
    rawOpsPerSecond: median(rawRates),
    ratio: median(ratios),
  };
}

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** @param {string} appId @returns {PhonePayload[]} */
function makePayloads(appId) {
  const timestamp = Math.floor(Date.now() / 1000);
  return Array.from({ length: PAYLOAD_COUNT }, (_, index) => {
    const sessionKey = generateSessionKey();
    const purePhoneNumber = `139${String(index).padStart(8, '0')}`;
    const { encryptedData, iv } = encryptOpenData({
      sessionKey,
      payload: {
        phoneNumber: purePhoneNumber,
        purePhoneNumber,
        countryCode: '86',
        watermark: { appid: appId, timestamp },
      },
    });
    return { sessionKey, encryptedData, iv };
  });
}

/**
 * @param {(payload: PhonePayload) => unknown} decrypt
 * @param {PhonePayload[]} payloads
 */
function opsPerSecond(decrypt, payloads) {
  let operations = 0;
  let sink = 0;
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(ROUND_MS) * 1_000_000n;
  let now = started;
  while (now < deadline) {
    for (const payload of payloads) {
      sink += String(decrypt(payload)).length;
    }
    operations += payloads.length;
    now = process.hrtime.bigint();
  }
  // The sink keeps the results observable so no work can be skipped.
  if (sink === 0) throw new Error('decryption produced nothing');
  return operations / (Number(now - started) / 1e9);
}

module.exports = { benchPhoneDecryption };

import fc from 'fast-check';
import * as z from 'zod';
import { parseCode2SessionReply } from './code2session-reply.parser';

/** The zod schema this parser replaced, kept here as the definition it must match. */
const Code2SessionReply = z.object({
  openid: z.string().min(1).max(128),
  session_key: z.string().min(1).max(64),
  unionid: z.string().min(1).max(128).optional(),
});

function viaSchema(json: unknown) {
  const result = Code2SessionReply.safeParse(json);
  if (!result.success) return undefined;
  const { openid, session_key: sessionKey, unionid } = result.data;
  return { openid, sessionKey, unionid };
}

describe('parseCode2SessionReply', () => {
  it('should return the session of a success reply, unionid included when present', () => {
    expect(parseCode2SessionReply({ openid: 'o1', session_key: 'k==', unionid: 'u1' })).toEqual({
      openid: 'o1',
      sessionKey: 'k==',
      unionid: 'u1',
    });
    expect(parseCode2SessionReply({ openid: 'o1', session_key: 'k==' })).toEqual({
      openid: 'o1',
      sessionKey: 'k==',
      unionid: undefined,
    });
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'openid'],
    ['no openid', { session_key: 'k' }],
    ['no session_key', { openid: 'o' }],
    ['an empty openid', { openid: '', session_key: 'k' }],
    ['an empty session_key', { openid: 'o', session_key: '' }],
    ['a numeric openid', { openid: 1, session_key: 'k' }],
    ['a session_key over 64 characters', { openid: 'o', session_key: 'k'.repeat(65) }],
    ['an openid over 128 characters', { openid: 'o'.repeat(129), session_key: 'k' }],
    ['a null unionid', { openid: 'o', session_key: 'k', unionid: null }],
    ['an empty unionid', { openid: 'o', session_key: 'k', unionid: '' }],
  ])('should reject a reply with %s', (_label, json) => {
    expect(parseCode2SessionReply(json)).toBeUndefined();
  });

  it('should agree with the zod schema on random replies', () => {
    const field = fc.oneof(
      fc.string({ maxLength: 3 }),
      fc.string({ minLength: 60, maxLength: 70 }),
      fc.string({ minLength: 125, maxLength: 132 }),
      fc.constantFrom(null, 0, 1, true, [], {}),
    );
    const reply = fc.oneof(
      fc.record(
        { openid: field, session_key: field, unionid: field, errmsg: fc.string() },
        { requiredKeys: [] },
      ),
      fc.jsonValue(),
    );
    fc.assert(
      fc.property(reply, (json) => {
        expect(parseCode2SessionReply(json)).toEqual(viaSchema(json));
      }),
      { numRuns: 3000 },
    );
  });
});

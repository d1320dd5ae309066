// Test support (excluded from the build): assertions on *why* a schema rejected an input, so a
// rejection test cannot pass for an unrelated reason.
import type * as z from 'zod/mini';

/** `path:code` of every issue `schema` reports for `input`; empty when the input is accepted. */
export function issuesOf(schema: z.ZodMiniType, input: unknown): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}:${i.code}`);
}

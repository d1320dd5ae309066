import type { PipeTransform } from '@nestjs/common';
import { safeParse, type $ZodType, type output } from 'zod/v4/core';
import { ApiError } from './api-error';

/** Validates a request body against one of the contract's zod/mini schemas. */
export class ZodValidationPipe<S extends $ZodType> implements PipeTransform<unknown, output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): output<S> {
    const result = safeParse(this.schema, value);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? 'body' : issue.path.join('.');
    throw new ApiError('VALIDATION_FAILED', where, { expose: true });
  }
}

import { HealthResponse } from './health.schema';
import { issuesOf } from './issues.testing';

describe('HealthResponse', () => {
  it.each([
    { status: 'ok', database: 'up' },
    { status: 'unavailable', database: 'down' },
  ])('should accept %j', (body) => {
    expect(HealthResponse.parse(body)).toEqual(body);
  });

  it.each([
    [{ status: 'OK', database: 'up' }, ['status:invalid_value']],
    [{ status: 'ok' }, ['database:invalid_value']],
    [{ status: 'ok', database: true }, ['database:invalid_value']],
  ])('should reject %j', (body, expected) => {
    expect(issuesOf(HealthResponse, body)).toEqual(expected);
  });
});

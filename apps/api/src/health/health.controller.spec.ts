import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { HealthController } from './health.controller';

function fakeReply() {
  const reply = { status: jest.fn(), header: jest.fn() };
  reply.status.mockReturnValue(reply);
  reply.header.mockReturnValue(reply);
  return reply;
}

describe('HealthController', () => {
  it('should answer 200 ok/up when the database answers', async () => {
    const reply = fakeReply();
    const dataSource = { query: jest.fn().mockResolvedValue([{ ok: 1 }]) } as unknown as DataSource;
    await expect(
      new HealthController(dataSource).check(reply as unknown as FastifyReply),
    ).resolves.toEqual({
      status: 'ok',
      database: 'up',
    });
    expect(reply.status).not.toHaveBeenCalled();
  });

  it('should answer 503 unavailable/down when the database fails', async () => {
    const reply = fakeReply();
    const dataSource = {
      query: jest.fn().mockRejectedValue(new Error('ECONNREFUSED')),
    } as unknown as DataSource;
    await expect(
      new HealthController(dataSource).check(reply as unknown as FastifyReply),
    ).resolves.toEqual({
      status: 'unavailable',
      database: 'down',
    });
    expect(reply.status).toHaveBeenCalledWith(503);
  });
});

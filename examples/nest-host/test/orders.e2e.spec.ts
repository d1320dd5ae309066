import { isErrorEnvelope } from '@wxlogin/contracts';
import { startE2eStack, type E2eStack } from '@wxlogin/e2e-suite';

/** The example's own route, behind the login module's access-token guard. */
describe('GET /api/orders (e2e)', () => {
  let stack: E2eStack;

  beforeAll(async () => {
    stack = await startE2eStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  const addOrder = (userId: string, item: string, totalFen: number) =>
    stack.db.query('INSERT INTO orders (user_id, item, total_fen) VALUES ($1, $2, $3)', [
      userId,
      item,
      totalFen,
    ]);

  it('should answer 401 in the error envelope without a token, or with a forged one', async () => {
    for (const token of [undefined, 'not-a-jwt']) {
      const response = await stack.get('/api/orders', token);
      expect(response.status).toBe(401);
      const body: unknown = await response.json();
      expect(isErrorEnvelope(body)).toBe(true);
      expect(body).toMatchObject({ error: { code: 'UNAUTHENTICATED', retryable: false } });
      expect(response.headers.get('x-request-id')).toBe(
        (body as { error: { requestId: string } }).error.requestId,
      );
    }
  });

  it("should answer the signed-in user's orders, newest first, and never another user's", async () => {
    const alice = await stack.login('orders-alice');
    const bob = await stack.login('orders-bob');
    await addOrder(alice.user.id, '龙井 250g', 12_800);
    await addOrder(alice.user.id, '紫砂壶', 45_000);
    await addOrder(bob.user.id, '普洱 357g', 9_900);

    const mine = await stack.get('/api/orders', alice.accessToken);
    expect(mine.status).toBe(200);
    const { orders } = (await mine.json()) as { orders: { item: string; totalFen: number }[] };
    expect(orders.map(({ item, totalFen }) => ({ item, totalFen }))).toEqual([
      { item: '紫砂壶', totalFen: 45_000 },
      { item: '龙井 250g', totalFen: 12_800 },
    ]);

    const theirs = await stack.get('/api/orders', bob.accessToken);
    const bobs = (await theirs.json()) as { orders: { item: string }[] };
    expect(bobs.orders.map(({ item }) => item)).toEqual(['普洱 357g']);

    const carol = await stack.login('orders-carol');
    expect(await (await stack.get('/api/orders', carol.accessToken)).json()).toEqual({
      orders: [],
    });
  });

  it('should refuse the token of a session that logged out', async () => {
    const dave = await stack.login('orders-dave');
    await addOrder(dave.user.id, '茶盘', 30_000);
    expect((await stack.post('/api/auth/logout', {}, dave.accessToken)).status).toBe(204);
    const after = await stack.get('/api/orders', dave.accessToken);
    expect(after.status).toBe(401);
  });
});

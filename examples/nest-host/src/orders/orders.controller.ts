import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { WxLoginAuthGuard, CurrentUser, type Principal } from '@wxlogin/nest';
import { DataSource } from 'typeorm';
import { Order } from './order.entity';

export interface OrderView {
  readonly id: string;
  readonly item: string;
  readonly totalFen: number;
  readonly createdAt: string;
}

/** The example's own route: the signed-in user's orders, newest first. */
@Controller('api/orders')
@UseGuards(WxLoginAuthGuard)
export class OrdersController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @Get()
  async mine(@CurrentUser() me: Principal): Promise<{ orders: OrderView[] }> {
    const orders = await this.dataSource.getRepository(Order).find({
      where: { userId: me.userId },
      order: { createdAt: 'DESC' },
    });
    return {
      orders: orders.map(({ id, item, totalFen, createdAt }) => ({
        id,
        item,
        totalFen,
        createdAt: createdAt.toISOString(),
      })),
    };
  }
}

import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Something a signed-in user bought: the example's own data, keyed by the module's user id. */
@Entity({ name: 'orders' })
@Index('ix_orders_user', ['userId', 'createdAt'])
export class Order {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 200 })
  item: string;

  /** In fen (1/100 yuan), as WeChat Pay counts. */
  @Column({ name: 'total_fen', type: 'integer' })
  totalFen: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

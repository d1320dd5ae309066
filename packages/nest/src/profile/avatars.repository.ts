import { Injectable } from '@nestjs/common';
import { Database, statement } from '../database/database';
import type { AvatarContentType } from './image-type';

const INSERT = statement(
  'avatars_insert',
  `INSERT INTO avatars (user_id, content_type, bytes) VALUES ($1, $2, $3) RETURNING id`,
);

const FIND = statement('avatars_find', `SELECT content_type, bytes FROM avatars WHERE id = $1`);

@Injectable()
export class AvatarsRepository {
  constructor(private readonly db: Database) {}

  async insert(userId: string, contentType: AvatarContentType, bytes: Buffer): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(INSERT, [userId, contentType, bytes]);
    if (row === undefined) throw new Error('avatar insert returned no id');
    return row.id;
  }

  async find(id: string): Promise<{ contentType: string; bytes: Buffer } | undefined> {
    const [row] = await this.db.query<{ content_type: string; bytes: Buffer }>(FIND, [id]);
    return row === undefined ? undefined : { contentType: row.content_type, bytes: row.bytes };
  }
}

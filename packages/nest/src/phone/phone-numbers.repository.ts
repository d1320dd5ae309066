import { Injectable } from '@nestjs/common';
import { Database, statement } from '../database/database';
import { USER_COLUMNS, type UserRow } from '../users/user.row';
import type { PhoneNumber } from './phone-number';

// The previous number goes to the history in the same statement, and only when it changes.
const SET_PHONE_NUMBER = statement(
  'users_set_phone_number',
  `WITH old AS (
     SELECT id, phone_number, country_code FROM users WHERE id = $1 FOR UPDATE
   ), history AS (
     INSERT INTO phone_number_history (user_id, phone_number, country_code)
     SELECT id, phone_number, country_code FROM old
      WHERE phone_number IS NOT NULL AND phone_number IS DISTINCT FROM $2
   )
   UPDATE users u SET phone_number = $2, pure_phone_number = $3, country_code = $4,
          updated_at = now()
     FROM old WHERE u.id = old.id
   RETURNING ${USER_COLUMNS}`,
);

/** A user's phone number (on the users row) and the numbers it replaced (phone_number_history). */
@Injectable()
export class PhoneNumbersRepository {
  constructor(private readonly db: Database) {}

  /** Sets the user's number; the user as it is now, `undefined` when there is no such user. */
  async set(userId: string, phone: PhoneNumber): Promise<UserRow | undefined> {
    const [row] = await this.db.query<UserRow>(SET_PHONE_NUMBER, [
      userId,
      phone.phoneNumber,
      phone.purePhoneNumber,
      phone.countryCode,
    ]);
    return row;
  }
}

// Data source for the TypeORM CLI (`pnpm migration:run` / `migration:generate`, on the built dist/).
// It needs DATABASE_URL; with `nest start` on the embedded database that is
// postgres://postgres:postgres@127.0.0.1:54329/wxlogin (see README).
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { databaseOptions } from './database-options';

const config = loadConfig();
if (config.databaseUrl === undefined) {
  throw new Error('DATABASE_URL is required for the TypeORM CLI');
}

export default new DataSource(databaseOptions(config.databaseUrl, { poolSize: 1 }));

-- The reference server's own minimal tables, created by the bench in the reference's database.
-- Same data as wxlogin keeps for a login: one user per (app, openid) holding the encrypted
-- session_key (and the previous one, with a fingerprint telling a rotation from the same key
-- again), and one session row per login holding the SHA-256 of the refresh token.
CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  app_id text NOT NULL,
  openid text NOT NULL,
  unionid text,
  session_key_ciphertext bytea NOT NULL,
  session_key_fingerprint bytea NOT NULL,
  previous_session_key_ciphertext bytea,
  session_key_rotated_at timestamptz NOT NULL,
  nickname text,
  avatar_url text,
  phone_number text,
  country_code text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_app_openid_key UNIQUE (app_id, openid)
);
CREATE INDEX users_unionid_idx ON users (unionid) WHERE unionid IS NOT NULL;

CREATE TABLE sessions (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  refresh_token_hash bytea NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);

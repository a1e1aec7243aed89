-- A user's TOTP secret (RFC 6238), sealed with the signing keys' encryption key; pending until a first code
-- confirms it. last_used_step is the time step of the last code accepted: a code is good once.
create table totp_credential (
    user_id        uuid        primary key references app_user (id) on delete cascade,
    secret         bytea       not null,
    created_at     timestamptz not null,
    confirmed_at   timestamptz,
    last_used_step bigint      not null default 0
);

-- Single-use recovery codes: 60 random bits each, stored only as SHA-256.
create table recovery_code (
    user_id   uuid        not null references app_user (id) on delete cascade,
    code_hash bytea       not null,
    used_at   timestamptz,
    primary key (user_id, code_hash)
);

-- What a right password of an account with a second factor gets: a token for the second step, good for a
-- few minutes and a few wrong codes. Only its SHA-256 is stored.
create table mfa_challenge (
    token_hash bytea       primary key,
    user_id    uuid        not null references app_user (id) on delete cascade,
    expires_at timestamptz not null,
    failures   integer     not null default 0
);
create index mfa_challenge_expires on mfa_challenge (expires_at);

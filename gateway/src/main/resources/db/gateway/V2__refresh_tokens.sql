-- A family starts at login; every refresh token issued by rotating within it belongs to it. Presenting a
-- spent token revokes the whole family (reuse detection).
create table refresh_family (
    id                  uuid        primary key,
    user_id             uuid        not null references app_user (id) on delete cascade,
    client_id           varchar(64) not null,
    created_at          timestamptz not null,
    absolute_expires_at timestamptz not null,
    revoked_at          timestamptz,
    revoked_reason      varchar(32)
);
create index refresh_family_user on refresh_family (user_id);

-- Only a SHA-256 hash of each opaque token is stored: a copy of this table issues nothing.
create table refresh_token (
    token_hash bytea       primary key,
    family_id  uuid        not null references refresh_family (id) on delete cascade,
    issued_at  timestamptz not null,
    expires_at timestamptz not null,
    spent_at   timestamptz
);
create index refresh_token_family on refresh_token (family_id);
create index refresh_token_expires on refresh_token (expires_at);

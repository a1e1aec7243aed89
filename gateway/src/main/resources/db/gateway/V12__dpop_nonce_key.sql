-- The key that authenticates the DPoP nonces the token endpoints hand out (RFC 9449 section 8): one row, made
-- by the first instance that needs it, read by every other, so a nonce from one replica is good at all of
-- them. It proves only that a nonce came from this server recently; it opens no account and signs no token.
create table dpop_nonce_key (
    id         smallint primary key check (id = 1),
    secret     bytea not null,
    created_at timestamptz not null default now()
);

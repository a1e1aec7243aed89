-- A user's passkeys (WebAuthn discoverable credentials). attested_credential_data holds the credential id,
-- the authenticator's AAGUID and the public key as the authenticator sent them at registration; sign_count is
-- the signature counter last seen, refused when it goes backwards.
create table passkey_credential (
    id                       uuid        primary key,
    user_id                  uuid        not null references app_user (id) on delete cascade,
    credential_id            bytea       not null unique,
    attested_credential_data bytea       not null,
    sign_count               bigint      not null,
    uv_initialized           boolean     not null,
    backup_eligible          boolean     not null,
    backup_state             boolean     not null,
    transports               text        not null default '',
    name                     text        not null,
    created_at               timestamptz not null,
    last_used_at             timestamptz
);
create index passkey_credential_user on passkey_credential (user_id);

-- A WebAuthn ceremony between its options and its answer: the challenge, and whose it is. A registration
-- belongs to a signed-in user; a passkey login to nobody yet, or, as a second factor, to the login its
-- mfa_token continues. Only the SHA-256 of the ceremony's handle is stored; each is used once.
create table webauthn_ceremony (
    handle_hash    bytea       primary key,
    purpose        text        not null check (purpose in ('registration', 'login', 'second_factor')),
    challenge      bytea       not null,
    user_id        uuid        references app_user (id) on delete cascade,
    mfa_token_hash bytea,
    expires_at     timestamptz not null
);
create index webauthn_ceremony_expires on webauthn_ceremony (expires_at);
-- at most one registration pending per user: a new one replaces it
create unique index webauthn_ceremony_registration on webauthn_ceremony (user_id) where purpose = 'registration';

-- What a right password gets when its role requires a second factor the account lacks: a token like the second
-- step's that only lets its holder set up a factor.
alter table mfa_challenge add column purpose text not null default 'second_factor'
    check (purpose in ('second_factor', 'enrolment'));

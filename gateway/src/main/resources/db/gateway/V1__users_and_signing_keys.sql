create table app_user (
    id            uuid         primary key,
    username      varchar(64)  not null,
    password_hash varchar(255) not null,
    role          varchar(16)  not null check (role in ('USER', 'ADMIN')),
    enabled       boolean      not null default true,
    created_at    timestamptz  not null default now()
);
-- usernames are unique regardless of case, so "Alice" cannot shadow "alice"
create unique index app_user_username_key on app_user (lower(username));

create table signing_key (
    kid         varchar(64)  primary key,
    algorithm   varchar(16)  not null,
    state       varchar(16)  not null check (state in ('next', 'active', 'retired')),
    public_key  bytea        not null,
    private_key bytea        not null,
    created_at  timestamptz  not null default now()
);
-- at most one active key: two instances starting together cannot both create one
create unique index signing_key_one_active on signing_key (state) where state = 'active';

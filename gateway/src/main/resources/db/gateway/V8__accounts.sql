-- A session is a refresh family: what the account page lists, with where it started and when it was last
-- used; the access tokens of a session carry its id (sid) and how and when the user authenticated
-- (auth_time, amr), kept across refreshes.
alter table refresh_family add column auth_time timestamptz;
alter table refresh_family add column amr varchar(64) not null default 'pwd';
alter table refresh_family add column user_agent varchar(200);
alter table refresh_family add column client_address varchar(64);
alter table refresh_family add column last_used_at timestamptz;
update refresh_family set auth_time = created_at, last_used_at = created_at;
alter table refresh_family alter column auth_time set not null;
alter table refresh_family alter column last_used_at set not null;

-- A temporary password (a bootstrap admin, a user an admin created, an admin's reset) only lets its user
-- choose a new one.
alter table app_user add column password_temporary boolean not null default false;

-- What a login with a temporary password gets instead of tokens: a single-use token to choose a new one.
-- Only its SHA-256 is stored, as for refresh tokens.
create table password_change_token (
    token_hash bytea       primary key,
    user_id    uuid        not null references app_user (id) on delete cascade,
    expires_at timestamptz not null
);
create index password_change_token_user on password_change_token (user_id);
create index password_change_token_expires on password_change_token (expires_at);

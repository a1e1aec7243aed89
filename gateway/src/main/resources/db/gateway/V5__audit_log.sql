-- One row per admin action, written in the transaction of the change it records. No foreign keys: the log
-- outlives the users and keys it names.
create table audit_event (
    id             bigint       generated always as identity primary key,
    at             timestamptz  not null,
    actor_id       uuid         not null,
    actor_username varchar(64)  not null,
    client_address varchar(64)  not null,
    action         varchar(32)  not null,
    target         varchar(64)  not null,
    detail         varchar(200)
);

#!/usr/bin/env bash
# Runs once, when the PostgreSQL volume is first initialised: one database per service, so each keeps its own
# schema and migration history and cannot touch the other's tables. Each database has two logins: its owner
# (NAME_owner), which the service migrates the schema with at start, and the service's own (NAME), which may
# only read and write the tables the owner makes: a flaw in a running service cannot change or drop a schema.
set -euo pipefail
: "${GATEWAY_DB_PASSWORD:?set GATEWAY_DB_PASSWORD}"
: "${GATEWAY_DB_OWNER_PASSWORD:?set GATEWAY_DB_OWNER_PASSWORD}"
: "${RESOURCE_DB_PASSWORD:?set RESOURCE_DB_PASSWORD}"
: "${RESOURCE_DB_OWNER_PASSWORD:?set RESOURCE_DB_OWNER_PASSWORD}"
for service in gateway resource; do
  upper=${service^^}
  owner_password_var="${upper}_DB_OWNER_PASSWORD"
  password_var="${upper}_DB_PASSWORD"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v name="$service" -v owner="${service}_owner" \
    -v owner_password="${!owner_password_var}" -v password="${!password_var}" <<'SQL'
create role :"owner" login password :'owner_password';
create role :"name" login password :'password';
create database :"name" owner :"owner";
revoke all on database :"name" from public;
grant connect, temporary on database :"name" to :"name";
\connect :"name"
revoke create on schema public from public;
grant usage on schema public to :"name";
-- what the owner's migrations create, the service may read and write, and nothing more
alter default privileges for role :"owner" in schema public grant select, insert, update, delete on tables to :"name";
alter default privileges for role :"owner" in schema public grant usage, select on sequences to :"name";
SQL
done

#!/usr/bin/env bash
# Runs once, when the PostgreSQL volume is first initialised: one database and one login per service, so
# each service keeps its own schema and migration history and cannot touch the other's tables.
set -euo pipefail
: "${GATEWAY_DB_PASSWORD:?set GATEWAY_DB_PASSWORD}"
: "${RESOURCE_DB_PASSWORD:?set RESOURCE_DB_PASSWORD}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v gateway_password="$GATEWAY_DB_PASSWORD" -v resource_password="$RESOURCE_DB_PASSWORD" <<'SQL'
create role gateway login password :'gateway_password';
create database gateway owner gateway;
create role resource login password :'resource_password';
create database resource owner resource;
SQL

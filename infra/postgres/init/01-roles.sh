#!/usr/bin/env bash
# Creates the Red CIAR roles and database. The official postgres image runs this once, as the
# superuser (POSTGRES_USER), when the data volume is empty (/docker-entrypoint-initdb.d).
# To change a password later: ALTER ROLE ... PASSWORD ... (see docs/run.md).
#
#   ciar_owner  owns the `ciar` database and every table; runs migrations (MIGRATION_DATABASE_URL).
#               Not a superuser: FORCE ROW LEVEL SECURITY on tenant tables holds for it too.
#   ciar_app    what the API connects as (through PgBouncer): no superuser, no BYPASSRLS, only the
#               grants the migrations give it. Row-Level Security filters every tenant row.
#
# Passwords come from the environment (infra/.env), never from this file. psql variables
# (:'name') quote them as SQL literals.
set -eo pipefail

if [ -z "${CIAR_OWNER_PASSWORD:-}" ] || [ -z "${CIAR_APP_PASSWORD:-}" ]; then
  echo "01-roles.sh: CIAR_OWNER_PASSWORD and CIAR_APP_PASSWORD must be set" >&2
  exit 1
fi

psql --no-psqlrc -v ON_ERROR_STOP=1 \
  --username "${POSTGRES_USER:-postgres}" --dbname postgres \
  -v owner_password="$CIAR_OWNER_PASSWORD" \
  -v app_password="$CIAR_APP_PASSWORD" <<'SQL'
CREATE ROLE ciar_owner LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION
  PASSWORD :'owner_password';
CREATE ROLE ciar_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION
  PASSWORD :'app_password';
-- Migration 0000 lets the migrating role switch to ciar_app; granted here because a
-- non-superuser owner may not grant it to itself.
GRANT ciar_app TO ciar_owner;
CREATE DATABASE ciar OWNER ciar_owner ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE ciar FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE ciar TO ciar_app;
SQL

echo "01-roles.sh: created roles ciar_owner, ciar_app and database ciar"

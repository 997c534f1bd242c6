#!/usr/bin/env bash
# Backup of the Red CIAR database: pg_dump in custom format (compressed, restorable table by table).
#   scripts/backup.sh "postgres://owner:…@host:5432/ciar" backups/ciar-$(date -u +%Y%m%dT%H%M%SZ).dump
# Run it as a superuser or a role with BYPASSRLS: tenant tables FORCE row-level security, so even
# their owner sees no rows without the tenant settings (pg_dump then stops with an error rather
# than write an incomplete backup). Privileges are kept: the target cluster needs the ciar_app role.
set -euo pipefail
url=${1:?usage: backup.sh DATABASE_URL OUTPUT_FILE}
out=${2:?usage: backup.sh DATABASE_URL OUTPUT_FILE}
mkdir -p "$(dirname "$out")"
pg_dump --format=custom --compress=6 --no-owner --file="$out.partial" "$url"
mv "$out.partial" "$out"
echo "backup written: $out ($(du -h "$out" | cut -f1))"

#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into an EMPTY database, in one transaction (all or
# nothing). Objects become owned by the restoring role; grants to ciar_app are restored, so that
# role must exist in the target cluster (see docs/run.md).
#   scripts/restore.sh backups/ciar-….dump "postgres://owner:…@host:5432/ciar_restored"
set -euo pipefail
in=${1:?usage: restore.sh BACKUP_FILE DATABASE_URL}
url=${2:?usage: restore.sh BACKUP_FILE DATABASE_URL}
pg_restore --exit-on-error --single-transaction --no-owner --dbname="$url" "$in"
echo "restored $in"

#!/usr/bin/env bash
# Starts PgBouncer in transaction mode on 127.0.0.1:6432 in front of the local PostgreSQL, with a
# pool of ONE server connection per database and user: every transaction of the suite's app role
# then shares one PostgreSQL session, so any setting that outlived its transaction would show.
set -euo pipefail
# The Debian package starts its own instance on the same port.
service pgbouncer stop >/dev/null 2>&1 || true
dir=/tmp/ciar-pgbouncer
mkdir -p "$dir"
cat > "$dir/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=5432

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = 6432
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $dir/userlist.txt
pool_mode = transaction
default_pool_size = 1
min_pool_size = 0
reserve_pool_size = 0
max_client_conn = 500
server_reset_query =
ignore_startup_parameters = extra_float_digits,options
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI
echo '"ciar_app" "ciar_app"' > "$dir/userlist.txt"
chown -R postgres "$dir"
if [ -f "$dir/pgbouncer.pid" ] && kill -0 "$(cat "$dir/pgbouncer.pid")" 2>/dev/null; then
  kill "$(cat "$dir/pgbouncer.pid")"; sleep 1
fi
# PgBouncer refuses to run as root.
su postgres -s /bin/sh -c "pgbouncer -d $dir/pgbouncer.ini"
for _ in $(seq 1 20); do pg_isready -q -h 127.0.0.1 -p 6432 && exit 0; sleep 0.5; done
echo "PgBouncer did not start:"; cat "$dir/pgbouncer.log"; exit 1

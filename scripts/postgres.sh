#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests: `scripts/postgres.sh start DIR` creates one in
# the empty folder DIR (initdb), starts it listening on a unix socket in DIR only, and prints
# its URL; `scripts/postgres.sh stop DIR` stops it. Debian's `postgresql` is installed when no
# PostgreSQL is found and we are root (CI); root runs the server as `nobody`, since PostgreSQL
# refuses to run as root. Anything that fails makes the script fail: the tests need it.
set -euo pipefail
action=$1 dir=$(realpath "$2")
find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
bin=$(find_bin)
if [ -z "$bin" ] && [ "$(id -u)" = 0 ]; then
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    bin=$(find_bin)
fi
if [ -z "$bin" ]; then
    echo "PostgreSQL not found: install Debian's postgresql package" >&2
    exit 1
fi
as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}
case $action in
start)
    [ "$(id -u)" = 0 ] && chown nobody "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U hoinghi -A trust --no-sync -E UTF8 \
        --locale C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o \
        "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off \
         -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
    echo "postgresql://hoinghi@/postgres?host=$dir"
    ;;
stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >&2
    ;;
esac

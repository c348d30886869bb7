#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL cluster for tests: initdb in a temporary folder, a free
# port on 127.0.0.1, trust auth, fsync and synchronous_commit off (fast, and a test never needs
# its data after a crash of the machine). With `durable`, PostgreSQL's own defaults instead: a
# commit is on disk when acknowledged, as in production; benchmarks measure on that. Prints the
# connection URL on start: through the cluster's Unix socket in <dir> (a query costs both sides
# about a third less CPU than over loopback TCP, which matters when the server, PostgreSQL and a
# benchmark share two cores); the TCP port answers too.
#   scripts/pg-throwaway.sh start <dir> [durable]   → prints postgres://postgres@127.0.0.1:<port>/postgres?host=<dir>
#   scripts/pg-throwaway.sh stop <dir>
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?folder}

bindir=""
for d in /usr/lib/postgresql/*/bin; do
  [ -x "$d/initdb" ] && bindir=$d
done
if [ -z "$bindir" ]; then
  echo "no PostgreSQL server binaries found (apt-get install postgresql)" >&2
  exit 3
fi

# initdb refuses to run as root: run the server as the postgres user then.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd) # the socket's folder must be absolute
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
    as_pg "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
    speed="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${3:-}" = durable ] && speed=""
    as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $speed -c max_connections=200" \
      start >/dev/null
    echo "postgres://postgres@127.0.0.1:$port/postgres?host=$dir"
    ;;
  stop)
    [ -d "$dir/data" ] && as_pg "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop <dir>" >&2
    exit 2
    ;;
esac

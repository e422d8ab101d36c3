#!/usr/bin/env bash
# Back up a Minh Bạch PostgreSQL database, restore it into a new database, and prove the copy is whole:
# the audit chain verifies on the restored copy and every table has the same number of rows.
#
#   DATABASE_URL=postgres://user@host:5432/minhbach scripts/backup_restore_check.sh [BACKUP_DIR]
#
# Keeps the dump (custom format, restorable with pg_restore) in BACKUP_DIR (default var/backups); drops the
# scratch database afterwards unless KEEP_RESTORED=1. Exit code 0 only if every check passes.
set -euo pipefail

: "${DATABASE_URL:?set DATABASE_URL=postgres://user@host:port/dbname}"
case "$DATABASE_URL" in postgres://*|postgresql://*) ;; *) echo "DATABASE_URL must be a PostgreSQL URL" >&2; exit 2 ;; esac
HERE="$(cd "$(dirname "$0")/.." && pwd)"
MINHBACH="${MINHBACH:-$HERE/.venv/bin/minhbach}"
BACKUP_DIR="${1:-$HERE/var/backups}"
mkdir -p "$BACKUP_DIR"

base="${DATABASE_URL%/*}"                       # postgres://user@host:port
src="${DATABASE_URL##*/}"; src="${src%%\?*}"    # database name
stamp="$(date +%Y%m%d-%H%M%S)"
dump="$BACKUP_DIR/$src-$stamp.dump"
restored="${src}_restore_check_$stamp"

echo "== backup of $src → $dump"
t0=$(date +%s)
pg_dump --format=custom --no-owner --dbname="$DATABASE_URL" --file="$dump"
t1=$(date +%s)
echo "   $(du -h "$dump" | cut -f1) in $((t1 - t0)) s"

echo "== restore into $restored"
psql "$base/postgres" -v ON_ERROR_STOP=1 -qc "CREATE DATABASE \"$restored\""
cleanup() { [ "${KEEP_RESTORED:-0}" = 1 ] || psql "$base/postgres" -qc "DROP DATABASE IF EXISTS \"$restored\" WITH (FORCE)" >/dev/null; }
trap cleanup EXIT
pg_restore --no-owner --exit-on-error --jobs=2 --dbname="$base/$restored" "$dump"
t2=$(date +%s)
echo "   restored in $((t2 - t1)) s"

echo "== audit chain of the restored copy"
DATABASE_URL="$base/$restored" "$MINHBACH" audit verify

echo "== row counts (source vs restored)"
tables=$(psql "$DATABASE_URL" -At -c "SELECT tablename FROM pg_tables WHERE schemaname='public' ORDER BY 1")
fail=0
for t in $tables; do
  a=$(psql "$DATABASE_URL" -At -c "SELECT count(*) FROM \"$t\"")
  b=$(psql "$base/$restored" -At -c "SELECT count(*) FROM \"$t\"")
  if [ "$a" != "$b" ]; then echo "   MISMATCH $t: $a vs $b"; fail=1; fi
  case "$t" in cases_case|cases_deadline|cases_submitter|core_auditevent|transparency_registerentry|transparency_registermonth|accounts_user)
    printf '   %-32s %10s = %s\n' "$t" "$a" "$b";; esac
done
[ "$fail" = 0 ] && echo "OK: $(echo "$tables" | wc -l) tables, same row counts; audit chain intact." || { echo "FAILED"; exit 1; }

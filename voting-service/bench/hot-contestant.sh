#!/usr/bin/env bash
# Benchmark (not a test): credits/s for one hot contestant, the same credits spread over 1,000
# contestants, and the raw single-row UPDATE ceiling, all measured by pgbench in one run against
# one durable PostgreSQL (fsync on). The credit transactions are the ones CreditBatcher commits:
# one credit per commit (a quiet service) and BATCH credits per commit (a busy one).
# Needs PostgreSQL server binaries and pgbench (Debian: postgresql, postgresql-client); as root it
# runs the server as the postgres user. About a minute.
#   voting-service/bench/hot-contestant.sh            16 clients, 10 s per run
#   CLIENTS=64 RUN_SECONDS=20 BATCH=32 voting-service/bench/hot-contestant.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${CLIENTS:-16}
BATCH=${BATCH:-16}
RUN_SECONDS=${RUN_SECONDS:-10}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
PORT=${PORT:-55439}
WORK=$(mktemp -d /tmp/hot-contestant.XXXXXX)
chmod 777 "$WORK"
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else bash -c "$*"; fi; }
cleanup() { as_pg "$PG_BIN/pg_ctl -D $WORK/data -m fast stop" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

as_pg "$PG_BIN/initdb -D $WORK/data -U postgres" >/dev/null
as_pg "$PG_BIN/pg_ctl -D $WORK/data -o '-p $PORT -k $WORK -c listen_addresses= -c max_connections=200' -l $WORK/log start -w" >/dev/null
PSQL="$PG_BIN/psql -q -h $WORK -p $PORT -U postgres -d postgres -v ON_ERROR_STOP=1"
$PSQL -f src/main/resources/db/migration/V1__voting.sql
$PSQL <<'SQL'
INSERT INTO contest VALUES ('00000000-0000-0000-0000-000000000001', 'bench', now() - interval '1 day',
  now() + interval '1 day', 0.50, 'USD', now());
INSERT INTO contestant SELECT md5('c' || g)::uuid, '00000000-0000-0000-0000-000000000001', 'c' || g, g
  FROM generate_series(1, 1000) g;
-- Enough PENDING purchases that every credit in the run is a new one; purchase n has id md5(n).
INSERT INTO vote_purchase SELECT md5(g::text)::uuid, '00000000-0000-0000-0000-000000000001',
  md5('c' || (1 + g % 1000))::uuid, 'voter', 1, 0.50, 'USD', 'PENDING_PAYMENT', NULL, NULL, NULL, now(), now()
  FROM generate_series(1, 600000) g;
CREATE SEQUENCE bench_purchase;
CREATE SEQUENCE bench_batch;
CREATE TABLE raw_counter (id INT PRIMARY KEY, votes BIGINT NOT NULL);
INSERT INTO raw_counter VALUES (1, 0);
VACUUM ANALYZE;
SQL

cat > "$WORK/raw.sql" <<'SQL'
UPDATE raw_counter SET votes = votes + 1 WHERE id = 1;
SQL
# The credit transaction: lock the purchase, insert its unique credit, add to a random stripe, mark it.
# Hot: every purchase is re-pointed at contestant c1; spread: each keeps its own of 1,000 contestants.
credit_script() {
  cat <<SQL
SELECT nextval('bench_purchase') AS n \gset
\set stripe random(0, 15)
BEGIN;
SELECT id FROM vote_purchase WHERE id = md5(:n::text)::uuid FOR UPDATE;
INSERT INTO vote_credit (purchase_id, contestant_id, votes, credited_at)
  VALUES (md5(:n::text)::uuid, $1, 1, now()) ON CONFLICT (purchase_id) DO NOTHING;
INSERT INTO tally_stripe (contestant_id, stripe, votes) VALUES ($1, :stripe, 1)
  ON CONFLICT (contestant_id, stripe) DO UPDATE SET votes = tally_stripe.votes + EXCLUDED.votes;
UPDATE vote_purchase SET status = 'CREDITED', updated_at = now() WHERE id = md5(:n::text)::uuid;
END;
SQL
}
# What CreditBatcher commits at once: BATCH credits in one set-based INSERT, one stripe change for
# the contestant, the BATCH purchases marked in one UPDATE; purchases 300001.. are kept for these runs.
batch_script() {
  cat <<SQL
SELECT nextval('bench_batch') - 1 AS b \\gset
\\set stripe random(0, 15)
BEGIN;
INSERT INTO vote_credit (purchase_id, contestant_id, votes, credited_at)
  SELECT md5((300000 + :b * $BATCH + g)::text)::uuid, md5('c1')::uuid, 1, now() FROM generate_series(1, $BATCH) g
  ON CONFLICT (purchase_id) DO NOTHING RETURNING purchase_id;
INSERT INTO tally_stripe (contestant_id, stripe, votes) VALUES (md5('c1')::uuid, :stripe, $BATCH)
  ON CONFLICT (contestant_id, stripe) DO UPDATE SET votes = tally_stripe.votes + EXCLUDED.votes;
UPDATE vote_purchase SET status = 'CREDITED', updated_at = now()
  WHERE id = ANY (ARRAY(SELECT md5((300000 + :b * $BATCH + g)::text)::uuid FROM generate_series(1, $BATCH) g))
  AND status = 'PENDING_PAYMENT';
END;
SQL
}
credit_script "md5('c1')::uuid" > "$WORK/hot.sql"
batch_script > "$WORK/batched.sql"
credit_script "(SELECT contestant_id FROM vote_purchase WHERE id = md5(:n::text)::uuid)" > "$WORK/spread.sql"

tps() { "$PG_BIN/pgbench" -n -h "$WORK" -p "$PORT" -U postgres -c "${2:-$CLIENTS}" -j "${3:-2}" -T "$RUN_SECONDS" \
  -f "$1" postgres 2>/dev/null | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | cut -d. -f1; }
raw=$(tps "$WORK/raw.sql")
hot=$(tps "$WORK/hot.sql")
spread=$(tps "$WORK/spread.sql")
batched1=$(( $(tps "$WORK/batched.sql" 1 1) * BATCH ))
batched2=$(( $(tps "$WORK/batched.sql" 2 2) * BATCH ))
check=$($PSQL -At -c "SELECT (SELECT coalesce(sum(votes),0) FROM tally_stripe) = (SELECT count(*) FROM vote_credit)")

printf '\n%d clients, %d s per run, PostgreSQL %s, fsync on; tally exact after the runs: %s\n\n' \
  "$CLIENTS" "$RUN_SECONDS" "$("$PG_BIN/postgres" --version | awk '{print $3}')" "$check"
printf '%-44s %10s %10s\n' "workload" "per second" "vs raw"
printf '%-44s %10s %9s\n' "raw single-row UPDATE (the ceiling)" "$raw" "1.00x"
printf '%-44s %10s %9.2fx\n' "credits, one hot contestant (16 stripes)" "$hot" "$(echo "$hot/$raw" | bc -l)"
printf '%-44s %10s %9.2fx\n' "credits, spread over 1,000 contestants" "$spread" "$(echo "$spread/$raw" | bc -l)"
printf '%-44s %10s %9.2fx\n' "hot, $BATCH per commit, 1 committer (1 replica)" "$batched1" "$(echo "$batched1/$raw" | bc -l)"
printf '%-44s %10s %9.2fx\n' "hot, $BATCH per commit, 2 committers (2 replicas)" "$batched2" "$(echo "$batched2/$raw" | bc -l)"

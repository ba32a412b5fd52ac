#!/usr/bin/env bash
# Benchmark (not a test): reservations/s of the three inventory locking strategies on a durable
# embedded PostgreSQL, one hot product and 100 products. Prints a table; takes about a minute.
#   order-service/bench/inventory-locking.sh            16 clients, 5 s per run
#   CLIENTS=64 RUN_SECONDS=10 order-service/bench/inventory-locking.sh
set -euo pipefail
cd "$(dirname "$0")/.."
../mvnw -q -B -pl order-service -f ../pom.xml test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
java -Dclients="${CLIENTS:-16}" -Dseconds="${RUN_SECONDS:-5}" \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.exactsuite.order.bench.InventoryLockingBenchmark

#!/usr/bin/env bash
# Benchmark (not a test): 10 concurrent checkouts of one product while points-service takes 1.5 s per
# hold, against the packaged order-service. Prints a table: about one round trip when no product row
# is locked across the call, about ten when it is.
#   order-service/bench/slow-dependency.sh
#   ORDERS=20 HOLD_DELAY_MS=1000 order-service/bench/slow-dependency.sh
set -euo pipefail
cd "$(dirname "$0")/.."
../mvnw -q -B -pl order-service -am -f ../pom.xml install -DskipTests >/dev/null
../mvnw -q -B -pl order-service -f ../pom.xml dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
java -Dorders="${ORDERS:-10}" -DholdDelayMs="${HOLD_DELAY_MS:-1500}" \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.exactsuite.order.bench.SlowDependencyBenchmark

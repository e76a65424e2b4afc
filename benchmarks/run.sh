#!/usr/bin/env bash
# Kiln vs ONNX Runtime, side by side: exports the ONNX graphs (if missing), builds the JMH jar and
# runs it. Extra arguments go to JMH, e.g. `benchmarks/run.sh -p network=vggblock -p batch=32`.
# JAVA selects the JVM that runs (and forks) the benchmarks, e.g.
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java benchmarks/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA:-java}"
if [ ! -f benchmarks/target/onnx/vggblock.onnx ]; then
  /usr/bin/python3 benchmarks/scripts/export_onnx.py benchmarks/target/onnx
fi
mvn -q -ntp -pl dsl,benchmarks -am package -DskipTests
"$JAVA" -Dkiln.onnx=benchmarks/target/onnx -jar benchmarks/target/benchmarks.jar "$@"

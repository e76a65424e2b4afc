#!/usr/bin/env bash
# Kiln vs ONNX Runtime, side by side: exports the ONNX graphs and weights (if missing), builds the JMH
# jar and runs the six networks (NetworkBenchmark) and the FMA peak (FmaPeakBenchmark) in one run,
# then prints the FMA peak and the table of images/s, GFLOP/s, ratio and share of peak.
#   benchmarks/run.sh                       # everything: 6 networks x batch {1, 32} x threads {1, 2}
#   benchmarks/run.sh --quick               # FMA peak + the six networks at batch 1, 2 threads, short
#   benchmarks/run.sh -p network=vggblock -p batch=32    # any JMH options (after --quick, too)
#   benchmarks/run.sh --quick -p graph=optimized,declared  # Kiln with and without its graph optimizer
# JAVA selects the JVM that runs (and forks) the benchmarks, e.g.
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java benchmarks/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA:-java}"
ONNX=benchmarks/target/onnx
for name in denoiser strided vggblock mobilenetv2 resnet50 inceptionv3; do
  if [ ! -f "$ONNX/$name.onnx" ]; then
    /usr/bin/python3 benchmarks/scripts/export_onnx.py "$ONNX"
    break
  fi
done
mvn -q -ntp -pl dsl,benchmarks -am package -DskipTests
ARGS=()
if [ "${1:-}" = "--quick" ]; then
  shift
  ARGS=(-p batch=1 -p threads=2 -wi 2 -i 3)
fi
"$JAVA" -Dkiln.onnx="$ONNX" -jar benchmarks/target/benchmarks.jar "${ARGS[@]}" "$@"

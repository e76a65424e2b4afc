#!/usr/bin/env bash
# Compiles the broken seed models in examples/broken with javac and the Kiln processor, and prints
# javac's own diagnostics. Exits 0 when the compile fails as it should.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp -pl processor -am package -DskipTests
classpath=$(mktemp)
mvn -q -B -ntp -pl processor dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$classpath"
out=$(mktemp -d)
javac=${JAVA_HOME:+$JAVA_HOME/bin/}javac
# A processor path is an explicit configuration, so javac 23+ runs the processor too.
if "$javac" -d "$out" -cp dsl/target/classes \
    -processorpath "processor/target/classes:$(cat "$classpath")" \
    examples/broken/dev/kiln/examples/broken/*.java; then
  echo "The broken models compiled: Kiln missed their mistakes." >&2
  exit 1
fi
echo
echo "(javac failed, as it should: every error above is a shape mistake caught before anything ran.)"

#!/usr/bin/env bash
# What C2 made of a kernel: runs a main class of the benchmarks jar with -XX:+PrintAssembly for one
# method and keeps the output. Needs Debian's libhsdis0-fcml (installed here if missing) and gcc for
# the small shim in benchmarks/tools that gives it the JDK's current plugin entry point.
#   benchmarks/disassemble.sh 'dev.kiln.runtime.WideTiles::tile6x4' dev.kiln.runtime.KernelBench 1 "conv3x3 224"
# JAVA selects the JVM, as for run.sh (a JDK that looks for the plugin on LD_LIBRARY_PATH, such as
# Temurin 25: the package links its old-entry-point plugin into Debian's OpenJDK 17, which finds that
# one first and prints no instructions). The output goes to benchmarks/target/asm.txt; the last
# "Compiled method (c2)" in it is the code that ran at the end (earlier ones were replaced).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA:-java}"
METHOD="$1"
shift
if ! ldconfig -p | grep -q libhsdis.so.0; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q libhsdis0-fcml > /dev/null
fi
mkdir -p benchmarks/target/hsdis
gcc -shared -fPIC -O2 -o benchmarks/target/hsdis/hsdis-amd64.so benchmarks/tools/hsdis-shim.c -ldl
[ -f benchmarks/target/benchmarks.jar ] || mvn -q -ntp -pl dsl,benchmarks -am package -DskipTests
LD_LIBRARY_PATH=benchmarks/target/hsdis "$JAVA" --add-modules jdk.incubator.vector -XX:+UnlockDiagnosticVMOptions \
  -XX:CompileCommand=print,"$METHOD" -cp benchmarks/target/benchmarks.jar "$@" > benchmarks/target/asm.txt 2>&1
echo "benchmarks/target/asm.txt: $(grep -c 'Compiled method' benchmarks/target/asm.txt) compiled versions of $METHOD"

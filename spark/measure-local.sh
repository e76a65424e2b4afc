#!/usr/bin/env bash
# Measures KilnScorer's local throughput, as the README reports it: the 1,000 shipped Fashion-MNIST
# test images written COPIES times as PNG files (10,000 by default), scored by ScoreImages with the
# trained classifier in Spark local mode (MASTER, local[2] by default), results written as Parquet.
# This is the spark-submit job run with a plain java launcher, since no Spark distribution is
# installed here; set JAVA= to pick the JDK.
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${COPIES:-10}
master=${MASTER:-local[2]}
java=${JAVA:-java}
classpath=$(mktemp)
# One reactor run: packaging makes the modules resolvable; spark, built last, writes the class path.
mvn -q -B -ntp -pl spark -am package dependency:build-classpath -DskipTests -Dmaven.javadoc.skip=true \
    -Dmaven.source.skip=true -Dmdep.includeScope=test -Dmdep.outputFile="$classpath"
cp="spark/target/classes:spark/target/test-classes:$(cat "$classpath")"
work=$(mktemp -d)
trap 'rm -rf "$work" "$classpath"' EXIT
"$java" -cp "$cp" dev.kiln.examples.FashionFiles "$work/images" "$copies"
# The JVM options Spark's launcher would add (spark/pom.xml's spark.jvm.options).
options=$(sed -n '/<spark.jvm.options>/,/<\/spark.jvm.options>/p' spark/pom.xml | sed 's/<[^>]*>//g' | tr -s ' \n' ' ')
# The weights as the job would read them from a shared path.
unzip -q -o -d "$work" examples/target/kiln-examples-*.jar fashion/tutorial-cnn.torch.safetensors
# shellcheck disable=SC2086
# openCostInBytes: Spark counts each file as 4 MB by default, which puts 32 small PNG files in a
# partition (313 partitions of 32 images); at 64 KB a partition holds about 1,000 of them.
SPARK_LOCAL_IP=127.0.0.1 "$java" $options -Dspark.master="$master" -Dspark.ui.enabled=false \
    -Dspark.sql.files.openCostInBytes=65536 \
    -Dlog4j2.configurationFile=spark/src/test/resources/log4j2-test.properties -cp "$cp" \
    dev.kiln.spark.ScoreImages --model dev.kiln.examples.KilnTutorialCnn \
    --pytorch "$work/fashion/tutorial-cnn.torch.safetensors" --images "$work/images/*/*.png" \
    --output "$work/scores" --batch 64
uptime

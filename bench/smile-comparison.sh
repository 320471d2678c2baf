#!/usr/bin/env bash
# Our numerics side by side with Smile 4.4.2 in one run (docs/decisions/0007-smile-where-it-wins.md). Prints a
# Markdown table for docs/benchmarks.md. Uses the bench profile (Smile's Linux BLAS/LAPACK natives, for its PCA).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Pbench -pl modules/projection -am install -DskipTests
cp="$(mktemp)"
./mvnw -B -q -Pbench -pl modules/projection dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp"
jdk="$(ls -d /usr/lib/jvm/temurin-*-jdk-amd64 2>/dev/null | sort -V | tail -n1)"
"${jdk:-$JAVA_HOME}/bin/java" -Xmx4g -cp "modules/projection/target/test-classes:modules/projection/target/classes:$(cat "$cp")" \
    org.shiftscope.projection.SmileComparison
rm -f "$cp"

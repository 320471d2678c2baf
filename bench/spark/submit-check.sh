#!/usr/bin/env bash
# The spark-submit jar as a cluster runs it: modules/spark/target/shiftscope-spark-submit.jar on a class path of
# Spark's own tree only (what a Spark distribution's jars/ folder holds: Spark, Scala, Hadoop and their libraries;
# none of ShiftScope's other libraries), `detect --out` on a few rows, local[2]. .ci/run calls it after the build.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$here"
jar=modules/spark/target/shiftscope-spark-submit.jar
[ -f "$jar" ] || { echo "error: $jar not built (./mvnw -pl modules/spark -am package)" >&2; exit 2; }
jdk="$(./shiftscope --print-jdk)"
# Spark's tree: the module's runtime libraries less ours and the desktop's (PDF, SVG, DJL, Smile, picocli)
spark_cp=$(ls modules/spark/target/lib/*.jar | grep -v -E "/(shiftscope-|picocli-|smile-|api-0|pytorch-|onnxruntime-|openhtmltopdf|pdfbox|fontbox|xmpbox|graphics2d|batik-|xalan|serializer|xml-apis|xmlgraphics|jna-|tokenizers-|langchain4j|fastexcel|opczip)" | paste -sd:)
opens=()
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.util.calendar; do
    opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
printf 'a,b,g\n1,2,x\n2,3,y\n3,1,x\n4,4,y\n5,2,x\n6,1,y\n7,3,x\n8,2,y\n' > "$dir/ref.csv"
printf 'a,b,g\n2,2,x\n3,3,y\n4,5,x\n5,4,y\n6,6,x\n7,5,y\n8,7,x\n9,6,y\n' > "$dir/tgt.csv"
"$jdk/bin/java" "${opens[@]}" -cp "$jar:$spark_cp" org.shiftscope.spark.SparkMain detect --master 'local[2]' \
    --reference "$dir/ref.csv" --target "$dir/tgt.csv" --clusters 2 --sample 10 --format json \
    --out "$dir/s.shiftscope.json" > "$dir/out.json" 2> "$dir/err.txt" || { cat "$dir/err.txt" >&2; exit 1; }
python3 - "$dir" <<'PY'
import json, sys
d = sys.argv[1]
out = json.load(open(f"{d}/out.json"))
project = json.load(open(f"{d}/s.shiftscope.json"))
assert out["schema"] == "shiftscope/detect/v1" and out["engine"]["rows_reference"] == 8, out["engine"]
assert project["summary"]["sample"]["reference"] + project["summary"]["sample"]["target"] == 10, project["summary"]["sample"]
assert len(project["summary"]["clusters"]["clusters"]) == 2
print("spark-submit jar: detect --out ran with Spark's class path alone")
PY

#!/usr/bin/env bash
# `shiftscope spark detect --master spark://...` against a Spark standalone cluster started on this machine (a master
# and one worker with 2 cores, from Spark's own jars: the worker's executors get none of ShiftScope's classes but the
# jar the command ships), on the same generated rows as local[2]: the exact statistics must be equal. Issue 25.
# Usage: bash bench/spark/standalone.sh [ROWS_PER_SIDE] (default 200000).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rows="${1:-200000}"
dir="$(mktemp -d)"
cd "$here"
source bench/spark/common.sh
# a Spark home of Spark's own tree (as a distribution's jars/ folder holds it)
mkdir -p "$dir/spark/jars"
echo "Spark 4.2.0 (jars from the spark module's class path)" > "$dir/spark/RELEASE" # a distribution has one
for j in $(ls modules/spark/target/lib/*.jar | grep -v -E "/(shiftscope-|picocli-|smile-|api-0|pytorch-|onnxruntime-|openhtmltopdf|pdfbox|fontbox|xmpbox|graphics2d|batik-|xalan|serializer|xml-apis|xmlgraphics|jna-|tokenizers-|langchain4j|fastexcel|opczip)"); do
    ln -s "$here/$j" "$dir/spark/jars/"
done
# as a distribution's bin/load-spark-env.sh sets them
export SPARK_HOME="$dir/spark" JAVA_HOME="$jdk" SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.13
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; sleep 1; rm -rf "$dir"; }
trap cleanup EXIT
"$jdk/bin/java" "${opens[@]}" -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master --host 127.0.0.1 \
    --port 7177 --webui-port 8189 > "$dir/master.log" 2>&1 &
pids+=($!)
sleep 6
"$jdk/bin/java" "${opens[@]}" -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.worker.Worker --cores 2 --memory 2g \
    --webui-port 8190 --work-dir "$dir/work" spark://127.0.0.1:7177 > "$dir/worker.log" 2>&1 &
pids+=($!)
sleep 8
gen "$rows" "$dir/data"
for master in 'local[2]' 'spark://127.0.0.1:7177'; do
    start=$(date +%s.%N)
    ./shiftscope spark detect --master "$master" --reference "$dir/data/ref/*.parquet" --target "$dir/data/tgt/*.parquet" \
        --format json --out "$dir/s-${master//[^a-z0-9]/}.shiftscope.json" > "$dir/${master//[^a-z0-9]/}.json" 2> "$dir/err.txt" \
        || { cat "$dir/err.txt" >&2; tail -30 "$dir/worker.log" >&2; exit 1; }
    end=$(date +%s.%N)
    python3 -c "print('$master: %.1f s wall' % ($end - $start))"
done
python3 - "$dir" <<'PY'
import json, sys
d = sys.argv[1]
a = json.load(open(f"{d}/local2.json"))
b = json.load(open(f"{d}/spark1270017177.json"))
print("masters:", a["engine"]["master"], "|", b["engine"]["master"])
for ca, cb in zip(a["univariate"], b["univariate"]):
    print("%s %s: local %.10g, cluster %.10g" % (ca["column"], ca["test"], ca["statistic"], cb["statistic"]))
    if not ca["sketched"]:
        assert ca["statistic"] == cb["statistic"], "exact statistics differ"
print("classifier AUC: local %.6f, cluster %.6f" % (a["classifier"]["auc"], b["classifier"]["auc"]))
print("MMD: local %.6g (p %.3g), cluster %.6g (p %.3g)" % (a["mmd"]["statistic"], a["mmd"]["p_value"],
      b["mmd"]["statistic"], b["mmd"]["p_value"]))
sa = json.load(open(f"{d}/s-local2.shiftscope.json"))["summary"]["clusters"]["clusters"]
sb = json.load(open(f"{d}/s-spark1270017177.shiftscope.json"))["summary"]["clusters"]["clusters"]
print("cluster counts: local", sorted(c["reference"] for c in sa), "cluster", sorted(c["reference"] for c in sb))
PY
grep -c "Launching executor\|Asked to launch executor" "$dir/worker.log" | sed 's/^/executors the worker launched: /'

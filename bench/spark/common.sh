# Sourced by the bench/spark scripts: builds the Spark module (and its test classes, which hold the data generator),
# and sets $jdk, the opens Spark needs on Java 17+ ("${opens[@]}") and gen ROWS DIR (SparkBenchData's generated split).
./mvnw -B -q -o -DskipTests -pl modules/spark -am install >/dev/null
./mvnw -B -q -o -pl modules/spark test-compile >/dev/null
jdk="$(./shiftscope --print-jdk)"
opens=()
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.util.calendar; do
    opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
gen() {
    "$jdk/bin/java" "${opens[@]}" -cp "modules/spark/target/test-classes:modules/spark/target/shiftscope-spark.jar:modules/spark/target/lib/*" \
        org.shiftscope.spark.SparkBenchData "$1" "$2" 2>/dev/null
}

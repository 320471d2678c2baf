package org.shiftscope.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.NumericType;
import org.shiftscope.core.DataException;

/** What the spark commands share: option checks, the numeric columns, the engine's facts in the JSON. */
final class SparkCommands {

    private SparkCommands() {
    }

    static void checkFormat(String format) {
        if (!format.equals("json") && !format.equals("text")) {
            throw DataException.setting("--format", "use text or json, not '" + format + "'");
        }
    }

    /** The compared columns numeric on both sides; refuses a split with none (clusters need numbers). */
    static List<String> numeric(SparkSplit.Sides sides) {
        List<String> out = new ArrayList<>();
        for (String c : sides.columns()) {
            if (sides.reference().schema().apply(c).dataType() instanceof NumericType
                    && sides.target().schema().apply(c).dataType() instanceof NumericType) {
                out.add(c);
            }
        }
        if (out.isEmpty()) {
            throw DataException.setting("--columns", "the clusters need numeric columns; " + sides.columns()
                    + " has none");
        }
        return out;
    }

    static void engine(ObjectNode root, SparkSession spark, double seconds) {
        ObjectNode engine = root.putObject("engine");
        engine.put("name", "spark");
        engine.put("spark_version", spark.version());
        engine.put("master", spark.sparkContext().master());
        engine.put("seconds", seconds);
    }
}

package org.shiftscope.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.shiftscope.core.DataException;
import org.shiftscope.core.RowFilter;

/**
 * The two sides of a split as Spark reads them: Parquet, CSV (a header row; types inferred) or JSON Lines files,
 * given as paths or globs (several separated by commas), each side its own files or one set of files cut by a
 * filter in the desktop commands' syntax ({@link RowFilter}: {@code sex=Male}, {@code age>=30 and race in {A,B}}).
 */
final class SparkInputs {

    private SparkInputs() {
    }

    /** The rows of the given paths (comma-separated paths or globs of one format). */
    static Dataset<Row> read(SparkSession spark, String paths, String option) {
        String[] each = paths.split(",");
        for (int i = 0; i < each.length; i++) {
            each[i] = each[i].strip();
        }
        String format = format(each[0], option);
        for (String p : each) {
            if (!format(p, option).equals(format)) {
                throw DataException.setting(option, "'" + paths + "' mixes file formats (" + format + " and "
                        + format(p, option) + "); give one format per side");
            }
        }
        try {
            return switch (format) {
                case "parquet" -> spark.read().parquet(each);
                case "csv" -> spark.read().option("header", "true").option("inferSchema", "true").csv(each);
                default -> spark.read().json(each);
            };
        } catch (Exception e) { // Scala declares no exceptions: a missing path or bad file is an AnalysisException
            if (e instanceof org.apache.spark.sql.AnalysisException) {
                throw DataException.setting(option, "'" + paths + "': " + firstLine(e.getMessage()));
            }
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
        }
    }

    private static String format(String path, String option) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.endsWith(".parquet") || p.endsWith(".parquet/") || p.endsWith(".pq")) {
            return "parquet";
        }
        if (p.endsWith(".csv") || p.endsWith(".csv.gz") || p.endsWith(".tsv")) {
            return "csv";
        }
        if (p.endsWith(".jsonl") || p.endsWith(".json") || p.endsWith(".ndjson") || p.endsWith(".jsonl.gz")) {
            return "json";
        }
        throw DataException.setting(option, "'" + path + "': cannot tell the format from the name (use .parquet,"
                + " .csv or .jsonl)");
    }

    /** The rows that meet the filter (a missing cell meets no condition, as in the desktop commands). */
    static Dataset<Row> where(Dataset<Row> rows, String filter, String option) {
        RowFilter f;
        try {
            f = RowFilter.parse(filter);
        } catch (DataException e) {
            throw DataException.setting(option, e.reason());
        }
        List<String> names = List.of(rows.columns());
        Column all = functions.lit(true);
        for (RowFilter.Clause c : f.clauses()) {
            if (!names.contains(c.column())) {
                throw DataException.setting(option, "no column '" + c.column() + "' (the files have "
                        + String.join(", ", names) + ")");
            }
            Column col = column(rows, c.column());
            Object first = c.values().get(0);
            Column cond = switch (c.op()) {
                case "=" -> col.equalTo(first);
                case "!=" -> col.notEqual(first);
                case "<" -> col.lt(first);
                case "<=" -> col.leq(first);
                case ">" -> col.gt(first);
                case ">=" -> col.geq(first);
                case "in" -> col.isin(c.values().toArray());
                default -> functions.not(col.isin(c.values().toArray())).and(col.isNotNull());
            };
            all = all.and(cond);
        }
        return rows.where(all);
    }

    /** The columns to compare: the named ones (each on both sides), or every column both sides have. */
    static List<String> columns(Dataset<Row> reference, Dataset<Row> target, List<String> named) {
        List<String> r = List.of(reference.columns());
        List<String> t = List.of(target.columns());
        if (named.isEmpty()) {
            List<String> common = new ArrayList<>(r);
            common.retainAll(t);
            if (common.isEmpty()) {
                throw DataException.of("the reference and target files have no column in common");
            }
            return common;
        }
        for (String c : named) {
            if (!r.contains(c) || !t.contains(c)) {
                throw DataException.setting("--columns", "no column '" + c + "' on the " + (r.contains(c) ? "target"
                        : "reference") + " side (it has " + String.join(", ", r.contains(c) ? t : r) + ")");
            }
        }
        return named;
    }

    /** A column by its name as the files spell it (quoted, so dots and spaces in names are not read as paths). */
    static Column column(Dataset<Row> rows, String name) {
        return rows.col("`" + name + "`");
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return s == null ? "unreadable" : nl < 0 ? s : s.substring(0, nl);
    }
}

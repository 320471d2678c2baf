package org.shiftscope.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A row filter such as {@code sex=Male}, {@code age>=30 and race in {White,Black}} or {@code class=2}.
 *
 * <p>Conditions: {@code =} (or {@code ==}), {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=}, and
 * {@code in {a,b}} / {@code not in {a,b}}; joined with {@code and} or {@code &}. Values may be quoted with
 * {@code '} or {@code "}. Comparisons with {@code <} etc. need a numeric column. A missing cell never matches
 * any condition (so {@code sex!=Male} does not pick rows whose sex is missing).
 */
public final class RowFilter {

    /** Comparison operators, longest spelling first so that {@code <=} wins over {@code <}. */
    enum Op {
        EQ2("=="), NE("!="), LE("<="), GE(">="), EQ("="), LT("<"), GT(">"), IN("in"), NOT_IN("not in");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }
    }

    record Condition(String column, Op op, List<String> values) {
    }

    private final String text;
    private final List<Condition> conditions;

    private RowFilter(String text, List<Condition> conditions) {
        this.text = text;
        this.conditions = conditions;
    }

    /** Parses a filter expression, or throws a {@link DataException} saying what is wrong with it. */
    public static RowFilter parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw DataException.of("empty filter expression");
        }
        List<Condition> conditions = new ArrayList<>();
        for (String part : splitConjunction(expression)) {
            conditions.add(parseCondition(part.trim(), expression));
        }
        return new RowFilter(expression.trim(), List.copyOf(conditions));
    }

    /**
     * One condition of the filter as text, for engines that evaluate filters themselves (Spark): {@code op} is one of
     * {@code = != < <= > >= in notin} ({@code ==} reads as {@code =}).
     */
    public record Clause(String column, String op, List<String> values) {
    }

    /** The conditions, all of which a row must meet. */
    public List<Clause> clauses() {
        return conditions.stream().map(c -> new Clause(c.column(), switch (c.op()) {
            case EQ, EQ2 -> "=";
            case NOT_IN -> "notin";
            default -> c.op().symbol;
        }, c.values())).toList();
    }

    /** The column names the filter reads. */
    public Set<String> columns() {
        Set<String> out = new LinkedHashSet<>();
        conditions.forEach(c -> out.add(c.column()));
        return out;
    }

    /** Indices of the rows of {@code data} that satisfy every condition, ascending. */
    public int[] apply(Dataset data) {
        int n = data.rowCount();
        boolean[] keep = new boolean[n];
        java.util.Arrays.fill(keep, true);
        for (Condition c : conditions) {
            Column column = data.column(c.column()).orElseThrow(() -> DataException.inFile(
                    data.source().displayName(), "filter '" + text + "' names column '" + c.column()
                            + "', which does not exist (columns: " + String.join(", ", data.columnNames()) + ")"));
            applyCondition(c, column, keep, data.source().displayName());
        }
        int count = 0;
        for (boolean k : keep) {
            count += k ? 1 : 0;
        }
        int[] rows = new int[count];
        for (int i = 0, j = 0; i < n; i++) {
            if (keep[i]) {
                rows[j++] = i;
            }
        }
        return rows;
    }

    private void applyCondition(Condition c, Column column, boolean[] keep, String file) {
        if (column instanceof NumericColumn num) {
            double[] targets = new double[c.values().size()];
            for (int i = 0; i < targets.length; i++) {
                targets[i] = parseNumber(c.values().get(i), c, file);
            }
            for (int r = 0; r < keep.length; r++) {
                if (keep[r]) {
                    double v = num.get(r);
                    keep[r] = !Double.isNaN(v) && numericMatch(c.op(), v, targets);
                }
            }
        } else {
            if (c.op() == Op.LT || c.op() == Op.LE || c.op() == Op.GT || c.op() == Op.GE) {
                throw DataException.inFile(file, "filter '" + text + "': column '" + c.column() + "' is "
                        + column.type().label() + ", so '" + c.op().symbol + "' cannot compare it; use = , != or in {...}");
            }
            Set<String> wanted = new LinkedHashSet<>(c.values());
            boolean bool = column.type() == ColumnType.BOOLEAN;
            for (int r = 0; r < keep.length; r++) {
                if (keep[r]) {
                    String v = column.text(r);
                    boolean member = v != null && (bool ? wanted.stream().anyMatch(v::equalsIgnoreCase) : wanted.contains(v));
                    boolean positive = c.op() == Op.EQ || c.op() == Op.EQ2 || c.op() == Op.IN;
                    keep[r] = v != null && (positive == member);
                }
            }
        }
    }

    private static boolean numericMatch(Op op, double v, double[] targets) {
        return switch (op) {
            case EQ, EQ2 -> v == targets[0];
            case NE -> v != targets[0];
            case LT -> v < targets[0];
            case LE -> v <= targets[0];
            case GT -> v > targets[0];
            case GE -> v >= targets[0];
            case IN, NOT_IN -> {
                boolean member = false;
                for (double t : targets) {
                    member |= v == t;
                }
                yield (op == Op.IN) == member;
            }
        };
    }

    private double parseNumber(String value, Condition c, String file) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw DataException.inFile(file, "filter '" + text + "': column '" + c.column()
                    + "' is numeric, but '" + value + "' is not a number");
        }
    }

    private static List<String> splitConjunction(String expr) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < expr.length(); i++) {
            char ch = expr.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
            } else if (ch == '{') {
                depth++;
            } else if (ch == '}') {
                depth--;
            } else if (depth == 0 && ch == '&') {
                parts.add(expr.substring(start, i));
                start = (i + 1 < expr.length() && expr.charAt(i + 1) == '&') ? i + 2 : i + 1;
                i = start - 1;
            } else if (depth == 0 && Character.isWhitespace(ch) && expr.regionMatches(true, i + 1, "and", 0, 3)
                    && i + 4 < expr.length() && Character.isWhitespace(expr.charAt(i + 4))) {
                parts.add(expr.substring(start, i));
                start = i + 5;
                i = start - 1;
            }
        }
        parts.add(expr.substring(start));
        return parts;
    }

    private static Condition parseCondition(String part, String whole) {
        if (part.isEmpty()) {
            throw DataException.of("filter '" + whole + "': empty condition");
        }
        String lower = part.toLowerCase(Locale.ROOT);
        for (Op setOp : new Op[] {Op.NOT_IN, Op.IN}) {
            int at = lower.indexOf(" " + setOp.symbol + " ");
            int brace = part.indexOf('{');
            if (at > 0 && brace > at) {
                String column = unquote(part.substring(0, at).trim());
                String rest = part.substring(at + setOp.symbol.length() + 2).trim();
                if (!rest.startsWith("{") || !rest.endsWith("}")) {
                    throw DataException.of("filter '" + whole + "': '" + setOp.symbol + "' needs a set such as {a,b}");
                }
                List<String> values = new ArrayList<>();
                for (String v : splitSet(rest.substring(1, rest.length() - 1))) {
                    values.add(unquote(v.trim()));
                }
                if (values.isEmpty() || column.isEmpty()) {
                    throw DataException.of("filter '" + whole + "': empty column or set in '" + part + "'");
                }
                return new Condition(column, setOp, List.copyOf(values));
            }
        }
        int opAt = -1;
        for (int i = 0; i < part.length(); i++) {
            char ch = part.charAt(i);
            if (ch == '=' || ch == '!' || ch == '<' || ch == '>') {
                opAt = i;
                break;
            }
        }
        if (opAt <= 0) {
            throw DataException.of("filter '" + whole + "': '" + part
                    + "' is not a condition (use column=value, !=, <, <=, >, >=, or column in {a,b})");
        }
        Op op = null;
        for (Op candidate : Op.values()) {
            if (candidate != Op.IN && candidate != Op.NOT_IN && part.startsWith(candidate.symbol, opAt)) {
                op = candidate;
                break;
            }
        }
        if (op == null) {
            throw DataException.of("filter '" + whole + "': unknown operator in '" + part + "'");
        }
        String column = unquote(part.substring(0, opAt).trim());
        String value = unquote(part.substring(opAt + op.symbol.length()).trim());
        if (value.isEmpty()) {
            throw DataException.of("filter '" + whole + "': no value after '" + op.symbol + "' in '" + part + "'");
        }
        return new Condition(column, op, List.of(value));
    }

    private static List<String> splitSet(String body) {
        List<String> out = new ArrayList<>();
        char quote = 0;
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char ch = body.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
            } else if (ch == ',') {
                out.add(body.substring(start, i));
                start = i + 1;
            }
        }
        if (!body.isBlank()) {
            out.add(body.substring(start));
        }
        return out;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    @Override
    public String toString() {
        return text;
    }
}

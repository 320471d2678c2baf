package org.shiftscope.adaptation.method;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.shiftscope.core.DataException;

/**
 * Every method under its id, in the order menus and help list them. Adding a method: its class (a permitted
 * subtype of {@link OutputMethod} or {@link TestTimeMethod}) and one line here.
 */
public final class AdaptationMethods {

    /** The settings a user gives every method (each method takes what it uses). */
    public record Settings(double alpha) {
    }

    private record Entry(MethodInfo info, Function<Settings, AdaptationMethod> create) {
    }

    private static final List<Entry> ALL = List.of(
            new Entry(BbseMethod.INFO, s -> new BbseMethod()),
            new Entry(BbseSoftMethod.INFO, s -> new BbseSoftMethod()),
            new Entry(MllsMethod.INFO, s -> new MllsMethod()),
            new Entry(ImportanceWeightingMethod.INFO, s -> new ImportanceWeightingMethod()),
            new Entry(KliepMethod.INFO, s -> new KliepMethod()),
            new Entry(BatchNormMethod.INFO, s -> new BatchNormMethod()),
            new Entry(AlphaBatchNormMethod.INFO, s -> new AlphaBatchNormMethod(
                    new AlphaBatchNormMethod.Options(s.alpha()))),
            new Entry(TentMethod.INFO, s -> new TentMethod()),
            new Entry(GroupUpweightMethod.INFO, s -> new GroupUpweightMethod()),
            new Entry(LameMethod.INFO, s -> new LameMethod()),
            new Entry(PseudoLabelMethod.INFO, s -> new PseudoLabelMethod()),
            new Entry(CoralMethod.INFO, s -> new CoralMethod()),
            new Entry(DannMethod.INFO, s -> new DannMethod()),
            new Entry(GroupDroMethod.INFO, s -> new GroupDroMethod()),
            new Entry(WiseFtMethod.INFO, s -> new WiseFtMethod(new WiseFtMethod.Options(s.alpha()))));

    private AdaptationMethods() {
    }

    /** Every method's description, in menu order. */
    public static List<MethodInfo> all() {
        return ALL.stream().map(Entry::info).toList();
    }

    /** The description of the method with this id (ignoring case and surrounding blanks). */
    public static MethodInfo info(String id) {
        return entry(id).info();
    }

    /** The method with this id, configured by the settings (which are checked here). */
    public static AdaptationMethod create(String id, Settings settings) {
        return entry(id).create().apply(settings);
    }

    /** The ids of the methods that need only a classifier's outputs (they also run on a user's model). */
    public static List<String> inferenceOnly() {
        return all().stream().filter(MethodInfo::inferenceOnly).map(MethodInfo::id).toList();
    }

    /** The type of the report the method with this id writes (to read a stored run back). */
    public static Class<? extends MethodReport> reportType(String id) {
        return create(id, new Settings(0.5)).reportType();
    }

    private static Entry entry(String id) {
        String wanted = id == null ? "" : id.strip();
        return ALL.stream().filter(e -> e.info().id().equalsIgnoreCase(wanted)).findFirst().orElseThrow(() ->
                DataException.of("unknown adaptation method '" + id + "' (use " + ALL.stream()
                        .map(e -> e.info().id()).collect(Collectors.joining(", ")) + ")"));
    }
}

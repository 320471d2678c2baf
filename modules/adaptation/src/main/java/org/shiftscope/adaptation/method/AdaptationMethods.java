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

    /** A method's class, description, report type and how it is built from the settings. */
    private record Entry(Class<? extends AdaptationMethod> type, MethodInfo info,
                         Class<? extends MethodReport> report, Function<Settings, AdaptationMethod> create) {
    }

    private static final List<Entry> ALL = List.of(
            new Entry(BbseMethod.class, BbseMethod.INFO, LabelShiftReport.class, s -> new BbseMethod()),
            new Entry(BbseSoftMethod.class, BbseSoftMethod.INFO, LabelShiftReport.class, s -> new BbseSoftMethod()),
            new Entry(MllsMethod.class, MllsMethod.INFO, LabelShiftReport.class, s -> new MllsMethod()),
            new Entry(ImportanceWeightingMethod.class, ImportanceWeightingMethod.INFO, ImportanceReport.class,
                    s -> new ImportanceWeightingMethod()),
            new Entry(KliepMethod.class, KliepMethod.INFO, ImportanceReport.class, s -> new KliepMethod()),
            new Entry(BatchNormMethod.class, BatchNormMethod.INFO, BatchNormMethod.Report.class,
                    s -> new BatchNormMethod()),
            new Entry(AlphaBatchNormMethod.class, AlphaBatchNormMethod.INFO, AlphaBatchNormMethod.Report.class,
                    s -> new AlphaBatchNormMethod(
                    new AlphaBatchNormMethod.Options(s.alpha()))),
            new Entry(TentMethod.class, TentMethod.INFO, TentMethod.Report.class, s -> new TentMethod()),
            new Entry(GroupUpweightMethod.class, GroupUpweightMethod.INFO, GroupUpweightMethod.Report.class,
                    s -> new GroupUpweightMethod()),
            new Entry(LameMethod.class, LameMethod.INFO, LameMethod.Report.class, s -> new LameMethod()),
            new Entry(PseudoLabelMethod.class, PseudoLabelMethod.INFO, PseudoLabelMethod.Report.class,
                    s -> new PseudoLabelMethod()),
            new Entry(CoralMethod.class, CoralMethod.INFO, CoralMethod.Report.class, s -> new CoralMethod()),
            new Entry(DannMethod.class, DannMethod.INFO, DannMethod.Report.class, s -> new DannMethod()),
            new Entry(GroupDroMethod.class, GroupDroMethod.INFO, GroupDroMethod.Report.class,
                    s -> new GroupDroMethod()),
            new Entry(WiseFtMethod.class, WiseFtMethod.INFO, WiseFtMethod.Report.class,
                    s -> new WiseFtMethod(new WiseFtMethod.Options(s.alpha()))));

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
        return entry(id).report();
    }

    /** The description of a method (what {@link AdaptationMethod#info()} returns). */
    static MethodInfo infoOf(AdaptationMethod method) {
        return of(method).info();
    }

    /** The report type of a method (what {@link AdaptationMethod#reportType()} returns). */
    static Class<? extends MethodReport> reportTypeOf(AdaptationMethod method) {
        return of(method).report();
    }

    private static Entry of(AdaptationMethod method) {
        return ALL.stream().filter(e -> e.type() == method.getClass()).findFirst().orElseThrow(() ->
                new IllegalStateException(method.getClass().getSimpleName() + " is not registered"));
    }

    private static Entry entry(String id) {
        String wanted = id == null ? "" : id.strip();
        return ALL.stream().filter(e -> e.info().id().equalsIgnoreCase(wanted)).findFirst().orElseThrow(() ->
                DataException.of("unknown adaptation method '" + id + "' (use " + ALL.stream()
                        .map(e -> e.info().id()).collect(Collectors.joining(", ")) + ")"));
    }
}

package org.shiftscope.adaptation.method;

/**
 * One adaptation method, configured (its options checked when it is built). The set is closed: a method either
 * corrects the trained classifier's outputs or retrains it ({@link OutputMethod}), or changes the trained network
 * at test time before its target outputs are read ({@link TestTimeMethod}). Its description and report type are
 * those it is registered with in {@link AdaptationMethods}.
 */
public sealed interface AdaptationMethod permits OutputMethod, TestTimeMethod {

    /** The method's id on the command line, in project files and in the run history (e.g. "bbse-soft"). */
    default String id() {
        return info().id();
    }

    /** What the method is and what it needs (its registration in {@link AdaptationMethods}). */
    default MethodInfo info() {
        return AdaptationMethods.infoOf(this);
    }

    /** Refuses, before anything is trained, data the method cannot work on. */
    default void checkInputs(boolean images) {
    }

    /** The type of {@link Outcome#report()}, for reading a stored run back. */
    default Class<? extends MethodReport> reportType() {
        return AdaptationMethods.reportTypeOf(this);
    }
}

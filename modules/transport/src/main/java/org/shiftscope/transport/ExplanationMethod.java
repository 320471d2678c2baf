package org.shiftscope.transport;

import org.shiftscope.core.DataException;

/** The interpretable transport maps of Kulinski and Inouye (2023). */
public enum ExplanationMethod {
    /** Copy the k columns of the full OT map Z that move most (column norm of Z - X) into X. */
    KSPARSE_OT("ksparse-ot"),
    /** Shift the k features whose means differ most by the mean difference. */
    KSPARSE_MEAN("ksparse-mean"),
    /** Move each of k clusters of X by the mean displacement of the full OT map over the cluster. */
    KCLUSTER("kcluster"),
    /** The closed-form map between the Gaussian fits of X and Y. */
    GAUSSIAN("gaussian");

    private final String id;

    ExplanationMethod(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static ExplanationMethod parse(String text) {
        for (ExplanationMethod m : values()) {
            if (m.id.equalsIgnoreCase(text.strip())) {
                return m;
            }
        }
        throw DataException.of("unknown explanation method '" + text + "' (use ksparse-ot, ksparse-mean, kcluster or gaussian)");
    }
}

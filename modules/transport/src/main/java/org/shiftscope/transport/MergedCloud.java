package org.shiftscope.transport;

import org.shiftscope.transport.SinkhornSolver.Cloud;

/**
 * Points with repeats merged into one, with the summed weight; {@code index} gives each original point's merged one.
 * Entropic OT is unchanged by this: repeated points have equal potentials and split their plan rows evenly. Tabular
 * data repeats a lot (UCI Adult's men on five integer columns: 21,790 rows, 8,373 distinct), and repeated points would
 * otherwise multiply the kernel's support.
 */
record MergedCloud(Cloud cloud, int[] index) {

    static MergedCloud of(Points p) {
        Distinct d = Distinct.of(p);
        double[] w = new double[d.members().length];
        for (int j = 0; j < w.length; j++) {
            w[j] = (double) d.members()[j].length / p.n();
        }
        return new MergedCloud(Cloud.of(d.points(), w), d.index());
    }

    /** Per-point values from per-merged-point ones. */
    double[] expand(double[] merged) {
        double[] out = new double[index.length];
        for (int i = 0; i < index.length; i++) {
            out[i] = merged[index[i]];
        }
        return out;
    }
}

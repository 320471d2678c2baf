package org.shiftscope.adaptation.method;

/** The tabular features the built-in MLP sees for every reference and target row (row-major, d per row). */
public record TabularFeatures(double[] reference, double[] target, int d) {
}

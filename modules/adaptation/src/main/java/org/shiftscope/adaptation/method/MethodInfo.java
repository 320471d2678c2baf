package org.shiftscope.adaptation.method;

/**
 * What a method is and needs.
 *
 * @param id            its id ("bbse-soft")
 * @param label         its name in menus, with the kind of shift it addresses
 * @param inferenceOnly it needs only a classifier's outputs, so it also runs on a user's own model
 * @param usesAlpha     it takes the alpha weight (alpha-BN, WiSE-FT)
 * @param lossCurve     what its loss curve plots per step, or null when it has none
 */
public record MethodInfo(String id, String label, boolean inferenceOnly, boolean usesAlpha, String lossCurve) {

    /** A method without a loss curve. */
    public MethodInfo(String id, String label, boolean inferenceOnly, boolean usesAlpha) {
        this(id, label, inferenceOnly, usesAlpha, null);
    }
}

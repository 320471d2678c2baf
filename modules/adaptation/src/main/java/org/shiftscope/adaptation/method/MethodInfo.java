package org.shiftscope.adaptation.method;

/**
 * What a method is and needs.
 *
 * @param id            its id ("bbse-soft")
 * @param label         its name in menus, with the kind of shift it addresses
 * @param inferenceOnly it needs only a classifier's outputs, so it also runs on a user's own model
 * @param usesAlpha     it takes the alpha weight (alpha-BN, WiSE-FT)
 * @param lossCurve     what its loss curve plots per step, or null when it has none
 * @param needsNetwork  it trains the built-in network its own way or changes it at test time, so it cannot run on
 *                      the built-in tree classifier
 */
public record MethodInfo(String id, String label, boolean inferenceOnly, boolean usesAlpha, String lossCurve,
                         boolean needsNetwork) {

    /** A method without a loss curve. */
    public MethodInfo(String id, String label, boolean inferenceOnly, boolean usesAlpha) {
        this(id, label, inferenceOnly, usesAlpha, null, false);
    }

    /** A method with a loss curve. */
    public MethodInfo(String id, String label, boolean inferenceOnly, boolean usesAlpha, String lossCurve) {
        this(id, label, inferenceOnly, usesAlpha, lossCurve, false);
    }

    /** The same method, marked as one that trains or changes the built-in network itself (not trees). */
    public MethodInfo onTheNetwork() {
        return new MethodInfo(id, label, inferenceOnly, usesAlpha, lossCurve, true);
    }
}

package org.shiftscope.core;

import java.util.SplittableRandom;

/** Seeded Fisher-Yates shuffles: the one shuffle of row orders, folds and batches. */
public final class Shuffle {

    private Shuffle() {
    }

    /** Shuffles {@code a} in place, drawing from {@code rnd}. */
    public static void inPlace(int[] a, SplittableRandom rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** 0..n-1 in the order the seed gives (the order an adaptation run splits its reference rows by). */
    public static int[] seeded(int n, long seed) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        inPlace(out, new SplittableRandom(seed ^ 0x5DEECE66DL));
        return out;
    }
}

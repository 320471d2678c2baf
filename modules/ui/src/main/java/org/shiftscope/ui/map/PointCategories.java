package org.shiftscope.ui.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javafx.scene.paint.Color;

import org.shiftscope.analysis.Subpopulations;
import org.shiftscope.core.Column;
import org.shiftscope.workflow.map.Predictions;

/**
 * A category for every map point (reference points, then target points) with a name and a colour per category: the
 * values of a column, the classifier's predicted class, whether it was right, or its confidence in bands.
 *
 * @param of      each point's category (0..names-1)
 * @param names   the legend's names
 * @param colours the colour of each category
 */
record PointCategories(int[] of, List<String> names, List<Color> colours) {

    /** Categories shown at most; the rest share one grey "(other)". */
    static final int MAX = 20;
    /** Upper bounds of the confidence bands (the last band ends at 1). */
    static final double[] CONFIDENCE_BANDS = {0.5, 0.7, 0.9, 0.99};
    private static final Color OTHER = Color.gray(0.6);

    /** The distinct values of a column on both sides, sorted; beyond {@value #MAX} one "(other)". */
    static PointCategories ofColumn(Column reference, Column target) {
        int nr = reference.size();
        String[] text = new String[nr + target.size()];
        for (int i = 0; i < text.length; i++) {
            text[i] = String.valueOf(i < nr ? reference.text(i) : target.text(i - nr));
        }
        return ranked(text);
    }

    /** The classifier's predicted class of each point, in class order. */
    static PointCategories ofPrediction(Predictions p) {
        String[] text = new String[p.reference().length + p.target().length];
        for (int i = 0; i < text.length; i++) {
            text[i] = p.predictedName(i);
        }
        return ranked(text);
    }

    /** In a slice or not (null membership: the map is not there yet). */
    static PointCategories ofMembership(boolean[] in, String slice) {
        if (in == null) {
            return null;
        }
        int[] out = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[i] ? 0 : 1;
        }
        return new PointCategories(out, List.of("in " + slice, "not in " + slice),
                List.of(Color.web("#e66101"), Color.gray(0.75)));
    }

    /** Right, wrong, unlabelled. */
    static PointCategories ofCorrect(Subpopulations.Correct c) {
        int nr = c.reference().length;
        int[] out = new int[nr + c.target().length];
        for (int i = 0; i < out.length; i++) {
            byte v = i < nr ? c.reference()[i] : c.target()[i - nr];
            out[i] = v == Subpopulations.Correct.RIGHT ? 0 : v == Subpopulations.Correct.WRONG ? 1 : 2;
        }
        return new PointCategories(out, List.of("right", "wrong", "unlabelled"),
                List.of(Color.web("#1a9850"), Color.web("#d73027"), Color.gray(0.7)));
    }

    /**
     * The classifier's confidence (its largest class probability) in the bands of {@link #CONFIDENCE_BANDS}, from
     * red (least sure) to blue (surest).
     */
    static PointCategories ofConfidence(Predictions p) {
        int[] out = new int[p.reference().length + p.target().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = band(p.confidence(i));
        }
        List<String> names = new ArrayList<>();
        List<Color> colours = new ArrayList<>();
        double low = 0;
        int bands = CONFIDENCE_BANDS.length + 1;
        for (int b = 0; b < bands; b++) {
            double high = b < CONFIDENCE_BANDS.length ? CONFIDENCE_BANDS[b] : 1;
            names.add(b == 0 ? String.format(Locale.ROOT, "confidence < %.2g", high)
                    : String.format(Locale.ROOT, "%.2g – %.2g", low, high));
            colours.add(Color.hsb(240.0 * b / (bands - 1), 0.8, 0.85));
            low = high;
        }
        return new PointCategories(out, names, colours);
    }

    /** The band of a confidence: the number of band bounds at or below it. */
    static int band(double confidence) {
        int b = 0;
        while (b < CONFIDENCE_BANDS.length && confidence >= CONFIDENCE_BANDS[b]) {
            b++;
        }
        return b;
    }

    /** The colour of a point of category {@code c}. */
    Color colour(int c) {
        return colours.get(c);
    }

    private static PointCategories ranked(String[] text) {
        Map<String, Integer> rank = new TreeMap<>();
        for (String t : text) {
            rank.putIfAbsent(t, 0);
        }
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Integer> e : rank.entrySet()) {
            e.setValue(Math.min(names.size(), MAX));
            if (names.size() < MAX) {
                names.add(e.getKey());
            } else if (names.size() == MAX) {
                names.add("(other)");
            }
        }
        int[] out = new int[text.length];
        for (int i = 0; i < text.length; i++) {
            out[i] = rank.get(text[i]);
        }
        List<Color> colours = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            colours.add(c < MAX ? MapCanvas.clusterColour(c) : OTHER);
        }
        return new PointCategories(out, List.copyOf(names), List.copyOf(colours));
    }
}

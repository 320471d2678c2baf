package org.shiftscope.workflow.adapt;

import java.nio.file.Path;
import org.shiftscope.adaptation.method.AdaptationMethod;
import org.shiftscope.adaptation.method.AdaptationMethods;
import org.shiftscope.core.DataException;
import org.shiftscope.workflow.model.EmbeddingAnalysis;

/**
 * An adaptation run as the CLI and the Adapt view ask for it; the defaults are defined here once.
 *
 * @param method    the configured method
 * @param label     the class column
 * @param group     column whose values are the groups of the per-group metrics, or null
 * @param seed      seed of the train/held-out split, the training and the bootstrap
 * @param epochs    training epochs of the built-in classifier
 * @param resamples bootstrap resamples of the metrics' intervals
 * @param clusters  k-means clusters of the target (in the classifier's features) scored before and after; 0 for none
 * @param alpha     the alpha the method was built with (stored with the run when the method uses it)
 * @param model     the user's own classifier instead of the built-in one, or null
 * @param classifier the built-in classifier: the network (MLP for tables, CNN for images) or trees (tables)
 */
public record AdaptRequest(AdaptationMethod method, String label, String group, long seed, int epochs, int resamples,
                           int clusters, double alpha, UserModel model, Classifier classifier) {

    /** The built-in classifier a run trains. */
    public enum Classifier {
        /** The network: an MLP on tables, a CNN on images (every method). */
        MLP,
        /** Gradient-boosted trees on tables (the methods that do not train or change a network themselves). */
        GBT;

        public String id() {
            return org.shiftscope.core.EnumIds.id(this);
        }

        public static Classifier parse(String s) {
            return org.shiftscope.core.EnumIds.parse(Classifier.class, s, "classifier");
        }
    }

    public static final int DEFAULT_EPOCHS = 10;
    public static final int DEFAULT_RESAMPLES = 1000;
    public static final int DEFAULT_CLUSTERS = 8;
    public static final double DEFAULT_ALPHA = 0.5;

    /** A user's classifier (ONNX or TorchScript) and how its inputs and output are read. */
    public record UserModel(Path file, EmbeddingAnalysis.ModelInput input) {
    }

    public AdaptRequest {
        if (label == null || label.isBlank()) {
            throw DataException.of("an adaptation run needs the label column the classifier learns");
        }
        if (epochs < 1 || resamples < 0 || clusters < 0) {
            throw DataException.of("epochs must be at least 1 and resamples and clusters at least 0 (not " + epochs
                    + ", " + resamples + ", " + clusters + ")");
        }
        org.shiftscope.core.Limits.check("epochs", epochs, 1, org.shiftscope.core.Limits.EPOCHS);
        org.shiftscope.core.Limits.check("resamples", resamples, 0, org.shiftscope.core.Limits.RESAMPLES);
        org.shiftscope.core.Limits.check("clusters", clusters, 0, org.shiftscope.core.Limits.CLUSTERS);
        group = group == null || group.isBlank() ? null : group;
        classifier = classifier == null ? Classifier.MLP : classifier;
        if (classifier == Classifier.GBT && model != null) {
            throw DataException.setting("classifier", "a user's model replaces the built-in classifier; trees are one");
        }
        if (classifier == Classifier.GBT && method.info().needsNetwork()) {
            throw DataException.setting("classifier", method.id() + " trains or changes the built-in network itself,"
                    + " so it runs on the network, not on trees");
        }
    }

    /** A request for the method with this id, configured with {@code alpha}, with the other settings as given. */
    public static AdaptRequest of(String methodId, double alpha, String label, String group, long seed, int epochs,
                                  int resamples, int clusters, UserModel model) {
        return of(methodId, alpha, label, group, seed, epochs, resamples, clusters, model, Classifier.MLP);
    }

    /** The same, with the given built-in classifier. */
    public static AdaptRequest of(String methodId, double alpha, String label, String group, long seed, int epochs,
                                  int resamples, int clusters, UserModel model, Classifier classifier) {
        return new AdaptRequest(AdaptationMethods.create(methodId, new AdaptationMethods.Settings(alpha)), label,
                group, seed, epochs, resamples, clusters, alpha, model, classifier);
    }

    /** The same request with the defaults for everything but the method, label and group. */
    public static AdaptRequest of(String methodId, String label, String group) {
        return of(methodId, DEFAULT_ALPHA, label, group, 0, DEFAULT_EPOCHS, DEFAULT_RESAMPLES, DEFAULT_CLUSTERS, null);
    }
}

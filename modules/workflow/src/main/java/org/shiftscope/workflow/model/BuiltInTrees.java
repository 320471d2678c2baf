package org.shiftscope.workflow.model;

import java.util.Map;
import org.shiftscope.adaptation.method.ClassifierTrainer;
import org.shiftscope.adaptation.method.TabularFeatures;
import org.shiftscope.adaptation.method.TrainedClassifier;
import org.shiftscope.adaptation.method.TrainingLoop;
import org.shiftscope.adaptation.method.TrainingRequest;
import org.shiftscope.analysis.TreeClassifier;
import org.shiftscope.core.Column;
import org.shiftscope.core.DataException;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;

/**
 * The built-in tree classifier of adaptation runs on tables (gradient-boosted trees, {@link TreeClassifier}), behind
 * the same port as the network: trained on the split's encoded columns ({@link BuiltInModel#features}), its
 * "features" for clusters and neighbours are those columns themselves. Methods that train the network their own way
 * or change it at test time cannot use it.
 */
public final class BuiltInTrees {

    private BuiltInTrees() {
    }

    /** The trainer of adaptation methods on this split and label, with trees. */
    public static ClassifierTrainer trainer(Split split, String label) {
        if (split.reference().hasImages()) {
            throw DataException.setting("classifier", "the tree classifier works on table rows; the data are images");
        }
        return (request, monitor) -> train(split, label, request, monitor);
    }

    private static TrainedClassifier train(Split split, String label, TrainingRequest r, TaskMonitor monitor) {
        if (!(r.loop() instanceof TrainingLoop.Plain) || r.testTime() != null) {
            throw DataException.setting("classifier", "this method trains or changes the built-in network, not trees");
        }
        Map<String, Integer> classOf = BuiltInModel.classes(split, label);
        Column labels = split.reference().requireColumn(label);
        TabularFeatures f = r.features() != null ? r.features() : BuiltInModel.features(split, label);
        int d = f.d();
        int[] train = r.rows();
        int extra = r.pseudoRows() == null ? 0 : r.pseudoRows().length;
        int n = train.length + extra;
        double[] x = new double[n * d];
        int[] y = new int[n];
        for (int i = 0; i < train.length; i++) {
            System.arraycopy(f.reference(), train[i] * d, x, i * d, d);
            y[i] = classOf.get(labels.text(train[i]));
        }
        for (int i = 0; i < extra; i++) {
            System.arraycopy(f.target(), r.pseudoRows()[i] * d, x, (train.length + i) * d, d);
            y[train.length + i] = r.pseudoClasses()[i];
        }
        int k = classOf.size();
        TreeClassifier trees = TreeClassifier.fit(x, n, d, y, k, r.seed(), monitor.range(0, 0.8));
        int nr = split.reference().rowCount();
        int[] scored = r.scored() == null ? java.util.stream.IntStream.range(0, nr).toArray() : r.scored();
        double[] refX = new double[scored.length * d];
        for (int i = 0; i < scored.length; i++) {
            System.arraycopy(f.reference(), scored[i] * d, refX, i * d, d);
        }
        monitor.progress(0.8, "scoring with the trees");
        int nt = split.target().rowCount();
        int[] predicted = org.shiftscope.core.RowMajor.argmax(trees.probabilities(x, n), k);
        int right = 0;
        for (int i = 0; i < n; i++) {
            right += predicted[i] == y[i] ? 1 : 0;
        }
        return new TrainedClassifier(trees.probabilities(refX, scored.length), refX, trees.probabilities(f.target(),
                nt), f.target(), d, null, (double) right / n, null, Double.NaN);
    }
}

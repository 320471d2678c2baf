package org.shiftscope.adaptation.method;

import java.util.Objects;

/**
 * What to train the built-in classifier on and how; built with {@link #builder()} (setX for what is required, optX
 * for the rest).
 *
 * @param rows          the reference rows it trains on (with their labels)
 * @param pseudoRows    target rows added with the classes {@code pseudoClasses} (self-training), or null
 * @param features      tabular features to train and score on instead of the split's own encoding, or null
 * @param scored        the reference rows to run the trained model over, in this order; null for every row
 * @param loop          how it trains
 * @param testTime      a step that changes the trained network before the target is scored again, or null
 * @param dim           size of the penultimate layer (the embedding)
 */
public record TrainingRequest(int[] rows, int[] pseudoRows, int[] pseudoClasses, TabularFeatures features,
                              int[] scored, TrainingLoop loop, TestTimeStep testTime, int dim, int epochs,
                              long seed) {

    /** The embedding size of the classifier an adaptation run trains. */
    public static final int DEFAULT_DIM = 16;

    public TrainingRequest {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(loop, "loop");
        if ((pseudoRows == null) != (pseudoClasses == null)
                || pseudoRows != null && pseudoRows.length != pseudoClasses.length) {
            throw new IllegalArgumentException("pseudo-labelled rows and their classes must come together");
        }
        if (dim < 1 || epochs < 1) {
            throw new IllegalArgumentException("dim and epochs must be positive, not " + dim + " and " + epochs);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TrainingRequest}; by default it scores no reference row and trains plainly. */
    public static final class Builder {

        private int[] rows;
        private int[] pseudoRows;
        private int[] pseudoClasses;
        private TabularFeatures features;
        private int[] scored = new int[0];
        private TrainingLoop loop = new TrainingLoop.Plain();
        private TestTimeStep testTime;
        private int dim = DEFAULT_DIM;
        private int epochs;
        private long seed;

        private Builder() {
        }

        public Builder setRows(int[] rows) {
            this.rows = rows;
            return this;
        }

        public Builder setEpochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        public Builder setSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder optPseudo(int[] targetRows, int[] classes) {
            this.pseudoRows = targetRows;
            this.pseudoClasses = classes;
            return this;
        }

        public Builder optFeatures(TabularFeatures features) {
            this.features = features;
            return this;
        }

        /** The reference rows to score (null: every row). */
        public Builder optScored(int[] scored) {
            this.scored = scored;
            return this;
        }

        public Builder optLoop(TrainingLoop loop) {
            this.loop = loop;
            return this;
        }

        public Builder optTestTime(TestTimeStep testTime) {
            this.testTime = testTime;
            return this;
        }

        public Builder optDim(int dim) {
            this.dim = dim;
            return this;
        }

        public TrainingRequest build() {
            return new TrainingRequest(rows, pseudoRows, pseudoClasses, features, scored, loop, testTime, dim,
                    epochs, seed);
        }
    }
}

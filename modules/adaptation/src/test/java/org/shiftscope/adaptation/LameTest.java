package org.shiftscope.adaptation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LameTest {

    @Test
    void neighboursOutvoteANoisyClassifier() {
        // two well separated blobs in feature space, class = blob; the classifier is right on 70 % of the points
        // (probability 0.65 on its answer): neighbours mostly agree on the blob, so LAME recovers most wrong points
        // (0.70 -> 0.94 when written)
        SplittableRandom rnd = new SplittableRandom(6);
        int m = 1000;
        double[] features = new double[2 * m];
        double[] probs = new double[2 * m];
        int[] truth = new int[m];
        for (int i = 0; i < m; i++) {
            truth[i] = i % 2;
            features[2 * i] = (truth[i] == 1 ? 6 : 0) + rnd.nextGaussian();
            features[2 * i + 1] = rnd.nextGaussian();
            int said = rnd.nextDouble() < 0.7 ? truth[i] : 1 - truth[i];
            probs[2 * i + said] = 0.65;
            probs[2 * i + 1 - said] = 0.35;
        }
        double[] z = Lame.adjust(probs, 2, features, 2);
        int right = 0;
        for (int i = 0; i < m; i++) {
            right += (z[2 * i + 1] > z[2 * i] ? 1 : 0) == truth[i] ? 1 : 0;
            assertThat(z[2 * i] + z[2 * i + 1]).isCloseTo(1, within(1e-12));
        }
        assertThat((double) right / m).isGreaterThan(0.9);
    }

    @Test
    void withoutNeighbourAgreementTheOutputsStay() {
        // one point alone: no neighbours... with two points far apart and opposite answers, each keeps its own
        // class but grows less confident in proportion to its neighbour: z ~ p exp(z_other)
        double[] probs = {0.9, 0.1, 0.2, 0.8};
        double[] z = Lame.adjust(probs, 2, new double[] {0, 100}, 1);
        assertThat(z[0]).isGreaterThan(z[1]);
        assertThat(z[3]).isGreaterThan(z[2]);
        assertThat(z[0]).isLessThan(0.9);
    }
}

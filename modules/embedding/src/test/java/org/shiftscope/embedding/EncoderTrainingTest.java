package org.shiftscope.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.util.RandomUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EncoderTrainingTest {

    /**
     * The plain training and TENT moved from DJL's dataset iteration onto the shared loop; their batches must be the
     * ones DJL's own shuffled {@code ArrayDataset} hands out from the same seed, pass after pass, the last short batch
     * kept, or their results would move.
     */
    @Test
    void engineOrderIsTheBatchesDjlsSamplerDraws() throws Exception {
        int n = 77;
        int batch = 16;
        ModelEmbedder.configureOffline();
        List<Long> djl = new ArrayList<>();
        List<Integer> djlSizes = new ArrayList<>();
        RandomUtils.RANDOM.setSeed(11);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            float[] ids = new float[n];
            for (int i = 0; i < n; i++) {
                ids[i] = i;
            }
            ArrayDataset data = new ArrayDataset.Builder().setData(manager.create(ids))
                    .optLabels(manager.create(ids)).setSampling(batch, true).build();
            for (int pass = 0; pass < 3; pass++) {
                for (Batch b : data.getData(manager)) {
                    float[] got = b.getData().singletonOrThrow().toFloatArray();
                    djlSizes.add(got.length);
                    for (float v : got) {
                        djl.add((long) v);
                    }
                    b.close();
                }
            }
        }
        RandomUtils.RANDOM.setSeed(11);
        EncoderTraining.Schedule s = EncoderTraining.Schedule.of(n, batch, 3, 5, "loss", "training")
                .with(EncoderTraining.Order.ENGINE, EncoderTraining.LR);
        List<Long> ours = new ArrayList<>();
        SplittableRandom unused = new SplittableRandom(5);
        for (int pass = 0; pass < 3; pass++) {
            for (int i : EncoderTraining.order(s, unused)) {
                ours.add((long) i);
            }
        }
        assertThat(ours).isEqualTo(djl);
        // 77 rows in batches of 16: four full batches and one of 13, every pass
        assertThat(djlSizes).containsExactly(16, 16, 16, 16, 13, 16, 16, 16, 16, 13, 16, 16, 16, 16, 13);
        assertThat(s.steps()).isEqualTo(djlSizes.size());
        // and the passes differ: the random moves on
        assertThat(ours.subList(0, n)).isNotEqualTo(ours.subList(n, 2 * n));
    }

    @Test
    void seededOrderIsAPermutationFromTheSeed() {
        EncoderTraining.Schedule s = EncoderTraining.Schedule.of(50, 8, 1, 3, "loss", "training");
        int[] a = EncoderTraining.order(s, new SplittableRandom(3));
        int[] b = EncoderTraining.order(s, new SplittableRandom(3));
        assertThat(a).containsExactly(b);
        assertThat(a).containsExactlyInAnyOrder(java.util.stream.IntStream.range(0, 50).toArray());
        assertThat(a).isNotEqualTo(java.util.stream.IntStream.range(0, 50).toArray());
    }
}

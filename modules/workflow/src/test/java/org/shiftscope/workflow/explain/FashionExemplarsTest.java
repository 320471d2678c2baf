package org.shiftscope.workflow.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.shiftscope.core.Column;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.MissingPolicy;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.io.SharedData;
import org.shiftscope.scenarios.TargetShift;
import org.shiftscope.transport.Explanation;
import org.shiftscope.transport.ExplanationMethod;
import org.shiftscope.workflow.DatasetCatalog;
import org.shiftscope.workflow.SplitBuilder;
import org.shiftscope.workflow.SplitDefinition;
import org.shiftscope.workflow.SplitSource;
import org.shiftscope.workflow.TransportAnalysis;
import org.shiftscope.workflow.map.MapAnalysis;

/**
 * Fashion-MNIST with one class taken out of the target (2 % of the trousers kept): in the built-in encoder's
 * embedding space, the k-cluster explanation's cluster that moves furthest is the trousers' (they have nowhere to
 * stay), and its reference exemplars show trousers.
 */
class FashionExemplarsTest {

    @Test
    void theClusterThatMovesMostShowsTheClassTheTargetLost() {
        Path images = SharedData.fashionMnist("t10k-images-idx3-ubyte.gz");
        Dataset all = new DatasetCatalog().load(images, TaskMonitor.NONE);
        Dataset ref = all.selectRows(java.util.stream.IntStream.range(0, 1500).toArray());
        Dataset tgt = TargetShift.parse("reweight=label:1=0.02", 3)
                .apply(all.selectRows(java.util.stream.IntStream.range(1500, 3000).toArray()));
        SplitDefinition def = new SplitDefinition(new SplitSource.TwoFiles(images, images), List.of(),
                MissingPolicy.DROP);
        Split s = new SplitBuilder(new DatasetCatalog()).build(def, new SplitBuilder.Sides(ref, tgt, Set.of()));
        MapAnalysis.Encoded enc = MapAnalysis.encode(s, "label", new MapAnalysis.EncoderSettings(16, 5, 1500), 0,
                TaskMonitor.NONE);
        TransportAnalysis.Prepared p = enc.prepared();
        Explanation e = TransportAnalysis.explain(p, TransportAnalysis.Options.defaults(), ExplanationMethod.KCLUSTER,
                10, 0, TaskMonitor.NONE);
        List<Exemplars> ex = Exemplars.of(p, e, 8);
        Exemplars most = ex.stream().max(Comparator.comparingDouble(Exemplars::moved)).orElseThrow();
        Column labels = s.reference().requireColumn("label");
        long trousers = java.util.Arrays.stream(most.reference()).filter(r -> labels.text(r).equals("1")).count();
        assertThat(trousers).as("trousers among the 8 reference exemplars of the cluster that moved most")
                .isGreaterThanOrEqualTo(6);
        // the target kept almost no trousers: its exemplars for that cluster are other classes
        Column targetLabels = s.target().requireColumn("label");
        long targetTrousers = java.util.Arrays.stream(most.target()).filter(r -> targetLabels.text(r).equals("1"))
                .count();
        assertThat(targetTrousers).isLessThanOrEqualTo(2);
    }
}

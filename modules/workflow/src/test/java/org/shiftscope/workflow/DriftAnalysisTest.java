package org.shiftscope.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.analysis.ClassifierTest;
import org.shiftscope.analysis.ColumnDrift;
import org.shiftscope.analysis.MultipleTesting;
import org.shiftscope.core.MissingPolicy;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.io.SharedData;

/** The detect use case on data with no shift and with a planted interaction shift (the CLI checks its JSON). */
class DriftAnalysisTest {

    @TempDir
    Path dir;

    private static Split split(SplitSource source, List<String> columns) {
        return new SplitBuilder(new DatasetCatalog()).build(new SplitDefinition(source, columns, MissingPolicy.DROP),
                TaskMonitor.NONE);
    }

    private static DriftAnalysis.Request request(int permutations, ClassifierTest.Learner learner) {
        return new DriftAnalysis.Request(MultipleTesting.HOLM, 0.05, permutations, learner, 0);
    }

    @Test
    void randomHalvesOfAdultShowNoShift() throws Exception {
        List<String> lines = Files.readAllLines(SharedData.file("adult.csv"));
        List<String> body = new ArrayList<>(lines.subList(1, lines.size()));
        Collections.shuffle(body, new Random(7));
        List<String> first = new ArrayList<>(List.of(lines.get(0)));
        List<String> second = new ArrayList<>(List.of(lines.get(0)));
        for (int i = 0; i < body.size(); i++) {
            (i % 2 == 0 ? first : second).add(body.get(i));
        }
        Path a = dir.resolve("half_a.csv");
        Path b = dir.resolve("half_b.csv");
        Files.write(a, first);
        Files.write(b, second);
        DriftAnalysis.Report r = DriftAnalysis.detect(split(new SplitSource.TwoFiles(a, b), List.of()),
                request(200, ClassifierTest.Learner.LINEAR), TaskMonitor.NONE);
        assertThat(r.drift()).isFalse();
        for (ColumnDrift c : r.columns()) {
            assertThat(c.drift()).as(c.column()).isFalse();
        }
        assertThat(r.mmd().pValue()).isGreaterThan(0.05);
        assertThat(r.classifier().auc()).isBetween(0.45, 0.55);
    }

    @Test
    void twoDrawsOfTheSameDemoDistributionShowNoShift() {
        // in the gaussian-mean-shift demo only x1 and x2 move; x3 and x4 are N(0, 1) on both sides (seeded draws)
        DriftAnalysis.Report r = DriftAnalysis.detect(split(new SplitSource.Demo("gaussian-mean-shift", 1500, 0),
                List.of("x3", "x4")), request(200, ClassifierTest.Learner.LINEAR), TaskMonitor.NONE);
        assertThat(r.drift()).isFalse();
        assertThat(r.mmd().pValue()).isGreaterThan(0.05);
        assertThat(r.mmd().method()).isEqualTo("exact");
        assertThat(r.classifier().pValue()).isGreaterThan(0.05);
    }

    @Test
    void treesCatchAnInteractionShiftTheLinearTestMisses() throws Exception {
        // both columns keep their N(0, 1) marginals, but in the target b takes a's sign (quadrants 1 and 3 only):
        // the per-column tests and a logistic classifier see nothing, trees do (Bayes AUC 0.75 by hand)
        SplittableRandom rnd = new SplittableRandom(2);
        StringBuilder ref = new StringBuilder("a,b\n");
        StringBuilder tgt = new StringBuilder("a,b\n");
        for (int i = 0; i < 1500; i++) {
            ref.append(rnd.nextGaussian()).append(',').append(rnd.nextGaussian()).append('\n');
            double a = rnd.nextGaussian();
            tgt.append(a).append(',').append(Math.copySign(Math.abs(rnd.nextGaussian()), a)).append('\n');
        }
        Path r = dir.resolve("ref.csv");
        Path t = dir.resolve("tgt.csv");
        Files.writeString(r, ref);
        Files.writeString(t, tgt);
        Split s = split(new SplitSource.TwoFiles(r, t), List.of());
        DriftAnalysis.Report linear = DriftAnalysis.detect(s, request(0, ClassifierTest.Learner.LINEAR),
                TaskMonitor.NONE);
        assertThat(linear.columns()).noneMatch(ColumnDrift::drift);
        assertThat(linear.mmd()).isNull();
        assertThat(linear.classifier().pValue()).isGreaterThan(0.05);
        assertThat(linear.drift()).isFalse();
        DriftAnalysis.Report trees = DriftAnalysis.detect(s, request(0, ClassifierTest.Learner.GBT), TaskMonitor.NONE);
        assertThat(trees.classifier().auc()).isBetween(0.70, 0.78);
        assertThat(trees.classifier().pValue()).isLessThan(1e-20);
        assertThat(trees.drift()).isTrue();
    }
}

package org.shiftscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The random-feature MMD and its Hotelling test against NumPy and SciPy (rff_mmd.py beside the fixture). */
class RandomFeatureMmdTest {

    @Test
    void matchesNumpyOnTheSameFeatures() throws Exception {
        JsonNode f = new ObjectMapper().readTree(getClass().getResource("/mmd/rff_mmd.json"));
        int count = f.get("b").size();
        double[] w = new double[count * 2];
        double[] b = new double[count];
        for (int k = 0; k < count; k++) {
            w[2 * k] = f.get("w").get(k).get(0).asDouble();
            w[2 * k + 1] = f.get("w").get(k).get(1).asDouble();
            b[k] = f.get("b").get(k).asDouble();
        }
        RandomFeatureMmd.Features features = new RandomFeatureMmd.Features(2, count, w, b, f.get("sigma").asDouble());
        RandomFeatureMmd.Moments x = moments(features, f.get("x"));
        MmdTest.Result shifted = RandomFeatureMmd.test(features, x, moments(features, f.get("y")));
        assertThat(shifted.statistic()).isCloseTo(f.get("statistic").asDouble(), within(1e-12));
        assertThat(shifted.pValue()).isCloseTo(f.get("p_value").asDouble(), within(1e-9));
        assertThat(shifted.method()).contains(String.format(java.util.Locale.ROOT, "%.4g", f.get("t2").asDouble()));
        MmdTest.Result same = RandomFeatureMmd.test(features, x, moments(features, f.get("y_null")));
        assertThat(same.pValue()).isCloseTo(f.get("p_value_null").asDouble(), within(1e-9));
        // merged halves are the whole
        RandomFeatureMmd.Moments half = moments(features, f.get("x"), 0, 150);
        half.merge(moments(features, f.get("x"), 150, 300));
        assertThat(RandomFeatureMmd.test(features, half, moments(features, f.get("y"))).pValue())
                .isCloseTo(shifted.pValue(), within(1e-12));
    }

    @Test
    void drawnFeaturesApproximateTheKernel() {
        // E phi(a).phi(b) = exp(-|a - b|^2 / (2 sigma^2)): with 20,000 features, to about 0.01
        RandomFeatureMmd.Features f = RandomFeatureMmd.Features.draw(2, 20_000, 1.5, 7);
        double[] pa = new double[20_000];
        double[] pb = new double[20_000];
        f.apply(new double[] {0.2, -0.4}, 0, pa);
        f.apply(new double[] {1.0, 0.3}, 0, pb);
        double dot = 0;
        for (int k = 0; k < pa.length; k++) {
            dot += pa[k] * pb[k];
        }
        assertThat(dot).isCloseTo(Math.exp(-(0.64 + 0.49) / (2 * 1.5 * 1.5)), within(0.02));
    }

    @Test
    void falseAlarmsUnderTheNullStayNearTheLevel() {
        // 200 seeded pairs of samples (1,500 and 1,000 rows, 3 skewed columns) from one distribution: the share of
        // p < 0.05 lies in Binomial(200, 0.05)'s 99 % band, 3..18 (the chi-square tail is asymptotic)
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
        int alarms = 0;
        for (int rep = 0; rep < 200; rep++) {
            RandomFeatureMmd.Features f = RandomFeatureMmd.Features.draw(3, RandomFeatureMmd.FEATURES, 1.7, rep);
            RandomFeatureMmd.Moments[] m = {new RandomFeatureMmd.Moments(f.count()),
                new RandomFeatureMmd.Moments(f.count())};
            double[] phi = new double[f.count()];
            double[] z = new double[3];
            for (int side = 0; side < 2; side++) {
                for (int i = 0; i < (side == 0 ? 1500 : 1000); i++) {
                    z[0] = rnd.nextGaussian();
                    z[1] = -Math.log(rnd.nextDouble());
                    z[2] = rnd.nextDouble() < 0.3 ? 1 : 0;
                    f.apply(z, 0, phi);
                    m[side].add(phi);
                }
            }
            alarms += RandomFeatureMmd.test(f, m[0], m[1]).pValue() < 0.05 ? 1 : 0;
        }
        System.out.println("random-feature MMD: " + alarms + " false alarms in 200 null pairs at 0.05");
        assertThat(alarms).isBetween(3, 18);
    }

    private static RandomFeatureMmd.Moments moments(RandomFeatureMmd.Features f, JsonNode rows) {
        return moments(f, rows, 0, rows.size());
    }

    private static RandomFeatureMmd.Moments moments(RandomFeatureMmd.Features f, JsonNode rows, int from, int to) {
        RandomFeatureMmd.Moments m = new RandomFeatureMmd.Moments(f.count());
        double[] phi = new double[f.count()];
        for (int i = from; i < to; i++) {
            f.apply(new double[] {rows.get(i).get(0).asDouble(), rows.get(i).get(1).asDouble()}, 0, phi);
            m.add(phi);
        }
        return m;
    }
}

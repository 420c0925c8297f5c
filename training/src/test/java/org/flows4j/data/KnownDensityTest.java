package org.flows4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The synthetic densities are normalised, match their samplers, and the provided sets load with their truth. */
class KnownDensityTest {

    /** ∫ p over a grid covering the support; midpoint rule with cell h = 0.01. */
    private static double integral2d(KnownDensity d, double lo, double hi) {
        int n = (int) Math.round((hi - lo) / 0.01);
        double h = (hi - lo) / n;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sum += Math.exp(d.logDensity(new double[] {lo + (i + 0.5) * h, lo + (j + 0.5) * h}));
            }
        }
        return sum * h * h;
    }

    @Test
    void twoDimensionalDensitiesIntegrateToOne() {
        // Midpoint rule error for these smooth densities at h = 0.01 is far below 1e-3; the board's edges lie on the grid.
        assertEquals(1.0, integral2d(new TwoMoons(), -2.5, 3.0), 1e-3);
        assertEquals(1.0, integral2d(GaussianMixture.eightGaussians(), -3.5, 3.5), 1e-3);
        assertEquals(1.0, integral2d(new Checkerboard(), -2.0, 2.0), 1e-3);
    }

    @Test
    void samplesLieWhereTheDensityIs() {
        for (KnownDensity d : SyntheticSets.all()) {
            INDArray x = d.sample(4000, 7).values();
            assertEquals(d.dim(), x.size(1));
            double nll = d.meanNll(x);
            assertTrue(Double.isFinite(nll), d.name() + ": a sample fell outside the support");
        }
    }

    @Test
    void mixtureMatchesAnIndependentComputation() {
        GaussianMixture g = GaussianMixture.random(3, 4, 2.0, 11);
        double[] x = {0.3, -1.2, 2.0};
        // Draw the same parameters again to compute the reference with commons-math3.
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        double p = 0;
        double[][] means = new double[4][3];
        double[][] scales = new double[4][3];
        for (int k = 0; k < 4; k++) {
            for (int d = 0; d < 3; d++) {
                means[k][d] = 2.0 * (2 * r.nextDouble() - 1);
                scales[k][d] = 0.2 + 0.6 * r.nextDouble();
            }
        }
        for (int k = 0; k < 4; k++) {
            double c = 0.25;
            for (int d = 0; d < 3; d++) {
                c *= new NormalDistribution(means[k][d], scales[k][d]).density(x[d]);
            }
            p += c;
        }
        assertEquals(Math.log(p), g.logDensity(x), 1e-10);
    }

    @Test
    void providedSetsLoadWithTheirTruth() {
        var root = TabularBenchmark.defaultRoot();
        assertTrue(Files.isDirectory(root), "the provided sets must sit at " + root.toAbsolutePath());
        assertTrue(TabularBenchmark.names(root).contains("moons2d"));
        TabularBenchmark b = TabularBenchmark.load(root, "moons2d");
        assertEquals(50000, b.train().rows());
        assertEquals(5000, b.valid().rows());
        assertEquals(10000, b.test().rows());
        assertEquals(2, b.test().dim());
        assertEquals(1.0062299598752267, b.trueTestNll(), 0);
    }

    @Test
    void aMixtureThatIsNotADensityIsRefusedWhenMade() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new GaussianMixture("bad", new double[][] {{0, 0}, {1, 1}}, new double[][] {{1, 1}, {1, -0.3}}));
        assertEquals("GaussianMixture: component 1, dimension 1: expected a finite mean and a finite scale > 0, got "
                + "1.0 and -0.3", e.getMessage(), "a negative scale used to give NaN densities");
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new GaussianMixture("bad", new double[][] {{0, 0}, {1, 1}}, new double[][] {{1, 1}}));
        assertEquals("GaussianMixture: expected means and scales of one shape [K][D] with K, D >= 1, got 2 and 1 "
                + "components", e.getMessage());
    }
}

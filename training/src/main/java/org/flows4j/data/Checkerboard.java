package org.flows4j.data;

import java.util.SplittableRandom;

/**
 * The 2-D checkerboard: uniform on the 8 black unit squares of a 4×4 board on [−2, 2]², so {@code p(x) = 1/8} on
 * them and 0 elsewhere. Its sharp edges are what a smooth flow approximates worst.
 */
public record Checkerboard() implements KnownDensity {
    @Override
    public String name() {
        return "checkerboard";
    }

    @Override
    public int dim() {
        return 2;
    }

    @Override
    public double[] draw(SplittableRandom random) {
        double x = 4 * random.nextDouble() - 2;
        double y = random.nextDouble() - 2 + 2 * random.nextInt(2);
        // Shift y by one square on odd columns so the black squares alternate.
        if (Math.floorMod((int) Math.floor(x), 2) == 1) {
            y += 1;
        }
        return new double[] {x, y};
    }

    @Override
    public double logDensity(double[] p) {
        if (p[0] < -2 || p[0] >= 2 || p[1] < -2 || p[1] >= 2) {
            return Double.NEGATIVE_INFINITY;
        }
        int cx = (int) Math.floor(p[0]) + 2;
        int cy = (int) Math.floor(p[1]) + 2;
        return (cx + cy) % 2 == 0 ? -Math.log(8) : Double.NEGATIVE_INFINITY;
    }
}

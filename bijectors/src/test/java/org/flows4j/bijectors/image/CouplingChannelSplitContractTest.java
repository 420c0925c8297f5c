package org.flows4j.bijectors.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.flows4j.bijectors.AdditiveMap;
import org.flows4j.bijectors.AffineMap;
import org.flows4j.bijectors.Coupling;
import org.flows4j.bijectors.CouplingScale;
import org.flows4j.core.Bijector;
import org.flows4j.models.Glow;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Channel-split couplings through the contract kit: the seed picks affine or additive, (affine) a scale floor of 0 or
 * 0.3, and which half is kept (the first, as Glow; or the second, flipped, as RealNVP alternates); the conditioner
 * reads the kept C/2 channels.
 */
class CouplingChannelSplitContractTest extends ImageContract {
    @Override
    protected Bijector create(long[] eventShape, long seed) {
        int c = (int) eventShape[0];
        boolean affine = seed % 2 == 0;
        var net = ConvNets.glow(c / 2, 4, affine ? c : c / 2, Glow.GLOW_ACTNORM_FACTOR, seed);
        double scaleFloor = (seed / 2) % 2 == 0 ? 0 : 0.3;
        boolean flipped = (seed / 4) % 2 == 1;
        return new Coupling(new ChannelSplit(c, flipped), net, affine
                ? AffineMap.shiftThenScale(CouplingScale.sigmoid(scaleFloor)) : new AdditiveMap());
    }

    /** An even number of channels, as the split needs. */
    @Override
    protected Arbitrary<Integer> channels() {
        return Arbitraries.of(2, 4);
    }

    /** As for {@link CouplingImageMaskContractTest}: keeps the zero convolution's {@code exp(3·s)} in a sane range. */
    @Override
    protected double parameterScale() {
        return 0.1;
    }

    @Test
    void aFlippedSplitKeepsTheSecondHalfAndTransformsTheFirst() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 3, 3).subi(0.5);
        double s = 1 / (1 + Math.exp(-2));
        for (boolean flipped : new boolean[] {false, true}) {
            Coupling coupling = new Coupling(new ChannelSplit(4, flipped), ConvNets.glow(2, 4, 4,
                    Glow.GLOW_ACTNORM_FACTOR, 3), AffineMap.shiftThenScale(CouplingScale.sigmoid()));
            INDArray y = coupling.forward(x);
            int kept = flipped ? 2 : 0;
            int moved = flipped ? 0 : 2;
            // bit for bit: the kept half passes through
            assertArrayEquals(half(x, kept).data().asDouble(), half(y, kept).data().asDouble(),
                    "kept half, flipped " + flipped);
            // the zero convolution gives h = 0 at first, so the transformed half is scaled by sigmoid(0 + 2)
            assertTrue(half(x, moved).mul(s).equalsWithEps(half(y, moved), 1e-12), "transformed half, flipped "
                    + flipped);
            assertEquals(flipped ? "ChannelSplit[4, flipped]" : "ChannelSplit[4]", coupling.partition().toString());
        }
        assertEquals(new ChannelSplit(4, true), new ChannelSplit(4, true));
        assertNotEquals(new ChannelSplit(4, true), new ChannelSplit(4));
    }

    /** A copy of channels {@code [from, from + 2)} of a 4-channel batch. */
    private static INDArray half(INDArray x, int from) {
        return x.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + 2)).dup();
    }

    @Test
    void refusesAnotherChannelCountInsteadOfSplittingIt() {
        Coupling coupling = new Coupling(new ChannelSplit(4), ConvNets.glow(2, 4, 4, Glow.GLOW_ACTNORM_FACTOR, 1),
                AffineMap.shiftThenScale(CouplingScale.sigmoid()));
        INDArray eight = Nd4j.zeros(DataType.FLOAT, 2, 8, 4, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> coupling.forward(eight));
        assertEquals("Coupling: expected arrays of shape [N, 4, H, W], got [N, 8, 4, 4]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> coupling.inverse(eight));
        assertThrows(IllegalArgumentException.class,
                () -> coupling.backward(eight, eight, Nd4j.zeros(DataType.FLOAT, 2)));
    }

    @Test
    void refusesAConditionerOutputOfAnotherShape() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 2, 4, 4, 4);
        Coupling halfWide = new Coupling(new ChannelSplit(4), ConvNets.glow(2, 4, 2, Glow.GLOW_ACTNORM_FACTOR, 1),
                AffineMap.shiftThenScale(CouplingScale.sigmoid()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> halfWide.forward(x));
        assertEquals("Coupling: expected the conditioner's output of shape [2, 4, 4, 4], got [2, 2, 4, 4]",
                e.getMessage());
        Coupling masked = new Coupling(ImageMask.checkerboard(4, 4, 4, false),
                ConvNets.resnet(4, 4, 1, 4, 1), AffineMap.shiftThenScale(CouplingScale.sigmoid()));
        e = assertThrows(IllegalArgumentException.class, () -> masked.inverse(x));
        assertEquals("Coupling: expected the conditioner's output of shape [2, 8, 4, 4], got [2, 4, 4, 4]",
                e.getMessage());
    }

    @Test
    void aMaskWithNothingToTransformIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageMask.checkerboard(3, 1, 1, false));
        assertEquals("a CHECKERBOARD mask on 3x1x1 keeps every element; a coupling needs both kept and transformed "
                + "ones", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> org.flows4j.models.RealNvpImage.builder(1, 4, 4)
                .scales(3).build());
        assertTrue(e.getMessage().contains("last scale of 1x1 pixels"), e.getMessage());
    }
}

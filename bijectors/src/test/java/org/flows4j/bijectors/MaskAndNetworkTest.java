package org.flows4j.bijectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.flows4j.bijectors.nn.Mlp;
import org.flows4j.core.Bijector;
import org.flows4j.core.Parameter;
import org.flows4j.core.ParameterVector;
import org.flows4j.core.Transformed;
import org.flows4j.testkit.BijectorContract;
import org.flows4j.testkit.FiniteDifferences;
import org.flows4j.models.RealNvp;
import org.flows4j.testkit.BijectorChecks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Masks partition as documented; the MLP starts at zero output and its backward matches finite differences. */
class MaskAndNetworkTest {

    @BeforeEach
    void float64() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @Test
    void masksPartitionTheFeatures() {
        assertArrayEquals(new int[] {0, 1}, Mask.halfSplit(5, false).identity());
        assertArrayEquals(new int[] {2, 3, 4}, Mask.halfSplit(5, false).transformed());
        assertArrayEquals(new int[] {2, 3, 4}, Mask.halfSplit(5, true).identity());
        assertArrayEquals(new int[] {0, 2, 4}, Mask.alternating(5, false).identity());
        assertArrayEquals(new int[] {1, 3}, Mask.alternating(5, false).transformed());
        assertThrows(IllegalArgumentException.class, () -> Mask.halfSplit(1, false));
    }

    @Test
    void permutationsAreSeededAndReproducible() {
        assertArrayEquals(new int[] {3, 2, 1, 0}, Permutation.reverse(4).order());
        assertArrayEquals(Permutation.shuffle(10, 7).order(), Permutation.shuffle(10, 7).order());
        INDArray x = Nd4j.createFromArray(new double[][] {{10, 11, 12, 13}});
        BijectorChecks.assertClose("reverse", Permutation.reverse(4).forward(x),
                Nd4j.createFromArray(new double[][] {{13, 12, 11, 10}}), 0);
    }

    @Test
    void freshCouplingIsTheIdentity() {
        INDArray x = BijectorChecks.gaussian(new SplittableRandom(1), 6, 4);
        var flow = RealNvp.builder(4).couplings(4).hidden(16).seed(3).build().bijector();
        BijectorChecks.assertClose("fresh RealNVP", flow.forward(x), x, 0);
        BijectorChecks.assertClose("fresh log-det", flow.logAbsDetJacobian(x), Nd4j.zeros(DataType.DOUBLE, 6), 0);
    }

    @Test
    void mlpBackwardMatchesFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(5);
        Mlp mlp = new Mlp(3, new int[] {7, 5}, 4, 11);
        for (Parameter p : mlp.parameters()) {
            p.value().addi(BijectorChecks.gaussian(r, p.shape()).muli(0.3));
            p.grad().assign(0);
        }
        INDArray x = BijectorChecks.gaussian(r, 5, 3);
        INDArray w = BijectorChecks.gaussian(r, 5, 4);
        mlp.forward(x);
        INDArray gradX = mlp.backward(w);
        double h = 1e-6;
        java.util.function.DoubleSupplier loss = () -> mlp.forward(x).mul(w).sumNumber().doubleValue();
        for (int k = 0; k < x.length(); k++) {
            FiniteDifferences.assertAgrees("dL/dx", gradX.getDouble(k), FiniteDifferences.partial(x, k, h, loss), 1e-7);
        }
        for (Parameter p : mlp.parameters()) {
            for (int k = 0; k < p.length(); k++) {
                FiniteDifferences.assertAgrees(p.name(), p.grad().getDouble(k),
                        FiniteDifferences.partial(p.value(), k, h, loss), 1e-7);
            }
        }
    }

    /** The forward pass (products into kept buffers, fused bias and ReLU) against ND4J's mmul, in both types. */
    @Test
    void forwardMatchesTheMatrixProduct() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            Nd4j.setDefaultDataTypes(type, type);
            SplittableRandom r = new SplittableRandom(13);
            Mlp mlp = new Mlp(4, new int[] {37}, 6, 3);
            for (Parameter p : mlp.parameters()) {
                p.value().addi(BijectorChecks.gaussian(r, p.shape()).muli(0.5).castTo(type));
            }
            INDArray x = BijectorChecks.gaussian(r, 11, 4).castTo(type);
            List<Parameter> ps = mlp.parameters();
            INDArray hidden = Transforms.relu(x.mmul(ps.get(0).value()).addRowVector(ps.get(1).value()), true);
            INDArray expected = hidden.mmul(ps.get(2).value()).addRowVector(ps.get(3).value());
            // float32: sums of 4 and 37 products of O(1) terms in another order, a few ulps apart.
            BijectorChecks.assertClose(type + " output", mlp.forward(x).castTo(DataType.DOUBLE),
                    expected.castTo(DataType.DOUBLE), type == DataType.DOUBLE ? 1e-12 : 1e-5);
        }
    }

    @Test
    void gradientsAccumulateIntoTheFlatParameterVectorViews() {
        SplittableRandom r = new SplittableRandom(9);
        INDArray x = BijectorChecks.gaussian(r, 7, 5);
        INDArray w = BijectorChecks.gaussian(r, 7, 5);
        INDArray v = BijectorChecks.gaussian(r, 7);
        Bijector loose = RealNvp.builder(5).couplings(3).hidden(6, 6).seed(4).build().bijector();
        Bijector bound = RealNvp.builder(5).couplings(3).hidden(6, 6).seed(4).build().bijector();
        BijectorContract.randomizeParameters(loose, 2, 0.2);
        BijectorContract.randomizeParameters(bound, 2, 0.2);
        ParameterVector vector = ParameterVector.of(bound.parameters(), DataType.DOUBLE);
        loose.backward(loose.forward(x), w, v);
        bound.backward(bound.forward(x), w, v);
        INDArray expected = Nd4j.concat(1, loose.parameters().stream()
                .map(p -> p.grad().reshape(1, p.length())).toArray(INDArray[]::new));
        BijectorChecks.assertClose("gradients in the flat vector", vector.gradients(), expected, 1e-12);
    }

    @Test
    void float32AgreesWithFloat64() {
        INDArray x64 = BijectorChecks.gaussian(new SplittableRandom(3), 9, 6);
        Bijector b64 = RealNvp.builder(6).couplings(4).hidden(16).mixing(RealNvp.Mixing.SHUFFLE).seed(5).build()
                .bijector();
        BijectorContract.randomizeParameters(b64, 8, 0.2);
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Bijector b32 = RealNvp.builder(6).couplings(4).hidden(16).mixing(RealNvp.Mixing.SHUFFLE).seed(5).build()
                .bijector();
        BijectorContract.randomizeParameters(b32, 8, 0.2);
        INDArray x32 = x64.castTo(DataType.FLOAT);
        Transformed t32 = b32.forwardWithLogDet(x32);
        Transformed t64 = b64.forwardWithLogDet(x64);
        assertEquals(DataType.FLOAT, t32.output().dataType());
        // float32 carries ~7 digits; four layers of O(1) arithmetic stay within 1e-5.
        BijectorChecks.assertClose("float32 output", t32.output().castTo(DataType.DOUBLE), t64.output(), 1e-5);
        BijectorChecks.assertClose("float32 log-det", t32.logDet().castTo(DataType.DOUBLE), t64.logDet(), 1e-5);
        // The inverse divides by s ≥ e^−3 per layer, which magnifies float32's rounding of t: allow 1e-4.
        BijectorChecks.assertClose("float32 round trip", b32.inverse(t32.output()).castTo(DataType.DOUBLE), x64, 1e-4);
    }

    @Test
    void builtInConditionersRefuseAContextInsteadOfIgnoringIt() {
        Mlp mlp = new Mlp(2, new int[] {4}, 3, 1);
        INDArray x = Nd4j.ones(DataType.DOUBLE, 5, 2);
        assertEquals(mlp.forward(x), mlp.forward(x, null), "no context is the plain forward pass");
        assertNull(mlp.contextGradient());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mlp.forward(x, Nd4j.ones(DataType.DOUBLE, 5, 3)));
        assertEquals("Mlp takes no context, got one of shape [5, 3]", e.getMessage());
    }

    @Test
    void aNetworkWidthBelowOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Mlp(4, new int[] {0}, 8, 0));
        assertEquals("Mlp: expected widths >= 1, got 4 -> [0] -> 8", e.getMessage());
    }
}

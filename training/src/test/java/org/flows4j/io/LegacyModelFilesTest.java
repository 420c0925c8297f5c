package org.flows4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.flows4j.bijectors.kernel.Kernels;
import org.flows4j.core.Flow;
import org.flows4j.data.GaussianMixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Model files written before the coupling algebra and the single ActNorm and permutation classes (see
 * {@code src/test/resources/legacy/README.md}) load as the functions they were: the same log-densities as the
 * writing version computed, to float32 rounding. The tolerance, 2e-5 of max(1, |log p|), allows for formulas that
 * now round in another order (the tabular sigmoid scale computes s directly instead of as exp(log s)); a wrong
 * layout, mask, order or parameter would move log p by far more.
 */
class LegacyModelFilesTest {
    private static final double TOLERANCE = 2e-5;

    private static Path legacy(String name) {
        try {
            return Path.of(LegacyModelFilesTest.class.getResource("/legacy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The batch the fixtures were scored on: {@link FlowFilesTest}'s 16 events of the flow's input shape, seed 2. */
    private static INDArray batch(Flow flow) {
        return FlowFilesTest.batch(flow, 2);
    }

    private static void assertSameLogProb(String name, INDArray actual) {
        INDArray expected = Nd4j.createFromNpyFile(new File(legacy(name + ".logp.npy").toString()));
        double[] e = expected.toDoubleVector();
        double[] a = actual.toDoubleVector();
        assertEquals(e.length, a.length, name);
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], TOLERANCE * Math.max(1, Math.abs(e[i])), name + ": log p of row " + i);
        }
    }

    static IntStream flowFiles() {
        return IntStream.range(0, 10);
    }

    @ParameterizedTest(name = "flow-v1-{0}")
    @MethodSource("flowFiles")
    void version1FlowFilesLoadAsTheSameFunction(int index) {
        String name = String.format("flow-v1-%02d", index);
        Flow flow = FlowFiles.load(legacy(name + ".flow"));
        assertSameLogProb(name, flow.logProb(batch(flow)));
    }

    /** The same files on the ND4J path of the kernels (the path CUDA takes), to float32 rounding. */
    @ParameterizedTest(name = "flow-v1-{0} on the ND4J path")
    @MethodSource("flowFiles")
    void version1FlowFilesLoadAsTheSameFunctionOnTheNd4jPath(int index) {
        Kernels.Path previous = Kernels.use(Kernels.Path.ND4J);
        try {
            version1FlowFilesLoadAsTheSameFunction(index);
        } finally {
            Kernels.use(previous);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"glow"})
    void version2ImageModelFilesLoadAsTheSameFunction(String family) {
        String name = "image-v2-" + family;
        Flow flow = ImageModelFiles.load(legacy(name + ".flow")).flow();
        assertSameLogProb(name, flow.logProb(batch(flow)));
    }

    /** A RealNVP written before its channel couplings split the channels is refused in one line naming the version. */
    @org.junit.jupiter.api.Test
    void aVersion2RealNvpImageFileIsRefusedByItsFormatVersion() {
        java.nio.file.Path file = legacy("image-v2-realnvp.flow");
        String message = org.junit.jupiter.api.Assertions.assertThrows(org.flows4j.data.DataFormatException.class,
                () -> ImageModelFiles.load(file)).getMessage();
        org.junit.jupiter.api.Assertions.assertEquals(file + ": image model format version 2 holds a RealNVP with "
                + "channel-masked couplings, which this flows4j (format 3, channel-split couplings) no longer reads; "
                + "train it again with flows train-images", message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tabular-v1"})
    void version1TabularModelFilesLoadAsTheSameFunction(String name) {
        Flow flow = ModelFiles.load(legacy(name + ".flow")).flow();
        INDArray x = GaussianMixture.random(5, 3, 2.0, 3).sample(64, 9).values(DataType.FLOAT);
        assertSameLogProb(name, flow.logProb(x));
        assertArrayEquals(new long[] {5}, flow.inputEventShape());
    }
}

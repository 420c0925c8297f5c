package org.flows4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.flows4j.bijectors.CouplingScale;
import org.flows4j.bijectors.Mask;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A model description that cannot be built is refused when it is made, naming the setting and its value. */
class ModelDescriptionChecksTest {
    static Stream<Arguments> descriptions() {
        return Stream.of(
                refused(() -> new Glow(0, 32, 32, 3, 8, 128, Glow.Coupling.AFFINE, Glow.Permutation.CONV1X1_LU, true,
                        3, 0, 0), "Glow: expected images of at least 1x1x1, got 0x32x32"),
                // 1 << 32 == 1: the divisibility check used to pass
                refused(() -> new Glow(1, 32, 32, 32, 8, 128, Glow.Coupling.AFFINE, Glow.Permutation.CONV1X1_LU, true,
                        3, 0, 0), "Glow: expected levels in [1, 30], steps and hidden width >= 1, got 32, 8 and 128"),
                refused(() -> new Glow(1, 32, 32, 3, 8, 128, null, Glow.Permutation.CONV1X1_LU, true, 3, 0, 0),
                        "Glow: expected a coupling and a permutation, got null and CONV1X1_LU"),
                refused(() -> new Glow(1, 32, 32, 3, 8, 128, Glow.Coupling.AFFINE, Glow.Permutation.SHUFFLE, true,
                        Double.POSITIVE_INFINITY, 0, 0), "Glow's ActNorm log-scale factor must be > 0, got Infinity"),
                // a hidden width of 0 used to be reported as an image size not divisible by 2
                refused(() -> new RealNvpImage(1, 32, 32, 2, 0, 1, 0.05, 0),
                        "RealNVP: expected scales in [1, 30], hidden width >= 1 and blocks >= 0, got 2, 0 and 1"),
                refused(() -> new RealNvpImage(1, 32, 32, 2, 32, 1, 0.6, 0),
                        "RealNVP: expected the logit margin alpha in [0, 0.5), got 0.6"),
                // a negative margin used to drop the logit without a word
                refused(() -> new NiceImage(1, 28, 28, 4, List.of(64), -0.05, 0),
                        "NiceImage: expected the logit margin alpha 0 (none) or in (0, 0.5), got -0.05"),
                refused(() -> new RealNvp(4, 2, List.of(8), Mask.Kind.HALF, null, CouplingScale.expTanh(3), false, 0),
                        "RealNVP: expected a mask, a mixing and a scale, got HALF, null and "
                                + CouplingScale.expTanh(3)),
                refused(() -> new Nice(4, 2, List.of(8), Mask.Kind.ALTERNATING, null, 0),
                        "NICE: expected a mask and a prior, got ALTERNATING and null"));
    }

    private static Arguments refused(Supplier<Object> make, String message) {
        return Arguments.of(make, message);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("descriptions")
    void isRefusedNamingTheSetting(Supplier<Object> make, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, make::get).getMessage());
    }
}

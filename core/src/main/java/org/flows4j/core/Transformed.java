package org.flows4j.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The result of pushing a batch through a bijector: the output and {@code log|det J|} per sample ({@code [N]}).
 */
public record Transformed(INDArray output, INDArray logDet) {
}

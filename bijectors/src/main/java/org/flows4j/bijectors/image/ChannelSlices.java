package org.flows4j.bijectors.image;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Copies of channel ranges of {@code [N, C, H, W]} arrays, for the couplings that split by channel. */
final class ChannelSlices {
    private ChannelSlices() {
    }

    /** {@code x[:, from:to]}, a new c-ordered array. */
    static INDArray copy(INDArray x, long from, long to) {
        return x.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all())
                .dup('c');
    }
}

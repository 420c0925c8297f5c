package org.flows4j.training;

/** One epoch's figures: mean training NLL over its batches, validation NLL (nats), wall time and throughput. */
public record EpochReport(int epoch, double trainNll, double validNll, double seconds, double rowsPerSecond) {
}

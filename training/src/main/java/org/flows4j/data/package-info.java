/**
 * Tabular data for fitting and evaluating flows. A {@link Table} holds named columns over a float64
 * {@code [rows, columns]} array, read from plain or gzipped CSV by {@link CsvTables} and narrowed by {@link Columns};
 * {@link TabularBenchmark} loads the provided sets with their true test NLL. The synthetic {@link KnownDensity} sets
 * ({@link TwoMoons}, {@link GaussianMixture}, {@link Checkerboard}, listed by {@link SyntheticSets}) have exact
 * log-densities, the yardstick for a fitted flow's NLL. Unusable input is refused with a one-line
 * {@link DataFormatException} naming the file, which the image readers and model files of this module use too.
 */
package org.flows4j.data;

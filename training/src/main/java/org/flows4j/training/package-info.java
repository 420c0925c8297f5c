/**
 * Maximum-likelihood training of tabular flows. {@link Trainer} fits a {@link org.flows4j.core.Flow} under a
 * {@link TrainingConfig} and {@link LearningRateSchedule}, reporting progress to a {@link TrainingListener} and its
 * outcome as {@link EpochReport}s in a {@link TrainingReport}. A {@link TabularModel} names an architecture from
 * {@code org.flows4j.models} with a fitted standardization in front, a {@link DensityModel} is the fitted density
 * with its anomaly thresholds, and {@link TabularExperiment} fits a tabular model and evaluates it on test rows into
 * a {@link TabularResult}.
 * {@link BackendReport} describes the ND4J backend in use; the data comes from {@code org.flows4j.data}.
 */
package org.flows4j.training;

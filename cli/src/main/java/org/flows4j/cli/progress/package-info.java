/**
 * The tool's console progress bars, drawn from the training library's listeners ({@code TrainingListener},
 * {@code ImageTrainingListener}): the library itself prints nothing. Used by the commands in {@code org.flows4j.cli}
 * and by the ablation runner.
 */
package org.flows4j.cli.progress;

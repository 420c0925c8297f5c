/**
 * The {@code flows} command-line tool, built on picocli with {@link FlowsCli} as its entry point. Its subcommands
 * ({@code demo}, {@code fit}, {@code score}, {@code sample}, {@code evaluate}, {@code tabular}, {@code train-images},
 * {@code image-demos}, {@code ablation}, {@code bench}, {@code backend}) parse options, call the library modules
 * (models from {@code org.flows4j.models}, data, training and model files from the training module) and print
 * reports and progress bars ({@code org.flows4j.cli.progress}). This module is a tool, not a library: the library
 * modules core, bijectors and training do not depend on it, and user errors end in a one-line message rather than a
 * stack trace.
 */
package org.flows4j.cli;

/**
 * Benchmarks of the {@code flows bench} command that need more than a timing loop. {@link GlowBenchmark} times Glow
 * training steps on real images and reports images per second with the process's peak resident memory, read from
 * {@code /proc/self/status}. The tabular and convolution benchmarks live in the command itself.
 */
package org.flows4j.cli.bench;

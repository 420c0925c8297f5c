/**
 * The tool's pictures, written as PNG files. {@link DensityPlots} draws a 2-D flow's data, learned density and
 * samples side by side; {@link ImageGrid} lays out rows of model-space images as one grid; {@link AblationPlots} draws
 * the figure of test bits/dim against training steps from the runs of {@code org.flows4j.cli.ablation}. The commands
 * of {@code org.flows4j.cli} call them; nothing in the library modules depends on them.
 */
package org.flows4j.cli.plot;

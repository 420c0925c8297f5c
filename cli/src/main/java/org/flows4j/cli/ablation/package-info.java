/**
 * The runner behind {@code flows ablation}: the Glow paper's permutation ablation, reverse | shuffle | 1×1
 * convolution × additive | affine coupling over several seeds. {@link AblationPreset} holds the settings shared by
 * every run (a default preset sized for a small machine and the paper's configuration), and {@link Ablation} trains
 * the grid with {@link org.flows4j.models.Glow} and {@link org.flows4j.images.ImageTrainer}, checkpointing each run
 * so that an interrupted ablation resumes. The {@code ablation} command draws the runs' curves with
 * {@code org.flows4j.cli.plot}.
 */
package org.flows4j.cli.ablation;

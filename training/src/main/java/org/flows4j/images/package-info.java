/**
 * Training flows on images. An {@link ImageSet} holds 8-bit {@code [N, C, H, W]} images, read from IDX files
 * ({@link IdxFiles}, {@link FashionMnist}) or a folder of PNGs ({@link PngFolder}); {@link Dequantization} turns them
 * into model inputs in [−½, ½] and log-likelihoods into bits per dimension. An {@link ImageModel} is an architecture
 * from {@code org.flows4j.models} with its flow and training state; {@link ImageTrainer} trains it under an
 * {@link ImageTrainingConfig}, recording {@link CurvePoint}s and reporting progress to an
 * {@link ImageTrainingListener}. Image models and checkpoints are saved and loaded by {@code org.flows4j.io}.
 */
package org.flows4j.images;

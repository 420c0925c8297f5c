/**
 * Model files. {@link ModelFiles} saves and loads fitted tabular densities ({@code .flow} files of
 * {@link org.flows4j.training.DensityModel}s) and {@link ImageModelFiles} image models and their training
 * checkpoints; both are ZIP archives that NumPy also reads as {@code .npz}, with a {@code model.json} describing the
 * model and one {@code .npy} entry per array. Reading refuses a bad file with a one-line
 * {@link org.flows4j.data.DataFormatException}, and {@link AtomicFiles} writes these files, and other outputs such as
 * CSV tables, completely or not at all.
 */
package org.flows4j.io;

/**
 * Ready-made flow architectures as immutable descriptions with builders: {@link Nice} and {@link RealNvp} for tabular
 * vectors, and {@link Glow}, {@link RealNvpImage} and {@link NiceImage} for images, behind {@link ImageFlow}. Each
 * builds a fresh {@link org.flows4j.core.Flow} on request, and the same description with the same seed gives the
 * same initial weights. They assemble the bijectors of {@code org.flows4j.bijectors} and
 * {@code org.flows4j.bijectors.image} with the conditioners of {@code org.flows4j.bijectors.nn}.
 */
package org.flows4j.models;

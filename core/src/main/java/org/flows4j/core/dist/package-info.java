/**
 * Base distributions p_Z for flows, implementations of {@link org.flows4j.core.Distribution}, which gives the log-density summed over the event dimensions,
 * samples at a temperature, and a backward pass returning {@code dL/dz} while adding into the gradients of any
 * parameters. The implementations are the fixed {@link StandardNormal} and {@link StandardLogistic} (NICE's prior)
 * and the {@link DiagonalGaussian} with trainable mean and log standard deviation. An {@link org.flows4j.core.Flow}
 * combines one of them with a bijector.
 */
package org.flows4j.core.dist;

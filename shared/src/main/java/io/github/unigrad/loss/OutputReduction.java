package io.github.unigrad.loss;

/**
 * How an elementwise loss combines its outputs' terms into one example's value: the {@code outputs} option
 * of the losses that sum over outputs by default ({@code huber}, {@code smooth_l1}, {@code log_cosh}, the hinges,
 * {@code binary_cross_entropy}, {@code focal}, {@code poisson_nll}, {@code kl_divergence},
 * {@code categorical_cross_entropy}).
 * <ul>
 *   <li>{@link #SUM}: {@code L_i = Σ_j c_j f_ij} (the default: one output's term does not change with the
 *       number of outputs; DL4J's and Tribuo's convention);</li>
 *   <li>{@link #MEAN}: {@code L_i = (1/K) Σ_j c_j f_ij} over the K outputs (masked ones included), as Keras
 *       reduces its elementwise losses over the last axis and PyTorch's {@code reduction="mean"} does per
 *       example; the gradient is divided by K too.</li>
 * </ul>
 */
public enum OutputReduction {
    SUM, MEAN
}

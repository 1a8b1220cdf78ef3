/**
 * Layer 5, the Tribuo 4.3.2 adapter: the Unigrad catalogue in Tribuo: any catalogue loss as a {@code LabelObjective}
 * ({@link io.github.unigrad.tribuo.UnigradLabelObjective}), {@code RegressionObjective}
 * ({@link io.github.unigrad.tribuo.UnigradRegressionObjective}) or {@code MultiLabelObjective}
 * ({@link io.github.unigrad.tribuo.UnigradMultiLabelObjective}), and any catalogue optimiser as a
 * {@code StochasticGradientOptimiser} ({@link io.github.unigrad.tribuo.UnigradOptimiser}), each
 * configured by a spec string, from Java, OLCUT XML ({@code examples/*.xml} in this package's
 * resources), the command line ({@link io.github.unigrad.tribuo.UnigradOptions}) or a model's
 * provenance. The adapters hold no formula: they translate Tribuo's conventions (raw scores in,
 * negative gradient out; an update Tribuo adds) and move data between Tribuo's tensors and the
 * shared kernels. Depends on {@code loss}, {@code optim}, {@code spec} and Tribuo
 * (Tribuo's tensors are heap double arrays, so it needs no {@code host} streaming); nothing in
 * {@code shared} depends on it.
 */
package io.github.unigrad.tribuo;

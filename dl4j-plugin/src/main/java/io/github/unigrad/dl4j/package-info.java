/**
 * Layer 5, the DeepLearning4J 1.0.0-M2.1 adapter: any catalogue loss as an {@code ILossFunction}
 * ({@link io.github.unigrad.dl4j.UnigradLoss}) and any catalogue optimiser as an {@code IUpdater}
 * ({@link io.github.unigrad.dl4j.UnigradUpdater}), each configured by a spec string. The adapter holds no
 * formula: it translates DL4J's conventions (score averaging over the minibatch, per-example or
 * per-output masks and weights, the updater's 0-based iteration, weight decay through DL4J's
 * regularisation) and hands DL4J's views to the {@code host} layer. Depends on {@code host},
 * {@code loss}, {@code optim}, {@code schedule}, {@code spec} and DL4J/ND4J; nothing in {@code shared}
 * depends on it.
 */
package io.github.unigrad.dl4j;

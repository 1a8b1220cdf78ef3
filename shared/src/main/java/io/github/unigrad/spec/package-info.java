/**
 * Layer 1 of the architecture ({@code spec → schedule → loss/optim → host → adapters}): the spec language
 * every catalogue component is configured and printed by ({@code adam(lr=0.001, b1=0.9)}), its parser,
 * typed parameters with their valid ranges, and the catalogue of names. Depends on the JDK only; every
 * other package may depend on it.
 */
package io.github.unigrad.spec;

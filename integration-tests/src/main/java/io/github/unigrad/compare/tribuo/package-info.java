/**
 * The comparison runner's Tribuo side: the same linear model trained with a Unigrad objective or
 * optimiser and with Tribuo's twin. Depends on {@code compare}, {@code compare.data}, the Tribuo adapter
 * and the loss catalogue.
 */
package io.github.unigrad.compare.tribuo;

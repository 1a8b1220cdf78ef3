/** The classic XOR example, done right, in both frameworks. */
package io.github.unigrad.compare.examples;

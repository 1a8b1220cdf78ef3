/**
 * The classic XOR example, done right, in both frameworks.
 * Depends on the comparison packages and both plugins.
 */
package io.github.unigrad.compare.examples;

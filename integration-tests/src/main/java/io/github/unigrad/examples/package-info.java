/**
 * Runnable examples of the library in both frameworks (the README's examples). Depends on the adapters
 * and on the comparison runner's data and training helpers.
 */
package io.github.unigrad.examples;

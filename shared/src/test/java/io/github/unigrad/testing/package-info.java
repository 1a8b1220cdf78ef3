/**
 * Test helpers shared by the catalogue's tests: central finite differences and random minibatches.
 * Depends on the loss catalogue, AssertJ and the JDK.
 */
package io.github.unigrad.testing;

/**
 * Tests of DL4J networks configured with Unigrad losses and optimisers, trained on Spark with
 * parameter averaging and compared with the same averaging computed on one machine and, where DL4J
 * has the same loss and updater built in, with those. Depends on the DL4J adapter, DL4J Spark and
 * ND4J.
 */
package io.github.unigrad.spark;

/**
 * The comparison runner's DL4J side: the same network trained with a Unigrad loss or updater and with
 * DL4J's twin. Depends on {@code compare}, {@code compare.data}, the DL4J adapter and the loss catalogue.
 */
package io.github.unigrad.compare.dl4j;

/**
 * Tests that one catalogue component gives the same numbers through both adapters (DL4J and Tribuo) on
 * the same data. Depends on both adapters and the catalogue.
 */
package io.github.unigrad.crossframework;

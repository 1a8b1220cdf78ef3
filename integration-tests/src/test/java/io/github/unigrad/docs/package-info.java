/**
 * Tests that keep the documentation true: every catalogue name in the README's tables, every package
 * with its {@code package-info.java} and no import against the layer order. Reads the source tree.
 */
package io.github.unigrad.docs;

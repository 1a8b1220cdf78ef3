/**
 * The comparison runner's data: the shipped data sets as numeric tables, splits and standardisation,
 * framework-neutral. Depends on the JDK only.
 */
package io.github.unigrad.compare.data;

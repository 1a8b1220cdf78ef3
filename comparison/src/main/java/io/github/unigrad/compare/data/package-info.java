/**
 * The data comparisons run on: small in-memory tables, the shipped and generated datasets, the user's CSV
 * file ({@link io.github.unigrad.compare.data.CsvTable}), and the stratified, standardised train/test split.
 * Depends on the JDK alone.
 */
package io.github.unigrad.compare.data;

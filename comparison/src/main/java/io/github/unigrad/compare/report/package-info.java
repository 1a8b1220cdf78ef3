/**
 * The comparison report: the results table, loss-curve plots, and the same document as HTML and Markdown.
 * Depends on {@code io.github.unigrad.compare}'s results, the XOR example's, and XChart for the plots.
 */
package io.github.unigrad.compare.report;

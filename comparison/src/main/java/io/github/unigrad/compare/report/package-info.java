/** The comparison report: the results table, loss-curve plots, and the same document as HTML and Markdown. */
package io.github.unigrad.compare.report;

/**
 * The comparison runner's report: result tables, loss charts (XChart) and the Markdown document.
 * Depends on {@code compare}'s results and XChart.
 */
package io.github.unigrad.compare.report;

/**
 * What the measuring modules share to write {@code results/}: the facts of the machine a run measured on
 * ({@link org.capring.report.Machine}) and chart files ({@link org.capring.report.ChartFiles}). Depends only on
 * XChart; nothing here knows JMH or the stress harness.
 */
package org.capring.report;

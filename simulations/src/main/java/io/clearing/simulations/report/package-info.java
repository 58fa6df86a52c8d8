/**
 * Outputs of a run: CSVs ({@link io.clearing.simulations.report.CsvReports}), PNG charts with confidence bands, the
 * model-versus-fact table ({@link io.clearing.simulations.report.Validation}) and one self-contained HTML report
 * ({@link io.clearing.simulations.report.SimulationReport}, {@link io.clearing.simulations.report.SweepReport}).
 */
package io.clearing.simulations.report;

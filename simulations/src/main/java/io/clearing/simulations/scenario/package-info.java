/**
 * Scenario parameters and files: {@link io.clearing.simulations.scenario.Parameters} lists every parameter with its
 * default, range and meaning; {@link io.clearing.simulations.scenario.ScenarioLoader} reads YAML files (or shipped
 * scenarios by name) and {@code --set} overrides into a validated
 * {@link io.clearing.simulations.scenario.Scenario}, refusing anything else as {@code FILE:LINE: key: reason}.
 */
package io.clearing.simulations.scenario;

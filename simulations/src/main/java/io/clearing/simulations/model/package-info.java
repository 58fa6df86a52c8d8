/**
 * The agent-based model: {@link io.clearing.simulations.model.Economy} (one replication: households, firms, an
 * enterprise, community funds and the rest of the world, stepped day by day), the double-entry stock-flow ledger
 * checked every step, the invoice book cleared by the exact solver of clearing-core, and the monthly
 * {@link io.clearing.simulations.model.Metric} series. Primitive arrays throughout; a day allocates nothing per
 * agent. Not thread-safe: one economy per thread.
 */
package io.clearing.simulations.model;

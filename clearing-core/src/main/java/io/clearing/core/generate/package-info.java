/**
 * Seeded generators of obligation networks for tests, benchmarks, demos and simulations.
 */
package io.clearing.core.generate;

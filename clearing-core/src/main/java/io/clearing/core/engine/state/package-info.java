/**
 * The engine's business logic as a pure deterministic state machine over binary commands
 * ({@link io.clearing.core.engine.state.CommandCodec}), behind the
 * {@link io.clearing.core.engine.state.CommandStateMachine} seam that both the Disruptor runtime and a future Aeron
 * Cluster service drive. No clock, no randomness, no hash-order iteration; state in primitive arrays.
 */
package io.clearing.core.engine.state;

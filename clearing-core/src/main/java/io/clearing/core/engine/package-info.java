/**
 * The clearing engine runtime: {@link io.clearing.core.engine.ClearingEngine} started from a
 * {@link io.clearing.core.engine.Context}; producers publish into an LMAX Disruptor ring, a journal stage appends
 * each command to Chronicle Queue, one logic thread applies it to the deterministic state machine and replies.
 * Everything but the engine, its context and the wait strategy choice is package-private. See docs/engine.md.
 */
package io.clearing.core.engine;

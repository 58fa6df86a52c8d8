/**
 * Durability: the command journal on Chronicle Queue (versioned header, per-record checksums), snapshot files,
 * and recovery as newest readable snapshot plus journal tail.
 */
package io.clearing.core.engine.journal;

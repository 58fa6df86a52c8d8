/**
 * What an application embedding the engine sees: result codes, replies and listeners, the read-only state view
 * and its records, and the continuous-clearing policy. Amounts are always long minor units.
 */
package io.clearing.core.engine.api;

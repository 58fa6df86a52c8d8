/**
 * The ingress wire format, shared by the client library and the server: hand-written little-endian flyweight
 * encoders and decoders over Agrona buffers. Described with examples in {@code docs/ingress.md}.
 */
package io.clearing.client.codec;

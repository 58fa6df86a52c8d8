package io.clearing.core.engine.state;

/**
 * Order-dependent 64-bit mixing for {@code stateHash()}: every field folded in a fixed order.
 */
final class HashMix
{
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    private HashMix()
    {
    }

    static long mix(final long hash, final long value)
    {
        final long h = (hash ^ value) * MULTIPLIER;
        return h ^ (h >>> 31);
    }

    static long mix(final long hash, final String value)
    {
        long h = mix(hash, value.length());
        for (int i = 0; i < value.length(); i++)
        {
            h = mix(h, value.charAt(i));
        }
        return h;
    }
}

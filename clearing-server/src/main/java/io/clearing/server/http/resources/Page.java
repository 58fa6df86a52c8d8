package io.clearing.server.http.resources;

import java.util.List;

/**
 * One page of a list.
 *
 * @param items      the items, at most {@code limit}.
 * @param offset     items skipped before this page.
 * @param limit      page size asked for.
 * @param nextOffset the offset of the next page, or null when this is the last.
 */
public record Page<T>(List<T> items, int offset, int limit, Integer nextOffset)
{
    /**
     * @param fetched up to {@code limit + 1} items: one more than a page tells whether another page follows.
     */
    static <T> Page<T> of(final List<T> fetched, final int offset, final int limit)
    {
        final boolean more = fetched.size() > limit;
        return new Page<>(more ? List.copyOf(fetched.subList(0, limit)) : fetched, offset, limit,
            more ? offset + limit : null);
    }
}

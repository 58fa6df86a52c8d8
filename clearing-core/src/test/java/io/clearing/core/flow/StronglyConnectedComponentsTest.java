package io.clearing.core.flow;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static io.clearing.core.support.SeededCases.forEachSeed;
import static org.assertj.core.api.Assertions.assertThat;

class StronglyConnectedComponentsTest
{
    @Test
    void shouldGroupExactlyTheMutuallyReachableNodesWhenGraphsAreRandom()
    {
        forEachSeed(20_000_000, 2_000, seed ->
        {
            final SplittableRandom random = new SplittableRandom(seed);
            final int nodes = 1 + random.nextInt(12);
            final int arcs = random.nextInt(25);
            final int[] tail = new int[arcs];
            final int[] head = new int[arcs];
            for (int a = 0; a < arcs; a++)
            {
                tail[a] = random.nextInt(nodes);
                head[a] = random.nextInt(nodes);
            }

            final StronglyConnectedComponents scc = StronglyConnectedComponents.compute(nodes, tail, head, arcs);

            final boolean[][] reaches = transitiveClosure(nodes, tail, head);
            final int[] component = scc.componentOf();
            for (int v = 0; v < nodes; v++)
            {
                assertThat(component[v]).isBetween(0, scc.componentCount() - 1);
                for (int w = 0; w < nodes; w++)
                {
                    assertThat(component[v] == component[w]).as("%d and %d together", v, w)
                        .isEqualTo(reaches[v][w] && reaches[w][v]);
                }
            }
            for (int a = 0; a < arcs; a++)
            {
                assertThat(component[tail[a]]).as("arc %d goes from a higher to a lower component", a)
                    .isGreaterThanOrEqualTo(component[head[a]]);
            }
        });
    }

    @Test
    void shouldNotOverflowTheStackWhenAPathIsVeryLong()
    {
        final int nodes = 1_000_000;
        final int[] tail = new int[nodes];
        final int[] head = new int[nodes];
        for (int v = 0; v < nodes; v++)
        {
            tail[v] = v;
            head[v] = (v + 1) % nodes;
        }

        final StronglyConnectedComponents ring = StronglyConnectedComponents.compute(nodes, tail, head, nodes);
        final StronglyConnectedComponents path = StronglyConnectedComponents.compute(nodes, tail, head, nodes - 1);

        assertThat(ring.componentCount()).isEqualTo(1);
        assertThat(path.componentCount()).isEqualTo(nodes);
    }

    private static boolean[][] transitiveClosure(final int nodes, final int[] tail, final int[] head)
    {
        final boolean[][] reaches = new boolean[nodes][nodes];
        for (int v = 0; v < nodes; v++)
        {
            reaches[v][v] = true;
        }
        for (int a = 0; a < tail.length; a++)
        {
            reaches[tail[a]][head[a]] = true;
        }
        for (int k = 0; k < nodes; k++)
        {
            for (int i = 0; i < nodes; i++)
            {
                for (int j = 0; j < nodes; j++)
                {
                    reaches[i][j] |= reaches[i][k] && reaches[k][j];
                }
            }
        }
        return reaches;
    }
}

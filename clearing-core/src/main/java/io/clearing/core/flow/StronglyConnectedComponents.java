package io.clearing.core.flow;

/**
 * Strongly connected components of a directed graph given as arc lists, by Tarjan's algorithm (Tarjan 1972),
 * iterative so that deep graphs cannot overflow the thread stack. O(nodes + arcs) time, primitive arrays only.
 * <p>
 * Components are numbered in the order Tarjan completes them, which is a reverse topological order of the
 * condensation: every arc between two different components goes from a higher to a lower component number.
 * <p>
 * Internal to the solver; not part of the API.
 */
public final class StronglyConnectedComponents
{
    private final int[] component;
    private final int componentCount;

    private StronglyConnectedComponents(final int[] component, final int componentCount)
    {
        this.component = component;
        this.componentCount = componentCount;
    }

    /**
     * @param nodeCount nodes are {@code 0..nodeCount-1}.
     * @param tail      arc tails; only the first {@code arcCount} entries are read.
     * @param head      arc heads.
     * @param arcCount  number of arcs.
     */
    public static StronglyConnectedComponents compute(
        final int nodeCount, final int[] tail, final int[] head, final int arcCount)
    {
        final int[] firstOut = new int[nodeCount + 1];
        for (int a = 0; a < arcCount; a++)
        {
            firstOut[tail[a] + 1]++;
        }
        for (int v = 0; v < nodeCount; v++)
        {
            firstOut[v + 1] += firstOut[v];
        }
        final int[] outHead = new int[arcCount];
        final int[] fill = new int[nodeCount];
        System.arraycopy(firstOut, 0, fill, 0, nodeCount);
        for (int a = 0; a < arcCount; a++)
        {
            outHead[fill[tail[a]]++] = head[a];
        }

        final int[] index = new int[nodeCount];
        final int[] lowLink = new int[nodeCount];
        final int[] component = new int[nodeCount];
        final int[] nextArc = fill; // reused: position of the next arc to explore per node
        final int[] callStack = new int[nodeCount];
        final int[] tarjanStack = new int[nodeCount];
        final boolean[] onStack = new boolean[nodeCount];
        java.util.Arrays.fill(index, -1);

        int counter = 0;
        int componentCount = 0;
        int tarjanTop = 0;
        for (int root = 0; root < nodeCount; root++)
        {
            if (index[root] != -1)
            {
                continue;
            }
            int callTop = 0;
            callStack[callTop++] = root;
            index[root] = lowLink[root] = counter++;
            nextArc[root] = firstOut[root];
            tarjanStack[tarjanTop++] = root;
            onStack[root] = true;

            while (callTop > 0)
            {
                final int v = callStack[callTop - 1];
                if (nextArc[v] < firstOut[v + 1])
                {
                    final int w = outHead[nextArc[v]++];
                    if (index[w] == -1)
                    {
                        index[w] = lowLink[w] = counter++;
                        nextArc[w] = firstOut[w];
                        tarjanStack[tarjanTop++] = w;
                        onStack[w] = true;
                        callStack[callTop++] = w;
                    }
                    else if (onStack[w] && index[w] < lowLink[v])
                    {
                        lowLink[v] = index[w];
                    }
                    continue;
                }
                callTop--;
                if (lowLink[v] == index[v])
                {
                    int w;
                    do
                    {
                        w = tarjanStack[--tarjanTop];
                        onStack[w] = false;
                        component[w] = componentCount;
                    }
                    while (w != v);
                    componentCount++;
                }
                if (callTop > 0)
                {
                    final int parent = callStack[callTop - 1];
                    if (lowLink[v] < lowLink[parent])
                    {
                        lowLink[parent] = lowLink[v];
                    }
                }
            }
        }
        return new StronglyConnectedComponents(component, componentCount);
    }

    /**
     * @return the component of each node; arcs between components go from higher to lower numbers.
     */
    public int[] componentOf()
    {
        return component;
    }

    public int componentCount()
    {
        return componentCount;
    }
}

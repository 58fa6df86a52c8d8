package io.clearing.core.policy;

/**
 * The nodes of a novated run: the participants first ({@code 0} to {@code participants - 1}), then level by level one
 * clearing account per group, groups numbered from 0 at each level (a level has one more group than its largest
 * number). The solver, its result, the verifier and the engine's record of a run all number accounts from here.
 */
public final class NovatedLayout
{
    private final int participants;
    private final int[] groupCount;
    private final int[] accountBase;
    private final int nodeCount;

    private NovatedLayout(final int participants, final int[] groupCount, final int[] accountBase, final int nodeCount)
    {
        this.participants = participants;
        this.groupCount = groupCount;
        this.accountBase = accountBase;
        this.nodeCount = nodeCount;
    }

    /**
     * @param groupsPerLevel per level, each participant's group.
     * @throws IllegalArgumentException when a level does not place every participant, a group is negative, or the
     *                                  nodes do not fit an int.
     */
    public static NovatedLayout of(final int participants, final int[][] groupsPerLevel)
    {
        final int levels = groupsPerLevel.length;
        final int[] groupCount = new int[levels];
        final int[] accountBase = new int[levels];
        long node = participants;
        for (int level = 0; level < levels; level++)
        {
            if (groupsPerLevel[level].length != participants)
            {
                throw new IllegalArgumentException("level " + level + " places " + groupsPerLevel[level].length +
                    " of " + participants + " participants");
            }
            int max = -1;
            for (final int group : groupsPerLevel[level])
            {
                if (group < 0)
                {
                    throw new IllegalArgumentException("level " + level + ": negative group " + group);
                }
                max = Math.max(max, group);
            }
            groupCount[level] = max + 1;
            accountBase[level] = (int)Math.min(node, Integer.MAX_VALUE);
            node += max + 1L;
        }
        if (node > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException(node + " nodes: more than an int numbers");
        }
        return new NovatedLayout(participants, groupCount, accountBase, (int)node);
    }

    public int participants()
    {
        return participants;
    }

    public int levels()
    {
        return groupCount.length;
    }

    /**
     * @return groups at the level: one more than the largest group number given.
     */
    public int groupCount(final int level)
    {
        return groupCount[level];
    }

    /**
     * @return participants plus all accounts.
     */
    public int nodeCount()
    {
        return nodeCount;
    }

    /**
     * @return the node of the clearing account of the group at the level.
     */
    public int accountNode(final int level, final int group)
    {
        return accountBase[level] + group;
    }

    /**
     * @return the level of the account at the node, or -1 when the node is a participant.
     */
    public int accountLevel(final int node)
    {
        for (int level = accountBase.length - 1; level >= 0; level--)
        {
            if (node >= accountBase[level])
            {
                return level;
            }
        }
        return -1;
    }

    /**
     * @return the group whose account the node is; the node must be an account.
     */
    public int accountGroup(final int node)
    {
        return node - accountBase[accountLevel(node)];
    }
}

package io.clearing.simulations.model;

/**
 * The layout of agents by index, and their names for messages and solver ids: households first, then the
 * enterprise (if any), the local firms, one fund (municipality) per community, and last the rest of the world.
 */
final class AgentNames
{
    final int households;
    final int enterprises;
    final int firms;
    final int communities;
    final int firstFirm;
    final int firstFund;
    final int restOfWorld;
    final int agents;

    AgentNames(final int households, final boolean enterprise, final int firms, final int communities)
    {
        this.households = households;
        this.enterprises = enterprise ? 1 : 0;
        this.firms = firms;
        this.communities = communities;
        this.firstFirm = households + enterprises;
        this.firstFund = firstFirm + firms;
        this.restOfWorld = firstFund + communities;
        this.agents = restOfWorld + 1;
    }

    boolean isRestOfWorld(final int agent)
    {
        return agent == restOfWorld;
    }

    /**
     * @return the index of the enterprise, or -1 if there is none.
     */
    int enterprise()
    {
        return enterprises == 1 ? households : -1;
    }

    /**
     * @return a name for messages, e.g. {@code household 12}, {@code firm 3}, {@code enterprise}.
     */
    String name(final int agent)
    {
        if (agent < households)
        {
            return "household " + (agent + 1);
        }
        if (agent < firstFirm)
        {
            return "enterprise";
        }
        if (agent < firstFund)
        {
            return "firm " + (agent - firstFirm + 1);
        }
        if (agent < restOfWorld)
        {
            return "fund of community " + (agent - firstFund + 1);
        }
        return "rest of the world";
    }
}

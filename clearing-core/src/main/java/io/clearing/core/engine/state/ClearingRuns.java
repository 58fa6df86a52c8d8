package io.clearing.core.engine.state;

import java.util.ArrayList;

/**
 * Every batch run applied to the ledger, oldest first; run ids increase, so a run is found by binary search. Shared
 * by the state machine (direct runs) and {@link PolicyCommands} (runs committed after acceptance).
 */
final class ClearingRuns
{
    private final ArrayList<ClearingRunRecord> runs = new ArrayList<>();
    // Stands for "no run yet": run id 0, hashed as the state hash always did before the first run.
    private final ClearingRunRecord none = new ClearingRunRecord();

    /**
     * @return the latest run, or an empty record (run id 0) when there is none.
     */
    ClearingRunRecord last()
    {
        return runs.isEmpty() ? none : runs.get(runs.size() - 1);
    }

    /**
     * Appends a run already applied; its id must be larger than every earlier one.
     */
    void add(final ClearingRunRecord run)
    {
        if (run.runId <= last().runId)
        {
            throw new IllegalStateException("run id " + run.runId + " after run " + last().runId);
        }
        runs.add(run);
    }

    int size()
    {
        return runs.size();
    }

    ClearingRunRecord get(final int index)
    {
        return runs.get(index);
    }

    /**
     * @return the run with that id, or null.
     */
    ClearingRunRecord find(final long runId)
    {
        int low = 0;
        int high = runs.size() - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final long id = runs.get(mid).runId;
            if (id < runId)
            {
                low = mid + 1;
            }
            else if (id > runId)
            {
                high = mid - 1;
            }
            else
            {
                return runs.get(mid);
            }
        }
        return null;
    }

    /**
     * Folds every run into {@code seed}. With at most one run this is the digest of the single last run that states
     * without a run history had, so snapshots written by them keep their hash.
     */
    long hash(final long seed)
    {
        if (runs.isEmpty())
        {
            return none.hash(seed);
        }
        long h = seed;
        for (int i = 0; i < runs.size(); i++)
        {
            h = runs.get(i).hash(h);
        }
        return h;
    }
}

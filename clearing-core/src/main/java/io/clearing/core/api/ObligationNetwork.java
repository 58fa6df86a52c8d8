package io.clearing.core.api;

import org.agrona.collections.Object2IntHashMap;

import java.util.Arrays;

/**
 * An immutable network of obligations: who owes whom how much, in integer minor units.
 * <p>
 * Participants are numbered {@code 0..participantCount()-1} in order of first appearance; obligations
 * {@code 0..obligationCount()-1} in the order they were added. The arrays behind the accessors are owned by the
 * network and never change after {@link Builder#build()}. The total debt is guaranteed to fit in a {@code long},
 * so every net position does too.
 * <p>
 * Not thread-safe to build; safe to read from any thread once built.
 */
public final class ObligationNetwork
{
    private final String[] participantIds;
    private final String[] obligationIds;
    private final int[] debtor;
    private final int[] creditor;
    private final long[] amountMinor;
    private final int obligationCount;
    private final long totalDebtMinor;

    private ObligationNetwork(
        final String[] participantIds,
        final String[] obligationIds,
        final int[] debtor,
        final int[] creditor,
        final long[] amountMinor,
        final int obligationCount,
        final long totalDebtMinor)
    {
        this.participantIds = participantIds;
        this.obligationIds = obligationIds;
        this.debtor = debtor;
        this.creditor = creditor;
        this.amountMinor = amountMinor;
        this.obligationCount = obligationCount;
        this.totalDebtMinor = totalDebtMinor;
    }

    /**
     * @return a builder with room for about {@code expectedObligations} obligations (it grows as needed).
     */
    public static Builder builder(final int expectedObligations)
    {
        return new Builder(expectedObligations);
    }

    public static Builder builder()
    {
        return new Builder(1024);
    }

    public int participantCount()
    {
        return participantIds.length;
    }

    /**
     * @param participant index {@code 0..participantCount()-1}.
     * @return the participant's external id (tax number, name, ...).
     */
    public String participantId(final int participant)
    {
        return participantIds[participant];
    }

    public int obligationCount()
    {
        return obligationCount;
    }

    /**
     * @return whether obligations were added with their own ids; if not, {@link #obligationId(int)} is the 1-based
     * row number.
     */
    public boolean hasObligationIds()
    {
        return obligationIds != null;
    }

    /**
     * @param obligation index {@code 0..obligationCount()-1}.
     * @return the obligation's external id, or its 1-based position when the network was built without ids.
     */
    public String obligationId(final int obligation)
    {
        return obligationIds != null ? obligationIds[obligation] : Integer.toString(obligation + 1);
    }

    /**
     * @return index of the participant who owes the obligation.
     */
    public int debtor(final int obligation)
    {
        return debtor[obligation];
    }

    /**
     * @return index of the participant the obligation is owed to.
     */
    public int creditor(final int obligation)
    {
        return creditor[obligation];
    }

    /**
     * @return the obligation's amount in minor units, always positive.
     */
    public long amountMinor(final int obligation)
    {
        return amountMinor[obligation];
    }

    /**
     * @return sum of all amounts in minor units; never overflows (the builder refuses obligations that would).
     */
    public long totalDebtMinor()
    {
        return totalDebtMinor;
    }

    /**
     * Net positions: what each participant is owed minus what it owes. Clearing never changes them.
     *
     * @return a new array indexed by participant.
     */
    public long[] netPositions()
    {
        final long[] net = new long[participantIds.length];
        for (int i = 0; i < obligationCount; i++)
        {
            net[creditor[i]] += amountMinor[i];
            net[debtor[i]] -= amountMinor[i];
        }
        return net;
    }

    /**
     * Net internal debt: the sum of positive net positions, the least debt any clearing can leave.
     */
    public long netInternalDebtMinor()
    {
        long nid = 0;
        for (final long position : netPositions())
        {
            if (position > 0)
            {
                nid += position;
            }
        }
        return nid;
    }

    /**
     * Direct read access to the arrays for the solver; callers must not modify them. Lengths may exceed
     * {@link #obligationCount()}.
     */
    public int[] debtorArray()
    {
        return debtor;
    }

    public int[] creditorArray()
    {
        return creditor;
    }

    public long[] amountArray()
    {
        return amountMinor;
    }

    /**
     * Collects obligations and interns participant ids. Rejections are returned as {@link AddResult} codes and
     * leave the builder unchanged.
     */
    public static final class Builder
    {
        private final Object2IntHashMap<String> participantIndex;
        private String[] participantIds;
        private int participantCount;
        private String[] obligationIds;
        private Object2IntHashMap<String> obligationIndex;
        private int[] debtor;
        private int[] creditor;
        private long[] amountMinor;
        private int obligationCount;
        private long totalDebtMinor;
        private boolean built;

        private Builder(final int expectedObligations)
        {
            final int capacity = Math.max(16, expectedObligations);
            participantIndex = new Object2IntHashMap<>(Math.max(16, capacity / 4), 0.65f, -1);
            participantIds = new String[Math.max(16, capacity / 4)];
            debtor = new int[capacity];
            creditor = new int[capacity];
            amountMinor = new long[capacity];
        }

        /**
         * Adds an obligation without an id of its own: its id is its 1-based position. A builder takes either
         * obligations all with ids or all without.
         */
        public AddResult add(final String debtorId, final String creditorId, final long amountMinor)
        {
            if (obligationIds != null)
            {
                throw new IllegalStateException("this builder takes obligations with ids");
            }
            return addChecked(null, debtorId, creditorId, amountMinor);
        }

        /**
         * Adds an obligation with its own id (any text; unique within the network).
         */
        public AddResult add(final String obligationId, final String debtorId, final String creditorId, final long amountMinor)
        {
            if (obligationIds == null)
            {
                if (obligationCount > 0)
                {
                    throw new IllegalStateException("this builder takes obligations without ids");
                }
                startIds();
            }
            return addChecked(obligationId, debtorId, creditorId, amountMinor);
        }

        private void startIds()
        {
            obligationIds = new String[debtor.length];
            obligationIndex = new Object2IntHashMap<>(debtor.length * 2, 0.65f, -1);
        }

        /**
         * Adds an obligation between participants already registered with {@link #participant(String)}, by index:
         * for readers that intern ids themselves. {@code obligationId} is null exactly when the builder takes
         * obligations without ids.
         */
        public AddResult addByIndex(
            final String obligationId, final int debtorIndex, final int creditorIndex, final long amountMinor)
        {
            if ((obligationId == null) != (obligationIds == null) && obligationCount > 0)
            {
                throw new IllegalStateException("a builder takes obligations all with ids or all without");
            }
            if (debtorIndex < 0 || debtorIndex >= participantCount || creditorIndex < 0 ||
                creditorIndex >= participantCount)
            {
                throw new IllegalArgumentException("participant index outside 0.." + (participantCount - 1));
            }
            if (obligationId != null && obligationIds == null)
            {
                startIds();
            }
            final AddResult check = check(obligationId, amountMinor, debtorIndex == creditorIndex);
            if (check != AddResult.ACCEPTED)
            {
                return check;
            }
            append(obligationId, debtorIndex, creditorIndex, amountMinor);
            return AddResult.ACCEPTED;
        }

        private AddResult addChecked(final String id, final String debtorId, final String creditorId, final long amount)
        {
            if (debtorId.isEmpty() || creditorId.isEmpty())
            {
                return amount <= 0 ? AddResult.AMOUNT_NOT_POSITIVE : AddResult.EMPTY_PARTICIPANT;
            }
            final AddResult check = check(id, amount, debtorId.equals(creditorId));
            if (check != AddResult.ACCEPTED)
            {
                return check;
            }
            append(id, intern(debtorId), intern(creditorId), amount);
            return AddResult.ACCEPTED;
        }

        private AddResult check(final String id, final long amount, final boolean sameParticipant)
        {
            if (built)
            {
                throw new IllegalStateException("already built");
            }
            if (amount <= 0)
            {
                return AddResult.AMOUNT_NOT_POSITIVE;
            }
            if (sameParticipant)
            {
                return AddResult.DEBTOR_IS_CREDITOR;
            }
            if (totalDebtMinor + amount < 0)
            {
                return AddResult.TOTAL_DEBT_OVERFLOW;
            }
            if (id != null && obligationIndex.getValue(id) != -1)
            {
                return AddResult.DUPLICATE_ID;
            }
            return AddResult.ACCEPTED;
        }

        private void append(final String id, final int debtorIndex, final int creditorIndex, final long amount)
        {
            ensureObligationCapacity();
            if (id != null)
            {
                obligationIds[obligationCount] = id;
                obligationIndex.put(id, obligationCount);
            }
            debtor[obligationCount] = debtorIndex;
            creditor[obligationCount] = creditorIndex;
            amountMinor[obligationCount] = amount;
            obligationCount++;
            totalDebtMinor += amount;
        }

        /**
         * Registers a participant that may have no obligations yet.
         *
         * @return its index.
         */
        public int participant(final String participantId)
        {
            if (participantId.isEmpty())
            {
                throw new IllegalArgumentException("participant id is empty");
            }
            return intern(participantId);
        }

        private int intern(final String participantId)
        {
            final int existing = participantIndex.getValue(participantId);
            if (existing != -1)
            {
                return existing;
            }
            if (participantCount == participantIds.length)
            {
                participantIds = Arrays.copyOf(participantIds, participantCount * 2);
            }
            participantIds[participantCount] = participantId;
            participantIndex.put(participantId, participantCount);
            return participantCount++;
        }

        private void ensureObligationCapacity()
        {
            if (obligationCount == debtor.length)
            {
                final int newLength = debtor.length * 2;
                debtor = Arrays.copyOf(debtor, newLength);
                creditor = Arrays.copyOf(creditor, newLength);
                amountMinor = Arrays.copyOf(amountMinor, newLength);
                if (obligationIds != null)
                {
                    obligationIds = Arrays.copyOf(obligationIds, newLength);
                }
            }
        }

        public int obligationCount()
        {
            return obligationCount;
        }

        /**
         * @return the index of the obligation added with this id, or -1 if none was.
         */
        public int indexOfObligationId(final String obligationId)
        {
            return obligationIndex == null ? -1 : obligationIndex.getValue(obligationId);
        }

        /**
         * @return the network; the builder cannot be used afterwards.
         */
        public ObligationNetwork build()
        {
            built = true;
            obligationIndex = null;
            return new ObligationNetwork(
                Arrays.copyOf(participantIds, participantCount),
                obligationIds,
                debtor,
                creditor,
                amountMinor,
                obligationCount,
                totalDebtMinor);
        }
    }
}

package io.clearing.core.engine.state;

import io.clearing.core.policy.ExclusionReason;
import org.agrona.DirectBuffer;

import java.util.Arrays;

/**
 * The community policies' state beside the {@link Ledger}: per obligation its unit, due date and disputes; per
 * participant its opt-out, minimum amount, due-date window and related participants; the defined units with their
 * settlement and savings accounts and demurrage; and the answers to a pending clearing proposal.
 * <p>
 * Arrays are indexed like the ledger's (dense participant and obligation numbers) and grown on demand; an index
 * beyond an array's length reads as the default (unit 0, no due date, no dispute, no rule). Unit 0 is the default
 * unit (id ""), in which every obligation of a type-2 submit lives; defined units are numbered from 1. Settlement
 * accounts exist only in defined units: payments in the default unit are settled outside the engine.
 * <p>
 * {@link #used} turns true with the first accepted policy command and stays true; while false, the policies add
 * nothing to the state hash, so a state built only from the original commands keeps the hash it always had.
 * Single-threaded; callers validate, this class keeps invariants.
 */
final class Policies
{
    static final int DEFAULT_UNIT = 0;
    static final int NONE = -1;
    static final byte DISPUTED_BY_DEBTOR = 1;
    static final byte DISPUTED_BY_CREDITOR = 2;
    static final byte OPTED_OUT_NEXT_RUN = 1;
    static final byte OPTED_OUT_UNTIL_IN = 2;
    static final byte NO_ANSWER = 0;
    static final byte ANSWER_ACCEPT = 1;
    static final byte ANSWER_REJECT = 2;
    static final long NO_DUE_WINDOW = -1;
    static final int MAX_UNITS = 4096;
    static final int BASIS_POINTS = 10_000;

    /**
     * Which participants' answers to a proposal a plan honours.
     */
    static final int ANSWERS_IGNORED = 0;
    static final int ANSWERS_EXCLUDE_REJECTING = 1;
    static final int ANSWERS_ONLY_ACCEPTING = 2;

    boolean used;

    int[] obligationUnit = new int[16];
    long[] dueAtMs = new long[16];
    byte[] disputes = new byte[16];

    byte[] optOut = new byte[16];
    long[] minimumMinor = new long[16];
    long[] dueWindowMs = new long[16];
    byte[] answer = new byte[16];
    /**
     * Sorted keys {@code participant << 32 | related participant}: the participant's rule excludes set-off with the
     * related one, in both directions.
     */
    long[] related = new long[16];
    int relatedCount;

    final ByteKeyIndex unitIds = new ByteKeyIndex(16);
    int unitCount;
    boolean[] community = new boolean[16];
    int[] fund = new int[16];
    int[] rateBasisPoints = new int[16];
    long[] lastPeriodId = new long[16];
    long[] lastPeriodChargedMinor = new long[16];
    long[] chargedTotalMinor = new long[16];
    long[][] settlementMinor = new long[16][];
    long[][] savingsMinor = new long[16][];
    long[][] demurrageLastMinor = new long[16][];
    long[][] demurrageTotalMinor = new long[16][];

    /**
     * Receivable caps and liquidity commitments for the next run: sorted keys {@link #limitKey} and their amounts.
     */
    long[] limitKeys = new long[16];
    long[] limitValues = new long[16];
    int limitCount;

    long proposalRunId;
    long proposalCutOffMs;
    long proposalDeadlineMs;
    boolean proposalAcceptByDefault;
    final ClearingPlan proposal = new ClearingPlan();
    /**
     * Treasury, rates, urgent marks, priority and the hierarchy: kept beside, written after everything here.
     */
    final RunRules rules = new RunRules();

    /**
     * Records the unit and due date of a newly added obligation. The per-obligation arrays grow only to hold a value
     * other than the default (an index beyond them reads as default), so a stream of plain submissions allocates
     * nothing here.
     */
    void onObligationAdded(final int o, final int unit, final long due)
    {
        if (o >= obligationUnit.length)
        {
            if (unit == DEFAULT_UNIT && due == 0)
            {
                return;
            }
            growObligations(o + 1);
        }
        obligationUnit[o] = unit;
        dueAtMs[o] = due;
        disputes[o] = 0;
    }

    void setDisputes(final int o, final byte flags)
    {
        if (o >= disputes.length)
        {
            growObligations(o + 1);
        }
        disputes[o] = flags;
    }

    private void growObligations(final int atLeast)
    {
        final int capacity = Math.max(atLeast, obligationUnit.length * 2);
        obligationUnit = Arrays.copyOf(obligationUnit, capacity);
        dueAtMs = Arrays.copyOf(dueAtMs, capacity);
        disputes = Arrays.copyOf(disputes, capacity);
    }

    /**
     * Grows per-participant arrays (rules and every unit's accounts) to hold {@code participants}.
     */
    void ensureParticipants(final int participants)
    {
        if (participants > optOut.length)
        {
            final int capacity = Math.max(participants, optOut.length * 2);
            optOut = Arrays.copyOf(optOut, capacity);
            minimumMinor = Arrays.copyOf(minimumMinor, capacity);
            final int from = dueWindowMs.length;
            dueWindowMs = Arrays.copyOf(dueWindowMs, capacity);
            Arrays.fill(dueWindowMs, from, capacity, NO_DUE_WINDOW);
            answer = Arrays.copyOf(answer, capacity);
        }
        for (int u = 1; u <= unitCount; u++)
        {
            if (settlementMinor[u].length < participants)
            {
                final int capacity = Math.max(participants, settlementMinor[u].length * 2);
                settlementMinor[u] = Arrays.copyOf(settlementMinor[u], capacity);
                savingsMinor[u] = Arrays.copyOf(savingsMinor[u], capacity);
                demurrageLastMinor[u] = Arrays.copyOf(demurrageLastMinor[u], capacity);
                demurrageTotalMinor[u] = Arrays.copyOf(demurrageTotalMinor[u], capacity);
            }
        }
    }

    Policies()
    {
        Arrays.fill(dueWindowMs, NO_DUE_WINDOW);
    }

    int unitOf(final int o)
    {
        return o < obligationUnit.length ? obligationUnit[o] : DEFAULT_UNIT;
    }

    long dueOf(final int o)
    {
        return o < dueAtMs.length ? dueAtMs[o] : 0;
    }

    byte disputesOf(final int o)
    {
        return o < disputes.length ? disputes[o] : 0;
    }

    /**
     * @return unit number of the id (0 for the empty id), or {@link #NONE} when not defined.
     */
    int findUnit(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length == 0)
        {
            return DEFAULT_UNIT;
        }
        final int index = unitIds.find(buffer, offset, length);
        return index == ByteKeyIndex.MISSING ? NONE : index + 1;
    }

    String unitIdText(final int unit)
    {
        return unit == DEFAULT_UNIT ? "" : unitIds.keyString(unit - 1);
    }

    int defineUnit(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final boolean isCommunity,
        final int basisPoints,
        final int fundParticipant,
        final int participants)
    {
        final int u = unitIds.add(buffer, offset, length) + 1;
        if (u >= community.length)
        {
            final int capacity = community.length * 2;
            community = Arrays.copyOf(community, capacity);
            fund = Arrays.copyOf(fund, capacity);
            rateBasisPoints = Arrays.copyOf(rateBasisPoints, capacity);
            lastPeriodId = Arrays.copyOf(lastPeriodId, capacity);
            lastPeriodChargedMinor = Arrays.copyOf(lastPeriodChargedMinor, capacity);
            chargedTotalMinor = Arrays.copyOf(chargedTotalMinor, capacity);
            settlementMinor = Arrays.copyOf(settlementMinor, capacity);
            savingsMinor = Arrays.copyOf(savingsMinor, capacity);
            demurrageLastMinor = Arrays.copyOf(demurrageLastMinor, capacity);
            demurrageTotalMinor = Arrays.copyOf(demurrageTotalMinor, capacity);
        }
        community[u] = isCommunity;
        fund[u] = fundParticipant;
        rateBasisPoints[u] = basisPoints;
        final int capacity = Math.max(16, participants);
        settlementMinor[u] = new long[capacity];
        savingsMinor[u] = new long[capacity];
        demurrageLastMinor[u] = new long[capacity];
        demurrageTotalMinor[u] = new long[capacity];
        unitCount = u;
        return u;
    }

    /**
     * Moves a payment on obligation {@code o} between the parties' settlement accounts when its unit is defined.
     */
    void onPayment(final int o, final int debtor, final int creditor, final long amount)
    {
        final int u = unitOf(o);
        if (u != DEFAULT_UNIT)
        {
            final long[] balances = settlementMinor[u];
            balances[debtor] = Math.subtractExact(balances[debtor], amount);
            balances[creditor] = Math.addExact(balances[creditor], amount);
        }
    }

    /**
     * Money a batch run moved for participant {@code p} in unit {@code u}: paid from and received into its settlement
     * account when the unit is defined.
     */
    void onMoney(final int p, final int u, final long paidMinor, final long receivedMinor)
    {
        if (u != DEFAULT_UNIT)
        {
            final long[] balances = settlementMinor[u];
            balances[p] = Math.addExact(Math.subtractExact(balances[p], paidMinor), receivedMinor);
        }
    }

    boolean isRelated(final int p, final int q)
    {
        return Arrays.binarySearch(related, 0, relatedCount, relatedKey(p, q)) >= 0;
    }

    static long relatedKey(final int p, final int q)
    {
        return ((long)p << 32) | q;
    }

    /**
     * @return false when the key was present already.
     */
    boolean addRelated(final int p, final int q)
    {
        final long key = relatedKey(p, q);
        final int at = Arrays.binarySearch(related, 0, relatedCount, key);
        if (at >= 0)
        {
            return false;
        }
        final int insert = -at - 1;
        if (relatedCount == related.length)
        {
            related = Arrays.copyOf(related, relatedCount * 2);
        }
        System.arraycopy(related, insert, related, insert + 1, relatedCount - insert);
        related[insert] = key;
        relatedCount++;
        return true;
    }

    /**
     * @return false when the key was absent.
     */
    boolean removeRelated(final int p, final int q)
    {
        final int at = Arrays.binarySearch(related, 0, relatedCount, relatedKey(p, q));
        if (at < 0)
        {
            return false;
        }
        System.arraycopy(related, at + 1, related, at, relatedCount - at - 1);
        relatedCount--;
        return true;
    }

    /**
     * Why a run at {@code cutOffMs} may not touch open obligation {@code o}; the standing rules only, without a
     * proposal's answers. Both parties' rules apply.
     *
     * @return an {@link ExclusionReason} ordinal, 0 when eligible.
     */
    int exclusion(final Ledger ledger, final int o, final long cutOffMs)
    {
        if (!used)
        {
            return 0;
        }
        final int d = ledger.debtor[o];
        final int c = ledger.creditor[o];
        if (disputesOf(o) != 0)
        {
            return ExclusionReason.DISPUTED.ordinal();
        }
        if (optOutOf(d) != 0 || optOutOf(c) != 0)
        {
            return ExclusionReason.OPTED_OUT.ordinal();
        }
        if (relatedCount > 0 && (isRelated(d, c) || isRelated(c, d)))
        {
            return ExclusionReason.RELATED_PARTY.ordinal();
        }
        final long amount = ledger.amountMinor[o];
        if (amount < minimumOf(d) || amount < minimumOf(c))
        {
            return ExclusionReason.BELOW_MINIMUM.ordinal();
        }
        final long due = dueOf(o);
        if (due != 0 && (beyondWindow(due, cutOffMs, dueWindowOf(d)) || beyondWindow(due, cutOffMs, dueWindowOf(c))))
        {
            return ExclusionReason.OUTSIDE_DUE_WINDOW.ordinal();
        }
        return 0;
    }

    /**
     * {@link #exclusion} plus the answers to the pending proposal as {@code answers} asks.
     */
    int exclusion(final Ledger ledger, final int o, final long cutOffMs, final int answers)
    {
        final int standing = exclusion(ledger, o, cutOffMs);
        if (standing != 0 || answers == ANSWERS_IGNORED)
        {
            return standing;
        }
        final byte debtorAnswer = answerOf(ledger.debtor[o]);
        final byte creditorAnswer = answerOf(ledger.creditor[o]);
        if (debtorAnswer == ANSWER_REJECT || creditorAnswer == ANSWER_REJECT)
        {
            return ExclusionReason.REJECTED_RUN.ordinal();
        }
        if (answers == ANSWERS_ONLY_ACCEPTING && (debtorAnswer != ANSWER_ACCEPT || creditorAnswer != ANSWER_ACCEPT))
        {
            return ExclusionReason.NOT_ACCEPTED.ordinal();
        }
        return 0;
    }

    private static boolean beyondWindow(final long due, final long cutOffMs, final long windowMs)
    {
        if (windowMs == NO_DUE_WINDOW)
        {
            return false;
        }
        final long latest = cutOffMs > Long.MAX_VALUE - windowMs ? Long.MAX_VALUE : cutOffMs + windowMs;
        return due > latest;
    }

    byte optOutOf(final int p)
    {
        return p < optOut.length ? optOut[p] : 0;
    }

    long minimumOf(final int p)
    {
        return p < minimumMinor.length ? minimumMinor[p] : 0;
    }

    long dueWindowOf(final int p)
    {
        return p < dueWindowMs.length ? dueWindowMs[p] : NO_DUE_WINDOW;
    }

    byte answerOf(final int p)
    {
        return p < answer.length ? answer[p] : NO_ANSWER;
    }

    static final int LIMIT_CAP = 0;
    static final int LIMIT_LIQUIDITY = 1;

    static long limitKey(final int participant, final int unit, final int kind)
    {
        return ((long)participant << 32) | ((long)unit << 1) | kind;
    }

    static int limitParticipant(final long key)
    {
        return (int)(key >>> 32);
    }

    static int limitUnit(final long key)
    {
        return (int)(key & 0xFFFF_FFFFL) >>> 1;
    }

    static int limitKind(final long key)
    {
        return (int)(key & 1);
    }

    /**
     * @return the amount of the limit, or -1 when it is not set.
     */
    long limit(final long key)
    {
        final int at = Arrays.binarySearch(limitKeys, 0, limitCount, key);
        return at >= 0 ? limitValues[at] : -1;
    }

    /**
     * Sets ({@code value >= 0}) or removes ({@code value < 0}) a limit.
     */
    void setLimit(final long key, final long value)
    {
        final int at = Arrays.binarySearch(limitKeys, 0, limitCount, key);
        if (at >= 0)
        {
            if (value >= 0)
            {
                limitValues[at] = value;
                return;
            }
            System.arraycopy(limitKeys, at + 1, limitKeys, at, limitCount - at - 1);
            System.arraycopy(limitValues, at + 1, limitValues, at, limitCount - at - 1);
            limitCount--;
            return;
        }
        if (value < 0)
        {
            return;
        }
        final int insert = -at - 1;
        if (limitCount == limitKeys.length)
        {
            limitKeys = Arrays.copyOf(limitKeys, limitCount * 2);
            limitValues = Arrays.copyOf(limitValues, limitCount * 2);
        }
        System.arraycopy(limitKeys, insert, limitKeys, insert + 1, limitCount - insert);
        System.arraycopy(limitValues, insert, limitValues, insert + 1, limitCount - insert);
        limitKeys[insert] = key;
        limitValues[insert] = value;
        limitCount++;
    }

    /**
     * @return whether a liquidity commitment is given for the next run in any unit.
     */
    boolean committedLiquidityAny()
    {
        for (int i = 0; i < limitCount; i++)
        {
            if (limitKind(limitKeys[i]) == LIMIT_LIQUIDITY)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the liquidity committed in the unit by everyone, saturating at {@code Long.MAX_VALUE}.
     */
    long committedLiquidity(final int unit)
    {
        long total = 0;
        for (int i = 0; i < limitCount; i++)
        {
            if (limitKind(limitKeys[i]) == LIMIT_LIQUIDITY && limitUnit(limitKeys[i]) == unit)
            {
                total = total > Long.MAX_VALUE - limitValues[i] ? Long.MAX_VALUE : total + limitValues[i];
            }
        }
        return total;
    }

    /**
     * Ends every "next run only" opt-out, the caps and liquidity commitments and the priority rule given for the
     * run: called when a batch run is applied.
     */
    void endNextRunTerms(final int participants)
    {
        limitCount = 0;
        rules.nextRunPriority = RunRules.NO_NEXT_RUN_PRIORITY;
        for (int p = 0, end = Math.min(participants, optOut.length); p < end; p++)
        {
            if (optOut[p] == OPTED_OUT_NEXT_RUN)
            {
                optOut[p] = 0;
            }
        }
    }

    void clearProposal(final int participants)
    {
        proposalRunId = 0;
        proposalCutOffMs = 0;
        proposalDeadlineMs = 0;
        proposalAcceptByDefault = false;
        proposal.clear();
        Arrays.fill(answer, 0, Math.min(participants, answer.length), NO_ANSWER);
    }

    /**
     * The demurrage of one period on a positive settlement balance: {@code floor(balance * basisPoints / 10,000)},
     * computed as {@code (balance / 10,000) * basisPoints + (balance % 10,000) * basisPoints / 10,000}, which is the
     * same integer and cannot overflow for {@code 0 <= basisPoints <= 10,000}.
     */
    static long demurrage(final long balanceMinor, final int basisPoints)
    {
        if (balanceMinor <= 0)
        {
            return 0;
        }
        return (balanceMinor / BASIS_POINTS) * basisPoints + (balanceMinor % BASIS_POINTS) * basisPoints / BASIS_POINTS;
    }

    /**
     * Charges one period of unit {@code u}'s demurrage on every positive settlement balance except the fund's, and
     * credits the total to the fund's settlement account.
     *
     * @return total charged.
     */
    long chargeDemurrage(final int u, final long periodId, final int participants)
    {
        final long[] balances = settlementMinor[u];
        final int rate = rateBasisPoints[u];
        final int fundParticipant = fund[u];
        long total = 0;
        for (int p = 0; p < participants; p++)
        {
            final long charge = p == fundParticipant ? 0 : demurrage(balances[p], rate);
            demurrageLastMinor[u][p] = charge;
            if (charge > 0)
            {
                balances[p] -= charge;
                demurrageTotalMinor[u][p] = Math.addExact(demurrageTotalMinor[u][p], charge);
                total = Math.addExact(total, charge);
            }
        }
        balances[fundParticipant] = Math.addExact(balances[fundParticipant], total);
        lastPeriodId[u] = periodId;
        lastPeriodChargedMinor[u] = total;
        chargedTotalMinor[u] = Math.addExact(chargedTotalMinor[u], total);
        return total;
    }

    long hash(final long seed, final int participants, final int obligations)
    {
        if (!used)
        {
            return seed;
        }
        long h = HashMix.mix(seed, 0x9011C1E5L);
        for (int o = 0; o < obligations; o++)
        {
            h = HashMix.mix(h, unitOf(o));
            h = HashMix.mix(h, dueOf(o));
            h = HashMix.mix(h, disputesOf(o));
        }
        for (int p = 0; p < participants; p++)
        {
            h = HashMix.mix(h, optOutOf(p));
            h = HashMix.mix(h, minimumOf(p));
            h = HashMix.mix(h, dueWindowOf(p));
            h = HashMix.mix(h, answerOf(p));
        }
        h = HashMix.mix(h, relatedCount);
        for (int i = 0; i < relatedCount; i++)
        {
            h = HashMix.mix(h, related[i]);
        }
        h = HashMix.mix(h, unitCount);
        for (int u = 1; u <= unitCount; u++)
        {
            h = HashMix.mix(h, unitIds.keyHash(u - 1));
            h = HashMix.mix(h, community[u] ? 1 : 0);
            h = HashMix.mix(h, fund[u]);
            h = HashMix.mix(h, rateBasisPoints[u]);
            h = HashMix.mix(h, lastPeriodId[u]);
            h = HashMix.mix(h, lastPeriodChargedMinor[u]);
            h = HashMix.mix(h, chargedTotalMinor[u]);
            for (int p = 0; p < participants; p++)
            {
                h = HashMix.mix(h, settlementMinor[u][p]);
                h = HashMix.mix(h, savingsMinor[u][p]);
                h = HashMix.mix(h, demurrageLastMinor[u][p]);
                h = HashMix.mix(h, demurrageTotalMinor[u][p]);
            }
        }
        h = HashMix.mix(h, limitCount);
        for (int i = 0; i < limitCount; i++)
        {
            h = HashMix.mix(h, limitKeys[i]);
            h = HashMix.mix(h, limitValues[i]);
        }
        h = HashMix.mix(h, proposalRunId);
        h = HashMix.mix(h, proposalCutOffMs);
        h = HashMix.mix(h, proposalDeadlineMs);
        h = HashMix.mix(h, proposalAcceptByDefault ? 1 : 0);
        return proposal.hash(h);
    }

    /**
     * Writes only the flag while no policy is in use (everything else is then at its default).
     */
    void writeTo(final SnapshotOutput out, final int participants, final int obligations)
    {
        out.putInt(used ? 1 : 0);
        if (!used)
        {
            return;
        }
        ensureParticipants(participants);
        onObligationCapacity(obligations);
        out.putInts(obligationUnit, obligations);
        out.putLongs(dueAtMs, obligations);
        out.putBytes(disputes, obligations);
        out.putBytes(optOut, participants);
        out.putLongs(minimumMinor, participants);
        out.putLongs(dueWindowMs, participants);
        out.putBytes(answer, participants);
        out.putInt(relatedCount);
        out.putLongs(related, relatedCount);
        out.putInt(unitCount);
        out.putKeys(unitIds);
        for (int u = 1; u <= unitCount; u++)
        {
            out.putInt(community[u] ? 1 : 0);
            out.putInt(fund[u]);
            out.putInt(rateBasisPoints[u]);
            out.putLong(lastPeriodId[u]);
            out.putLong(lastPeriodChargedMinor[u]);
            out.putLong(chargedTotalMinor[u]);
            out.putLongs(settlementMinor[u], participants);
            out.putLongs(savingsMinor[u], participants);
            out.putLongs(demurrageLastMinor[u], participants);
            out.putLongs(demurrageTotalMinor[u], participants);
        }
        out.putInt(limitCount);
        out.putLongs(limitKeys, limitCount);
        out.putLongs(limitValues, limitCount);
        out.putLong(proposalRunId);
        out.putLong(proposalCutOffMs);
        out.putLong(proposalDeadlineMs);
        out.putInt(proposalAcceptByDefault ? 1 : 0);
        proposal.writeTo(out);
    }

    void readFrom(final SnapshotInput in, final int participants, final int obligations)
    {
        used = in.getInt() != 0;
        if (!used)
        {
            return;
        }
        onObligationCapacity(obligations);
        in.getInts(obligationUnit, obligations);
        in.getLongs(dueAtMs, obligations);
        in.getBytes(disputes, obligations);
        ensureParticipants(participants);
        in.getBytes(optOut, participants);
        in.getLongs(minimumMinor, participants);
        in.getLongs(dueWindowMs, participants);
        in.getBytes(answer, participants);
        relatedCount = in.getCount(Integer.MAX_VALUE - 16);
        related = new long[Math.max(16, relatedCount + 1)];
        in.getLongs(related, relatedCount);
        final int units = in.getCount(MAX_UNITS);
        in.getKeys(unitIds, units);
        final int capacity = Math.max(16, units + 2);
        community = new boolean[capacity];
        fund = new int[capacity];
        rateBasisPoints = new int[capacity];
        lastPeriodId = new long[capacity];
        lastPeriodChargedMinor = new long[capacity];
        chargedTotalMinor = new long[capacity];
        settlementMinor = new long[capacity][];
        savingsMinor = new long[capacity][];
        demurrageLastMinor = new long[capacity][];
        demurrageTotalMinor = new long[capacity][];
        final int accounts = Math.max(16, participants + participants / 4);
        for (int u = 1; u <= units; u++)
        {
            community[u] = in.getInt() != 0;
            fund[u] = in.getInt();
            rateBasisPoints[u] = in.getInt();
            lastPeriodId[u] = in.getLong();
            lastPeriodChargedMinor[u] = in.getLong();
            chargedTotalMinor[u] = in.getLong();
            settlementMinor[u] = new long[accounts];
            savingsMinor[u] = new long[accounts];
            demurrageLastMinor[u] = new long[accounts];
            demurrageTotalMinor[u] = new long[accounts];
            in.getLongs(settlementMinor[u], participants);
            in.getLongs(savingsMinor[u], participants);
            in.getLongs(demurrageLastMinor[u], participants);
            in.getLongs(demurrageTotalMinor[u], participants);
        }
        unitCount = units;
        limitCount = in.getCount(Integer.MAX_VALUE - 16);
        limitKeys = new long[Math.max(16, limitCount + 1)];
        limitValues = new long[Math.max(16, limitCount + 1)];
        in.getLongs(limitKeys, limitCount);
        in.getLongs(limitValues, limitCount);
        proposalRunId = in.getLong();
        proposalCutOffMs = in.getLong();
        proposalDeadlineMs = in.getLong();
        proposalAcceptByDefault = in.getInt() != 0;
        proposal.readFrom(in);
    }

    private void onObligationCapacity(final int obligations)
    {
        if (obligations > obligationUnit.length)
        {
            obligationUnit = Arrays.copyOf(obligationUnit, obligations);
            dueAtMs = Arrays.copyOf(dueAtMs, obligations);
            disputes = Arrays.copyOf(disputes, obligations);
        }
    }
}

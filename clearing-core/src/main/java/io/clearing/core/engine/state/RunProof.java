package io.clearing.core.engine.state;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.policy.CertifiedRun;
import io.clearing.core.policy.ClearingPolicy;
import io.clearing.core.policy.PolicyCertificate;
import io.clearing.core.policy.PolicyRuleResult;
import io.clearing.core.policy.PriorityRule;

import java.util.Arrays;

/**
 * The certificate of a batch run and what rebuilding the policy it was solved under needs beyond the run's notices
 * and the ledger's facts that never change (ids, parties, units, due dates, submission times): the participants
 * registered at the cut-off, the priority rule, the urgent marks, the caps and commitments, the treasury and its
 * rates, and for a hierarchical run the groups and every level's discharges. The network of the run is its notices'
 * eligible obligations with their open amounts; a run committed from a held proposal keeps the proposal's network
 * instead (the set-offs were proven optimal when the proposal was solved).
 * <p>
 * The certificate is kept as named entries ({@link PolicyCertificate}): for a plain run each unit's potentials (the
 * plain solver's, negated to the policy graph's sign) on the nodes of the participants with an eligible obligation in
 * that unit; for a policy run both stages; for a hierarchical run each level's certificate, levels delimited by
 * {@link #levelStart}. Units are engine unit numbers. Not part of {@code stateHash()}: it is derived from the run by
 * the deterministic solvers. Single-threaded, owned by its plan or run record.
 */
final class RunProof
{
    static final byte NOT_KEPT = 0;
    static final byte PLAIN = 1;
    static final byte POLICY = 2;
    static final byte HIERARCHICAL = 3;
    private static final PolicyCertificate.Stage[] STAGES = PolicyCertificate.Stage.values();
    private static final PolicyCertificate.Kind[] KINDS = PolicyCertificate.Kind.values();

    byte kind = NOT_KEPT;
    boolean adopted;
    int participants;
    /**
     * The network of an adopted run: ledger obligation and open amount of each obligation; empty otherwise.
     */
    int networkCount;
    int[] networkObligation = new int[0];
    long[] networkOpenMinor = new long[0];
    byte priority;
    int[] urgent = new int[0];
    int limitCount;
    long[] limitKeys = new long[0];
    long[] limitValues = new long[0];
    int treasury = RunRules.NONE;
    int rateCount;
    int[] rateUnit = new int[0];
    long[] rateNumerator = new long[0];
    long[] rateDenominator = new long[0];
    int[][] groups = new int[0][];
    /**
     * Hierarchical runs: per level, the discharge of each network obligation, level after level.
     */
    long[] levelSetOffMinor = new long[0];
    int levels;
    int[] levelStart = new int[] {0};
    int entryCount;
    byte[] entryStage = new byte[0];
    byte[] entryKind = new byte[0];
    int[] entryParticipant = new int[0];
    int[] entryUnit = new int[0];
    int[] entryToUnit = new int[0];
    long[] entryValue = new long[0];

    void clear()
    {
        copyFrom(new RunProof());
    }

    /**
     * Records the rules of the run about to be solved, from the live state.
     *
     * @param networkObligation ledger obligation of each network obligation.
     * @param withPolicyRules   false for a plain run, which uses units only.
     */
    void captureRules(
        final Ledger ledger, final Policies policies, final int[] networkObligation, final int n,
        final boolean withPolicyRules)
    {
        final RunRules rules = policies.rules;
        participants = ledger.participantCount;
        adopted = false;
        networkCount = 0;
        setNetwork(new int[0], new long[0], 0);
        priority = (byte)(withPolicyRules ? rules.priority().ordinal() : 0);
        int urgentCount = 0;
        final int[] marked = new int[withPolicyRules ? n : 0];
        for (int j = 0; j < marked.length; j++)
        {
            if (rules.isUrgent(networkObligation[j]))
            {
                marked[urgentCount++] = j;
            }
        }
        urgent = Arrays.copyOf(marked, urgentCount);
        limitCount = withPolicyRules ? policies.limitCount : 0;
        limitKeys = Arrays.copyOf(policies.limitKeys, limitCount);
        limitValues = Arrays.copyOf(policies.limitValues, limitCount);
        treasury = RunRules.NONE;
        rateCount = 0;
        if (withPolicyRules && rules.converts())
        {
            treasury = rules.treasury;
            for (int u = 0; u <= policies.unitCount; u++)
            {
                rateCount += rules.hasRate(u) ? 1 : 0;
            }
        }
        rateUnit = new int[rateCount];
        rateNumerator = new long[rateCount];
        rateDenominator = new long[rateCount];
        for (int u = 0, r = 0; r < rateCount; u++)
        {
            if (rules.hasRate(u))
            {
                rateUnit[r] = u;
                rateNumerator[r] = rules.rateNumerator[u];
                rateDenominator[r++] = rules.rateDenominator[u];
            }
        }
        groups = new int[0][];
        levelSetOffMinor = new long[0];
        clearEntries();
    }

    void setNetwork(final int[] obligations, final long[] openMinor, final int count)
    {
        networkCount = count;
        networkObligation = Arrays.copyOf(obligations, count);
        networkOpenMinor = Arrays.copyOf(openMinor, count);
    }

    /**
     * A run's network as its proof names it: participants {@code 0..participants-1} by id, then obligation
     * {@code ledgerObligation[j]} with its id and the open amount {@code openMinor[j]}.
     */
    static ObligationNetwork network(
        final Ledger ledger, final int participants, final int[] ledgerObligation, final long[] openMinor, final int n)
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder(Math.max(16, n));
        for (int p = 0; p < participants; p++)
        {
            builder.participant(ledger.participantIdText[p]);
        }
        for (int j = 0; j < n; j++)
        {
            final int o = ledgerObligation[j];
            builder.add(ledger.obligationIds.keyString(o), ledger.participantIdText[ledger.debtor[o]],
                ledger.participantIdText[ledger.creditor[o]], openMinor[j]);
        }
        return builder.build();
    }

    /**
     * The policy of the run over the given network: the ledger's participants at the cut-off (network indices equal
     * ledger indices), each obligation's unit, and the recorded rules. The solving plan and the auditor's copy are
     * built by this one method, so they are the same policy.
     */
    ClearingPolicy policy(
        final Ledger ledger, final Policies policies, final int[] networkObligation, final long[] openMinor,
        final int n)
    {
        final ClearingPolicy.Builder rules = ClearingPolicy.builder(
            network(ledger, participants, networkObligation, openMinor, n));
        final PriorityRule rule = PriorityRule.values()[priority];
        for (int j = 0; j < n; j++)
        {
            final int o = networkObligation[j];
            final int unit = policies.unitOf(o);
            if (unit != Policies.DEFAULT_UNIT)
            {
                expect(rules.unit(j, policies.unitIdText(unit)));
            }
            if (rule == PriorityRule.OLDER_FIRST)
            {
                rules.dueDay(j, RunRules.olderFirstDay(policies.dueOf(o), ledger.submittedAtMs[o]));
            }
        }
        for (final int j : urgent)
        {
            rules.urgent(j);
        }
        for (int i = 0; i < limitCount; i++)
        {
            final long key = limitKeys[i];
            final int p = Policies.limitParticipant(key);
            final String unitId = policies.unitIdText(Policies.limitUnit(key));
            expect(Policies.limitKind(key) == Policies.LIMIT_CAP ?
                rules.receivableCap(p, unitId, limitValues[i]) : rules.liquidity(p, unitId, limitValues[i]));
        }
        if (treasury != RunRules.NONE)
        {
            expect(rules.treasury(treasury));
            for (int r = 0; r < rateCount; r++)
            {
                expect(rules.rate(policies.unitIdText(rateUnit[r]), rateNumerator[r], rateDenominator[r]));
            }
        }
        rules.priority(rule);
        return rules.build();
    }

    /**
     * Starts the certificate of a plain run, solved unit by unit.
     */
    void startPlain()
    {
        kind = PLAIN;
        clearEntries();
    }

    /**
     * Adds one unit's potentials of a plain run: the plain solver's potential {@code p} is the policy graph's
     * {@code -p} (it prices the creditor above the debtor, the policy graph's reduced cost the other way round).
     *
     * @param ledgerObligation the unit's eligible obligations, whose parties get a node.
     */
    void addUnitPotentials(final Ledger ledger, final int unit, final int[] ledgerObligation, final int count,
        final long[] potentials)
    {
        final boolean[] seen = new boolean[potentials.length];
        for (int k = 0; k < count; k++)
        {
            final int o = ledgerObligation[k];
            seen[ledger.debtor[o]] = true;
            seen[ledger.creditor[o]] = true;
        }
        for (int p = 0; p < seen.length; p++)
        {
            if (seen[p])
            {
                addEntry(PolicyCertificate.Stage.WITHIN_UNITS, PolicyCertificate.Kind.PARTICIPANT, p, unit, -1,
                    -potentials[p]);
            }
        }
        levelStart[1] = entryCount;
    }

    /**
     * Adds a level's certificate (the one certificate of a policy run), translating units to engine units; a null
     * certificate adds an empty level.
     */
    void addLevel(final Policies policies, final PolicyCertificate certificate)
    {
        if (certificate != null)
        {
            final ClearingPolicy policy = certificate.policy();
            for (int e = 0; e < certificate.entries(); e++)
            {
                final int toUnit = certificate.toUnit(e);
                addEntry(certificate.stage(e), certificate.kind(e), certificate.participant(e),
                    ClearingPlan.engineUnit(policies, policy.unitName(certificate.unit(e))),
                    toUnit < 0 ? -1 : ClearingPlan.engineUnit(policies, policy.unitName(toUnit)), certificate.value(e));
            }
        }
        levels++;
        levelStart = Arrays.copyOf(levelStart, levels + 1);
        levelStart[levels] = entryCount;
    }

    /**
     * The level's certificate for the policy rebuilt by the auditor.
     */
    PolicyCertificate certificate(final Policies policies, final ClearingPolicy policy, final int level)
    {
        if (levelStart[level] == levelStart[level + 1] && kind == HIERARCHICAL)
        {
            return null;
        }
        final PolicyCertificate.Builder builder = PolicyCertificate.builder(policy);
        for (int e = levelStart[level]; e < levelStart[level + 1]; e++)
        {
            final int unit = unitIndex(policies, policy, entryUnit[e]);
            if (KINDS[entryKind[e]] == PolicyCertificate.Kind.CONVERSION)
            {
                builder.conversion(entryParticipant[e], unit, unitIndex(policies, policy, entryToUnit[e]),
                    entryValue[e]);
            }
            else
            {
                builder.potential(STAGES[entryStage[e]], KINDS[entryKind[e]], entryParticipant[e], unit,
                    entryValue[e]);
            }
        }
        return builder.build();
    }

    /**
     * The run as an auditor checks it: the policy over its network, the discharges read from its notices, and the
     * certificate; null when the run keeps none (loaded from a snapshot written before runs kept one).
     */
    CertifiedRun certifiedRun(final Ledger ledger, final Policies policies, final ClearingRunRecord run)
    {
        if (kind == NOT_KEPT)
        {
            return null;
        }
        int n = networkCount;
        int[] obligations = networkObligation;
        long[] open = networkOpenMinor;
        if (!adopted)
        {
            obligations = new int[run.obligations];
            open = new long[run.obligations];
            n = ClearingPlan.eligible(run.obligations, run.noticeObligation, run.noticeOpenMinor, run.noticeExclusion,
                obligations, open, null);
        }
        final ClearingPolicy policy = policy(ledger, policies, obligations, open, n);
        final long[] setOff = new long[n];
        final long[] crossUnit = new long[n];
        for (int j = 0; j < n; j++)
        {
            final int i = Arrays.binarySearch(run.noticeObligation, 0, run.obligations, obligations[j]);
            if (i >= 0)
            {
                setOff[j] = run.noticeSetOffMinor[i];
                crossUnit[j] = run.conversion.crossUnitMinor[i];
            }
        }
        if (kind != HIERARCHICAL)
        {
            return CertifiedRun.flat(policy, setOff, crossUnit, certificate(policies, policy, 0));
        }
        final long[][] perLevel = new long[levels][n];
        for (int level = 0; level < levels; level++)
        {
            System.arraycopy(levelSetOffMinor, level * n, perLevel[level], 0, n);
        }
        final PolicyCertificate[] certificates = new PolicyCertificate[levels];
        for (int level = 0; level < levels; level++)
        {
            // Each level's certificate names nodes of that level's sub-policy; CertifiedRun rebinds it by name.
            certificates[level] = certificate(policies, policy, level);
        }
        return CertifiedRun.hierarchical(policy, groups, perLevel, crossUnit, certificates);
    }

    private static int unitIndex(final Policies policies, final ClearingPolicy policy, final int engineUnit)
    {
        final int unit = policy.unitIndex(policies.unitIdText(engineUnit));
        if (unit < 0)
        {
            throw new IllegalStateException("run certificate names unit '" + policies.unitIdText(engineUnit) +
                "', which the run's policy does not have");
        }
        return unit;
    }

    private void clearEntries()
    {
        levels = 1;
        levelStart = new int[] {0, 0};
        entryCount = 0;
        entryStage = new byte[0];
        entryKind = new byte[0];
        entryParticipant = new int[0];
        entryUnit = new int[0];
        entryToUnit = new int[0];
        entryValue = new long[0];
    }

    /**
     * Starts a certificate whose levels are added one by one with {@link #addLevel}.
     */
    void startLevels(final byte proofKind)
    {
        kind = proofKind;
        clearEntries();
        levels = 0;
        levelStart = new int[] {0};
    }

    private void addEntry(
        final PolicyCertificate.Stage stage, final PolicyCertificate.Kind entry, final int participant,
        final int unit, final int toUnit, final long value)
    {
        if (entryCount == entryValue.length)
        {
            final int length = Math.max(16, entryCount * 2);
            entryStage = Arrays.copyOf(entryStage, length);
            entryKind = Arrays.copyOf(entryKind, length);
            entryParticipant = Arrays.copyOf(entryParticipant, length);
            entryUnit = Arrays.copyOf(entryUnit, length);
            entryToUnit = Arrays.copyOf(entryToUnit, length);
            entryValue = Arrays.copyOf(entryValue, length);
        }
        entryStage[entryCount] = (byte)stage.ordinal();
        entryKind[entryCount] = (byte)entry.ordinal();
        entryParticipant[entryCount] = participant;
        entryUnit[entryCount] = unit;
        entryToUnit[entryCount] = toUnit;
        entryValue[entryCount++] = value;
    }

    /**
     * Trims the entry arrays to their count, so a kept run holds no spare capacity.
     */
    void trim()
    {
        entryStage = Arrays.copyOf(entryStage, entryCount);
        entryKind = Arrays.copyOf(entryKind, entryCount);
        entryParticipant = Arrays.copyOf(entryParticipant, entryCount);
        entryUnit = Arrays.copyOf(entryUnit, entryCount);
        entryToUnit = Arrays.copyOf(entryToUnit, entryCount);
        entryValue = Arrays.copyOf(entryValue, entryCount);
    }

    void copyFrom(final RunProof other)
    {
        kind = other.kind;
        adopted = other.adopted;
        participants = other.participants;
        setNetwork(other.networkObligation, other.networkOpenMinor, other.networkCount);
        priority = other.priority;
        urgent = other.urgent.clone();
        limitCount = other.limitCount;
        limitKeys = Arrays.copyOf(other.limitKeys, other.limitCount);
        limitValues = Arrays.copyOf(other.limitValues, other.limitCount);
        treasury = other.treasury;
        rateCount = other.rateCount;
        rateUnit = Arrays.copyOf(other.rateUnit, other.rateCount);
        rateNumerator = Arrays.copyOf(other.rateNumerator, other.rateCount);
        rateDenominator = Arrays.copyOf(other.rateDenominator, other.rateCount);
        groups = new int[other.groups.length][];
        for (int level = 0; level < groups.length; level++)
        {
            groups[level] = other.groups[level].clone();
        }
        levelSetOffMinor = other.levelSetOffMinor.clone();
        levels = other.levels;
        levelStart = Arrays.copyOf(other.levelStart, other.levels + 1);
        entryCount = other.entryCount;
        entryStage = Arrays.copyOf(other.entryStage, other.entryCount);
        entryKind = Arrays.copyOf(other.entryKind, other.entryCount);
        entryParticipant = Arrays.copyOf(other.entryParticipant, other.entryCount);
        entryUnit = Arrays.copyOf(other.entryUnit, other.entryCount);
        entryToUnit = Arrays.copyOf(other.entryToUnit, other.entryCount);
        entryValue = Arrays.copyOf(other.entryValue, other.entryCount);
    }

    /**
     * Snapshot version 4 on.
     */
    void writeTo(final SnapshotOutput out)
    {
        out.putInt(kind);
        out.putInt(adopted ? 1 : 0);
        out.putInt(participants);
        out.putInt(networkCount);
        out.putInts(networkObligation, networkCount);
        out.putLongs(networkOpenMinor, networkCount);
        out.putInt(priority);
        out.putInt(urgent.length);
        out.putInts(urgent, urgent.length);
        out.putInt(limitCount);
        out.putLongs(limitKeys, limitCount);
        out.putLongs(limitValues, limitCount);
        out.putInt(treasury);
        out.putInt(rateCount);
        out.putInts(rateUnit, rateCount);
        out.putLongs(rateNumerator, rateCount);
        out.putLongs(rateDenominator, rateCount);
        out.putInt(groups.length);
        for (final int[] group : groups)
        {
            out.putInt(group.length);
            out.putInts(group, group.length);
        }
        out.putInt(levelSetOffMinor.length);
        out.putLongs(levelSetOffMinor, levelSetOffMinor.length);
        out.putInt(levels);
        out.putInts(levelStart, levels + 1);
        out.putInt(entryCount);
        out.putBytes(entryStage, entryCount);
        out.putBytes(entryKind, entryCount);
        out.putInts(entryParticipant, entryCount);
        out.putInts(entryUnit, entryCount);
        out.putInts(entryToUnit, entryCount);
        out.putLongs(entryValue, entryCount);
    }

    void readFrom(final SnapshotInput in)
    {
        final int readKind = in.getInt();
        if (readKind < NOT_KEPT || readKind > HIERARCHICAL)
        {
            throw new SnapshotDamagedException("run certificate of unknown kind " + readKind);
        }
        kind = (byte)readKind;
        adopted = in.getInt() != 0;
        participants = in.getCount(Integer.MAX_VALUE - 16);
        networkCount = in.getCount(Integer.MAX_VALUE - 16);
        networkObligation = new int[networkCount];
        networkOpenMinor = new long[networkCount];
        in.getInts(networkObligation, networkCount);
        in.getLongs(networkOpenMinor, networkCount);
        final int readPriority = in.getInt();
        if (readPriority < 0 || readPriority >= PriorityRule.values().length)
        {
            throw new SnapshotDamagedException("run certificate with unknown priority rule " + readPriority);
        }
        priority = (byte)readPriority;
        urgent = new int[in.getCount(Integer.MAX_VALUE - 16)];
        in.getInts(urgent, urgent.length);
        limitCount = in.getCount(Integer.MAX_VALUE - 16);
        limitKeys = new long[limitCount];
        limitValues = new long[limitCount];
        in.getLongs(limitKeys, limitCount);
        in.getLongs(limitValues, limitCount);
        treasury = in.getInt();
        rateCount = in.getCount(Integer.MAX_VALUE - 16);
        rateUnit = new int[rateCount];
        rateNumerator = new long[rateCount];
        rateDenominator = new long[rateCount];
        in.getInts(rateUnit, rateCount);
        in.getLongs(rateNumerator, rateCount);
        in.getLongs(rateDenominator, rateCount);
        groups = new int[in.getCount(16)][];
        for (int level = 0; level < groups.length; level++)
        {
            groups[level] = new int[in.getCount(Integer.MAX_VALUE - 16)];
            in.getInts(groups[level], groups[level].length);
        }
        levelSetOffMinor = new long[in.getCount(Integer.MAX_VALUE - 16)];
        in.getLongs(levelSetOffMinor, levelSetOffMinor.length);
        levels = in.getCount(16);
        levelStart = new int[levels + 1];
        in.getInts(levelStart, levels + 1);
        entryCount = in.getCount(Integer.MAX_VALUE - 16);
        entryStage = new byte[entryCount];
        entryKind = new byte[entryCount];
        entryParticipant = new int[entryCount];
        entryUnit = new int[entryCount];
        entryToUnit = new int[entryCount];
        entryValue = new long[entryCount];
        in.getBytes(entryStage, entryCount);
        in.getBytes(entryKind, entryCount);
        in.getInts(entryParticipant, entryCount);
        in.getInts(entryUnit, entryCount);
        in.getInts(entryToUnit, entryCount);
        in.getLongs(entryValue, entryCount);
        for (int e = 0; e < entryCount; e++)
        {
            if (entryStage[e] < 0 || entryStage[e] >= STAGES.length || entryKind[e] < 0 || entryKind[e] >= KINDS.length)
            {
                throw new SnapshotDamagedException("run certificate entry " + e + " of unknown stage or kind");
            }
        }
    }

    private static void expect(final PolicyRuleResult result)
    {
        if (result != PolicyRuleResult.ACCEPTED)
        {
            throw new IllegalStateException("policy rule refused: " + result);
        }
    }
}

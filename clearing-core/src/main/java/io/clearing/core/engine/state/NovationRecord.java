package io.clearing.core.engine.state;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.engine.api.NovatedCertificate;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.api.RunNovation;
import io.clearing.core.policy.HierarchicalClearing;
import io.clearing.core.policy.NovatedHierarchyResult;
import io.clearing.core.policy.NovatedLayout;
import io.clearing.core.policy.NovationVerifier;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A batch run cleared by novation ({@link HierarchicalClearing#solveNovated}) as the engine applies it: prepared
 * from the listed plan (every check that can refuse the run is made before anything changes), applied to the
 * ledger, then kept with the run for its notices.
 * <p>
 * The network is the plan's eligible obligations in the default unit between members of communities: those with a
 * clearing account as a party (the accounts' own book is settled by payment, not cleared again), with a party in no
 * community, or in another unit are left untouched. With regions, every community of the network must be in one.
 * Applying: an obligation inside one community is set off by its discharge; one between communities is closed and
 * replaced by the debtor's remainder to its community account ({@code nRUN/ID/debtor}) and the creditor's community
 * account's debt to the creditor ({@code nRUN/ID/creditor}); what stays owed between two accounts becomes
 * {@code nRUN/FROM/TO}. Accounts are participants {@code community:NAME} and {@code region:NAME}, registered by the
 * first run that needs them. Net positions of firms and accounts are checked unchanged before the ledger is touched.
 * <p>
 * Participant and obligation numbers are ledger indices; accounts and legs not yet in the ledger get the indices
 * they will have when registered in order. Single-threaded.
 */
final class NovationRecord
{
    static final String COMMUNITY_ACCOUNT_PREFIX = "community:";
    static final String REGION_ACCOUNT_PREFIX = "region:";
    private static final int NO_LEG = Ledger.NONE;
    private static final int ACCEPTED = ResultCode.ACCEPTED.code();

    int levels;
    int count;
    int[] obligation = new int[0];
    long[] openMinor = new long[0];
    long[] debtorDischargedMinor = new long[0];
    long[] creditorDischargedMinor = new long[0];
    /**
     * Per obligation the account owed the debtor's remainder and the account owing the creditor's: {@link Ledger#NONE}
     * inside a community.
     */
    int[] debtorAccount = new int[0];
    int[] creditorAccount = new int[0];
    int[] debtorLeg = new int[0];
    int[] creditorLeg = new int[0];
    int arcCount;
    int[] arcStage = new int[0];
    int[] arcTail = new int[0];
    int[] arcHead = new int[0];
    long[] arcAmountMinor = new long[0];
    long[] arcNettedMinor = new long[0];
    long[] arcClearedMinor = new long[0];
    int[] arcLeg = new int[0];
    int accountCount;
    int[] accountParticipant = new int[0];
    long[] accountReceivableMinor = new long[0];
    long[] accountPayableMinor = new long[0];
    long firmDebtDischargedMinor;
    long firmClaimsDischargedMinor;
    long flatClearedMinor;
    long levelByLevelClearedMinor;
    /**
     * The proof for a later audit (snapshot version 6 on; not hashed, derived by the deterministic solver): the groups
     * of the run's network (indexed by the ledger's participants at the run), the node of every arc's tail and head,
     * and every stage's potentials. {@code proofKept} is false for a run loaded from an earlier snapshot.
     */
    boolean proofKept;
    int[][] groups = new int[0][];
    int nodeCount;
    int[] arcTailNode = new int[0];
    int[] arcHeadNode = new int[0];
    long[][] potentials = new long[0][];

    // Prepared, applied once: accounts to register and legs to add, in index order.
    private String[] newAccountIds = new String[0];
    private int newAccountCount;
    private final List<byte[]> newLegIds = new ArrayList<>();
    private final IntArrayList newLegDebtor = new IntArrayList();
    private final IntArrayList newLegCreditor = new IntArrayList();
    private final LongArrayList newLegAmounts = new LongArrayList();
    private int resultCode;

    /**
     * Solves the listed plan by novation and prepares everything the run will change.
     *
     * @return {@code ACCEPTED} when the run can be applied, else the code refusing it (nothing changed).
     * @throws ArithmeticException when the library's sums overflow.
     */
    int prepare(final Ledger ledger, final Policies policies, final ClearingRuns runs, final ClearingPlan plan,
        final long runId)
    {
        final RunRules rules = policies.rules;
        final int participants = ledger.participantCount;
        final boolean[] account = accountParticipants(participants, runs);
        final int[] members = new int[plan.count];
        final ObligationNetwork.Builder builder = ObligationNetwork.builder(Math.max(16, plan.count));
        for (int p = 0; p < participants; p++)
        {
            builder.participant(ledger.participantIdText[p]);
        }
        int n = 0;
        boolean anyRegion = false;
        boolean anyWithoutRegion = false;
        for (int i = 0; i < plan.count; i++)
        {
            final int o = plan.obligation[i];
            final int d = ledger.debtor[o];
            final int c = ledger.creditor[o];
            if (plan.exclusion[i] != 0 || account[d] || account[c] || policies.unitOf(o) != Policies.DEFAULT_UNIT ||
                rules.communityOf(d) == RunRules.NONE || rules.communityOf(c) == RunRules.NONE)
            {
                continue;
            }
            final boolean debtorInRegion = rules.regionOf(rules.communityOf(d)) != RunRules.NONE;
            final boolean creditorInRegion = rules.regionOf(rules.communityOf(c)) != RunRules.NONE;
            anyRegion |= debtorInRegion || creditorInRegion;
            anyWithoutRegion |= !debtorInRegion || !creditorInRegion;
            builder.add(ledger.participantIdText[d], ledger.participantIdText[c], plan.openMinor[i]);
            members[n++] = i;
        }
        if (anyRegion && anyWithoutRegion)
        {
            return ResultCode.NOVATION_UNSUPPORTED.code();
        }
        // A participant in no community takes no part (its obligations are left untouched) but needs a group: the
        // run's groups are those of a hierarchical run, without the region level when no community has a region.
        final int[][] hierarchyGroups = rules.groups(participants);
        final int[][] runGroups = anyRegion ? hierarchyGroups : new int[][] {hierarchyGroups[0]};
        final ObligationNetwork network = builder.build();
        final HierarchicalClearing clearing = new HierarchicalClearing();
        final NovatedHierarchyResult result = clearing.solveNovated(network, runGroups);
        levelByLevelClearedMinor =
            clearing.solve(network, runGroups, result.flatClearedMinor()).clearedMinor();
        levels = runGroups.length;
        flatClearedMinor = result.flatClearedMinor();
        firmDebtDischargedMinor = result.firmDebtDischargedMinor();
        firmClaimsDischargedMinor = result.firmClaimsDischargedMinor();
        resultCode = ACCEPTED;
        final int[] accountOfNode = registerAccounts(ledger, rules, result, account);
        if (resultCode != ACCEPTED)
        {
            return resultCode;
        }
        recordObligations(ledger, plan, members, n, result, accountOfNode, runId);
        recordArcs(ledger, result, accountOfNode, runId);
        recordAccounts(result, accountOfNode);
        recordProof(runGroups, result);
        return resultCode != ACCEPTED ? resultCode : checkLegs(ledger);
    }

    /**
     * @return per participant, whether an earlier novated run registered it as a clearing account.
     */
    private static boolean[] accountParticipants(final int participants, final ClearingRuns runs)
    {
        final boolean[] account = new boolean[participants];
        for (int r = 0; r < runs.size(); r++)
        {
            final NovationRecord earlier = runs.get(r).novation;
            for (int a = 0; earlier != null && a < earlier.accountCount; a++)
            {
                account[earlier.accountParticipant[a]] = true;
            }
        }
        return account;
    }

    /**
     * Gives every account node a leg touches its participant: the existing account, or the index it will get.
     */
    private int[] registerAccounts(
        final Ledger ledger, final RunRules rules, final NovatedHierarchyResult result, final boolean[] account)
    {
        final int[] accountOfNode = new int[result.nodeCount()];
        Arrays.fill(accountOfNode, Ledger.NONE);
        final boolean[] used = new boolean[result.nodeCount()];
        final ObligationNetwork network = result.network();
        for (int j = 0; j < network.obligationCount(); j++)
        {
            if (!result.isInsideCommunity(j))
            {
                used[result.accountNode(0, result.group(0, network.debtor(j)))] = true;
                used[result.accountNode(0, result.group(0, network.creditor(j)))] = true;
            }
        }
        for (int a = 0; a < result.accountArcCount(); a++)
        {
            used[result.accountArcTail(a)] = true;
            used[result.accountArcHead(a)] = true;
        }
        newAccountIds = new String[result.nodeCount()];
        newAccountCount = 0;
        for (int node = network.participantCount(); node < result.nodeCount(); node++)
        {
            if (!used[node])
            {
                continue;
            }
            final int level = result.accountLevel(node);
            final int group = result.accountGroup(node);
            final String id = level == 0 ?
                COMMUNITY_ACCOUNT_PREFIX + rules.communityIds.keyString(group) :
                REGION_ACCOUNT_PREFIX + rules.regionIds.keyString(group);
            final byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > CommandCodec.MAX_ID_BYTES)
            {
                resultCode = ResultCode.TOO_LONG.code();
                return accountOfNode;
            }
            final int existing = ledger.participantIds.find(new UnsafeBuffer(bytes), 0, bytes.length);
            if (existing != ByteKeyIndex.MISSING && !account[existing])
            {
                resultCode = ResultCode.NOVATION_ACCOUNT_TAKEN.code();
                return accountOfNode;
            }
            if (existing != ByteKeyIndex.MISSING)
            {
                accountOfNode[node] = existing;
            }
            else
            {
                accountOfNode[node] = ledger.participantCount + newAccountCount;
                newAccountIds[newAccountCount++] = id;
            }
        }
        return accountOfNode;
    }

    private void recordObligations(final Ledger ledger, final ClearingPlan plan, final int[] members, final int n,
        final NovatedHierarchyResult result, final int[] accountOfNode, final long runId)
    {
        count = n;
        obligation = new int[n];
        openMinor = new long[n];
        debtorDischargedMinor = new long[n];
        creditorDischargedMinor = new long[n];
        debtorAccount = new int[n];
        creditorAccount = new int[n];
        debtorLeg = new int[n];
        creditorLeg = new int[n];
        final ObligationNetwork network = result.network();
        for (int j = 0; j < n; j++)
        {
            final int o = plan.obligation[members[j]];
            obligation[j] = o;
            openMinor[j] = plan.openMinor[members[j]];
            debtorDischargedMinor[j] = result.debtorDischargedMinor(j);
            creditorDischargedMinor[j] = result.creditorDischargedMinor(j);
            debtorLeg[j] = NO_LEG;
            creditorLeg[j] = NO_LEG;
            if (result.isInsideCommunity(j))
            {
                debtorAccount[j] = Ledger.NONE;
                creditorAccount[j] = Ledger.NONE;
                continue;
            }
            debtorAccount[j] = accountOfNode[result.accountNode(0, result.group(0, network.debtor(j)))];
            creditorAccount[j] = accountOfNode[result.accountNode(0, result.group(0, network.creditor(j)))];
            final String prefix = "n" + runId + "/" + ledger.obligationIds.keyString(o) + "/";
            debtorLeg[j] = addLeg(prefix + "debtor", ledger.debtor[o], debtorAccount[j],
                openMinor[j] - debtorDischargedMinor[j], ledger);
            creditorLeg[j] = addLeg(prefix + "creditor", creditorAccount[j], ledger.creditor[o],
                openMinor[j] - creditorDischargedMinor[j], ledger);
        }
    }

    private void recordArcs(final Ledger ledger, final NovatedHierarchyResult result, final int[] accountOfNode,
        final long runId)
    {
        arcCount = result.accountArcCount();
        arcStage = new int[arcCount];
        arcTail = new int[arcCount];
        arcHead = new int[arcCount];
        arcAmountMinor = new long[arcCount];
        arcNettedMinor = new long[arcCount];
        arcClearedMinor = new long[arcCount];
        arcLeg = new int[arcCount];
        for (int a = 0; a < arcCount; a++)
        {
            arcStage[a] = result.accountArcStage(a);
            arcTail[a] = accountOfNode[result.accountArcTail(a)];
            arcHead[a] = accountOfNode[result.accountArcHead(a)];
            arcAmountMinor[a] = result.accountArcAmountMinor(a);
            arcNettedMinor[a] = result.accountArcNettedMinor(a);
            arcClearedMinor[a] = result.accountArcClearedMinor(a);
            arcLeg[a] = addLeg("n" + runId + "/" + accountId(ledger, arcTail[a]) + "/" + accountId(ledger, arcHead[a]),
                arcTail[a], arcHead[a], result.accountArcRemainderMinor(a), ledger);
        }
    }

    private void recordAccounts(final NovatedHierarchyResult result, final int[] accountOfNode)
    {
        accountCount = 0;
        accountParticipant = new int[result.nodeCount()];
        accountReceivableMinor = new long[result.nodeCount()];
        accountPayableMinor = new long[result.nodeCount()];
        for (int node = result.network().participantCount(); node < result.nodeCount(); node++)
        {
            if (accountOfNode[node] != Ledger.NONE)
            {
                accountParticipant[accountCount] = accountOfNode[node];
                accountReceivableMinor[accountCount] = result.receivableAfterMinor(node);
                accountPayableMinor[accountCount] = result.payableAfterMinor(node);
                accountCount++;
            }
        }
        accountParticipant = Arrays.copyOf(accountParticipant, accountCount);
        accountReceivableMinor = Arrays.copyOf(accountReceivableMinor, accountCount);
        accountPayableMinor = Arrays.copyOf(accountPayableMinor, accountCount);
    }

    private void recordProof(final int[][] runGroups, final NovatedHierarchyResult result)
    {
        proofKept = true;
        groups = runGroups;
        nodeCount = result.nodeCount();
        arcTailNode = new int[arcCount];
        arcHeadNode = new int[arcCount];
        for (int a = 0; a < arcCount; a++)
        {
            arcTailNode[a] = result.accountArcTail(a);
            arcHeadNode[a] = result.accountArcHead(a);
        }
        potentials = new long[levels + 1][nodeCount];
        for (int stage = 0; stage <= levels; stage++)
        {
            for (int node = 0; node < nodeCount; node++)
            {
                potentials[stage][node] = result.potential(stage, node);
            }
        }
    }

    /**
     * The run as an auditor checks it with {@link NovationVerifier}: its network rebuilt from the ledger (the
     * participants at the run, each member obligation with its open amount then), the groups, and the kept result;
     * null when the run keeps no proof. Node names: participants' ids, the accounts' ids where the run used them.
     */
    NovatedCertificate certificate(final Ledger ledger, final long runId)
    {
        if (!proofKept)
        {
            return null;
        }
        final int participants = groups[0].length;
        final ObligationNetwork network = RunProof.network(ledger, participants, obligation, openMinor, count);
        final NovatedHierarchyResult result = NovatedHierarchyResult.certified(network, groups,
            debtorDischargedMinor, creditorDischargedMinor, arcStage, arcTailNode, arcHeadNode, arcAmountMinor,
            arcNettedMinor, arcClearedMinor, potentials, flatClearedMinor);
        final String[] nodeIds = new String[nodeCount];
        for (int p = 0; p < participants; p++)
        {
            nodeIds[p] = ledger.participantIdText[p];
        }
        for (int a = 0; a < arcCount; a++)
        {
            nodeIds[arcTailNode[a]] = ledger.participantIdText[arcTail[a]];
            nodeIds[arcHeadNode[a]] = ledger.participantIdText[arcHead[a]];
        }
        for (int j = 0; j < count; j++)
        {
            if (debtorAccount[j] != Ledger.NONE)
            {
                final int o = obligation[j];
                nodeIds[result.accountNode(0, groups[0][ledger.debtor[o]])] = ledger.participantIdText[debtorAccount[j]];
                nodeIds[result.accountNode(0, groups[0][ledger.creditor[o]])] =
                    ledger.participantIdText[creditorAccount[j]];
            }
        }
        for (int node = participants; node < nodeCount; node++)
        {
            if (nodeIds[node] == null)
            {
                final int level = result.accountLevel(node);
                nodeIds[node] = "account of level " + level + " group " + result.accountGroup(node);
            }
        }
        return new NovatedCertificate(runId, network, groups, result, Arrays.asList(nodeIds));
    }

    /**
     * The proof (snapshot version 6 on).
     */
    void writeProofTo(final SnapshotOutput out)
    {
        out.putInt(proofKept ? 1 : 0);
        if (!proofKept)
        {
            return;
        }
        out.putInt(groups[0].length);
        out.putInt(nodeCount);
        for (int level = 0; level < levels; level++)
        {
            out.putInts(groups[level], groups[level].length);
        }
        out.putInts(arcTailNode, arcCount);
        out.putInts(arcHeadNode, arcCount);
        for (int stage = 0; stage <= levels; stage++)
        {
            out.putLongs(potentials[stage], nodeCount);
        }
    }

    void readProofFrom(final SnapshotInput in, final int ledgerParticipants)
    {
        final int flag = in.getInt();
        if (flag != 0 && flag != 1)
        {
            throw new SnapshotDamagedException("novated run: proof flag " + flag);
        }
        proofKept = flag == 1;
        if (!proofKept)
        {
            return;
        }
        if (levels < 1 || levels > 2)
        {
            throw new SnapshotDamagedException("novated run: " + levels + " levels");
        }
        final int participants = in.getCount(ledgerParticipants);
        final int storedNodeCount = in.getInt();
        groups = new int[levels][participants];
        for (int level = 0; level < levels; level++)
        {
            in.getInts(groups[level], participants);
        }
        final long nodes;
        try
        {
            nodes = NovatedLayout.of(participants, groups).nodeCount();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new SnapshotDamagedException("novated run: " + ex.getMessage());
        }
        if (nodes != storedNodeCount)
        {
            throw new SnapshotDamagedException("novated run: " + storedNodeCount + " nodes for groups of " + nodes);
        }
        nodeCount = storedNodeCount;
        arcTailNode = new int[arcCount];
        arcHeadNode = new int[arcCount];
        in.getInts(arcTailNode, arcCount);
        in.getInts(arcHeadNode, arcCount);
        for (int a = 0; a < arcCount; a++)
        {
            checkIndex(arcTailNode[a], nodeCount, "arc node");
            checkIndex(arcHeadNode[a], nodeCount, "arc node");
        }
        potentials = new long[levels + 1][nodeCount];
        for (int stage = 0; stage <= levels; stage++)
        {
            in.getLongs(potentials[stage], nodeCount);
        }
    }

    private String accountId(final Ledger ledger, final int participant)
    {
        return participant < ledger.participantCount ? ledger.participantIdText[participant] :
            newAccountIds[participant - ledger.participantCount];
    }

    /**
     * Plans one new obligation when {@code amountMinor} is positive.
     *
     * @return the ledger index it will have, or {@link #NO_LEG}.
     */
    private int addLeg(final String id, final int from, final int to, final long amountMinor, final Ledger ledger)
    {
        if (amountMinor <= 0)
        {
            return NO_LEG;
        }
        newLegIds.add(id.getBytes(StandardCharsets.UTF_8));
        newLegDebtor.addInt(from);
        newLegCreditor.addInt(to);
        newLegAmounts.addLong(amountMinor);
        return ledger.obligationCount + newLegIds.size() - 1;
    }

    /**
     * Refuses legs whose ids are too long or taken, or whose debt would overflow the ledger's totals; then checks
     * that the run keeps every net position (firms and accounts) before anything is applied.
     */
    private int checkLegs(final Ledger ledger)
    {
        final Set<String> seen = new HashSet<>();
        long added = 0;
        for (int k = 0; k < newLegIds.size(); k++)
        {
            final byte[] id = newLegIds.get(k);
            if (id.length > CommandCodec.MAX_ID_BYTES)
            {
                return ResultCode.TOO_LONG.code();
            }
            if (ledger.obligationIds.find(new UnsafeBuffer(id), 0, id.length) != ByteKeyIndex.MISSING ||
                !seen.add(new String(id, StandardCharsets.UTF_8)))
            {
                return ResultCode.ID_CONFLICT.code();
            }
            added = Math.addExact(added, newLegAmounts.getLong(k));
        }
        if (ledger.submittedMinor > Long.MAX_VALUE - added)
        {
            return ResultCode.TOTAL_DEBT_OVERFLOW.code();
        }
        final long[] netChange = new long[ledger.participantCount + newAccountCount];
        for (int j = 0; j < count; j++)
        {
            final int o = obligation[j];
            final long closed = debtorAccount[j] == Ledger.NONE ? debtorDischargedMinor[j] : openMinor[j];
            netChange[ledger.debtor[o]] = Math.addExact(netChange[ledger.debtor[o]], closed);
            netChange[ledger.creditor[o]] = Math.subtractExact(netChange[ledger.creditor[o]], closed);
        }
        for (int k = 0; k < newLegIds.size(); k++)
        {
            final int from = newLegDebtor.getInt(k);
            final int to = newLegCreditor.getInt(k);
            netChange[from] = Math.subtractExact(netChange[from], newLegAmounts.getLong(k));
            netChange[to] = Math.addExact(netChange[to], newLegAmounts.getLong(k));
        }
        for (int p = 0; p < netChange.length; p++)
        {
            if (netChange[p] != 0)
            {
                throw new IllegalStateException("novated run would move the net position of participant " + p +
                    " by " + netChange[p]);
            }
        }
        return ACCEPTED;
    }

    /**
     * Applies a prepared run: registers the new accounts, discharges each obligation, adds the legs.
     */
    void applyTo(final Ledger ledger, final Policies policies, final long timestampMs)
    {
        final int firstAccount = ledger.participantCount;
        for (int a = 0; a < newAccountCount; a++)
        {
            final byte[] id = newAccountIds[a].getBytes(StandardCharsets.UTF_8);
            if (ledger.addParticipant(new UnsafeBuffer(id), 0, id.length, newAccountIds[a], timestampMs) !=
                firstAccount + a)
            {
                throw new IllegalStateException("novated run: account " + newAccountIds[a] + " out of order");
            }
        }
        policies.ensureParticipants(ledger.participantCount);
        for (int j = 0; j < count; j++)
        {
            if (debtorAccount[j] == Ledger.NONE)
            {
                if (debtorDischargedMinor[j] > 0)
                {
                    ledger.dischargeBothSides(obligation[j], debtorDischargedMinor[j], timestampMs);
                }
            }
            else
            {
                ledger.novate(obligation[j], timestampMs);
            }
        }
        final int firstLeg = ledger.obligationCount;
        for (int k = 0; k < newLegIds.size(); k++)
        {
            final byte[] id = newLegIds.get(k);
            final int o = ledger.addObligation(new UnsafeBuffer(id), 0, id.length, newLegDebtor.getInt(k),
                newLegCreditor.getInt(k), newLegAmounts.getLong(k), timestampMs);
            if (o != ledger.obligationCount - 1 || o != firstLeg + k)
            {
                throw new IllegalStateException("novated leg " + k + " took obligation " + o);
            }
            policies.onObligationAdded(o, Policies.DEFAULT_UNIT, 0);
        }
        newLegIds.clear();
        newLegDebtor.clear();
        newLegCreditor.clear();
        newLegAmounts.clear();
        newAccountIds = new String[0];
        newAccountCount = 0;
    }


    long hash(final long seed)
    {
        long h = HashMix.mix(seed, 0x0A0B_A7EDL);
        h = HashMix.mix(h, levels);
        h = HashMix.mix(h, count);
        for (int j = 0; j < count; j++)
        {
            h = HashMix.mix(h, obligation[j]);
            h = HashMix.mix(h, openMinor[j]);
            h = HashMix.mix(h, debtorDischargedMinor[j]);
            h = HashMix.mix(h, creditorDischargedMinor[j]);
            h = HashMix.mix(h, ((long)debtorAccount[j] << 32) ^ (creditorAccount[j] & 0xFFFF_FFFFL));
            h = HashMix.mix(h, ((long)debtorLeg[j] << 32) ^ (creditorLeg[j] & 0xFFFF_FFFFL));
        }
        h = HashMix.mix(h, arcCount);
        for (int a = 0; a < arcCount; a++)
        {
            h = HashMix.mix(h, arcStage[a]);
            h = HashMix.mix(h, ((long)arcTail[a] << 32) ^ (arcHead[a] & 0xFFFF_FFFFL));
            h = HashMix.mix(h, arcAmountMinor[a]);
            h = HashMix.mix(h, arcNettedMinor[a]);
            h = HashMix.mix(h, arcClearedMinor[a]);
            h = HashMix.mix(h, arcLeg[a]);
        }
        h = HashMix.mix(h, accountCount);
        for (int a = 0; a < accountCount; a++)
        {
            h = HashMix.mix(h, accountParticipant[a]);
            h = HashMix.mix(h, accountReceivableMinor[a]);
            h = HashMix.mix(h, accountPayableMinor[a]);
        }
        h = HashMix.mix(h, firmDebtDischargedMinor);
        h = HashMix.mix(h, firmClaimsDischargedMinor);
        h = HashMix.mix(h, flatClearedMinor);
        return HashMix.mix(h, levelByLevelClearedMinor);
    }

    void writeTo(final SnapshotOutput out)
    {
        out.putInt(levels);
        out.putInt(count);
        out.putInts(obligation, count);
        out.putLongs(openMinor, count);
        out.putLongs(debtorDischargedMinor, count);
        out.putLongs(creditorDischargedMinor, count);
        out.putInts(debtorAccount, count);
        out.putInts(creditorAccount, count);
        out.putInts(debtorLeg, count);
        out.putInts(creditorLeg, count);
        out.putInt(arcCount);
        out.putInts(arcStage, arcCount);
        out.putInts(arcTail, arcCount);
        out.putInts(arcHead, arcCount);
        out.putLongs(arcAmountMinor, arcCount);
        out.putLongs(arcNettedMinor, arcCount);
        out.putLongs(arcClearedMinor, arcCount);
        out.putInts(arcLeg, arcCount);
        out.putInt(accountCount);
        out.putInts(accountParticipant, accountCount);
        out.putLongs(accountReceivableMinor, accountCount);
        out.putLongs(accountPayableMinor, accountCount);
        out.putLong(firmDebtDischargedMinor);
        out.putLong(firmClaimsDischargedMinor);
        out.putLong(flatClearedMinor);
        out.putLong(levelByLevelClearedMinor);
    }

    void readFrom(final SnapshotInput in, final int participants, final int obligations)
    {
        levels = in.getInt();
        count = in.getCount(obligations);
        obligation = new int[count];
        openMinor = new long[count];
        debtorDischargedMinor = new long[count];
        creditorDischargedMinor = new long[count];
        debtorAccount = new int[count];
        creditorAccount = new int[count];
        debtorLeg = new int[count];
        creditorLeg = new int[count];
        in.getInts(obligation, count);
        in.getLongs(openMinor, count);
        in.getLongs(debtorDischargedMinor, count);
        in.getLongs(creditorDischargedMinor, count);
        in.getInts(debtorAccount, count);
        in.getInts(creditorAccount, count);
        in.getInts(debtorLeg, count);
        in.getInts(creditorLeg, count);
        arcCount = in.getCount(Integer.MAX_VALUE - 16);
        arcStage = new int[arcCount];
        arcTail = new int[arcCount];
        arcHead = new int[arcCount];
        arcAmountMinor = new long[arcCount];
        arcNettedMinor = new long[arcCount];
        arcClearedMinor = new long[arcCount];
        arcLeg = new int[arcCount];
        in.getInts(arcStage, arcCount);
        in.getInts(arcTail, arcCount);
        in.getInts(arcHead, arcCount);
        in.getLongs(arcAmountMinor, arcCount);
        in.getLongs(arcNettedMinor, arcCount);
        in.getLongs(arcClearedMinor, arcCount);
        in.getInts(arcLeg, arcCount);
        accountCount = in.getCount(participants);
        accountParticipant = new int[accountCount];
        accountReceivableMinor = new long[accountCount];
        accountPayableMinor = new long[accountCount];
        in.getInts(accountParticipant, accountCount);
        in.getLongs(accountReceivableMinor, accountCount);
        in.getLongs(accountPayableMinor, accountCount);
        firmDebtDischargedMinor = in.getLong();
        firmClaimsDischargedMinor = in.getLong();
        flatClearedMinor = in.getLong();
        levelByLevelClearedMinor = in.getLong();
        for (int j = 0; j < count; j++)
        {
            checkIndex(obligation[j], obligations, "obligation");
            checkIndexOrNone(debtorAccount[j], participants, "account");
            checkIndexOrNone(creditorAccount[j], participants, "account");
            checkIndexOrNone(debtorLeg[j], obligations, "leg");
            checkIndexOrNone(creditorLeg[j], obligations, "leg");
        }
        for (int a = 0; a < arcCount; a++)
        {
            checkIndex(arcTail[a], participants, "account");
            checkIndex(arcHead[a], participants, "account");
            checkIndexOrNone(arcLeg[a], obligations, "leg");
        }
        for (int a = 0; a < accountCount; a++)
        {
            checkIndex(accountParticipant[a], participants, "account");
        }
    }

    private static void checkIndex(final int index, final int bound, final String what)
    {
        if (index < 0 || index >= bound)
        {
            throw new SnapshotDamagedException("novated run: " + what + " " + index + " out of range");
        }
    }

    private static void checkIndexOrNone(final int index, final int bound, final String what)
    {
        if (index != Ledger.NONE)
        {
            checkIndex(index, bound, what);
        }
    }

    /**
     * The run as the query reports it; {@code participant} filters the notices to those it is a party of (and
     * hides the legs between accounts and the accounts), {@link ByteKeyIndex#MISSING} shows everything.
     */
    RunNovation view(final Ledger ledger, final long runId, final int participant)
    {
        final boolean all = participant == ByteKeyIndex.MISSING;
        final List<RunNovation.Notice> notices = new ArrayList<>(count);
        for (int j = 0; j < count; j++)
        {
            final int o = obligation[j];
            final int d = ledger.debtor[o];
            final int c = ledger.creditor[o];
            if (!all && participant != d && participant != c)
            {
                continue;
            }
            final boolean inside = debtorAccount[j] == Ledger.NONE;
            notices.add(new RunNovation.Notice(ledger.obligationIds.keyString(o), ledger.participantIdText[d],
                ledger.participantIdText[c], openMinor[j], debtorDischargedMinor[j],
                openMinor[j] - debtorDischargedMinor[j],
                ledger.participantIdText[inside ? c : debtorAccount[j]], legId(ledger, debtorLeg[j]),
                creditorDischargedMinor[j], openMinor[j] - creditorDischargedMinor[j],
                ledger.participantIdText[inside ? d : creditorAccount[j]], legId(ledger, creditorLeg[j])));
        }
        final List<RunNovation.Leg> legs = new ArrayList<>(all ? arcCount : 0);
        final List<RunNovation.Stage> stages = new ArrayList<>(levels);
        final List<RunNovation.Account> accounts = new ArrayList<>(all ? accountCount : 0);
        if (all)
        {
            for (int a = 0; a < arcCount; a++)
            {
                legs.add(new RunNovation.Leg(arcStage[a], ledger.participantIdText[arcTail[a]],
                    ledger.participantIdText[arcHead[a]], arcAmountMinor[a], arcNettedMinor[a], arcClearedMinor[a],
                    arcAmountMinor[a] - arcNettedMinor[a] - arcClearedMinor[a], legId(ledger, arcLeg[a])));
            }
            for (int a = 0; a < accountCount; a++)
            {
                accounts.add(new RunNovation.Account(ledger.participantIdText[accountParticipant[a]],
                    accountReceivableMinor[a], accountPayableMinor[a]));
            }
        }
        for (int stage = 1; stage <= levels; stage++)
        {
            long debt = 0;
            long netted = 0;
            long cleared = 0;
            for (int a = 0; a < arcCount; a++)
            {
                if (arcStage[a] == stage)
                {
                    debt += arcAmountMinor[a];
                    netted += arcNettedMinor[a];
                    cleared += arcClearedMinor[a];
                }
            }
            stages.add(new RunNovation.Stage(stage, debt, netted, cleared, debt - netted - cleared));
        }
        return new RunNovation(runId, levels, notices, legs, stages, accounts, firmDebtDischargedMinor,
            firmClaimsDischargedMinor, flatClearedMinor, levelByLevelClearedMinor);
    }

    private static String legId(final Ledger ledger, final int leg)
    {
        return leg == NO_LEG ? "" : ledger.obligationIds.keyString(leg);
    }
}

package io.clearing.server.cli;

import io.clearing.core.engine.api.ClearingRunSummary;
import io.clearing.core.engine.api.CommunityMembership;
import io.clearing.core.engine.api.ContinuousPolicy;
import io.clearing.core.engine.api.EngineTotals;
import io.clearing.core.engine.api.PolicyStateView;
import io.clearing.core.engine.api.ProposalState;
import io.clearing.core.engine.api.UnitRate;
import io.clearing.core.engine.api.UnitSummary;
import io.clearing.core.engine.journal.Journal;
import io.clearing.core.engine.journal.JournalFormatException;
import io.clearing.core.engine.journal.Recovery;
import io.clearing.core.engine.state.ClearingStateMachine;
import io.clearing.core.policy.PriorityRule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code clearing state --journal DIR}: recovers the engine state (newest snapshot + journal tail) without starting
 * the engine or writing anything, and prints participants, obligations, total debt, NID, the last clearing run, the
 * units, the treasury and its rates, the priority rule, urgent marks, communities and regions, and the state hash. Exit 0, or 2 when the directory holds no journal or one of another format.
 */
@Command(name = "state", mixinStandardHelpOptions = true,
    description = "Recover the journaled engine state and print its totals and state hash.")
public final class StateCommand implements Callable<Integer>
{
    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "journal directory")
    Path journal;

    @Option(names = "--full-replay", description = "ignore snapshots: replay the whole journal")
    boolean fullReplay;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        if (!holdsJournal(journal))
        {
            err.println(journal + ": no journal here (expected a directory written by 'clearing ingest')");
            return 2;
        }
        final ClearingStateMachine[] state = new ClearingStateMachine[1];
        final long startNs = System.nanoTime();
        final Recovery.Recovered recovered;
        try
        {
            recovered = Recovery.openAndRecover(journal, ClearingStateMachine::new, !fullReplay,
                m -> state[0] = (ClearingStateMachine)m, false);
        }
        catch (final JournalFormatException ex)
        {
            err.println(ex.getMessage());
            return 2;
        }
        final Recovery.Report report = recovered.report();
        final int formatVersion;
        final boolean compactRecords;
        try (Journal opened = recovered.journal())
        {
            formatVersion = opened.formatVersion();
            compactRecords = opened.compactRecords();
        }
        print(out, state[0], report, formatVersion, compactRecords, (System.nanoTime() - startNs) / 1_000_000);
        out.flush();
        return 0;
    }

    static boolean holdsJournal(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            return false;
        }
        try (Stream<Path> files = Files.list(directory))
        {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".cq4"));
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    static void print(final PrintWriter out, final ClearingStateMachine state, final Recovery.Report report,
        final int formatVersion, final boolean compactRecords, final long elapsedMs)
    {
        final EngineTotals totals = state.totals();
        out.printf("recovered from %s + %,d journal records in %d ms%s%n",
            report.snapshotFile() == null ? "the start of the journal" : "snapshot " + report.snapshotFile().getFileName(),
            report.replay().records(), elapsedMs,
            report.replay().damagedDocuments() == 0 ? "" : String.format(" (%,d damaged documents skipped)",
                report.replay().damagedDocuments()));
        for (final String damaged : report.damagedSnapshots())
        {
            out.println("skipped damaged snapshot " + damaged);
        }
        out.printf("journal format      version %d%s%n", formatVersion,
            compactRecords ? " (submissions and payments in compact records)" : " (every command as written)");
        if (report.failedCommands() > 0)
        {
            out.printf("%,d journaled commands broke an invariant when applied (first: %s)%n", report.failedCommands(),
                report.firstFailure());
        }
        out.printf("participants        %,d%n", totals.participants());
        out.printf("obligations         %,d (%,d open)%n", totals.obligations(), totals.openObligations());
        out.printf("total debt          %,d%n", totals.totalDebtMinor());
        out.printf("NID                 %,d%n", totals.netInternalDebtMinor());
        out.printf("paid                %,d%n", totals.paidMinor());
        out.printf("set off             %,d continuously (%,d cycles), %,d by batch runs%n",
            totals.continuousSetOffMinor(), totals.continuousCycles(), totals.batchSetOffMinor());
        final ContinuousPolicy policy = state.continuousPolicy();
        out.printf("continuous clearing %s%n", policy.enabled() ? String.format("on (cycles up to %d, %d visited, " +
            "%d scanned)", policy.maxCycleLength(), policy.maxVisitedNodes(), policy.maxEdgeScans()) : "off");
        final ClearingRunSummary run = state.lastClearingRun();
        if (run.runId() == 0)
        {
            out.println("last clearing       none");
        }
        else
        {
            out.printf("last clearing       run %d at %s: %,d of %,d cleared (%.2f %%), %,d obligations%n", run.runId(),
                Instant.ofEpochMilli(run.timestampMs()), run.clearedMinor(), run.totalDebtBeforeMinor(),
                run.totalDebtBeforeMinor() == 0 ? 0.0 : 100.0 * run.clearedMinor() / run.totalDebtBeforeMinor(),
                run.obligations());
        }
        printPolicies(out, state);
        out.printf("state hash          %016x%n", state.stateHash());
    }

    /**
     * The treasury and the rates it publishes, the priority rule, urgent marks, communities and their regions;
     * nothing when unused.
     */
    private static void printRunRules(final PrintWriter out, final ClearingStateMachine state)
    {
        final PolicyStateView policies = state.policies();
        if (policies.treasury() != null)
        {
            out.printf("treasury            %s%n", policies.treasury());
        }
        for (final UnitRate rate : policies.unitRates())
        {
            out.printf("rate %-15s %d/%d of the reference value a minor unit%n",
                rate.unitId().isEmpty() ? "(default)" : rate.unitId(), rate.numerator(), rate.denominator());
        }
        final PriorityRule standing = policies.standingPriority();
        final PriorityRule nextRun = policies.nextRunPriority();
        if (standing != PriorityRule.NONE || nextRun != null)
        {
            out.printf("priority            %s standing%s%n", label(standing),
                nextRun == null ? "" : ", " + label(nextRun) + " for the next run");
        }
        final List<String> urgent = policies.urgentObligations();
        if (!urgent.isEmpty())
        {
            out.printf("urgent              %,d obligations: %s%n", urgent.size(), String.join(" ",
                urgent.size() <= 20 ? urgent : urgent.subList(0, 20)) + (urgent.size() <= 20 ? "" : " ..."));
        }
        for (final CommunityMembership community : policies.communities())
        {
            out.printf("community %-9s %s: %s%n", community.communityId(),
                community.regionId() == null || community.regionId().isEmpty() ? "no region" :
                    "region " + community.regionId(), String.join(" ", community.participantIds()));
        }
    }

    private static String label(final PriorityRule rule)
    {
        return rule.label().replace('_', '-');
    }

    /**
     * Units of account with their demurrage, and a clearing proposal held for acceptance; nothing when unused.
     */
    private static void printPolicies(final PrintWriter out, final ClearingStateMachine state)
    {
        for (final UnitSummary unit : state.policies().units())
        {
            out.printf("unit %-14s %s%s%n", unit.unitId(), unit.community() ? "community" : "national",
                unit.demurrageBasisPoints() == 0 ? "" : String.format(", demurrage %d bp a period to %s, charged %,d " +
                    "in total (period %d: %,d)", unit.demurrageBasisPoints(), unit.fundParticipantId(),
                    unit.demurrageTotalMinor(), unit.lastPeriodId(), unit.demurrageLastMinor()));
        }
        printRunRules(out, state);
        final ProposalState proposal = state.policies().pendingProposal();
        if (proposal != null)
        {
            out.printf("pending proposal    run %d clears %,d; answers until %s (%s); %d accepted, %d rejected%n",
                proposal.runId(), proposal.clearedMinor(), Instant.ofEpochMilli(proposal.deadlineMs()),
                proposal.acceptByDefault() ? "accept by default" : "reject by default", proposal.accepted().size(),
                proposal.rejected().size());
        }
    }
}

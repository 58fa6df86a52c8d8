package io.clearing.server.cli;

import io.clearing.core.engine.ClearingEngine;
import io.clearing.core.engine.Context;
import io.clearing.core.engine.api.AccountBalance;
import io.clearing.core.engine.api.ClearingRunSummary;
import io.clearing.core.engine.api.ClearingStateView;
import io.clearing.core.engine.api.CommandReply;
import io.clearing.core.policy.ExclusionReason;
import io.clearing.core.engine.api.ProposalState;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.api.RunMoney;
import io.clearing.core.engine.api.CrossUnitPart;
import io.clearing.core.engine.api.RunConversion;
import io.clearing.core.engine.api.RunHierarchy;
import io.clearing.core.engine.api.RunNovation;
import io.clearing.core.engine.api.TreasuryExposure;
import io.clearing.core.engine.api.SetOffNotice;
import io.clearing.core.engine.journal.JournalFormatException;
import io.clearing.core.engine.journal.Recovery;
import io.clearing.core.engine.state.ClearingStateMachine;
import io.clearing.core.engine.state.CommandCodec;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code clearing policy COMMANDS.csv --journal DIR}: applies a file of community-policy commands (units, submissions
 * in units with due dates, disputes, exclusion rules, opt-outs, runs, proposals with their answers and commit,
 * demurrage, savings) to the journaled engine, one line of outcome per command.
 * <p>
 * All or nothing: the file is read whole, then every command is tried on a copy of the recovered state; only when
 * each one is accepted (or a duplicate of what is already there, so a file can be applied again harmlessly) are they
 * journaled. Exit 0 done; 1 the engine refused a command the dry run accepted (the journal changed in between); 2 an
 * unreadable line or a command the engine would refuse ({@code FILE:LINE: reason}),
 * or a journal of another format, with nothing journaled.
 */
@Command(name = "policy", mixinStandardHelpOptions = true,
    description = "Apply a file of community-policy commands (disputes, rules, opt-outs, units, proposals, " +
        "demurrage, treasury and rates, urgent marks and priorities, communities and regions) to the journaled " +
        "engine.")
public final class PolicyCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "COMMANDS.csv", description = "policy commands, one a line (docs/policies-engine.md)")
    Path input;

    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "journal directory (created when missing)")
    Path journal;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final List<PolicyScript.Step> steps = PolicyScript.read(input, System.currentTimeMillis());
        try
        {
            final String refusal = dryRun(steps);
            if (refusal != null)
            {
                err.println(refusal);
                err.println(journal + ": nothing journaled");
                return ClearingCli.BAD_INPUT;
            }
            if (!apply(steps, out, err))
            {
                out.flush();
                return ClearingCli.FAILURE;
            }
        }
        catch (final JournalFormatException ex)
        {
            err.println(ex.getMessage());
            return ClearingCli.BAD_INPUT;
        }
        out.flush();
        return ClearingCli.OK;
    }

    /**
     * Tries every command on a state recovered from the journal, which nothing else sees.
     *
     * @return the first refusal as {@code FILE:LINE: reason}, or null when all would be accepted.
     */
    private String dryRun(final List<PolicyScript.Step> steps)
    {
        final ClearingStateMachine[] state = {new ClearingStateMachine()};
        if (StateCommand.holdsJournal(journal))
        {
            Recovery.openAndRecover(journal, ClearingStateMachine::new, true, m -> state[0] = (ClearingStateMachine)m,
                false).journal().close();
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandCodec.MAX_COMMAND_BYTES]);
        for (final PolicyScript.Step step : steps)
        {
            final int length = step.encoder().encode(buffer, step.timestampMs());
            if (length == CommandCodec.TOO_LONG)
            {
                return where(step) + ResultCode.TOO_LONG.reason();
            }
            final ResultCode code = ResultCode.of(state[0].apply(buffer, 0, length));
            if (code != ResultCode.ACCEPTED && code != ResultCode.DUPLICATE)
            {
                return where(step) + step.verb() + " refused (" + code + "): " + code.reason();
            }
        }
        return null;
    }

    /**
     * @return false when the engine refused a command the dry run accepted (only if something else wrote to the
     * journal in between).
     */
    private boolean apply(final List<PolicyScript.Step> steps, final PrintWriter out, final PrintWriter err)
    {
        boolean allTaken = true;
        final AtomicLong time = new AtomicLong();
        final Context context = new Context()
            .journalDirectory(journal)
            .clock(time::get)
            .errorHandler(ex -> err.println("engine error: " + ex));
        try (ClearingEngine engine = ClearingEngine.launch(context))
        {
            for (final PolicyScript.Step step : steps)
            {
                time.set(step.timestampMs());
                final CommandReply reply = step.publisher().apply(engine).join();
                out.println(where(step) + step.text() + ": " + outcome(engine, step, reply));
                allTaken &= reply.isAccepted() || reply.code() == ResultCode.DUPLICATE;
            }
            out.printf("journal %s: state hash %016x%n", journal, engine.stateHash());
        }
        return allTaken;
    }

    private String where(final PolicyScript.Step step)
    {
        return input + ":" + step.line() + ": ";
    }

    private static String outcome(final ClearingEngine engine, final PolicyScript.Step step, final CommandReply reply)
    {
        final String code = reply.code() == ResultCode.ACCEPTED ? "accepted" :
            reply.code() == ResultCode.DUPLICATE ? "duplicate (already in effect)" : "refused: " + reply.code().reason();
        if (!reply.isAccepted() && reply.code() != ResultCode.DUPLICATE)
        {
            return code;
        }
        switch (step.verb())
        {
            case "run":
            case "commit":
                return code + "; " + engine.querySync(PolicyCommand::describeRun);
            case "propose":
            case "accept":
            case "reject":
                return code + "; " + engine.querySync(PolicyCommand::describeProposal);
            case "demurrage":
                return code + "; " + engine.querySync(v -> describeDemurrage(v, step.text().split(",")[1].strip(),
                    reply.value()));
            default:
                return code;
        }
    }

    private static String describeRun(final ClearingStateView view)
    {
        final ClearingRunSummary run = view.lastClearingRun();
        final Map<ExclusionReason, Integer> excluded = new EnumMap<>(ExclusionReason.class);
        for (final SetOffNotice notice : view.lastSetOffNotices())
        {
            if (notice.exclusion() != ExclusionReason.NONE)
            {
                excluded.merge(notice.exclusion(), 1, Integer::sum);
            }
        }
        final StringJoiner reasons = new StringJoiner(", ");
        excluded.forEach((reason, count) -> reasons.add(count + " " + reason.reason()));
        final StringJoiner money = new StringJoiner(", ");
        for (final RunMoney moved : view.policies().lastRunMoney())
        {
            final String unit = unitSuffix(moved.unitId());
            money.add(moved.paidMinor() > 0 ? moved.participantId() + " paid " + moved.paidMinor() + unit :
                moved.participantId() + " received " + moved.receivedMinor() + unit);
        }
        return String.format("run %d cleared %,d of %,d over %,d open obligations%s%s%s%s%s", run.runId(),
            run.clearedMinor(), run.totalDebtBeforeMinor(), run.obligations(),
            excluded.isEmpty() ? "" : "; left untouched: " + reasons,
            money.length() == 0 ? "" : "; committed money moved: " + money,
            describeConversion(view.policies().runConversion(run.runId())),
            describeHierarchy(view.policies().runHierarchy(run.runId())),
            describeNovation(view.policies().runNovation(run.runId(), null)));
    }

    private static String describeNovation(final RunNovation novation)
    {
        if (novation == null)
        {
            return "";
        }
        long carried = 0;
        for (final RunNovation.Account account : novation.accounts())
        {
            carried += account.receivableMinor();
        }
        return String.format("; novated: firm debts and claims discharged %,d each, flat optimum %,d, level by " +
            "level %,d; accounts carry %,d", novation.firmDebtDischargedMinor(), novation.flatClearedMinor(),
            novation.levelByLevelClearedMinor(), carried);
    }

    private static String describeConversion(final RunConversion conversion)
    {
        if (conversion == null || conversion.crossUnit().isEmpty())
        {
            return "";
        }
        final StringJoiner parts = new StringJoiner(", ");
        for (final CrossUnitPart part : conversion.crossUnit())
        {
            parts.add(part.obligationId() + " " + part.crossUnitMinor() + unitSuffix(part.unitId()));
        }
        final StringJoiner exposure = new StringJoiner(", ");
        for (final TreasuryExposure unit : conversion.exposure())
        {
            exposure.add(unit.exposureMinor() + unitSuffix(unit.unitId()));
        }
        return "; across units through the treasury: " + parts + " (treasury exposure " + exposure + ")";
    }

    private static String describeHierarchy(final RunHierarchy hierarchy)
    {
        if (hierarchy == null)
        {
            return "";
        }
        return "; " + JournalClearing.hierarchyFigures(hierarchy);
    }

    private static String unitSuffix(final String unitId)
    {
        return unitId.isEmpty() ? "" : " " + unitId;
    }

    private static String describeProposal(final ClearingStateView view)
    {
        final ProposalState proposal = view.policies().pendingProposal();
        if (proposal == null)
        {
            return "no proposal pending";
        }
        return String.format("proposal %d (%s, answers until %s) clears %,d; affected %s; accepted %s; rejected %s",
            proposal.runId(), proposal.acceptByDefault() ? "accept by default" : "reject by default",
            java.time.Instant.ofEpochMilli(proposal.deadlineMs()), proposal.clearedMinor(), names(proposal.affected()),
            names(proposal.accepted()), names(proposal.rejected()));
    }

    private static String describeDemurrage(final ClearingStateView view, final String unitId, final long total)
    {
        final StringJoiner charged = new StringJoiner(", ");
        for (final AccountBalance account : view.policies().accounts(unitId))
        {
            if (account.demurrageLastMinor() > 0)
            {
                charged.add(account.participantId() + " " + account.demurrageLastMinor());
            }
        }
        return String.format("charged %,d in %s to the fund%s", total, unitId,
            charged.length() == 0 ? "" : ": " + charged);
    }

    private static String names(final List<String> ids)
    {
        return ids.isEmpty() ? "-" : String.join(" ", ids);
    }
}

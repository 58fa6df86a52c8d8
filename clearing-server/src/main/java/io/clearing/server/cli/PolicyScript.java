package io.clearing.server.cli;

import io.clearing.core.engine.ClearingEngine;
import io.clearing.core.engine.api.CommandReply;
import io.clearing.core.engine.api.ExclusionRule;
import io.clearing.core.engine.api.OptOutMode;
import io.clearing.core.engine.api.RunLimitKind;
import io.clearing.core.engine.state.CommandCodec;
import io.clearing.core.policy.PriorityRule;
import org.agrona.MutableDirectBuffer;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Reads a file of engine policy commands, one a line, fields separated by commas; blank lines and lines starting
 * with {@code #} are skipped. Every command is stamped with the time of the last {@code at} line before it (the file's
 * start time when none). The grammar is in docs/policies-engine.md. Any line that cannot be read is refused with
 * {@code FILE:LINE: reason} and nothing is returned.
 */
final class PolicyScript
{
    /**
     * One command of the file: its line, its time, its binary form (for a dry run on a recovered state machine) and
     * the engine call that publishes the same command.
     *
     * @param line        1-based line number.
     * @param text        the line as written.
     * @param verb        the command word.
     * @param timestampMs time the command is stamped with.
     * @param encoder     writes the command ({@link CommandCodec}) at offset 0, returns its length.
     * @param publisher   publishes the command through the engine (whose clock must then read {@code timestampMs}).
     */
    record Step(
        int line,
        String text,
        String verb,
        long timestampMs,
        Encoder encoder,
        Function<ClearingEngine, CompletableFuture<CommandReply>> publisher)
    {
    }

    /**
     * Writes one command at offset 0 of the buffer.
     */
    @FunctionalInterface
    interface Encoder
    {
        int encode(MutableDirectBuffer buffer, long timestampMs);
    }

    private final Path file;
    private long timeMs;
    private int lineNumber;

    private PolicyScript(final Path file, final long startMs)
    {
        this.file = file;
        this.timeMs = startMs;
    }

    /**
     * @param startMs time of the commands before the first {@code at} line.
     * @throws CliException (bad input) naming the file and line of the first unreadable line.
     */
    static List<Step> read(final Path file, final long startMs)
    {
        final PolicyScript script = new PolicyScript(file, startMs);
        final List<Step> steps = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            String text;
            while ((text = reader.readLine()) != null)
            {
                script.lineNumber++;
                final String trimmed = text.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#"))
                {
                    continue;
                }
                final Step step = script.parse(trimmed);
                if (step != null)
                {
                    steps.add(step);
                }
            }
        }
        catch (final IOException ex)
        {
            throw CliException.badInput(file + ": cannot read: " + ex.getMessage());
        }
        return steps;
    }

    private CliException bad(final String reason)
    {
        return CliException.badInput(file + ":" + lineNumber + ": " + reason);
    }

    private Step parse(final String text)
    {
        final String[] f = text.split(",", -1);
        for (int i = 0; i < f.length; i++)
        {
            f[i] = f[i].strip();
        }
        final String verb = f[0];
        switch (verb)
        {
            case "at":
                fields(f, 2, 2, "at,TIME");
                timeMs = time(f[1], "TIME");
                return null;
            case "register":
                fields(f, 3, 3, "register,PARTICIPANT,NAME");
                return step(text, verb, (b, t) -> CommandCodec.encodeRegisterParticipant(b, 0, t, f[1], f[2]),
                    e -> e.registerParticipant(f[1], f[2]));
            case "unit":
                return unit(text, f);
            case "submit":
                return submit(text, f);
            case "pay":
            {
                fields(f, 4, 4, "pay,PAYMENT,OBLIGATION,AMOUNT");
                final long amount = amount(f[3]);
                return step(text, verb, (b, t) -> CommandCodec.encodeRecordPayment(b, 0, t, f[1], f[2], amount),
                    e -> e.recordPayment(f[1], f[2], amount));
            }
            case "dispute":
            case "withdraw-dispute":
            {
                fields(f, 3, 3, verb + ",OBLIGATION,PARTICIPANT");
                final boolean disputed = verb.equals("dispute");
                return step(text, verb, (b, t) -> CommandCodec.encodeSetDispute(b, 0, t, f[1], f[2], disputed),
                    e -> e.setDispute(f[1], f[2], disputed));
            }
            case "rule":
                return rule(text, f);
            case "opt-out":
            case "opt-in":
                return optOut(text, f);
            case "run":
            {
                fields(f, 2, 3, "run,RUN[,hierarchical|novated]");
                final long runId = positive(f[1], "RUN");
                if (f.length == 3 && f[2].equals("novated"))
                {
                    return step(text, verb, (b, t) -> CommandCodec.encodeRunNovated(b, 0, t, runId),
                        e -> e.runNovatedClearing(runId));
                }
                if (f.length == 3)
                {
                    if (!f[2].equals("hierarchical"))
                    {
                        throw bad("a run is flat, hierarchical or novated: '" + f[2] + "'");
                    }
                    return step(text, verb, (b, t) -> CommandCodec.encodeRunHierarchical(b, 0, t, runId),
                        e -> e.runHierarchicalClearing(runId));
                }
                return step(text, verb, (b, t) -> CommandCodec.encodeRunClearing(b, 0, t, runId),
                    e -> e.runClearing(runId));
            }
            case "treasury":
            {
                fields(f, 2, 2, "treasury,PARTICIPANT");
                return step(text, verb, (b, t) -> CommandCodec.encodeSetTreasury(b, 0, t, f[1]),
                    e -> e.setTreasury(f[1]));
            }
            case "no-treasury":
                fields(f, 1, 1, "no-treasury");
                return step(text, verb, (b, t) -> CommandCodec.encodeSetTreasury(b, 0, t, ""), e -> e.setTreasury(""));
            case "rate":
            {
                fields(f, 4, 4, "rate,UNIT,NUMERATOR,DENOMINATOR", 1);
                final long numerator = positive(f[2], "NUMERATOR");
                final long denominator = positive(f[3], "DENOMINATOR");
                return step(text, verb, (b, t) -> CommandCodec.encodeSetRate(b, 0, t, f[1], numerator, denominator),
                    e -> e.setRate(f[1], numerator, denominator));
            }
            case "no-rate":
                fields(f, 2, 2, "no-rate,UNIT", 1);
                return step(text, verb, (b, t) -> CommandCodec.encodeSetRate(b, 0, t, f[1], 0, 0),
                    e -> e.setRate(f[1], 0, 0));
            case "urgent":
            case "not-urgent":
            {
                fields(f, 2, 3, verb + ",OBLIGATION[,PARTICIPANT]");
                final String party = f.length == 3 ? f[2] : "";
                final boolean urgent = verb.equals("urgent");
                return step(text, verb, (b, t) -> CommandCodec.encodeSetUrgent(b, 0, t, f[1], party, urgent),
                    e -> e.setUrgent(f[1], party, urgent));
            }
            case "priority":
                return priority(text, f);
            case "community":
                fields(f, 3, 3, "community,PARTICIPANT,COMMUNITY");
                return step(text, verb, (b, t) -> CommandCodec.encodeSetCommunity(b, 0, t, f[1], f[2]),
                    e -> e.setCommunity(f[1], f[2]));
            case "no-community":
                fields(f, 2, 2, "no-community,PARTICIPANT");
                return step(text, verb, (b, t) -> CommandCodec.encodeSetCommunity(b, 0, t, f[1], ""),
                    e -> e.setCommunity(f[1], ""));
            case "region":
                fields(f, 3, 3, "region,COMMUNITY,REGION");
                return step(text, verb, (b, t) -> CommandCodec.encodeSetRegion(b, 0, t, f[1], f[2]),
                    e -> e.setRegion(f[1], f[2]));
            case "no-region":
                fields(f, 2, 2, "no-region,COMMUNITY");
                return step(text, verb, (b, t) -> CommandCodec.encodeSetRegion(b, 0, t, f[1], ""),
                    e -> e.setRegion(f[1], ""));
            case "propose":
                return propose(text, f);
            case "accept":
            case "reject":
            {
                fields(f, 3, 3, verb + ",RUN,PARTICIPANT");
                final long runId = positive(f[1], "RUN");
                final boolean accept = verb.equals("accept");
                return step(text, verb, (b, t) -> CommandCodec.encodeRespondToProposal(b, 0, t, runId, f[2], accept),
                    e -> e.respondToProposal(runId, f[2], accept));
            }
            case "commit":
            {
                fields(f, 2, 2, "commit,RUN");
                final long runId = positive(f[1], "RUN");
                return step(text, verb, (b, t) -> CommandCodec.encodeCommitClearing(b, 0, t, runId),
                    e -> e.commitClearing(runId));
            }
            case "demurrage":
            {
                fields(f, 3, 3, "demurrage,UNIT,PERIOD");
                final long period = positive(f[2], "PERIOD");
                return step(text, verb, (b, t) -> CommandCodec.encodeChargeDemurrage(b, 0, t, f[1], period),
                    e -> e.chargeDemurrage(f[1], period));
            }
            case "cap":
            case "liquidity":
            {
                fields(f, 4, 4, verb + ",PARTICIPANT,UNIT,AMOUNT", 2);
                final boolean cap = verb.equals("cap");
                final long amount = cap ? nonNegative(f[3], "AMOUNT") : amount(f[3]);
                final RunLimitKind kind = cap ? RunLimitKind.RECEIVABLE_CAP : RunLimitKind.LIQUIDITY;
                return step(text, verb, (b, t) -> CommandCodec.encodeSetRunLimit(b, 0, t, f[1], f[2], kind.wireValue(),
                    amount), e -> e.setRunLimit(f[1], f[2], kind, amount));
            }
            case "no-cap":
            case "no-liquidity":
            {
                fields(f, 3, 3, verb + ",PARTICIPANT,UNIT", 2);
                final RunLimitKind kind = verb.equals("no-cap") ? RunLimitKind.REMOVE_RECEIVABLE_CAP :
                    RunLimitKind.REMOVE_LIQUIDITY;
                return step(text, verb, (b, t) -> CommandCodec.encodeSetRunLimit(b, 0, t, f[1], f[2], kind.wireValue(),
                    0), e -> e.setRunLimit(f[1], f[2], kind, 0));
            }
            case "savings":
            {
                fields(f, 4, 4, "savings,PARTICIPANT,UNIT,AMOUNT");
                final long amount = nonNegative(f[3], "AMOUNT");
                return step(text, verb, (b, t) -> CommandCodec.encodeSetSavings(b, 0, t, f[1], f[2], amount),
                    e -> e.setSavings(f[1], f[2], amount));
            }
            default:
                throw bad("unknown command '" + verb + "' (expected at, register, unit, submit, pay, dispute, " +
                    "withdraw-dispute, rule, opt-out, opt-in, cap, no-cap, liquidity, no-liquidity, run, propose, accept, " +
                    "reject, commit, demurrage, savings, treasury, no-treasury, rate, no-rate, urgent, not-urgent, " +
                    "priority, community, no-community, region, no-region)");
        }
    }

    private Step priority(final String text, final String[] f)
    {
        fields(f, 3, 3, "priority,none|older-first|urgent-first,next-run|standing");
        final PriorityRule rule = PriorityRule.ofLabel(f[1].replace('-', '_'));
        if (rule == null)
        {
            throw bad("priority is none, older-first or urgent-first: '" + f[1] + "'");
        }
        final boolean standing;
        if (f[2].equals("standing"))
        {
            standing = true;
        }
        else if (f[2].equals("next-run"))
        {
            standing = false;
        }
        else
        {
            throw bad("a priority is for the next-run or standing: '" + f[2] + "'");
        }
        return step(text, f[0], (b, t) -> CommandCodec.encodeSetPriority(b, 0, t, rule.ordinal(),
            standing ? CommandCodec.PRIORITY_STANDING : CommandCodec.PRIORITY_NEXT_RUN), e -> e.setPriority(rule, standing));
    }

    private Step unit(final String text, final String[] f)
    {
        fields(f, 4, 5, "unit,UNIT,national|community,DEMURRAGE_BASIS_POINTS[,FUND]");
        final boolean community;
        if (f[2].equals("community"))
        {
            community = true;
        }
        else if (f[2].equals("national"))
        {
            community = false;
        }
        else
        {
            throw bad("unit kind must be national or community: '" + f[2] + "'");
        }
        final long rate = nonNegative(f[3], "DEMURRAGE_BASIS_POINTS");
        if (rate > 10_000)
        {
            throw bad("demurrage is at most 10000 basis points: " + rate);
        }
        final String fund = f.length > 4 ? f[4] : "";
        return step(text, f[0], (b, t) -> CommandCodec.encodeDefineUnit(b, 0, t, f[1], community, (int)rate, fund),
            e -> e.defineUnit(f[1], community, (int)rate, fund));
    }

    private Step submit(final String text, final String[] f)
    {
        fields(f, 5, 7, "submit,OBLIGATION,DEBTOR,CREDITOR,AMOUNT[,UNIT[,DUE]]");
        final long amount = amount(f[4]);
        final String unit = f.length > 5 ? f[5] : "";
        final long due = f.length > 6 && !f[6].isEmpty() ? time(f[6], "DUE") : 0;
        return step(text, f[0], (b, t) -> CommandCodec.encodeSubmitInUnit(b, 0, t, f[1], f[2], f[3], amount, unit, due),
            e -> e.submitObligationInUnit(f[1], f[2], f[3], amount, unit, due));
    }

    private Step rule(final String text, final String[] f)
    {
        fields(f, 3, 4, "rule,PARTICIPANT,related|unrelated|minimum|due-window|no-due-window[,VALUE]");
        final ExclusionRule rule;
        long value = 0;
        String other = "";
        switch (f[2])
        {
            case "related":
            case "unrelated":
                fields(f, 4, 4, "rule,PARTICIPANT," + f[2] + ",OTHER");
                rule = f[2].equals("related") ? ExclusionRule.ADD_RELATED : ExclusionRule.REMOVE_RELATED;
                other = f[3];
                break;
            case "minimum":
                fields(f, 4, 4, "rule,PARTICIPANT,minimum,AMOUNT");
                rule = ExclusionRule.MINIMUM_AMOUNT;
                value = nonNegative(f[3], "AMOUNT");
                break;
            case "due-window":
                fields(f, 4, 4, "rule,PARTICIPANT,due-window,DURATION");
                rule = ExclusionRule.DUE_WINDOW;
                value = duration(f[3]);
                break;
            case "no-due-window":
                fields(f, 3, 3, "rule,PARTICIPANT,no-due-window");
                rule = ExclusionRule.CLEAR_DUE_WINDOW;
                break;
            default:
                throw bad("unknown rule '" + f[2] + "' (expected related, unrelated, minimum, due-window, no-due-window)");
        }
        final long ruleValue = value;
        final String ruleOther = other;
        return step(text, f[0],
            (b, t) -> CommandCodec.encodeSetRule(b, 0, t, f[1], rule.wireValue(), ruleValue, ruleOther),
            e -> e.setRule(f[1], rule, ruleValue, ruleOther));
    }

    private Step optOut(final String text, final String[] f)
    {
        final OptOutMode mode;
        if (f[0].equals("opt-in"))
        {
            fields(f, 2, 2, "opt-in,PARTICIPANT");
            mode = OptOutMode.OPT_IN;
        }
        else
        {
            fields(f, 3, 3, "opt-out,PARTICIPANT,next-run|until-opt-in");
            if (f[2].equals("next-run"))
            {
                mode = OptOutMode.NEXT_RUN;
            }
            else if (f[2].equals("until-opt-in"))
            {
                mode = OptOutMode.UNTIL_OPT_IN;
            }
            else
            {
                throw bad("opt-out is for next-run or until-opt-in: '" + f[2] + "'");
            }
        }
        return step(text, f[0], (b, t) -> CommandCodec.encodeSetOptOut(b, 0, t, f[1], mode.wireValue()),
            e -> e.setOptOut(f[1], mode));
    }

    private Step propose(final String text, final String[] f)
    {
        fields(f, 4, 4, "propose,RUN,DEADLINE,accept-by-default|reject-by-default");
        final long runId = positive(f[1], "RUN");
        final long deadline = f[2].startsWith("+") ? Math.addExact(timeMs, duration(f[2].substring(1))) :
            time(f[2], "DEADLINE");
        final boolean acceptByDefault;
        if (f[3].equals("accept-by-default"))
        {
            acceptByDefault = true;
        }
        else if (f[3].equals("reject-by-default"))
        {
            acceptByDefault = false;
        }
        else
        {
            throw bad("the default must be accept-by-default or reject-by-default: '" + f[3] + "'");
        }
        if (deadline < timeMs)
        {
            throw bad("deadline " + Instant.ofEpochMilli(deadline) + " is before the command's time " +
                Instant.ofEpochMilli(timeMs));
        }
        return step(text, f[0], (b, t) -> CommandCodec.encodeProposeClearing(b, 0, t, runId, deadline, acceptByDefault),
            e -> e.proposeClearing(runId, deadline, acceptByDefault));
    }

    private Step step(final String text, final String verb, final Encoder encoder,
        final Function<ClearingEngine, CompletableFuture<CommandReply>> publisher)
    {
        return new Step(lineNumber, text, verb, timeMs, encoder, publisher);
    }

    private void fields(final String[] f, final int min, final int max, final String usage)
    {
        fields(f, min, max, usage, -1);
    }

    /**
     * Checks the field count and that every required field but {@code mayBeEmpty} (a unit, empty for the default
     * unit) has text.
     */
    private void fields(final String[] f, final int min, final int max, final String usage, final int mayBeEmpty)
    {
        if (f.length < min || f.length > max)
        {
            throw bad("expected " + usage + ", got " + f.length + " fields");
        }
        for (int i = 1; i < Math.min(f.length, min); i++)
        {
            if (f[i].isEmpty() && i != mayBeEmpty)
            {
                throw bad("field " + (i + 1) + " is empty (expected " + usage + ")");
            }
        }
    }

    private long amount(final String text)
    {
        final long amount = number(text, "AMOUNT");
        if (amount <= 0)
        {
            throw bad("amount must be positive: " + text);
        }
        return amount;
    }

    private long positive(final String text, final String what)
    {
        final long value = number(text, what);
        if (value <= 0)
        {
            throw bad(what + " must be positive: " + text);
        }
        return value;
    }

    private long nonNegative(final String text, final String what)
    {
        final long value = number(text, what);
        if (value < 0)
        {
            throw bad(what + " is negative: " + text);
        }
        return value;
    }

    private long number(final String text, final String what)
    {
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw bad(what + " is not a whole number of minor units: '" + text + "'");
        }
    }

    /**
     * An instant ({@code 2026-11-01T09:30:00Z}), a date (midnight UTC) or epoch milliseconds.
     */
    private long time(final String text, final String what)
    {
        try
        {
            if (text.chars().allMatch(Character::isDigit) && !text.isEmpty())
            {
                return Long.parseLong(text);
            }
            if (text.length() == 10)
            {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            return Instant.parse(text).toEpochMilli();
        }
        catch (final DateTimeParseException | NumberFormatException ex)
        {
            throw bad(what + " is not a date (2026-12-31), an instant (2026-12-31T12:00:00Z) or epoch ms: '" + text +
                "'");
        }
    }

    /**
     * A duration: a whole number followed by d, h, m or s, or plain milliseconds.
     */
    private long duration(final String text)
    {
        if (text.isEmpty())
        {
            throw bad("duration is empty");
        }
        final char last = text.charAt(text.length() - 1);
        final long unitMs = switch (last)
        {
            case 'd' -> 86_400_000L;
            case 'h' -> 3_600_000L;
            case 'm' -> 60_000L;
            case 's' -> 1_000L;
            default -> 1L;
        };
        final String digits = unitMs == 1 ? text : text.substring(0, text.length() - 1);
        final long count = nonNegative(digits, "DURATION");
        try
        {
            return Math.multiplyExact(count, unitMs);
        }
        catch (final ArithmeticException ex)
        {
            throw bad("duration too long: " + text);
        }
    }
}

package io.clearing.core.engine.state;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.api.Verification;
import io.clearing.core.csv.CsvFormatException;
import io.clearing.core.csv.RunCertificateCsv;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.api.RunCertificate;
import io.clearing.core.policy.CertifiedRun;
import io.clearing.core.policy.ClearingPolicy;
import io.clearing.core.policy.PolicyCertificate;
import io.clearing.core.policy.PriorityRule;
import io.clearing.core.engine.state.LambdaCommands.Command;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.clearing.core.engine.state.CommandCodec.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every batch run keeps its certificate: plain runs (every unit), runs with caps and liquidity, conversion through a
 * treasury, priorities, hierarchical runs (each level) and proposals committed as held. The kept certificate
 * verifies with the library's verifier against the run's notices; lowering one discharge or moving one potential
 * fails; replay and restart from a snapshot give the same certificates and the same state hash.
 */
class RunCertificateTest
{
    private static final long DAY_MS = 86_400_000L;
    private static final long START_MS = 1_780_000_000_000L;
    private static final long SHIFT = 1L << 40;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandCodec.MAX_COMMAND_BYTES]);

    @Test
    void shouldKeepAVerifiableCertificateOfEveryRunOnPolicyWorkloads()
    {
        int plain = 0;
        int limited = 0;
        int adopted = 0;
        for (long seed = 1; seed <= 3; seed++)
        {
            final List<TestCommand> commands = Workloads.withPolicies(seed, 2_000, 18, true);
            final ClearingStateMachine machine = new ClearingStateMachine();
            long checkedRun = 0;
            for (final TestCommand command : commands)
            {
                machine.apply(buffer, 0, command.encode(buffer));
                final long last = machine.lastClearingRun().runId();
                if (last != checkedRun)
                {
                    checkedRun = last;
                    final RunCertificate kept = machine.runCertificate(last);
                    final String where = "seed " + seed + " run " + last;
                    checkRun(kept.run(), where);
                    adopted += kept.adoptedFromProposal() ? 1 : 0;
                    final ClearingPolicy policy = kept.run().policy();
                    if (policy.liquidityCommitments() > 0 || hasCap(policy))
                    {
                        limited++;
                    }
                    else
                    {
                        plain++;
                    }
                }
            }
        }
        assertThat(plain).as("plain runs").isGreaterThan(5);
        assertThat(limited).as("runs with caps or liquidity").isGreaterThan(5);
        assertThat(adopted).as("proposals committed as held").isGreaterThan(2);
    }

    @Test
    void shouldKeepAVerifiableCertificateOfConversionPriorityAndHierarchicalRuns()
    {
        int hierarchical = 0;
        int converted = 0;
        int prioritised = 0;
        for (long seed = 1; seed <= 30; seed++)
        {
            final ClearingStateMachine machine = new ClearingStateMachine(4, 4);
            final List<Command> commands = rulesWorkload(seed);
            for (final Command command : commands)
            {
                final int code = machine.apply(buffer, 0, command.encode(buffer));
                assertThat(ResultCode.of(code)).as("seed %d", seed).isIn(ResultCode.ACCEPTED, ResultCode.DUPLICATE);
            }
            for (long runId = 1; runId <= 2; runId++)
            {
                final CertifiedRun run = machine.runCertificate(runId).run();
                checkRun(run, "seed " + seed + " run " + runId);
                hierarchical += run.hierarchical() ? 1 : 0;
                prioritised += run.policy().priority() != PriorityRule.NONE ? 1 : 0;
                for (int j = 0; j < run.policy().network().obligationCount(); j++)
                {
                    if (run.crossUnitMinor(j) > 0)
                    {
                        converted++;
                        break;
                    }
                }
            }
        }
        assertThat(hierarchical).as("hierarchical runs").isGreaterThan(10);
        assertThat(converted).as("runs that converted across units").isGreaterThan(5);
        assertThat(prioritised).as("runs with a priority rule").isGreaterThan(10);
    }

    @Test
    void shouldGiveTheSameCertificatesAndHashByReplayAndFromASnapshot()
    {
        for (long seed = 1; seed <= 4; seed++)
        {
            final List<TestCommand> commands = Workloads.withPolicies(seed + 40, 1_200, 16, true);
            final ClearingStateMachine full = new ClearingStateMachine();
            final List<byte[]> snapshots = new ArrayList<>();
            final List<Integer> snapshotAt = new ArrayList<>();
            for (int i = 0; i < commands.size(); i++)
            {
                full.apply(buffer, 0, commands.get(i).encode(buffer));
                if (commands.get(i) instanceof TestCommand.Snapshot && snapshots.size() < 4)
                {
                    snapshots.add(ClearingStateMachineTest.snapshotOf(full));
                    snapshotAt.add(i);
                }
            }
            final ClearingStateMachine replay = new ClearingStateMachine();
            for (final TestCommand command : commands)
            {
                replay.apply(buffer, 0, command.encode(buffer));
            }
            assertThat(replay.stateHash()).isEqualTo(full.stateHash());
            assertThat(describeRuns(replay)).isEqualTo(describeRuns(full));
            assertThat(snapshots).isNotEmpty();
            for (int s = 0; s < snapshots.size(); s++)
            {
                final ClearingStateMachine restarted = new ClearingStateMachine();
                restarted.loadSnapshot(new SnapshotInput(Channels.newChannel(
                    new ByteArrayInputStream(snapshots.get(s)))));
                for (int i = snapshotAt.get(s) + 1; i < commands.size(); i++)
                {
                    restarted.apply(buffer, 0, commands.get(i).encode(buffer));
                }
                assertThat(restarted.stateHash()).as("seed %d snapshot %d", seed, s).isEqualTo(full.stateHash());
                assertThat(describeRuns(restarted)).as("seed %d snapshot %d", seed, s).isEqualTo(describeRuns(full));
            }
        }
        final ClearingStateMachine rules = new ClearingStateMachine(4, 4);
        for (final Command command : rulesWorkload(7))
        {
            rules.apply(buffer, 0, command.encode(buffer));
        }
        final ClearingStateMachine restarted = new ClearingStateMachine(4, 4);
        restarted.loadSnapshot(new SnapshotInput(Channels.newChannel(
            new ByteArrayInputStream(ClearingStateMachineTest.snapshotOf(rules)))));
        assertThat(describeRuns(restarted)).isEqualTo(describeRuns(rules)).contains("level 2");
    }

    @Test
    void shouldFailAFileWithALoweredSetOffAndRefuseAMalformedRow() throws Exception
    {
        final ClearingStateMachine machine = new ClearingStateMachine(4, 4);
        for (final Command command : rulesWorkload(3))
        {
            machine.apply(buffer, 0, command.encode(buffer));
        }
        final CertifiedRun run = machine.runCertificate(1).run();
        final StringWriter text = new StringWriter();
        RunCertificateCsv.write(text, 1, false, run);
        final String file = text.toString();
        assertThat(file).startsWith("run,1,hierarchical,solved\n").contains("\ngroup,0,p0,").contains("\ncertificate,2,");
        final String[] rows = file.split("\n");
        int changed = -1;
        for (int r = 0; r < rows.length && changed < 0; r++)
        {
            final String[] fields = rows[r].split(",", -1);
            if (fields[0].equals("level_set_off") && Long.parseLong(fields[3]) > 0)
            {
                final String obligation = fields[2];
                rows[r] = "level_set_off," + fields[1] + "," + obligation + "," + (Long.parseLong(fields[3]) - 1);
                for (int o = 0; o < rows.length; o++)
                {
                    final String[] row = rows[o].split(",", -1);
                    if (row[0].equals("obligation") && row[1].equals(obligation))
                    {
                        row[8] = Long.toString(Long.parseLong(row[8]) - 1);
                        rows[o] = String.join(",", row);
                    }
                }
                changed = r;
            }
        }
        assertThat(changed).isPositive();
        final RunCertificateCsv.Contents tampered = RunCertificateCsv.read(new ByteArrayInputStream(
            (String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8)), "run-1.csv");
        assertThat(tampered.run().verify().ok()).isFalse();
        assertThat(tampered.run().verify().message()).startsWith("level ");

        final String malformed = file.replaceFirst("\npriority,[a-z_]+\n", "\npriority,loudest\n");
        final int line = (int)file.substring(0, file.indexOf("\npriority,") + 1).chars().filter(c -> c == '\n').count() + 1;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunCertificateCsv.read(
                new ByteArrayInputStream(malformed.getBytes(StandardCharsets.UTF_8)), "run-1.csv"))
            .isInstanceOf(CsvFormatException.class)
            .hasMessageContaining("run-1.csv:" + line + ": priority 'loudest'");

        // A second group for a participant at a level is refused where it stands, not silently kept.
        final int groupAt = file.indexOf("\ngroup,0,p0,") + 1;
        final String groupRow = file.substring(groupAt, file.indexOf('\n', groupAt) + 1);
        final String twice = file.substring(0, groupAt) + groupRow + file.substring(groupAt);
        final int secondLine = (int)twice.substring(0, groupAt + groupRow.length()).chars().filter(c -> c == '\n')
            .count() + 1;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunCertificateCsv.read(
                new ByteArrayInputStream(twice.getBytes(StandardCharsets.UTF_8)), "run-1.csv"))
            .isInstanceOf(CsvFormatException.class)
            .hasMessageContaining("run-1.csv:" + secondLine + ": participant 'p0' is given a group twice at level 0");
    }

    @Test
    void shouldKeepNoCertificateForRunsLoadedFromAVersion3Snapshot() throws Exception
    {
        final ClearingStateMachine machine = new ClearingStateMachine(4, 4);
        for (final Command command : rulesWorkload(3))
        {
            machine.apply(buffer, 0, command.encode(buffer));
        }
        final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        final SnapshotOutput out = new SnapshotOutput(Channels.newChannel(bytes));
        machine.writeSnapshot(out, ClearingStateMachine.SNAPSHOT_VERSION_WITHOUT_CERTIFICATES);
        out.finish();
        final ClearingStateMachine loaded = new ClearingStateMachine(4, 4);
        loaded.loadSnapshot(new SnapshotInput(Channels.newChannel(new ByteArrayInputStream(bytes.toByteArray()))));
        assertThat(loaded.stateHash()).isEqualTo(machine.stateHash());
        assertThat(loaded.runCertificate(1).run()).isNull();
        assertThat(loaded.runCertificate(99)).isNull();
        assertThat(machine.runCertificate(1).run()).isNotNull();
    }

    /**
     * The kept certificate verifies; the same run with one discharge lowered by 1, or with the potential of the
     * node a discharged obligation leaves moved, fails.
     */
    private static void checkRun(final CertifiedRun run, final String where)
    {
        final Verification verified = run.verify();
        assertThat(verified.ok()).as(where + ": " + verified.message()).isTrue();
        final RunCertificateCsv.Contents copy = roundTrip(run, where);
        final Verification fromFile = copy.run().verify();
        assertThat(fromFile.ok()).as(where + " from its file: " + fromFile.message()).isTrue();
        assertThat(fromFile.clearedMinor()).isEqualTo(verified.clearedMinor());
        final ObligationNetwork network = run.policy().network();
        for (int level = 0; level < run.levels(); level++)
        {
            for (int j = 0; j < network.obligationCount(); j++)
            {
                final long discharged = run.levelSetOffMinor(level, j);
                final long within = discharged - (level == run.levels() - 1 ? run.crossUnitMinor(j) : 0);
                if (within > 0)
                {
                    assertThat(tamperedSetOff(run, level, j).verify().ok()).as(where + " lowered " +
                        network.obligationId(j)).isFalse();
                    assertThat(tamperedPotential(run, level, network.debtor(j)).verify().ok()).as(where +
                        " moved potential at level " + level).isFalse();
                    return;
                }
            }
        }
    }

    private static RunCertificateCsv.Contents roundTrip(final CertifiedRun run, final String where)
    {
        try
        {
            final StringWriter text = new StringWriter();
            RunCertificateCsv.write(text, 9, false, run);
            return RunCertificateCsv.read(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)),
                "run-9.csv");
        }
        catch (final IOException | CsvFormatException ex)
        {
            throw new AssertionError(where + ": " + ex, ex);
        }
    }

    private static CertifiedRun tamperedSetOff(final CertifiedRun run, final int level, final int obligation)
    {
        final int obligations = run.policy().network().obligationCount();
        final long[] crossUnit = new long[obligations];
        final long[][] perLevel = new long[run.levels()][obligations];
        for (int j = 0; j < obligations; j++)
        {
            crossUnit[j] = run.crossUnitMinor(j);
            for (int l = 0; l < run.levels(); l++)
            {
                perLevel[l][j] = run.levelSetOffMinor(l, j);
            }
        }
        perLevel[level][obligation]--;
        if (!run.hierarchical())
        {
            return CertifiedRun.flat(run.policy(), perLevel[0], crossUnit, run.certificate(0));
        }
        final int[][] groups = groups(run);
        final PolicyCertificate[] certificates = new PolicyCertificate[run.levels()];
        for (int l = 0; l < certificates.length; l++)
        {
            certificates[l] = run.certificate(l);
        }
        return CertifiedRun.hierarchical(run.policy(), groups, perLevel, crossUnit, certificates);
    }

    /**
     * Moves the within-units potential of the participant's nodes (its one node, or its payables node) at the level.
     */
    private static CertifiedRun tamperedPotential(final CertifiedRun run, final int level, final int participant)
    {
        final PolicyCertificate[] certificates = new PolicyCertificate[run.levels()];
        for (int l = 0; l < certificates.length; l++)
        {
            certificates[l] = run.certificate(l);
        }
        final PolicyCertificate original = certificates[level];
        final PolicyCertificate.Builder builder = PolicyCertificate.builder(original.policy());
        for (int e = 0; e < original.entries(); e++)
        {
            final boolean moved = original.participant(e) == participant &&
                original.stage(e) == PolicyCertificate.Stage.WITHIN_UNITS &&
                original.kind(e) != PolicyCertificate.Kind.RECEIVABLES;
            if (original.kind(e) == PolicyCertificate.Kind.CONVERSION)
            {
                builder.conversion(original.participant(e), original.unit(e), original.toUnit(e), original.value(e));
            }
            else
            {
                builder.potential(original.stage(e), original.kind(e), original.participant(e), original.unit(e),
                    original.value(e) + (moved ? SHIFT : 0));
            }
        }
        certificates[level] = builder.build();
        final int obligations = run.policy().network().obligationCount();
        final long[] setOff = new long[obligations];
        final long[] crossUnit = new long[obligations];
        final long[][] perLevel = new long[run.levels()][obligations];
        for (int j = 0; j < obligations; j++)
        {
            setOff[j] = run.setOffMinor(j);
            crossUnit[j] = run.crossUnitMinor(j);
            for (int l = 0; l < run.levels(); l++)
            {
                perLevel[l][j] = run.levelSetOffMinor(l, j);
            }
        }
        return run.hierarchical() ?
            CertifiedRun.hierarchical(run.policy(), groups(run), perLevel, crossUnit, certificates) :
            CertifiedRun.flat(run.policy(), setOff, crossUnit, certificates[0]);
    }

    private static int[][] groups(final CertifiedRun run)
    {
        final int participants = run.policy().network().participantCount();
        final int[][] groups = new int[run.levels() - 1][participants];
        for (int l = 0; l < groups.length; l++)
        {
            for (int p = 0; p < participants; p++)
            {
                groups[l][p] = run.group(l, p);
            }
        }
        return groups;
    }

    private static boolean hasCap(final ClearingPolicy policy)
    {
        for (int p = 0; p < policy.network().participantCount(); p++)
        {
            for (int u = 0; u < policy.unitCount(); u++)
            {
                if (policy.receivableCapMinor(p, u) >= 0)
                {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Every run's certificate as text: network, discharges per level and every entry.
     */
    private static String describeRuns(final ClearingStateMachine machine)
    {
        final StringBuilder text = new StringBuilder();
        for (long runId = 1; runId <= 20_000; runId++)
        {
            final RunCertificate kept = machine.runCertificate(runId);
            if (kept == null)
            {
                continue;
            }
            final CertifiedRun run = kept.run();
            text.append("run ").append(runId).append(kept.adoptedFromProposal() ? " adopted" : "").append('\n');
            final ObligationNetwork network = run.policy().network();
            for (int j = 0; j < network.obligationCount(); j++)
            {
                text.append(network.obligationId(j)).append(' ').append(network.amountMinor(j)).append(' ')
                    .append(run.setOffMinor(j)).append(' ').append(run.crossUnitMinor(j)).append('\n');
            }
            for (int level = 0; level < run.levels(); level++)
            {
                text.append("level ").append(level).append('\n');
                final PolicyCertificate certificate = run.certificate(level);
                for (int e = 0; certificate != null && e < certificate.entries(); e++)
                {
                    text.append(certificate.stage(e)).append(' ').append(certificate.kind(e)).append(' ')
                        .append(certificate.participant(e)).append(' ')
                        .append(certificate.policy().unitName(certificate.unit(e))).append(' ')
                        .append(certificate.value(e)).append('\n');
                }
            }
        }
        return text.toString();
    }

    /**
     * Participants, units EUR and SRD rated through a treasury, obligations across units with due dates, urgent
     * marks, a priority rule, communities in regions; a first run (hierarchical on odd seeds), more obligations, a
     * second run the other way.
     */
    private static List<Command> rulesWorkload(final long seed)
    {
        final Random random = new Random(seed);
        final List<Command> commands = new ArrayList<>();
        final int count = 5 + random.nextInt(5);
        final List<String> participants = new ArrayList<>();
        for (int p = 0; p < count; p++)
        {
            final String id = "p" + p;
            participants.add(id);
            commands.add(b -> encodeRegisterParticipant(b, 0, START_MS, id, id));
        }
        commands.add(b -> encodeDefineUnit(b, 0, START_MS, "EUR", false, 0, ""));
        commands.add(b -> encodeDefineUnit(b, 0, START_MS, "SRD", true, 0, ""));
        final String treasury = participants.get(random.nextInt(count));
        commands.add(b -> encodeSetTreasury(b, 0, START_MS, treasury));
        commands.add(b -> encodeSetRate(b, 0, START_MS, "", 1, 1));
        commands.add(b -> encodeSetRate(b, 0, START_MS, "EUR", 1, 1));
        commands.add(b -> encodeSetRate(b, 0, START_MS, "SRD", 100, 1));
        final String[] units = {"", "EUR", "SRD"};
        for (final String participant : participants)
        {
            if (random.nextInt(5) > 0)
            {
                final String community = "c" + random.nextInt(3);
                commands.add(b -> encodeSetCommunity(b, 0, START_MS, participant, community));
            }
        }
        for (int c = 0; c < 3; c++)
        {
            final String community = "c" + c;
            final String region = "r" + random.nextInt(2);
            commands.add(b -> encodeSetRegion(b, 0, START_MS, community, region));
        }
        long time = START_MS;
        for (int run = 1; run <= 2; run++)
        {
            final int obligations = 10 + random.nextInt(16);
            for (int i = 0; i < obligations; i++)
            {
                final String id = "r" + run + "o" + i;
                final String debtor = participants.get(random.nextInt(count));
                String other = participants.get(random.nextInt(count));
                while (other.equals(debtor))
                {
                    other = participants.get(random.nextInt(count));
                }
                final String creditor = other;
                final String unit = units[random.nextInt(units.length)];
                final long amount = unit.equals("SRD") ? 1 + random.nextInt(12) : 50 + random.nextInt(1200);
                final long due = random.nextInt(3) == 0 ? 0 : START_MS + random.nextInt(40) * DAY_MS;
                time += random.nextInt(3) * DAY_MS / 2 + 1;
                final long at = time;
                commands.add(b -> encodeSubmitInUnit(b, 0, at, id, debtor, creditor, amount, unit, due));
                if (random.nextInt(4) == 0)
                {
                    commands.add(b -> encodeSetUrgent(b, 0, at, id, "", true));
                }
            }
            final PriorityRule priority = PriorityRule.values()[random.nextInt(3)];
            commands.add(b -> encodeSetPriority(b, 0, START_MS, priority.ordinal(), PRIORITY_NEXT_RUN));
            final long runId = run;
            final long at = time + 1;
            if ((seed + run) % 2 == 0)
            {
                commands.add(b -> encodeRunHierarchical(b, 0, at, runId));
            }
            else
            {
                commands.add(b -> encodeRunClearing(b, 0, at, runId));
            }
        }
        return commands;
    }
}

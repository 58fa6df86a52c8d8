package io.clearing.core.csv;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.policy.CertifiedRun;
import io.clearing.core.policy.ClearingPolicy;
import io.clearing.core.policy.PolicyCertificate;
import io.clearing.core.policy.PolicyRuleResult;
import io.clearing.core.policy.PriorityRule;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A certified clearing run as one self-contained CSV file: the run's policy (participants, obligations with unit,
 * open amount, due day and urgency, caps, commitments, treasury, rates, priority, for a hierarchical run the groups),
 * its discharges and its certificate, so that {@code bin/clearing verify --run-certificate FILE} checks any kind of
 * engine run without the engine. Every row starts with its record type; amounts are integer minor units; the default
 * unit is the empty field. Layout (docs/policies-engine.md):
 * <pre>
 * run,RUN_ID,flat|hierarchical,solved|adopted
 * participant,ID                                                   every participant, in network order
 * obligation,ID,DEBTOR,CREDITOR,UNIT,AMOUNT,DUE_DAY,URGENT,SET_OFF,ACROSS_UNITS
 * level_set_off,LEVEL,OBLIGATION,AMOUNT                            hierarchical: a level's non-zero discharge
 * group,LEVEL,PARTICIPANT,GROUP                                    hierarchical: a participant's group per level
 * cap,PARTICIPANT,UNIT,AMOUNT     liquidity,PARTICIPANT,UNIT,AMOUNT     treasury,PARTICIPANT
 * rate,UNIT,NUMERATOR,DENOMINATOR     priority,none|older_first|urgent_first
 * certificate,LEVEL,STAGE,KIND,PARTICIPANT,UNIT,TO_UNIT,VALUE      as {@link PolicyCertificateCsv}, per level
 * </pre>
 * The reader refuses any malformed row as {@code FILE:LINE: reason} ({@link CsvFormatException}); whether the run is
 * feasible and optimal is {@link CertifiedRun#verify}'s business. Ids must not contain commas (no quoting).
 */
public final class RunCertificateCsv
{
    /**
     * What a file holds.
     *
     * @param runId   the run.
     * @param adopted whether the run applied a held proposal's set-offs.
     * @param run     the run with its policy and certificate.
     */
    public record Contents(long runId, boolean adopted, CertifiedRun run)
    {
    }

    private RunCertificateCsv()
    {
    }

    /**
     * Writes the run atomically.
     */
    public static void write(final Path target, final long runId, final boolean adopted, final CertifiedRun run)
        throws IOException
    {
        SetOffCsvWriter.writeAtomically(target, out -> write(out, runId, adopted, run));
    }

    /**
     * Writes the run to a stream (the REST download).
     */
    public static void write(final Writer out, final long runId, final boolean adopted, final CertifiedRun run)
        throws IOException
    {
        final ClearingPolicy policy = run.policy();
        final ObligationNetwork network = policy.network();
        out.write("run," + runId + ',' + (run.hierarchical() ? "hierarchical" : "flat") + ',' +
            (adopted ? "adopted" : "solved") + '\n');
        for (int p = 0; p < network.participantCount(); p++)
        {
            out.write("participant," + network.participantId(p) + '\n');
        }
        final StringBuilder row = new StringBuilder(128);
        for (int j = 0; j < network.obligationCount(); j++)
        {
            row.setLength(0);
            row.append("obligation,").append(network.obligationId(j)).append(',')
                .append(network.participantId(network.debtor(j))).append(',')
                .append(network.participantId(network.creditor(j))).append(',')
                .append(policy.unitName(policy.unit(j))).append(',').append(network.amountMinor(j)).append(',')
                .append(policy.dueDay(j)).append(',').append(policy.urgent(j) ? 1 : 0).append(',')
                .append(run.setOffMinor(j)).append(',').append(run.crossUnitMinor(j)).append('\n');
            out.append(row);
        }
        if (run.hierarchical())
        {
            for (int level = 0; level < run.levels(); level++)
            {
                for (int j = 0; j < network.obligationCount(); j++)
                {
                    if (run.levelSetOffMinor(level, j) != 0)
                    {
                        out.write("level_set_off," + level + ',' + network.obligationId(j) + ',' +
                            run.levelSetOffMinor(level, j) + '\n');
                    }
                }
            }
            for (int level = 0; level < run.levels() - 1; level++)
            {
                for (int p = 0; p < network.participantCount(); p++)
                {
                    out.write("group," + level + ',' + network.participantId(p) + ',' + run.group(level, p) + '\n');
                }
            }
        }
        writeRules(out, policy);
        for (int level = 0; level < run.levels(); level++)
        {
            final PolicyCertificate certificate = run.certificate(level);
            for (int e = 0; certificate != null && e < certificate.entries(); e++)
            {
                row.setLength(0);
                row.append("certificate,").append(level).append(',');
                out.append(PolicyCertificateCsv.appendEntry(row, certificate, e).append('\n'));
            }
        }
    }

    private static void writeRules(final Writer out, final ClearingPolicy policy) throws IOException
    {
        final ObligationNetwork network = policy.network();
        for (int p = 0; p < network.participantCount(); p++)
        {
            for (int u = 0; u < policy.unitCount(); u++)
            {
                final long cap = policy.receivableCapMinor(p, u);
                if (cap >= 0)
                {
                    out.write("cap," + network.participantId(p) + ',' + policy.unitName(u) + ',' + cap + '\n');
                }
            }
        }
        for (int c = 0; c < policy.liquidityCommitments(); c++)
        {
            out.write("liquidity," + network.participantId(policy.liquidityParticipant(c)) + ',' +
                policy.unitName(policy.liquidityUnit(c)) + ',' + policy.liquidityAmountMinor(c) + '\n');
        }
        if (policy.treasury() >= 0)
        {
            out.write("treasury," + network.participantId(policy.treasury()) + '\n');
        }
        for (int u = 0; u < policy.unitCount(); u++)
        {
            if (policy.hasRate(u))
            {
                out.write("rate," + policy.unitName(u) + ',' + policy.rateNumerator(u) + ',' +
                    policy.rateDenominator(u) + '\n');
            }
        }
        out.write("priority," + policy.priority().label() + '\n');
    }

    /**
     * Reads a run certificate file.
     *
     * @throws CsvFormatException on the first bad row.
     */
    public static Contents read(final Path file) throws IOException, CsvFormatException
    {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16))
        {
            return read(in, file.toString());
        }
    }

    /**
     * Reads from a stream; {@code name} is used in messages.
     */
    public static Contents read(final InputStream in, final String name) throws IOException, CsvFormatException
    {
        return new Reader(new CsvLines(in, name), name).read();
    }

    /**
     * One pass over the rows: run, participants and obligations first (they make the network), then the rest in
     * any order.
     */
    private static final class Reader extends RunFileReader
    {
        private final PolicyCertificateCsv.EntryRows entryRows = new PolicyCertificateCsv.EntryRows()
        {
            @Override
            public int participant(final String id) throws CsvFormatException
            {
                return participantIndex(id);
            }

            @Override
            public CsvFormatException error(final String reason)
            {
                return Reader.this.error(reason);
            }
        };
        private final List<String> obligationUnit = new ArrayList<>();
        private final List<long[]> obligationNumbers = new ArrayList<>();
        private long runId;
        private boolean hierarchical;
        private boolean adopted;

        Reader(final CsvLines lines, final String name)
        {
            super(lines, name);
        }

        Contents read() throws IOException, CsvFormatException
        {
            List<String> fields = lines.next();
            if (fields == null || !fields.get(0).equals("run"))
            {
                throw error("expected the first row run,RUN_ID,flat|hierarchical,solved|adopted");
            }
            fieldCount(fields, 4);
            runId = number(fields.get(1), "run id");
            hierarchical = choice(fields.get(2), "flat", "hierarchical");
            adopted = choice(fields.get(3), "solved", "adopted");
            while ((fields = lines.next()) != null)
            {
                switch (fields.get(0))
                {
                    case "participant" -> participant(fields);
                    case "obligation" -> obligation(fields);
                    case "level_set_off", "group", "cap", "liquidity", "treasury", "rate", "priority", "certificate" ->
                        defer(fields);
                    default -> throw error("unknown record '" + fields.get(0) + "': expected participant, " +
                        "obligation, level_set_off, group, cap, liquidity, treasury, rate, priority or certificate");
                }
            }
            return new Contents(runId, adopted, build());
        }

        private void obligation(final List<String> fields) throws CsvFormatException
        {
            fieldCount(fields, 10);
            final String id = fields.get(1);
            participantIndex(fields.get(2));
            participantIndex(fields.get(3));
            final long amount = number(fields.get(5), "amount");
            final long dueDay = signed(fields.get(6), "due day");
            final long urgent = number(fields.get(7), "urgent");
            final long setOff = number(fields.get(8), "set_off");
            final long acrossUnits = number(fields.get(9), "across_units");
            if (urgent > 1)
            {
                throw error("urgent is 0 or 1, found " + urgent);
            }
            addObligation(id, fields.get(2), fields.get(3), amount);
            obligationUnit.add(fields.get(4));
            obligationNumbers.add(new long[] {dueDay, urgent, setOff, acrossUnits});
        }

        private CertifiedRun build() throws CsvFormatException
        {
            final ObligationNetwork built = network.build();
            final ClearingPolicy.Builder rules = ClearingPolicy.builder(built);
            final int n = built.obligationCount();
            final long[] setOff = new long[n];
            final long[] acrossUnits = new long[n];
            for (int j = 0; j < n; j++)
            {
                if (!obligationUnit.get(j).isEmpty())
                {
                    rules.unit(j, obligationUnit.get(j));
                }
                final long[] numbers = obligationNumbers.get(j);
                rules.dueDay(j, numbers[0]);
                if (numbers[1] == 1)
                {
                    rules.urgent(j);
                }
                setOff[j] = numbers[2];
                acrossUnits[j] = numbers[3];
            }
            final List<int[]> groupRows = new ArrayList<>();
            final Set<Long> groupGiven = new HashSet<>();
            final List<long[]> levelRows = new ArrayList<>();
            final List<Integer> certificateRows = new ArrayList<>();
            int maxLevel = 0;
            for (int r = 0; r < later.size(); r++)
            {
                final List<String> fields = later.get(r);
                at(r);
                switch (fields.get(0))
                {
                    case "cap" -> rule(fields, 4, rules.receivableCap(participantIndex(fields.get(1)), fields.get(2),
                        number(fields.get(3), "cap")));
                    case "liquidity" -> rule(fields, 4, rules.liquidity(participantIndex(fields.get(1)),
                        fields.get(2), number(fields.get(3), "commitment")));
                    case "treasury" -> rule(fields, 2, rules.treasury(participantIndex(fields.get(1))));
                    case "rate" -> rule(fields, 4, rules.rate(fields.get(1), number(fields.get(2), "numerator"),
                        number(fields.get(3), "denominator")));
                    case "priority" -> priority(fields, rules);
                    case "group" ->
                    {
                        fieldCount(fields, 4);
                        final int level = level(fields.get(1));
                        final int participant = participantIndex(fields.get(2));
                        if (!groupGiven.add(((long)level << 32) | participant))
                        {
                            throw error("participant '" + fields.get(2) + "' is given a group twice at level " +
                                level);
                        }
                        groupRows.add(new int[] {level, participant,
                            (int)Math.min(Integer.MAX_VALUE, number(fields.get(3), "group"))});
                        maxLevel = Math.max(maxLevel, level + 1);
                    }
                    case "level_set_off" ->
                    {
                        fieldCount(fields, 4);
                        final int level = level(fields.get(1));
                        final Integer j = obligations.get(fields.get(2));
                        if (j == null)
                        {
                            throw error("obligation '" + fields.get(2) + "' is not listed");
                        }
                        levelRows.add(new long[] {level, j, number(fields.get(3), "amount")});
                        maxLevel = Math.max(maxLevel, level);
                    }
                    default ->
                    {
                        fieldCount(fields, 8);
                        maxLevel = Math.max(maxLevel, level(fields.get(1)));
                        certificateRows.add(r);
                    }
                }
            }
            final ClearingPolicy policy = rules.build();
            final int levels = hierarchical ? maxLevel + 1 : 1;
            if (!hierarchical && (!groupRows.isEmpty() || !levelRows.isEmpty() || maxLevel > 0))
            {
                at(certificateRows.isEmpty() ? 0 : certificateRows.get(certificateRows.size() - 1));
                throw error("levels, groups and level discharges belong to a hierarchical run");
            }
            final PolicyCertificate.Builder[] builders = new PolicyCertificate.Builder[levels];
            for (final int r : certificateRows)
            {
                at(r);
                final List<String> fields = later.get(r);
                final int level = level(fields.get(1));
                if (builders[level] == null)
                {
                    builders[level] = PolicyCertificate.builder(policy);
                }
                if (entry(builders[level], fields, policy) >= 0)
                {
                    throw error("the same node or conversion is already given for level " + level);
                }
            }
            final PolicyCertificate[] certificates = new PolicyCertificate[levels];
            for (int level = 0; level < levels; level++)
            {
                certificates[level] = builders[level] == null ? null : builders[level].build();
            }
            if (!hierarchical)
            {
                return CertifiedRun.flat(policy, setOff, acrossUnits,
                    certificates[0] == null ? PolicyCertificate.builder(policy).build() : certificates[0]);
            }
            final int[][] groups = new int[levels - 1][built.participantCount()];
            final boolean[][] placed = new boolean[levels - 1][built.participantCount()];
            for (final int[] g : groupRows)
            {
                groups[g[0]][g[1]] = g[2];
                placed[g[0]][g[1]] = true;
            }
            for (int level = 0; level < levels - 1; level++)
            {
                for (int p = 0; p < built.participantCount(); p++)
                {
                    if (!placed[level][p])
                    {
                        throw error("participant '" + built.participantId(p) + "' has no group at level " +
                            level);
                    }
                }
            }
            final long[][] perLevel = new long[levels][n];
            for (final long[] row : levelRows)
            {
                perLevel[(int)row[0]][(int)row[1]] = row[2];
            }
            for (int j = 0; j < n; j++)
            {
                long sum = 0;
                for (int level = 0; level < levels; level++)
                {
                    sum += perLevel[level][j];
                }
                if (sum != setOff[j])
                {
                    throw error("obligation '" + built.obligationId(j) + "': set_off " + setOff[j] +
                        " is not the sum " + sum + " of its level discharges");
                }
            }
            return CertifiedRun.hierarchical(policy, groups, perLevel, acrossUnits, certificates);
        }

        private int entry(final PolicyCertificate.Builder builder, final List<String> fields,
            final ClearingPolicy policy) throws CsvFormatException
        {
            return PolicyCertificateCsv.addEntry(builder, policy, fields.get(2), fields.get(3), fields.get(4),
                fields.get(5), fields.get(6), signed(fields.get(7), "value"), entryRows);
        }

        private void priority(final List<String> fields, final ClearingPolicy.Builder rules) throws CsvFormatException
        {
            fieldCount(fields, 2);
            final PriorityRule rule = PriorityRule.ofLabel(fields.get(1));
            if (rule == null)
            {
                throw error("priority '" + fields.get(1) + "': expected none, older_first or urgent_first");
            }
            rules.priority(rule);
        }

        private void rule(final List<String> fields, final int count, final PolicyRuleResult result)
            throws CsvFormatException
        {
            fieldCount(fields, count);
            if (result != PolicyRuleResult.ACCEPTED)
            {
                throw error(fields.get(0) + " refused: " + result);
            }
        }

        private int level(final String text) throws CsvFormatException
        {
            final long level = number(text, "level");
            if (level > 8)
            {
                throw error("level " + level + ": levels run from 0 to 8");
            }
            return (int)level;
        }

        private boolean choice(final String text, final String no, final String yes) throws CsvFormatException
        {
            if (!text.equals(no) && !text.equals(yes))
            {
                throw error("'" + text + "': expected " + no + " or " + yes);
            }
            return text.equals(yes);
        }
    }
}

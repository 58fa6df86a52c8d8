package io.clearing.core.csv;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.api.Verification;
import io.clearing.core.policy.NovatedHierarchyResult;
import io.clearing.core.policy.NovatedLayout;
import io.clearing.core.policy.NovationVerifier;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The run certificate file of a novated engine run, a versioned variant of {@link RunCertificateCsv}'s file: the
 * same first row with the kind {@code novated}, then a format row, so that {@code bin/clearing verify
 * --run-certificate FILE} checks the run with {@link NovationVerifier} without the engine. Nodes are numbered as in
 * {@link NovatedHierarchyResult}: the participants in the order listed, then the accounts of every group of level 0,
 * of level 1, and so on. Layout (docs/policies-engine.md):
 * <pre>
 * run,RUN_ID,novated,solved
 * format,novated,1
 * participant,ID                                                   every participant, in network order
 * obligation,ID,DEBTOR,CREDITOR,AMOUNT,DEBTOR_SIDE,CREDITOR_SIDE   open amount at the cut-off, both sides discharged
 * group,LEVEL,PARTICIPANT,GROUP                                    every participant at every level
 * arc,STAGE,TAIL_NODE,HEAD_NODE,AMOUNT,NETTED,CLEARED              the legs between accounts, per ordered pair
 * potential,STAGE,NODE,VALUE                                       every non-zero potential of every stage
 * </pre>
 * The reader refuses any malformed row as {@code FILE:LINE: reason} ({@link CsvFormatException}); whether the run
 * keeps every position and is optimal is {@link NovationVerifier}'s business. Ids must not contain commas.
 */
public final class NovatedRunCertificateCsv
{
    /**
     * The kind named in the first row.
     */
    public static final String KIND = "novated";
    /**
     * The version of the layout this class writes and reads.
     */
    public static final int FORMAT_VERSION = 1;
    // an engine run novates through communities and, optionally, regions; the bounds keep a hostile file's
    // arrays small (every stage holds a potential per node)
    private static final int MAX_LEVELS = 2;
    private static final int MAX_NODES = 1 << 21;

    /**
     * What a file holds.
     *
     * @param runId          the run.
     * @param network        the run's network: participants and obligations with their open amounts.
     * @param groupsPerLevel per level, the group of every participant.
     * @param result         both sides of every obligation, the arcs between accounts and every stage's potentials.
     */
    public record Contents(long runId, ObligationNetwork network, int[][] groupsPerLevel, NovatedHierarchyResult result)
    {
        /**
         * @return {@link NovationVerifier#verify} of the file's run.
         */
        public Verification verify()
        {
            return NovationVerifier.verify(network, groupsPerLevel, result);
        }
    }

    private NovatedRunCertificateCsv()
    {
    }

    /**
     * @return whether the file's first non-blank row names a novated run (any other file is
     * {@link RunCertificateCsv}'s).
     */
    public static boolean holdsNovatedRun(final Path file) throws IOException
    {
        // Read as the readers read it (fields trimmed and unquoted), so the two always agree on which file is which.
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file)))
        {
            final List<String> fields = new CsvLines(in, file.toString()).next();
            return fields != null && fields.size() >= 3 && fields.get(0).equals("run") && fields.get(2).equals(KIND);
        }
        catch (final CsvFormatException ex)
        {
            return false;
        }
    }

    /**
     * Writes the run atomically.
     */
    public static void write(final Path target, final long runId, final NovatedHierarchyResult result)
        throws IOException
    {
        SetOffCsvWriter.writeAtomically(target, out -> write(out, runId, result));
    }

    /**
     * Writes the run to a stream (the REST download).
     */
    public static void write(final Writer out, final long runId, final NovatedHierarchyResult result)
        throws IOException
    {
        final ObligationNetwork network = result.network();
        out.write("run," + runId + ',' + KIND + ",solved\n");
        out.write("format," + KIND + ',' + FORMAT_VERSION + '\n');
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
                .append(network.participantId(network.creditor(j))).append(',').append(network.amountMinor(j))
                .append(',').append(result.debtorDischargedMinor(j)).append(',')
                .append(result.creditorDischargedMinor(j)).append('\n');
            out.append(row);
        }
        for (int level = 0; level < result.levels(); level++)
        {
            for (int p = 0; p < network.participantCount(); p++)
            {
                out.write("group," + level + ',' + network.participantId(p) + ',' + result.group(level, p) + '\n');
            }
        }
        for (int a = 0; a < result.accountArcCount(); a++)
        {
            out.write("arc," + result.accountArcStage(a) + ',' + result.accountArcTail(a) + ',' +
                result.accountArcHead(a) + ',' + result.accountArcAmountMinor(a) + ',' +
                result.accountArcNettedMinor(a) + ',' + result.accountArcClearedMinor(a) + '\n');
        }
        for (int stage = 0; stage <= result.levels(); stage++)
        {
            for (int node = 0; node < result.nodeCount(); node++)
            {
                if (result.potential(stage, node) != 0)
                {
                    out.write("potential," + stage + ',' + node + ',' + result.potential(stage, node) + '\n');
                }
            }
        }
    }

    /**
     * Reads a novated run certificate file.
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
     * One pass: run and format rows, participants, obligations, then groups, arcs and potentials in any order
     * (resolved once the groups fix the nodes).
     */
    private static final class Reader extends RunFileReader
    {
        private final List<long[]> sides = new ArrayList<>();

        Reader(final CsvLines lines, final String name)
        {
            super(lines, name);
        }

        Contents read() throws IOException, CsvFormatException
        {
            List<String> fields = lines.next();
            if (fields == null || !fields.get(0).equals("run") || fields.size() != 4 ||
                !fields.get(2).equals(KIND) || !fields.get(3).equals("solved"))
            {
                throw error("expected the first row run,RUN_ID," + KIND + ",solved");
            }
            final long runId = number(fields.get(1), "run id");
            fields = lines.next();
            if (fields == null || fields.size() != 3 || !fields.get(0).equals("format") ||
                !fields.get(1).equals(KIND))
            {
                throw error("expected the row format," + KIND + ',' + FORMAT_VERSION);
            }
            if (!fields.get(2).equals(Integer.toString(FORMAT_VERSION)))
            {
                throw error("format version '" + fields.get(2) + "': this reader knows version " + FORMAT_VERSION);
            }
            while ((fields = lines.next()) != null)
            {
                switch (fields.get(0))
                {
                    case "participant" -> participant(fields);
                    case "obligation" -> obligation(fields);
                    case "group", "arc", "potential" -> defer(fields);
                    default -> throw error("unknown record '" + fields.get(0) + "': expected participant, " +
                        "obligation, group, arc or potential");
                }
            }
            return build(runId);
        }

        private void obligation(final List<String> fields) throws CsvFormatException
        {
            fieldCount(fields, 7);
            final String id = fields.get(1);
            participantIndex(fields.get(2));
            participantIndex(fields.get(3));
            final long amount = number(fields.get(4), "amount");
            final long debtorSide = number(fields.get(5), "debtor side");
            final long creditorSide = number(fields.get(6), "creditor side");
            addObligation(id, fields.get(2), fields.get(3), amount);
            sides.add(new long[] {debtorSide, creditorSide});
        }

        private Contents build(final long runId) throws CsvFormatException
        {
            final ObligationNetwork built = network.build();
            final int participantCount = built.participantCount();
            int levels = 0;
            for (int r = 0; r < later.size(); r++)
            {
                if (later.get(r).get(0).equals("group"))
                {
                    at(r);
                    fieldCount(later.get(r), 4);
                    levels = Math.max(levels, level(later.get(r).get(1)) + 1);
                }
            }
            if (levels == 0)
            {
                deferredLine = -1;
                throw error("no group rows: a novated run has at least the communities' level");
            }
            final int[][] groups = new int[levels][participantCount];
            final boolean[][] placed = new boolean[levels][participantCount];
            for (int r = 0; r < later.size(); r++)
            {
                final List<String> fields = later.get(r);
                if (fields.get(0).equals("group"))
                {
                    at(r);
                    final int level = level(fields.get(1));
                    final int p = participantIndex(fields.get(2));
                    final long group = number(fields.get(3), "group");
                    if (group >= MAX_NODES)
                    {
                        throw error("group " + group + ": at most " + MAX_NODES + " groups");
                    }
                    if (placed[level][p])
                    {
                        throw error("participant '" + fields.get(2) + "' is given a group twice at level " + level);
                    }
                    groups[level][p] = (int)group;
                    placed[level][p] = true;
                }
            }
            for (int level = 0; level < levels; level++)
            {
                for (int p = 0; p < participantCount; p++)
                {
                    if (!placed[level][p])
                    {
                        deferredLine = -1;
                        throw error("participant '" + built.participantId(p) + "' has no group at level " + level);
                    }
                }
            }
            final long nodes;
            try
            {
                nodes = NovatedLayout.of(participantCount, groups).nodeCount();
            }
            catch (final IllegalArgumentException ex)
            {
                deferredLine = -1;
                throw error(ex.getMessage());
            }
            if (nodes > MAX_NODES)
            {
                deferredLine = -1;
                throw error(nodes + " nodes: at most " + MAX_NODES);
            }
            final int nodeCount = (int)nodes;
            final long[][] potentials = new long[levels + 1][nodeCount];
            final boolean[][] given = new boolean[levels + 1][nodeCount];
            final List<long[]> arcs = new ArrayList<>();
            for (int r = 0; r < later.size(); r++)
            {
                final List<String> fields = later.get(r);
                at(r);
                if (fields.get(0).equals("arc"))
                {
                    fieldCount(fields, 7);
                    final long stage = number(fields.get(1), "stage");
                    if (stage < 1 || stage > levels)
                    {
                        throw error("arc stage " + stage + " outside 1.." + levels);
                    }
                    arcs.add(new long[] {stage, node(fields.get(2), nodeCount), node(fields.get(3), nodeCount),
                        number(fields.get(4), "amount"), number(fields.get(5), "netted"),
                        number(fields.get(6), "cleared")});
                }
                else if (fields.get(0).equals("potential"))
                {
                    fieldCount(fields, 4);
                    final long stage = number(fields.get(1), "stage");
                    if (stage > levels)
                    {
                        throw error("potential stage " + stage + " outside 0.." + levels);
                    }
                    final int node = node(fields.get(2), nodeCount);
                    if (given[(int)stage][node])
                    {
                        throw error("node " + node + " has a potential twice at stage " + stage);
                    }
                    given[(int)stage][node] = true;
                    potentials[(int)stage][node] = signed(fields.get(3), "potential");
                }
            }
            final int n = built.obligationCount();
            final long[] debtorSide = new long[n];
            final long[] creditorSide = new long[n];
            for (int j = 0; j < n; j++)
            {
                debtorSide[j] = sides.get(j)[0];
                creditorSide[j] = sides.get(j)[1];
            }
            final int arcCount = arcs.size();
            final int[] arcStage = new int[arcCount];
            final int[] arcTail = new int[arcCount];
            final int[] arcHead = new int[arcCount];
            final long[] arcAmount = new long[arcCount];
            final long[] arcNetted = new long[arcCount];
            final long[] arcCleared = new long[arcCount];
            for (int a = 0; a < arcCount; a++)
            {
                final long[] arc = arcs.get(a);
                arcStage[a] = (int)arc[0];
                arcTail[a] = (int)arc[1];
                arcHead[a] = (int)arc[2];
                arcAmount[a] = arc[3];
                arcNetted[a] = arc[4];
                arcCleared[a] = arc[5];
            }
            // the flat optimum is a figure for comparison, not part of the proof
            final NovatedHierarchyResult result = NovatedHierarchyResult.certified(built, groups, debtorSide,
                creditorSide, arcStage, arcTail, arcHead, arcAmount, arcNetted, arcCleared, potentials, 0);
            return new Contents(runId, built, groups, result);
        }

        private int node(final String text, final int nodeCount) throws CsvFormatException
        {
            final long node = number(text, "node");
            if (node >= nodeCount)
            {
                throw error("node " + node + " outside the " + nodeCount + " nodes the groups give");
            }
            return (int)node;
        }

        private int level(final String text) throws CsvFormatException
        {
            final long level = number(text, "level");
            if (level >= MAX_LEVELS)
            {
                throw error("level " + level + ": at most " + MAX_LEVELS + " levels");
            }
            return (int)level;
        }
    }
}

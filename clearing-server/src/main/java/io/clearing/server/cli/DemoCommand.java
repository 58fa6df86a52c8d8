package io.clearing.server.cli;

import io.clearing.core.api.ClearingResult;
import io.clearing.core.api.ClearingSolver;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.csv.ObligationCsvWriter;
import io.clearing.core.csv.SetOffCsvWriter;
import io.clearing.core.generate.DeepCycleNetworkGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code clearing demo}: what clearing does, on a seeded synthetic economy with deep supply-chain cycles
 * ({@link DeepCycleNetworkGenerator}), explained in a few lines for people who have never seen it.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    sortOptions = false,
    showDefaultValues = true,
    description = {
        "Generates a realistic network of trade credit (firms in a supply chain that loops back, invoices owed " +
            "upstream), clears it optimally and explains the result. The same seed gives the same network.",
        "",
        "Amounts are generated in cents and shown in currency units."})
final class DemoCommand implements Callable<Integer>
{
    private static final int CENTS = 2;

    @Option(names = "--firms", paramLabel = "N", defaultValue = "20000", description = "number of firms, at least 2")
    private int firms;

    @Option(names = "--obligations", paramLabel = "M", defaultValue = "200000",
        description = "number of invoices, at least 1")
    private int obligations;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "seed of the generator")
    private long seed;

    @Option(names = "--out-dir", paramLabel = "DIR",
        description = "also write obligations.csv, setoff.csv and certificate.csv there (amounts in cents)")
    private Path outDir;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException
    {
        final DeepCycleNetworkGenerator generator;
        try
        {
            generator = new DeepCycleNetworkGenerator(seed, firms, obligations);
        }
        catch (final IllegalArgumentException ex)
        {
            throw CliException.badInput("demo: " + ex.getMessage());
        }
        if (outDir != null && Files.exists(outDir) && !Files.isDirectory(outDir))
        {
            throw CliException.badInput("--out-dir " + outDir + ": not a directory");
        }

        final long startNs = System.nanoTime();
        final ObligationNetwork network;
        final ClearingResult result;
        final long generatedNs;
        try (ProgressDisplay progress = ProgressDisplay.create(ProgressDisplay.stderrIsTerminal(), System.err))
        {
            progress.phase("generating", -1);
            network = generator.generate();
            generatedNs = System.nanoTime();
            progress.phase("clearing", -1);
            result = new ClearingSolver().solve(network);
        }
        final long clearedNs = System.nanoTime();

        final PrintWriter out = spec.commandLine().getOut();
        explain(out, result, generatedNs - startNs, clearedNs - generatedNs);
        if (outDir != null)
        {
            Files.createDirectories(outDir);
            ObligationCsvWriter.write(outDir.resolve("obligations.csv"), network);
            SetOffCsvWriter.writeSetOffs(outDir.resolve("setoff.csv"), result, 0);
            SetOffCsvWriter.writeCertificate(outDir.resolve("certificate.csv"), result);
            out.println();
            out.println("Wrote " + outDir.resolve("obligations.csv") + ", setoff.csv and certificate.csv " +
                "(amounts in cents). Check them independently with:");
            out.println("  bin/clearing verify " + outDir.resolve("obligations.csv") + " " +
                outDir.resolve("setoff.csv") + " --certificate " + outDir.resolve("certificate.csv"));
        }
        out.flush();
        return ClearingCli.OK;
    }

    private void explain(final PrintWriter out, final ClearingResult result, final long generateNs, final long solveNs)
    {
        final ObligationNetwork network = result.network();
        final long debt = result.totalDebtMinor();
        final long bound = debt - result.netInternalDebtMinor();
        out.println("A synthetic economy (seed " + seed + "): " + Formats.grouped(network.participantCount()) +
            " firms owe each other " + Formats.grouped(network.obligationCount()) + " invoices.");
        out.println();
        row(out, "total debt", Formats.moneyGrouped(debt, CENTS), "what the firms owe each other");
        row(out, "NID", Formats.moneyGrouped(result.netInternalDebtMinor(), CENTS),
            "net internal debt: the least debt any clearing can leave");
        row(out, "cleared", Formats.moneyGrouped(result.clearedMinor(), CENTS),
            Formats.percent(result.clearedMinor(), debt) + " % of the debt, set off along debt cycles");
        row(out, "remainder", Formats.moneyGrouped(result.remainderMinor(), CENTS), "still owed after clearing");
        row(out, "of the maximum", Formats.percent(result.clearedMinor(), bound) + " %",
            "of TD - NID, the most any clearing could remove (set-off alone is bound by the cycles)");
        row(out, "on a cycle", Formats.percent(result.onCycleObligations(), network.obligationCount()) + " %",
            "of the invoices (" + Formats.percent(result.onCycleDebtMinor(), debt) + " % of the debt) lie on " +
                "a cycle, in " + result.cyclicComponents() + " cyclic component(s)");
        row(out, "time", Formats.millis(solveNs) + " ms", "to clear optimally and check the proof (generating " +
            "took " + Formats.millis(generateNs) + " ms)");
        out.println();
        out.println("In plain words: " + Formats.grouped(firmsWithSetOff(result)) + " firms could settle " +
            Formats.moneyGrouped(result.clearedMinor(), CENTS) + " of trade credit (" +
            Formats.percent(result.clearedMinor(), debt) + " % of all they owe) without moving any money, and " +
            "every firm's net position stays exactly what it was.");
        out.println("No clearing can set off more: the result carries a certificate that proves it " +
            "(see 'clearing verify').");
    }

    private static void row(final PrintWriter out, final String key, final String value, final String meaning)
    {
        final StringBuilder line = new StringBuilder(100).append("  ").append(key);
        while (line.length() < 18)
        {
            line.append(' ');
        }
        for (int pad = value.length(); pad < 20; pad++)
        {
            line.append(' ');
        }
        out.println(line.append(value).append("   ").append(meaning));
    }

    /**
     * @return how many firms have some of their own debt set off.
     */
    private static int firmsWithSetOff(final ClearingResult result)
    {
        final ObligationNetwork network = result.network();
        final boolean[] relieved = new boolean[network.participantCount()];
        int count = 0;
        for (int i = 0, n = network.obligationCount(); i < n; i++)
        {
            final int debtor = network.debtor(i);
            if (result.setOffMinor(i) > 0 && !relieved[debtor])
            {
                relieved[debtor] = true;
                count++;
            }
        }
        return count;
    }
}

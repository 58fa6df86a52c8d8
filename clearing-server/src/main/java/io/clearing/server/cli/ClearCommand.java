package io.clearing.server.cli;

import io.clearing.core.api.ClearingResult;
import io.clearing.core.api.ClearingSolver;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.csv.CsvFormatException;
import io.clearing.core.csv.ObligationCsvReader;
import io.clearing.core.csv.SetOffCsvWriter;
import io.clearing.core.export.GraphFormat;
import io.clearing.core.export.SetOffGraphExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code clearing clear}: the optimal batch run over one obligations file. Reads, solves, writes the set-off
 * notices (and on request the certificate, a graph and a JSON summary), prints one summary block.
 * <p>
 * All checks that can fail on the command line happen before reading; all input checks happen while reading,
 * before anything is written; every file is written atomically. So a refused run leaves no file behind.
 */
@Command(
    name = "clear",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    sortOptions = false,
    description = {
        "Clears a network of obligations optimally: sets off the largest possible amount along debt cycles while " +
            "every participant keeps its net position, and writes one set-off row per obligation.",
        "",
        "Input: CSV with the header id,debtor,creditor,amount (id optional, any column order)."})
final class ClearCommand implements Callable<Integer>
{
    @Parameters(index = "0", arity = "0..1", paramLabel = "INPUT.csv", description = "obligations to clear")
    private Path input;

    @Option(names = "--journal", paramLabel = "DIR",
        description = "instead of a file: run an optimal batch clearing on the engine state journaled in DIR " +
            "(see 'clearing ingest'); the run is journaled too")
    private Path journal;

    @Option(names = "--out", paramLabel = "SETOFF.csv",
        description = "set-off notices: id,debtor,creditor,amount,set_off,remainder in input order " +
            "(required with INPUT.csv)")
    private Path out;

    @Option(names = "--scale", paramLabel = "N", defaultValue = "0",
        description = "amounts have up to N decimals (major units); 0 (default): integer minor units")
    private int scale;

    @Option(names = "--certificate", paramLabel = "FILE",
        description = "optimality certificate: participant,potential; with --policy the potentials of both " +
            "stages, stage,kind,participant,unit,to_unit,value; with --journal the run certificate file of the run " +
            "(policy, discharges per level, certificate; with --novated both sides, the legs between accounts and " +
            "every stage's potentials) (check it with 'clearing verify --run-certificate')")
    private Path certificate;

    @Option(names = "--graph", paramLabel = "FILE",
        description = "network with set-offs as GraphML (.graphml) or Graphviz DOT (.dot, .gv)")
    private Path graph;

    @Option(names = "--summary-json", paramLabel = "FILE", description = "the summary as JSON")
    private Path summaryJson;

    @Option(names = "--policy", paramLabel = "POLICY.csv",
        description = "clear under a policy: disputes, opt-outs, standing rules, receivable caps, priority, " +
            "liquidity commitments, treasury and rates (see docs/policies.md); the obligations file may then have " +
            "unit, due and urgent columns, and --out gets a unit and a note column")
    private Path policy;

    @Option(names = "--novated",
        description = "with --hierarchy: clear by novation through community and region accounts instead of level " +
            "by level: a debt between communities becomes debtor -> its community's account -> the creditor's " +
            "community's account -> creditor; --out gets what was discharged of each side and whom the rest is owed " +
            "to / by (see docs/policies.md); with --journal: a novated run on the journaled communities and regions, " +
            "the accounts' legs recorded as obligations (see docs/policies-engine.md)")
    private boolean novated;

    @Option(names = "--accounts", paramLabel = "ACCOUNTS.csv",
        description = "with --novated: the legs between accounts per ordered pair, " +
            "stage,from,to,amount,netted,cleared,remainder (with --journal also the obligation left, leg_id)")
    private Path accounts;

    @Option(names = "--hierarchy", paramLabel = "COMMUNITIES.csv",
        description = "clear by community, then region, then top level: the file maps every participant to its " +
            "community and region (participant,community,region); --out gets the part set off at each level, the " +
            "summary the flat optimum beside it (see docs/policies.md)")
    private Path hierarchy;

    @Option(names = "--hierarchical",
        description = "with --journal: clear level by level through the communities and regions journaled with " +
            "'clearing policy' (community, then region, then the rest), and print each level beside the flat optimum")
    private boolean hierarchical;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException, CsvFormatException
    {
        if (accounts != null && !novated)
        {
            throw CliException.badInput("--accounts is for --hierarchy with --novated, or --journal with --novated");
        }
        if (novated && journal == null && hierarchy == null)
        {
            throw CliException.badInput("--novated needs INPUT.csv and --hierarchy COMMUNITIES.csv, or --journal DIR");
        }
        if (journal != null)
        {
            checkJournalArguments();
            if (novated)
            {
                if (hierarchical)
                {
                    throw CliException.badInput("--journal --novated takes only --out, --accounts and " +
                        "--certificate: a novated run is not also hierarchical");
                }
                return NovatedJournalClearing.clearJournal(journal, out, accounts, certificate,
                    spec.commandLine().getOut(), spec.commandLine().getErr());
            }
            return JournalClearing.clearJournal(journal, out, certificate, hierarchical, spec.commandLine().getOut(),
                spec.commandLine().getErr());
        }
        if (hierarchical)
        {
            throw CliException.badInput("--hierarchical is for --journal DIR; an obligations file takes --hierarchy " +
                "COMMUNITIES.csv");
        }
        checkArguments();
        if (hierarchy != null)
        {
            checkHierarchyArguments();
            if (novated)
            {
                return NovatedHierarchyClearing.run(input, hierarchy, out, accounts, summaryJson, scale,
                    spec.commandLine().getOut());
            }
            if (policy != null)
            {
                return HierarchyClearing.runWithPolicy(input, hierarchy, policy, out, summaryJson, scale,
                    spec.commandLine().getOut());
            }
            return HierarchyClearing.run(input, hierarchy, out, summaryJson, scale, spec.commandLine().getOut());
        }
        if (policy != null)
        {
            checkPolicyArguments();
            return PolicyClearing.run(input, policy, out, certificate, summaryJson, scale, spec.commandLine().getOut());
        }
        final long startNs = System.nanoTime();
        final ClearingResult result;
        final long readNs;
        final long writeStartNs;
        try (ProgressDisplay progress = ProgressDisplay.create(
            ProgressDisplay.stderrIsTerminal(), System.err))
        {
            progress.phase("reading", Files.size(input));
            final ObligationNetwork network = new ObligationCsvReader(scale, progress).read(input);
            readNs = System.nanoTime() - startNs;

            progress.phase("clearing", -1);
            result = new ClearingSolver().solve(network);

            progress.phase("writing", -1);
            writeStartNs = System.nanoTime();
            SetOffCsvWriter.writeSetOffs(out, result, scale);
            if (certificate != null)
            {
                SetOffCsvWriter.writeCertificate(certificate, result);
            }
            if (graph != null)
            {
                SetOffGraphExporter.write(graph, result, scale);
            }
        }
        final long endNs = System.nanoTime();
        final ClearingSummary summary =
            ClearingSummary.of(input.toString(), scale, result, readNs, endNs - writeStartNs, endNs - startNs);
        SummaryText.print(spec.commandLine().getOut(), summary);
        if (summaryJson != null)
        {
            SummaryJson.write(summaryJson, summary);
        }
        return ClearingCli.OK;
    }

    private void checkJournalArguments()
    {
        if (input != null)
        {
            throw CliException.badInput("give either INPUT.csv or --journal DIR, not both");
        }
        if (graph != null || summaryJson != null || scale != 0 || policy != null || hierarchy != null)
        {
            throw CliException.badInput("--journal takes only --out, --certificate and --hierarchical (or --novated " +
                "with --out and --accounts); --graph, --summary-json, --scale, --policy and --hierarchy are for an " +
                "obligations file");
        }
        final FileArguments files = new FileArguments();
        if (out != null)
        {
            files.output("--out", out);
        }
        if (certificate != null)
        {
            files.output("--certificate", certificate);
        }
        if (accounts != null)
        {
            files.output("--accounts", accounts);
        }
    }

    private void checkHierarchyArguments()
    {
        if (certificate != null || graph != null)
        {
            throw CliException.badInput("--hierarchy takes only --out, --scale, --policy and --summary-json: every " +
                "level is certified on its own sub-network");
        }
        if (novated && policy != null)
        {
            throw CliException.badInput("--novated clears without a policy: a policy's exclusions, caps and " +
                "liquidity are defined per obligation, not per novated leg");
        }
        final FileArguments files = new FileArguments().input(input).input(hierarchy);
        if (policy != null)
        {
            files.input(policy);
        }
        files.output("--out", out).output("--summary-json", summaryJson);
        if (accounts != null)
        {
            files.output("--accounts", accounts);
        }
    }

    private void checkPolicyArguments()
    {
        if (graph != null)
        {
            throw CliException.badInput("--graph is for runs without a policy");
        }
        new FileArguments().input(input).input(policy).output("--out", out).output("--certificate", certificate)
            .output("--summary-json", summaryJson);
    }

    private void checkArguments()
    {
        if (input == null)
        {
            throw CliException.badInput("missing INPUT.csv (or --journal DIR)");
        }
        if (out == null)
        {
            throw CliException.badInput("missing --out SETOFF.csv");
        }
        if (scale < 0 || scale > 18)
        {
            throw CliException.badInput("--scale " + scale + ": must be 0 to 18");
        }
        if (graph != null && GraphFormat.ofFileName(graph.getFileName().toString()) == null)
        {
            throw CliException.badInput("--graph " + graph + ": file name must end in .graphml, .dot or .gv");
        }
        new FileArguments()
            .input(input)
            .output("--out", out)
            .output("--certificate", certificate)
            .output("--graph", graph)
            .output("--summary-json", summaryJson);
    }
}

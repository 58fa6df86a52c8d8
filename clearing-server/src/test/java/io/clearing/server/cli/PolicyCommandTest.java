package io.clearing.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.clearing.core.engine.ClearingEngine;
import io.clearing.core.engine.Context;
import io.clearing.core.policy.PriorityRule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code clearing policy}: the worked examples of docs/examples/engine-policies applied in order, with the outcomes
 * docs/policies-engine.md shows (treasury, urgent-first priority and a hierarchical run included); bad files refused
 * with their line and nothing journaled.
 */
class PolicyCommandTest
{
    private static final Path EXAMPLES = CliRun.engineExamples();

    @TempDir
    Path directory;

    private CliRun policy(final Path journal, final String example)
    {
        return CliRun.run("policy", EXAMPLES.resolve(example).toString(), "--journal", journal.toString());
    }

    @Test
    void shouldApplyTheWorkedExamplesWithTheOutcomesTheDocsShow()
    {
        final Path journal = directory.resolve("journal");
        final CliRun setup = policy(journal, "1-setup.csv");
        assertThat(setup.exitCode()).as(setup.err()).isZero();
        assertThat(setup.out()).contains("1-setup.csv:21: submit,t1,ACME,BOLT,500,TALER: accepted");

        final CliRun rules = policy(journal, "2-disputes-and-rules.csv");
        assertThat(rules.exitCode()).as(rules.err()).isZero();
        assertThat(rules.out()).contains("run,1: accepted; run 1 cleared 2,400 of 5,130 over 15 open obligations; " +
            "left untouched: 1 disputed by a party, 2 a party opted out of clearing, 2 a party's rule excludes " +
            "set-off between related participants, 1 amount below a party's minimum for set-off, 1 due date outside " +
            "a party's due-date window");

        final CliRun acceptance = policy(journal, "3-acceptance.csv");
        assertThat(acceptance.exitCode()).as(acceptance.err()).isZero();
        assertThat(acceptance.out())
            .contains("propose,2,+2d,reject-by-default: accepted; proposal 2 (reject by default, answers until " +
                "2026-12-04T09:00:00Z) clears 840; affected ACME BOLT IRIS; accepted -; rejected -")
            .contains("reject,2,IRIS: accepted; proposal 2 (reject by default, answers until 2026-12-04T09:00:00Z) " +
                "clears 600; affected ACME BOLT; accepted BOLT; rejected IRIS")
            .contains("commit,2: accepted; run 2 cleared 600")
            .contains("commit,3: accepted; run 3 cleared 240");

        final CliRun demurrage = policy(journal, "4-demurrage.csv");
        assertThat(demurrage.exitCode()).as(demurrage.err()).isZero();
        assertThat(demurrage.out())
            .contains("demurrage,TALER,1: accepted; charged 30 in TALER to the fund: BOLT 30")
            .contains("demurrage,TALER,2: accepted; charged 30 in TALER to the fund: BOLT 30");

        final CliRun liquidity = policy(journal, "5-liquidity.csv");
        assertThat(liquidity.exitCode()).as(liquidity.err()).isZero();
        assertThat(liquidity.out()).contains("run,4: accepted; run 4 cleared 2,400 of 3,090 over 11 open " +
            "obligations; left untouched: 1 disputed by a party, 2 a party's rule excludes set-off between related " +
            "participants, 1 amount below a party's minimum for set-off; committed money moved: ACME received 200 " +
            "EUR, ELM received 200 EUR, GALE paid 400 EUR");

        final CliRun treasury = policy(journal, "6-treasury-and-priority.csv");
        assertThat(treasury.exitCode()).as(treasury.err()).isZero();
        assertThat(treasury.out()).contains("run,5: accepted; run 5 cleared 2,000 of 3,190 over 12 open " +
            "obligations; left untouched: 1 disputed by a party, 2 a party's rule excludes set-off between related " +
            "participants, 1 amount below a party's minimum for set-off; across units through the treasury: x1 700 " +
            "EUR, x2 700 TALER (treasury exposure 700 EUR, 700 TALER)");

        final CliRun hierarchy = policy(journal, "7-hierarchy.csv");
        assertThat(hierarchy.exitCode()).as(hierarchy.err()).isZero();
        assertThat(hierarchy.out()).contains("run,6,hierarchical: accepted; run 6 cleared 200 of 1,590 over 13 open " +
            "obligations; left untouched: 1 disputed by a party, 2 a party's rule excludes set-off between related " +
            "participants, 1 amount below a party's minimum for set-off; by community 200, by region 0, at the top " +
            "0; flat optimum 300, cost of hierarchy 100");
        try (ClearingEngine engine = ClearingEngine.launch(new Context().journalDirectory(journal)))
        {
            final Map<String, Long> run5 = new HashMap<>();
            engine.querySync(v -> v.setOffNotices(5, null, 0, 100))
                .forEach(notice -> run5.put(notice.obligationId(), notice.setOffMinor()));
            assertThat(run5).as("the urgent x5 goes before x4").containsEntry("x5", 300L).containsEntry("x4", 0L);
            final PriorityRule next = engine.querySync(v -> v.policies().nextRunPriority());
            assertThat(next).as("a next-run priority ends with the run").isNull();
        }
        final CliRun hierarchical = CliRun.run("clear", "--journal", journal.toString(), "--hierarchical");
        assertThat(hierarchical.exitCode()).as(hierarchical.err()).isZero();
        assertThat(hierarchical.out()).contains("clearing run 7 over 11 open obligations: total debt 1,390, NID 800, " +
            "cleared 0 (0.00 %)").contains("by community 0, by region 0, at the top 0; flat optimum 0, cost of " +
            "hierarchy 0");

        final CliRun again = policy(journal, "4-demurrage.csv");
        assertThat(again.exitCode()).as("a file applied twice is harmless: " + again.err()).isZero();
        assertThat(again.out()).contains("demurrage,TALER,2: duplicate (already in effect)");

        final CliRun state = CliRun.run("state", "--journal", journal.toString());
        final CliRun replay = CliRun.run("state", "--journal", journal.toString(), "--full-replay");
        assertThat(state.out()).contains("state hash");
        assertThat(replay.out().substring(replay.out().indexOf("state hash")))
            .isEqualTo(state.out().substring(state.out().indexOf("state hash")));
        assertThat(state.out()).contains("unit TALER          community, demurrage 50 bp a period to FUND, " +
            "charged 60 in total (period 2: 30)");
    }

    @Test
    void shouldRefuseAnUnreadableLineWithItsNumberAndJournalNothing() throws Exception
    {
        final Path journal = directory.resolve("journal");
        assertThat(policy(journal, "1-setup.csv").exitCode()).isZero();
        final String before = hash(journal);

        final CliRun bad = policy(journal, "bad-line.csv");

        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("bad-line.csv:3: AMOUNT is negative: -5");
        assertThat(hash(journal)).isEqualTo(before);
        assertThat(CliRun.run("state", "--journal", journal.toString()).out()).doesNotContain("disputed");
    }

    @Test
    void shouldRefuseACommandTheEngineWouldRefuseAndJournalNothing()
    {
        final Path journal = directory.resolve("journal");
        assertThat(policy(journal, "1-setup.csv").exitCode()).isZero();
        final String before = hash(journal);

        final CliRun refused = policy(journal, "refused.csv");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("refused.csv:3: dispute refused (NOT_A_PARTY): participant is neither " +
            "the debtor nor the creditor of the obligation").contains("nothing journaled");
        assertThat(hash(journal)).isEqualTo(before);
    }

    @Test
    void shouldRefuseBadTreasuryPriorityAndHierarchyLinesWithTheirNumberAndJournalNothing() throws Exception
    {
        final Path journal = directory.resolve("journal");
        assertThat(policy(journal, "1-setup.csv").exitCode()).isZero();
        final String before = hash(journal);
        final String[][] cases = {
            {"rate,EUR,0,1", "NUMERATOR must be positive: 0"},
            {"rate,EUR,1,x", "DENOMINATOR is not a whole number of minor units: 'x'"},
            {"priority,newest-first,standing", "priority is none, older-first or urgent-first: 'newest-first'"},
            {"priority,urgent-first,forever", "a priority is for the next-run or standing: 'forever'"},
            {"run,7,sideways", "a run is flat, hierarchical or novated: 'sideways'"},
            {"community,ACME", "expected community,PARTICIPANT,COMMUNITY, got 2 fields"},
            {"region,,west", "field 2 is empty"},
            {"urgent", "expected urgent,OBLIGATION[,PARTICIPANT], got 1 fields"},
            {"treasury,NOBODY", "treasury refused (UNKNOWN_PARTICIPANT)"},
            {"rate,GOLD,1,1", "rate refused (UNKNOWN_UNIT)"},
            {"urgent,e1,IRIS", "urgent refused (NOT_A_PARTY)"},
            {"liquidity,ACME,EUR,10\nrun,9,hierarchical", "run refused (HIERARCHY_WITH_LIQUIDITY): a hierarchical " +
                "run cannot use liquidity commitments"}};
        for (final String[] bad : cases)
        {
            final Path file = directory.resolve("bad.csv");
            Files.writeString(file, "at,2026-12-02\ntreasury,ACME\n" + bad[0] + "\n");
            final CliRun run = CliRun.run("policy", file.toString(), "--journal", journal.toString());
            assertThat(run.exitCode()).as(bad[0]).isEqualTo(2);
            assertThat(run.err()).as(bad[0]).contains("bad.csv:" + (bad[0].contains("\n") ? 4 : 3) + ": " + bad[1]);
            assertThat(hash(journal)).as(bad[0]).isEqualTo(before);
        }
        final CliRun flags = CliRun.run("clear", "--hierarchical", EXAMPLES.resolve("1-setup.csv").toString(),
            "--out", directory.resolve("out.csv").toString());
        assertThat(flags.exitCode()).isEqualTo(2);
        assertThat(flags.err()).contains("--hierarchical is for --journal DIR");
    }

    @Test
    void shouldRefuseAnUnknownCommandWord() throws Exception
    {
        final Path file = directory.resolve("typo.csv");
        Files.writeString(file, "# comment\n\ndisput,d1,DUNE\n");
        final CliRun run = CliRun.run("policy", file.toString(), "--journal", directory.resolve("j").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("typo.csv:3: unknown command 'disput'");
        assertThat(directory.resolve("j")).doesNotExist();
    }

    @Test
    void shouldTakeAnEmptyUnitAsTheDefaultUnitForRunLimits() throws Exception
    {
        final Path journal = directory.resolve("journal");
        assertThat(policy(journal, "1-setup.csv").exitCode()).isZero();
        final Path file = directory.resolve("limits.csv");
        Files.writeString(file, "cap,GALE,,30\nliquidity,DUNE,,20\nno-cap,GALE,\nrun,9\n");
        final CliRun run = CliRun.run("policy", file.toString(), "--journal", journal.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("limits.csv:4: run,9: accepted; run 9 cleared")
            .contains("committed money moved: DUNE paid 20, ELM received 20");
    }

    private static String hash(final Path journal)
    {
        final String out = CliRun.run("state", "--journal", journal.toString()).out();
        return out.substring(out.indexOf("state hash"));
    }
}

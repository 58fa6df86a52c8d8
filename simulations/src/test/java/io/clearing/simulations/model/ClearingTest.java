package io.clearing.simulations.model;

import io.clearing.core.api.ClearingSolver;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.engine.api.ClearingRunSummary;
import io.clearing.core.engine.api.ClearingStateView;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.state.ClearingStateMachine;
import io.clearing.core.engine.state.CommandCodec;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static io.clearing.simulations.model.BalanceSheets.PAYABLE;
import static io.clearing.simulations.model.BalanceSheets.RECEIVABLE;
import static org.assertj.core.api.Assertions.assertThat;

class ClearingTest
{
    @Test
    void shouldNeverChangeANetPositionAndSetOffWhatTheSolverAndTheEngineFind()
    {
        for (long seed = 1; seed <= 20; seed++)
        {
            final Economy economy = new Economy(Scenarios.load("mutual-credit", "years=1", "households=50",
                "firms=30"), new SplittableRandom(seed));
            final SplittableRandom random = new SplittableRandom(seed * 31);
            final int firms = economy.names.firms;
            for (int i = 0; i < 200; i++)
            {
                final int debtor = economy.names.firstFirm + random.nextInt(firms);
                final int creditor = economy.names.firstFirm + random.nextInt(firms);
                if (debtor != creditor)
                {
                    economy.book.add(debtor, creditor, 1 + random.nextInt(10_000), 30);
                }
            }
            final long[] netBefore = net(economy);
            final ObligationNetwork network = openInvoices(economy.book);
            final long solverOptimum = new ClearingSolver().solve(network).clearedMinor();
            final long engineOptimum = engineClearing(network);
            final long openBefore = economy.book.openTotal();

            final long cleared = economy.book.clear(1);

            assertThat(net(economy)).as("seed " + seed).isEqualTo(netBefore);
            assertThat(cleared).as("seed " + seed).isEqualTo(solverOptimum).isEqualTo(engineOptimum).isPositive();
            assertThat(economy.book.openTotal()).isEqualTo(openBefore - cleared);
        }
    }

    @Test
    void shouldKeepEveryInvoiceAsAnObligationOfTheClearingEngine()
    {
        final Economy economy = new Economy(Scenarios.load("mutual-credit", "years=1"), new SplittableRandom(3));
        final double[][] series = economy.run();

        final ClearingStateView engine = economy.book.engine();
        double invoiced = 0;
        double clearedByRuns = 0;
        for (final double[] month : series)
        {
            invoiced += month[Metric.DEBT_INVOICED.ordinal()];
            clearedByRuns += month[Metric.DEBT_CLEARED.ordinal()];
        }
        assertThat(engine.totals().submittedMinor()).isEqualTo((long)invoiced);
        assertThat(engine.totals().totalDebtMinor()).isEqualTo(economy.book.openTotal());
        assertThat(engine.totals().payments()).isPositive();
        assertThat(engine.clearingRuns()).hasSize(12);
        assertThat(engine.clearingRuns().stream().mapToLong(ClearingRunSummary::clearedMinor).sum())
            .isEqualTo((long)clearedByRuns).isPositive();
    }

    @Test
    void shouldClearPartOfTheDebtInTheMutualCreditScenario()
    {
        final double[][] series = new Economy(Scenarios.load("mutual-credit", "years=1"), new SplittableRandom(2))
            .run();

        double cleared = 0;
        double atClearing = 0;
        for (final double[] month : series)
        {
            cleared += month[Metric.DEBT_CLEARED.ordinal()];
            atClearing += month[Metric.DEBT_AT_CLEARING.ordinal()];
        }
        assertThat(cleared).isPositive().isLessThan(atClearing);
    }

    /**
     * The book's open invoices as a network of their own (participant ids are agent indices), for the solver alone.
     */
    private static ObligationNetwork openInvoices(final InvoiceBook book)
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        for (int i = 0; i < book.count(); i++)
        {
            if (book.open(i) > 0)
            {
                builder.add(Integer.toString(book.debtor(i)), Integer.toString(book.creditor(i)), book.open(i));
            }
        }
        return builder.build();
    }

    private static long[] net(final Economy economy)
    {
        final long[] net = new long[economy.names.agents];
        for (int agent = 0; agent < net.length; agent++)
        {
            net[agent] = economy.sheets.balance[RECEIVABLE][agent] - economy.sheets.balance[PAYABLE][agent];
        }
        return net;
    }

    /**
     * The same obligations through the engine's deterministic state machine, and its optimal batch run.
     */
    private static long engineClearing(final ObligationNetwork network)
    {
        final ClearingStateMachine machine = new ClearingStateMachine();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        for (int p = 0; p < network.participantCount(); p++)
        {
            final int length = CommandCodec.encodeRegisterParticipant(buffer, 0, 1, network.participantId(p), "");
            assertThat(machine.apply(buffer, 0, length)).isEqualTo(ResultCode.ACCEPTED.code());
        }
        for (int o = 0; o < network.obligationCount(); o++)
        {
            final int length = CommandCodec.encodeSubmitObligation(buffer, 0, 2, "o" + o,
                network.participantId(network.debtor(o)), network.participantId(network.creditor(o)),
                network.amountMinor(o));
            assertThat(machine.apply(buffer, 0, length)).isEqualTo(ResultCode.ACCEPTED.code());
        }
        final int length = CommandCodec.encodeRunClearing(buffer, 0, 3, 1);
        assertThat(machine.apply(buffer, 0, length)).isEqualTo(ResultCode.ACCEPTED.code());
        return machine.lastClearingRun().clearedMinor();
    }
}

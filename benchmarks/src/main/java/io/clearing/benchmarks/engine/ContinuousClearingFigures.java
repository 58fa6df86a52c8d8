package io.clearing.benchmarks.engine;

import io.clearing.core.api.ClearingResult;
import io.clearing.core.api.ClearingSolver;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.engine.api.ContinuousPolicy;
import io.clearing.core.engine.api.EngineTotals;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.state.ClearingStateMachine;
import io.clearing.core.engine.state.CommandCodec;
import io.clearing.core.generate.DeepCycleNetworkGenerator;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What continuous clearing finds compared with the optimal batch run, and what it costs per obligation: streams a
 * seeded deep-cycle network through the state machine (single thread, no journal) with continuous clearing on,
 * timing each submission; then runs the optimal batch over what is left, and separately over the whole network.
 * <p>
 * Usage: {@code ContinuousClearingFigures [firms] [obligations] [seed] [maxCycleLength] [maxVisitedNodes]
 * [maxEdgeScans]}; defaults 100000 1000000 42 8 256 4096.
 */
public final class ContinuousClearingFigures
{
    private ContinuousClearingFigures()
    {
    }

    public static void main(final String[] args)
    {
        final int firms = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        final int obligations = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        final long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        final ContinuousPolicy policy = new ContinuousPolicy(true,
            args.length > 3 ? Integer.parseInt(args[3]) : ContinuousPolicy.DEFAULT_ENABLED.maxCycleLength(),
            args.length > 4 ? Integer.parseInt(args[4]) : ContinuousPolicy.DEFAULT_ENABLED.maxVisitedNodes(),
            args.length > 5 ? Integer.parseInt(args[5]) : ContinuousPolicy.DEFAULT_ENABLED.maxEdgeScans());

        final ObligationNetwork network = new DeepCycleNetworkGenerator(seed, firms, obligations).generate();
        final ClearingResult optimal = new ClearingSolver().solve(network);

        final ClearingStateMachine machine = new ClearingStateMachine(firms, obligations);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandCodec.MAX_COMMAND_BYTES]);
        for (int p = 0; p < network.participantCount(); p++)
        {
            final String id = network.participantId(p);
            expect(machine.apply(buffer, 0, CommandCodec.encodeRegisterParticipant(buffer, 0, 0, id, id)));
        }
        expect(machine.apply(buffer, 0, CommandCodec.encodeConfigureContinuous(buffer, 0, 0, true,
            policy.maxCycleLength(), policy.maxVisitedNodes(), policy.maxEdgeScans())));

        final Histogram histogram = new Histogram(3_600_000_000L, 3);
        final int warmup = Math.min(obligations / 10, 100_000);
        final long start = System.nanoTime();
        for (int i = 0; i < network.obligationCount(); i++)
        {
            final int length = CommandCodec.encodeSubmitObligation(buffer, 0, i, network.obligationId(i),
                network.participantId(network.debtor(i)), network.participantId(network.creditor(i)),
                network.amountMinor(i));
            final long t0 = System.nanoTime();
            final int code = machine.apply(buffer, 0, length);
            final long t1 = System.nanoTime();
            expect(code);
            if (i >= warmup)
            {
                histogram.recordValue(t1 - t0);
            }
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        final EngineTotals continuous = machine.totals();
        expect(machine.apply(buffer, 0, CommandCodec.encodeRunClearing(buffer, 0, 1, 1)));
        final long batchAfter = machine.lastClearingRun().clearedMinor();

        System.out.printf("network: seed %d, %,d firms, %,d obligations, total debt %,d, NID %,d%n", seed, firms,
            obligations, network.totalDebtMinor(), network.netInternalDebtMinor());
        System.out.printf("policy: maxCycleLength %d, maxVisitedNodes %d, maxEdgeScans %d%n",
            policy.maxCycleLength(), policy.maxVisitedNodes(), policy.maxEdgeScans());
        System.out.printf("optimal batch alone:            %,d cleared (%.2f %% of debt)%n", optimal.clearedMinor(),
            percent(optimal.clearedMinor(), network.totalDebtMinor()));
        System.out.printf("continuous while streaming:     %,d cleared (%.2f %% of debt, %.2f %% of the optimum), %,d cycles%n",
            continuous.continuousSetOffMinor(), percent(continuous.continuousSetOffMinor(), network.totalDebtMinor()),
            percent(continuous.continuousSetOffMinor(), optimal.clearedMinor()), continuous.continuousCycles());
        System.out.printf("optimal batch after continuous: %,d more; together %,d (%.4f %% of the optimum)%n",
            batchAfter, continuous.continuousSetOffMinor() + batchAfter,
            percent(continuous.continuousSetOffMinor() + batchAfter, optimal.clearedMinor()));
        System.out.printf("per-obligation submit cost after %,d warm-up: p50 %.2f us, p99 %.2f us, p99.9 %.2f us, " +
            "max %.2f us; %.0f obligations/s overall%n", warmup, histogram.getValueAtPercentile(50) / 1e3,
            histogram.getValueAtPercentile(99) / 1e3, histogram.getValueAtPercentile(99.9) / 1e3,
            histogram.getMaxValue() / 1e3, obligations / seconds);
    }

    private static double percent(final long part, final long whole)
    {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    private static void expect(final int code)
    {
        if (code != ResultCode.ACCEPTED.code())
        {
            throw new IllegalStateException("command refused: " + ResultCode.of(code));
        }
    }
}

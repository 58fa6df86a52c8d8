package io.clearing.simulations.report;

import io.clearing.simulations.run.SimulationResult;
import io.clearing.simulations.run.SummaryMetric;

import java.util.ArrayList;
import java.util.List;

/**
 * Pattern-oriented validation: documented facts beside what the model produced, each with its source and a stated
 * band. The model is never tuned to these; a row outside its band is reported as such.
 */
public final class Validation
{
    /**
     * One model-versus-fact comparison.
     *
     * @param pattern what is compared.
     * @param model   the model's mean over replications with its 95 % confidence interval.
     * @param fact    the documented figure.
     * @param source  where the figure comes from.
     * @param band    the band the model's mean is checked against, as text.
     * @param status  {@code within band}, {@code outside band}, or why the row does not apply.
     * @param note    what differs between the scenario and the fact's setting, if anything.
     */
    public record Row(String pattern, String model, String fact, String source, String band, String status,
        String note)
    {
    }

    private Validation()
    {
    }

    /**
     * @return the validation rows for a run.
     */
    public static List<Row> rows(final SimulationResult result)
    {
        final List<Row> rows = new ArrayList<>();
        final double demurrage = result.scenario().decimal("voucher.demurrage_month");
        final double annual = 1 - Math.pow(1 - demurrage, 12);
        final String rateNote = String.format(java.util.Locale.ROOT, "the scenario's demurrage is %.1f %%/month " +
            "(%.1f %%/year); the fact is for 8 %%/year", demurrage * 100, annual * 100);
        rows.add(row(result, SummaryMetric.VOUCHER_VELOCITY, "velocity of a currency with demurrage (per year)",
            "about 10 per year at 8 %/year demurrage (Chiemgauer)",
            "Gelleri (2009), Chiemgauer Regiomoney, International Journal of Community Currency Research 13",
            6, 14, rateNote));
        rows.add(row(result, SummaryMetric.CASH_VELOCITY, "velocity of money without demurrage (per year)",
            "about 4 per year (the euro, in the same comparison)",
            "Gelleri (2009), as above", 2, 6, "the model's cash is national money spent in the economy"));
        rows.add(row(result, SummaryMetric.CLEARED_SHARE, "share of debt removed by clearing alone",
            "about 25 % (Sardex, 3,199 firms, 138,000 invoices)",
            "Fleischman, Dini & Littera (2020), Liquidity-saving through obligation-clearing and mutual credit, " +
                "Journal of Risk and Financial Management 13(12):295", 0.15, 0.35,
            "the model's supplier network is random, not Sardex's"));
        rows.add(row(result, SummaryMetric.SETTLED_WITH_CREDIT_SHARE,
            "share of debt removed by clearing and mutual credit", "about 50 % (Sardex)",
            "Fleischman, Dini & Littera (2020), as above", 0.35, 0.65,
            "in the model: set off, or paid in mutual credit when due"));
        rows.add(row(result, SummaryMetric.STEADY_STATE_RATIO,
            "steady-state balance over inflow / demurrage rate", "1 (a stock with a constant inflow and a " +
                "proportional charge settles at inflow / rate)", "accounting identity; Gesell's demurrage " +
                "arithmetic", 0.9, 1.1, "discrete months: the theory used is inflow x (1 - rate) / rate; the stock " +
                "approaches it with a time constant of about 1 / rate months, so a shorter run is not yet there"));
        rows.add(row(result, SummaryMetric.CREDIT_SHARE_SHOCK_RATIO,
            "mutual credit share of firm payments, shock over normal times",
            "above 1: WIR turnover rises when the economy contracts (counter-cyclical)",
            "Stodder (2009), Complementary credit networks and macroeconomic stability: Switzerland's " +
                "Wirtschaftsring, Journal of Economic Behavior & Organization 72(1)", 1, Double.POSITIVE_INFINITY,
            "the shock is a cut of cash inflows"));
        return rows;
    }

    private static Row row(final SimulationResult result, final SummaryMetric metric, final String pattern,
        final String fact, final String source, final double low, final double high, final String note)
    {
        final Statistics.Interval interval = Statistics.of(CsvReports.column(result, metric));
        final String band = "[" + Numbers.human(low) + ", " + (Double.isInfinite(high) ? "inf" : Numbers.human(high)) +
            "]";
        if (interval.n() == 0)
        {
            return new Row(pattern, "n/a", fact, source, band, "not applicable: the scenario lacks the mechanism", "");
        }
        final String model = Numbers.human(interval.mean()) + " (95 % CI " + Numbers.human(interval.lower()) + " to " +
            Numbers.human(interval.upper()) + ", n = " + interval.n() + ")";
        final boolean within = interval.mean() >= low && interval.mean() <= high;
        return new Row(pattern, model, fact, source, band, within ? "within band" : "outside band", note);
    }
}

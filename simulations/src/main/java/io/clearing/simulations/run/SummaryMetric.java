package io.clearing.simulations.run;

import io.clearing.simulations.model.Economy;
import io.clearing.simulations.model.Metric;
import io.clearing.simulations.scenario.Scenario;

/**
 * One number per replication, computed from its monthly series; "final year" is the last 12 months. {@code NaN}
 * where the scenario lacks the mechanism (no vouchers, no invoices, no shock).
 */
public enum SummaryMetric
{
    OUTPUT_MONTH("output_month", "mean monthly output in the final year"),
    CONSUMPTION_MONTH("consumption_month", "mean monthly household consumption in the final year"),
    EMPLOYMENT("employment", "mean employment rate in the final year"),
    IDLE_CAPACITY("idle_capacity", "mean idle share of local firms' capacity in the final year"),
    CASH_VELOCITY("cash_velocity", "mean annualised velocity of cash in the final year (no demurrage)"),
    VOUCHER_VELOCITY("voucher_velocity", "mean annualised velocity of vouchers in the final year"),
    VOUCHER_STOCK("voucher_stock", "mean vouchers outstanding in the final year"),
    VOUCHER_TURNOVER_YEAR("voucher_turnover_year", "payments in vouchers in the final year"),
    VOUCHER_TURNOVER_GROWTH("voucher_turnover_growth", "voucher turnover in the final year over the first year"),
    STEADY_STATE_RATIO("steady_state_ratio", "vouchers outstanding at the end over (net monthly inflow in the " +
        "final year / monthly demurrage rate)"),
    CLEARED_SHARE("cleared_share", "debt set off by clearing over the debt open at the clearing runs"),
    SETTLED_WITH_CREDIT_SHARE("cleared_or_credit_share", "invoices discharged by clearing or paid in mutual " +
        "credit over all invoiced"),
    CROSS_CLEARED_SHARE("cross_cleared_share", "cross-community invoices set off by clearing over all " +
        "cross-community invoiced"),
    DEBT_OPEN_END("debt_open_end", "open invoices at the end of the run"),
    CREDIT_SHARE_SHOCK_RATIO("credit_share_shock_ratio", "share of firm payments in mutual credit during the " +
        "shock over the share outside it"),
    OUTPUT_SHOCK_RATIO("output_shock_ratio", "mean monthly output in shock months over other months");

    private final String column;
    private final String description;

    SummaryMetric(final String column, final String description)
    {
        this.column = column;
        this.description = description;
    }

    /**
     * @return the CSV column name.
     */
    public String column()
    {
        return column;
    }

    /**
     * @return what it measures.
     */
    public String description()
    {
        return description;
    }

    /**
     * Computes every summary value of one replication.
     *
     * @return values indexed by ordinal.
     */
    public static double[] compute(final double[][] series, final Scenario scenario)
    {
        final double[] out = new double[values().length];
        final int months = series.length;
        final int from = Math.max(0, months - Economy.MONTHS_PER_YEAR);
        out[OUTPUT_MONTH.ordinal()] = mean(series, Metric.OUTPUT, from, months);
        out[CONSUMPTION_MONTH.ordinal()] = mean(series, Metric.CONSUMPTION, from, months);
        out[EMPLOYMENT.ordinal()] = mean(series, Metric.EMPLOYMENT, from, months);
        out[IDLE_CAPACITY.ordinal()] = mean(series, Metric.IDLE_CAPACITY, from, months);
        out[CASH_VELOCITY.ordinal()] = mean(series, Metric.CASH_VELOCITY, from, months);
        final boolean vouchers = scenario.bool("voucher.enabled");
        out[VOUCHER_VELOCITY.ordinal()] = vouchers ? mean(series, Metric.VOUCHER_VELOCITY, from, months) : Double.NaN;
        out[VOUCHER_STOCK.ordinal()] = vouchers ? mean(series, Metric.VOUCHER_STOCK, from, months) : Double.NaN;
        out[VOUCHER_TURNOVER_YEAR.ordinal()] = vouchers ? sum(series, Metric.VOUCHER_TURNOVER, from, months) :
            Double.NaN;
        out[VOUCHER_TURNOVER_GROWTH.ordinal()] = vouchers ? ratio(sum(series, Metric.VOUCHER_TURNOVER, from, months),
            sum(series, Metric.VOUCHER_TURNOVER, 0, Math.min(months, Economy.MONTHS_PER_YEAR))) : Double.NaN;
        out[STEADY_STATE_RATIO.ordinal()] = steadyStateRatio(series, scenario, from, months);
        out[CLEARED_SHARE.ordinal()] = ratio(sum(series, Metric.DEBT_CLEARED, 0, months),
            sum(series, Metric.DEBT_AT_CLEARING, 0, months));
        out[SETTLED_WITH_CREDIT_SHARE.ordinal()] = ratio(sum(series, Metric.DEBT_CLEARED, 0, months) +
            sum(series, Metric.DEBT_PAID_CREDIT, 0, months), sum(series, Metric.DEBT_INVOICED, 0, months));
        out[CROSS_CLEARED_SHARE.ordinal()] = ratio(sum(series, Metric.CROSS_DEBT_CLEARED, 0, months),
            sum(series, Metric.CROSS_DEBT_INVOICED, 0, months));
        out[DEBT_OPEN_END.ordinal()] = series[months - 1][Metric.DEBT_OPEN.ordinal()];
        out[CREDIT_SHARE_SHOCK_RATIO.ordinal()] = scenario.amount("credit.limit") > 0 ?
            ratio(shockRatio(series, Metric.FIRM_CREDIT_PAYMENTS, true), shockRatio(series, Metric.FIRM_CREDIT_PAYMENTS,
            false)) : Double.NaN;
        out[OUTPUT_SHOCK_RATIO.ordinal()] = ratio(shockMean(series, Metric.OUTPUT, true),
            shockMean(series, Metric.OUTPUT, false));
        return out;
    }

    private static double steadyStateRatio(final double[][] series, final Scenario scenario, final int from,
        final int months)
    {
        final double rate = scenario.decimal("voucher.demurrage_month");
        if (!scenario.bool("voucher.enabled") || rate == 0)
        {
            return Double.NaN;
        }
        final double inflow = (sum(series, Metric.VOUCHERS_ISSUED, from, months) -
            sum(series, Metric.VOUCHERS_RETURNED, from, months)) / (months - from);
        // the stock after the month's charge: S = (S + I)(1 - d) has the fixed point S = I (1 - d) / d
        final double theory = inflow * (1 - rate) / rate;
        return ratio(series[months - 1][Metric.VOUCHER_STOCK.ordinal()], theory);
    }

    private static double shockRatio(final double[][] series, final Metric part, final boolean shock)
    {
        double numerator = 0;
        double denominator = 0;
        for (final double[] row : series)
        {
            if ((row[Metric.SHOCK.ordinal()] == 1) == shock)
            {
                numerator += row[part.ordinal()];
                denominator += row[Metric.FIRM_PAYMENTS.ordinal()];
            }
        }
        return ratio(numerator, denominator);
    }

    private static double shockMean(final double[][] series, final Metric metric, final boolean shock)
    {
        double sum = 0;
        int count = 0;
        for (final double[] row : series)
        {
            if ((row[Metric.SHOCK.ordinal()] == 1) == shock)
            {
                sum += row[metric.ordinal()];
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    private static double mean(final double[][] series, final Metric metric, final int from, final int to)
    {
        return to > from ? sum(series, metric, from, to) / (to - from) : Double.NaN;
    }

    private static double sum(final double[][] series, final Metric metric, final int from, final int to)
    {
        double sum = 0;
        for (int m = from; m < to; m++)
        {
            sum += series[m][metric.ordinal()];
        }
        return sum;
    }

    private static double ratio(final double numerator, final double denominator)
    {
        return denominator == 0 || Double.isNaN(denominator) || Double.isNaN(numerator) ? Double.NaN :
            numerator / denominator;
    }
}

package io.clearing.simulations.model;

import static io.clearing.simulations.model.BalanceSheets.CASH;
import static io.clearing.simulations.model.BalanceSheets.CREDIT;
import static io.clearing.simulations.model.BalanceSheets.SAVINGS;

/**
 * Accumulates the monthly series of one run: flows are summed as they happen (in exact minor units), stocks are
 * read at the end of the month, and the average daily cash and voucher stocks give the velocities. On request it
 * also keeps the daily series, one row per step: the day's flows and the stocks at its end (velocities and idle
 * capacity, which are monthly measures, are NaN there).
 */
final class MonthlyRecord
{
    private static final Metric[] METRICS = Metric.values();

    private final double[][] series;
    private final long[] flows = new long[METRICS.length];
    private final long[] dayFlows = new long[METRICS.length];
    private double[][] daily;
    private int dayIndex;
    private int month;
    private long cashStockDays;
    private long voucherStockDays;
    private int daysInMonth;

    MonthlyRecord(final int months)
    {
        this.series = new double[months][METRICS.length];
    }

    void startMonth(final int monthIndex, final boolean shock)
    {
        month = monthIndex;
        java.util.Arrays.fill(flows, 0L);
        cashStockDays = 0;
        voucherStockDays = 0;
        daysInMonth = 0;
        series[month][Metric.SHOCK.ordinal()] = shock ? 1 : 0;
    }

    /**
     * Keeps the daily series too, for a run of {@code days} days.
     */
    void recordDaily(final int days)
    {
        daily = new double[days][METRICS.length];
    }

    void add(final Metric metric, final long amount)
    {
        flows[metric.ordinal()] += amount;
        dayFlows[metric.ordinal()] += amount;
    }

    /**
     * Adds today's cash and voucher stocks to the month's sums, for the average stocks behind the velocities.
     */
    void addStocks(final Economy economy)
    {
        cashStockDays += cashStock(economy);
        voucherStockDays += economy.sheets.vouchersOutstanding();
        daysInMonth++;
    }

    private static long cashStock(final Economy economy)
    {
        final long[] cash = economy.sheets.balance[CASH];
        long sum = 0;
        for (int agent = 0, n = economy.names.restOfWorld; agent < n; agent++)
        {
            sum += cash[agent];
        }
        return sum;
    }

    void endMonth(final Economy economy)
    {
        final double[] row = series[month];
        for (final Metric metric : METRICS)
        {
            if (metric != Metric.SHOCK)
            {
                row[metric.ordinal()] = flows[metric.ordinal()];
            }
        }
        final AgentNames names = economy.names;
        row[Metric.EMPLOYMENT.ordinal()] = names.households == 0 ? 0 :
            economy.workforce().employed() / (double)names.households;
        final long potential = economy.firms().localPotentialMonth();
        row[Metric.IDLE_CAPACITY.ordinal()] = potential == 0 ? 0 :
            1.0 - economy.firms().localSalesMonth() / (double)potential;
        row[Metric.CASH_STOCK.ordinal()] = cashStock(economy);
        row[Metric.SAVINGS.ordinal()] = sum(economy.sheets.balance[SAVINGS], names.households);
        row[Metric.VOUCHER_STOCK.ordinal()] = economy.sheets.vouchersOutstanding();
        row[Metric.CREDIT_POSITIVE.ordinal()] = positiveCredit(economy);
        row[Metric.DEBT_OPEN.ordinal()] = economy.book.openTotal();
        row[Metric.CASH_VELOCITY.ordinal()] = velocity(flows[Metric.CASH_TURNOVER.ordinal()], cashStockDays);
        row[Metric.VOUCHER_VELOCITY.ordinal()] = velocity(flows[Metric.VOUCHER_TURNOVER.ordinal()], voucherStockDays);
    }

    private double velocity(final long turnover, final long stockDays)
    {
        if (stockDays <= 0 || daysInMonth == 0)
        {
            return 0;
        }
        final double averageStock = stockDays / (double)daysInMonth;
        return turnover * (double)Economy.MONTHS_PER_YEAR / averageStock;
    }

    private static double positiveCredit(final Economy economy)
    {
        final long[] credit = economy.sheets.balance[CREDIT];
        double sum = 0;
        for (int agent = 0; agent < credit.length; agent++)
        {
            if (credit[agent] > 0)
            {
                sum += economy.toNational(agent, credit[agent]);
            }
        }
        return sum;
    }

    private static long sum(final long[] values, final int count)
    {
        long sum = 0;
        for (int i = 0; i < count; i++)
        {
            sum += values[i];
        }
        return sum;
    }

    /**
     * Ends a day: with the daily series on, writes its row (the day's flows, and the stocks after everything of the
     * day, the month's rules included on its last day).
     */
    void endDay(final Economy economy)
    {
        if (daily != null)
        {
            final double[] row = daily[dayIndex];
            for (final Metric metric : METRICS)
            {
                row[metric.ordinal()] = dayFlows[metric.ordinal()];
            }
            row[Metric.SHOCK.ordinal()] = series[month][Metric.SHOCK.ordinal()];
            final AgentNames names = economy.names;
            row[Metric.EMPLOYMENT.ordinal()] = names.households == 0 ? 0 :
                economy.workforce().employed() / (double)names.households;
            row[Metric.IDLE_CAPACITY.ordinal()] = Double.NaN;
            row[Metric.CASH_STOCK.ordinal()] = cashStock(economy);
            row[Metric.SAVINGS.ordinal()] = sum(economy.sheets.balance[SAVINGS], names.households);
            row[Metric.VOUCHER_STOCK.ordinal()] = economy.sheets.vouchersOutstanding();
            row[Metric.CREDIT_POSITIVE.ordinal()] = positiveCredit(economy);
            row[Metric.DEBT_OPEN.ordinal()] = economy.book.openTotal();
            row[Metric.CASH_VELOCITY.ordinal()] = Double.NaN;
            row[Metric.VOUCHER_VELOCITY.ordinal()] = Double.NaN;
        }
        java.util.Arrays.fill(dayFlows, 0L);
        dayIndex++;
    }

    double[][] series()
    {
        return series;
    }

    /**
     * @return the daily series, {@code [day][Metric.ordinal()]}, or null when it was not kept.
     */
    double[][] dailySeries()
    {
        return daily;
    }
}

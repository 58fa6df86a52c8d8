package io.clearing.simulations.model;

import java.util.Arrays;
import java.util.SplittableRandom;

import static io.clearing.simulations.model.BalanceSheets.CASH;
import static io.clearing.simulations.model.EconomyParameters.share;

/**
 * The firms' state (the enterprise first, then the local firms), indexed by firm number = agent - first firm agent:
 * workers, capacity left today, sales, the fixed supplier network and the purchases of the month not yet invoiced.
 * A firm produces to order up to its capacity (workers x productivity per day); what it cannot sell is idle capacity.
 */
final class Firms
{
    private final Economy economy;
    private final EconomyParameters p;
    private final AgentNames names;
    private final int firstAgent;
    private final int count;
    final int[] workers;
    final int[] maxWorkers;
    private final long[] remaining;
    private final long[] salesYesterday;
    private final long[] salesToday;
    final long[] salesMonth;
    private final int[] suppliers;
    private final long[] pending;
    private final int[][] shops;

    Firms(final Economy economy)
    {
        this.economy = economy;
        this.p = economy.p;
        this.names = economy.names;
        this.firstAgent = names.households;
        this.count = names.firstFund - firstAgent;
        this.workers = new int[count];
        this.maxWorkers = new int[count];
        this.remaining = new long[count];
        this.salesYesterday = new long[count];
        this.salesToday = new long[count];
        this.salesMonth = new long[count];
        this.suppliers = new int[count * p.suppliers];
        this.pending = new long[count * p.suppliers];
        Arrays.fill(maxWorkers, p.firmMaxWorkers);
        if (names.enterprise() >= 0)
        {
            maxWorkers[0] = p.enterpriseWorkers;
        }
        this.shops = new int[p.communities][];
        for (int c = 0; c < p.communities; c++)
        {
            int inCommunity = 0;
            for (int a = names.firstFirm; a < names.firstFund; a++)
            {
                inCommunity += economy.community(a) == c ? 1 : 0;
            }
            shops[c] = new int[inCommunity == 0 ? names.firms : inCommunity];
            int next = 0;
            for (int a = names.firstFirm; a < names.firstFund; a++)
            {
                if (inCommunity == 0 || economy.community(a) == c)
                {
                    shops[c][next++] = a;
                }
            }
        }
    }

    int count()
    {
        return count;
    }

    int agent(final int firm)
    {
        return firstAgent + firm;
    }

    /**
     * Fixes each firm's suppliers: the enterprise first when there is one (it supplies the local firms), the rest
     * drawn at random from the firms of the same community, or of another with the cross-community share.
     */
    void chooseSuppliers(final SplittableRandom random)
    {
        final int k = p.suppliers;
        for (int f = 0; f < count; f++)
        {
            final int agent = agent(f);
            for (int j = 0; j < k; j++)
            {
                final int supplier;
                if (j == 0 && names.enterprise() >= 0 && agent != names.enterprise())
                {
                    supplier = names.enterprise();
                }
                else
                {
                    supplier = drawSupplier(agent, random);
                }
                suppliers[f * k + j] = supplier;
            }
        }
    }

    private int drawSupplier(final int buyer, final SplittableRandom random)
    {
        if (count == 1)
        {
            return buyer;
        }
        final boolean cross = p.communities > 1 && random.nextDouble() < p.crossCommunityShare;
        final int home = economy.community(buyer);
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            final int candidate = agent(random.nextInt(count));
            final boolean sameCommunity = economy.community(candidate) == home;
            if (candidate != buyer && sameCommunity != cross)
            {
                return candidate;
            }
        }
        int candidate;
        do
        {
            candidate = agent(random.nextInt(count));
        }
        while (candidate == buyer);
        return candidate;
    }

    /**
     * Opens a day: capacity is workers x productivity (the enterprise's cut by a drought).
     */
    void openDay(final boolean drought)
    {
        for (int f = 0; f < count; f++)
        {
            salesYesterday[f] = salesToday[f];
            salesToday[f] = 0;
            remaining[f] = workers[f] * p.productivity;
        }
        if (names.enterprise() >= 0)
        {
            remaining[0] = workers[0] * p.enterpriseProductivity;
            if (drought)
            {
                remaining[0] = share(remaining[0], p.droughtFactorPpm);
            }
        }
    }

    /**
     * The enterprise sells outside, paid in cash by the rest of the world.
     */
    void export(final boolean cashShortage)
    {
        if (names.enterprise() < 0 || p.exportPerWorker == 0)
        {
            return;
        }
        long exports = Math.min(remaining[0], workers[0] * p.exportPerWorker);
        if (cashShortage)
        {
            exports = share(exports, p.cashShockFactorPpm);
        }
        economy.sheets.move(CASH, names.restOfWorld, names.enterprise(), exports);
        economy.record().add(Metric.CASH_TURNOVER, exports);
        economy.record().add(Metric.EXPORTS, exports);
        sell(names.enterprise(), exports);
    }

    int shopFor(final int community, final SplittableRandom random)
    {
        final int[] list = shops[community];
        return list[Economy.below(random, list.length)];
    }

    long remaining(final int agent)
    {
        return remaining[agent - firstAgent];
    }

    void sell(final int agent, final long amount)
    {
        final int f = agent - firstAgent;
        remaining[f] -= amount;
        salesToday[f] += amount;
        salesMonth[f] += amount;
        economy.record().add(Metric.OUTPUT, amount);
    }

    /**
     * Each firm buys inputs for yesterday's sales from one of its suppliers (paid at once, or invoiced at the end
     * of the month when there is a payment term or the supplier is in another community) and spends its import
     * share outside.
     */
    void buyInputs(final SplittableRandom random)
    {
        final int k = p.suppliers;
        final long[] cash = economy.sheets.balance[CASH];
        for (int f = 0; f < count; f++)
        {
            final long sales = salesYesterday[f];
            if (sales == 0)
            {
                continue;
            }
            final int buyer = agent(f);
            final int slot = f * k + Economy.below(random, k);
            final int supplier = suppliers[slot];
            long amount = Math.min(share(sales, p.inputSharePpm), remaining(supplier));
            if (amount > 0 && supplier != buyer)
            {
                final boolean invoiced = p.invoiceTermDays > 0 ||
                    economy.community(buyer) != economy.community(supplier);
                if (invoiced)
                {
                    pending[slot] += amount;
                    sell(supplier, amount);
                }
                else
                {
                    amount = Math.min(amount, economy.affordable(buyer, supplier));
                    if (amount > 0)
                    {
                        final long credit = economy.pay(buyer, supplier, amount);
                        sell(supplier, amount);
                        economy.record().add(Metric.FIRM_PAYMENTS, amount);
                        economy.record().add(Metric.FIRM_CREDIT_PAYMENTS, credit);
                    }
                }
            }
            final long imports = Math.min(cash[buyer], share(sales, p.firmImportSharePpm));
            economy.sheets.move(CASH, buyer, names.restOfWorld, imports);
            economy.record().add(Metric.CASH_TURNOVER, imports);
        }
    }

    /**
     * Turns the month's purchases on credit into invoices, one per buyer and supplier.
     */
    void invoicePending(final int day)
    {
        final int k = p.suppliers;
        for (int slot = 0; slot < pending.length; slot++)
        {
            final long amount = pending[slot];
            if (amount == 0)
            {
                continue;
            }
            final int buyer = agent(slot / k);
            final int supplier = suppliers[slot];
            final boolean cross = economy.community(buyer) != economy.community(supplier);
            final int term = cross ? Math.max(Economy.DAYS_PER_MONTH, p.invoiceTermDays) : p.invoiceTermDays;
            economy.book.add(buyer, supplier, amount, day + term);
            economy.record().add(Metric.DEBT_INVOICED, amount);
            if (cross)
            {
                economy.record().add(Metric.CROSS_DEBT_INVOICED, amount);
            }
            pending[slot] = 0;
        }
    }

    void startMonth()
    {
        Arrays.fill(salesMonth, 0L);
    }

    /**
     * @return sales of the local firms (not the enterprise) this month.
     */
    long localSalesMonth()
    {
        long sum = 0;
        for (int f = names.enterprises; f < count; f++)
        {
            sum += salesMonth[f];
        }
        return sum;
    }

    /**
     * @return what the local firms could produce in a month with every worker they can employ.
     */
    long localPotentialMonth()
    {
        return (long)names.firms * p.firmMaxWorkers * p.productivity * Economy.DAYS_PER_MONTH;
    }

    int firstAgent()
    {
        return firstAgent;
    }
}

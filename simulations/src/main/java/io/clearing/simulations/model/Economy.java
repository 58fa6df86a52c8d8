package io.clearing.simulations.model;

import io.clearing.simulations.scenario.Scenario;

import java.util.SplittableRandom;

import static io.clearing.simulations.model.BalanceSheets.CASH;
import static io.clearing.simulations.model.BalanceSheets.CREDIT;
import static io.clearing.simulations.model.BalanceSheets.SAVINGS;
import static io.clearing.simulations.model.BalanceSheets.VOUCHER;
import static io.clearing.simulations.model.EconomyParameters.share;

/**
 * One replication of the agent-based model: households, local firms, an optional enterprise, a fund (municipality)
 * per community and the rest of the world, trading day by day with cash, vouchers, mutual credit and invoices, every
 * payment a double entry in {@link BalanceSheets} and every debt an entry in the {@link InvoiceBook}, cleared at the
 * scenario's interval by the real solver. The stock-flow identities are checked after every day.
 * <p>
 * Deterministic: the only randomness is the {@link SplittableRandom} given at construction, and agents are visited
 * in index order. State is held in primitive arrays; a day allocates nothing per agent. See docs/simulations.md for
 * the model description (ODD protocol).
 */
public final class Economy
{
    /** Days in a month: the model's calendar has 12 months of 30 days. */
    public static final int DAYS_PER_MONTH = 30;
    /** Months in a year. */
    public static final int MONTHS_PER_YEAR = 12;

    final EconomyParameters p;
    final AgentNames names;
    final BalanceSheets sheets;
    final InvoiceBook book;
    private final SplittableRandom random;
    private final int[] community;
    private final long[] creditLimit;
    private final int issuer;
    private final Firms firms;
    private final Workforce workforce;
    private final MonthlyRecord record;
    private final int days;
    private int day;
    private int month;
    private int monthsSinceClearing;
    private boolean drought;
    private boolean cashShortage;

    /**
     * Sets up the initial state of one replication.
     *
     * @param scenario the validated scenario.
     * @param random   the replication's own random stream.
     */
    public Economy(final Scenario scenario, final SplittableRandom random)
    {
        this.p = new EconomyParameters(scenario);
        this.random = random;
        this.names = new AgentNames(p.households, p.enterpriseWorkers > 0, p.firms, p.communities);
        this.community = new int[names.agents];
        this.creditLimit = new long[names.agents];
        for (int agent = 0; agent < names.agents; agent++)
        {
            community[agent] = communityOf(agent);
        }
        this.issuer = names.enterprise() >= 0 ? names.enterprise() : names.firstFund;
        this.days = p.years * MONTHS_PER_YEAR * DAYS_PER_MONTH;
        this.sheets = new BalanceSheets(names.agents, community, p.communities, creditLimit, names);
        this.book = new InvoiceBook(sheets, names);
        this.firms = new Firms(this);
        this.workforce = new Workforce(this, firms);
        this.record = new MonthlyRecord(p.years * MONTHS_PER_YEAR);
        endow();
        firms.chooseSuppliers(random);
        workforce.hireInitial();
        sheets.check(0, 0);
    }

    private int communityOf(final int agent)
    {
        if (agent < names.households)
        {
            return agent % p.communities;
        }
        if (agent < names.firstFirm)
        {
            return 0;
        }
        if (agent < names.firstFund)
        {
            return (agent - names.firstFirm) % p.communities;
        }
        if (agent < names.restOfWorld)
        {
            return agent - names.firstFund;
        }
        return 0;
    }

    private void endow()
    {
        for (int h = 0; h < names.households; h++)
        {
            sheets.endowCash(h, p.householdInitialCash);
        }
        if (names.enterprise() >= 0)
        {
            sheets.endowCash(names.enterprise(), p.enterpriseInitialCash);
        }
        for (int f = names.firstFirm; f < names.firstFund; f++)
        {
            sheets.endowCash(f, p.firmInitialCash);
            creditLimit[f] = p.creditLimit;
        }
        if (names.enterprise() >= 0)
        {
            creditLimit[names.enterprise()] = p.creditLimit;
        }
    }

    /**
     * @return the number of daily steps of a full run.
     */
    public int days()
    {
        return days;
    }

    /**
     * @return the number of agents (households, firms, funds and the rest of the world).
     */
    public int agents()
    {
        return names.agents;
    }

    /**
     * Keeps the daily series as well as the monthly one (costs a pass over the agents per day); call before the
     * first step.
     */
    public void recordDaily()
    {
        if (day != 0)
        {
            throw new IllegalStateException("the daily series must be asked for before the first day");
        }
        record.recordDaily(days);
    }

    /**
     * @return the daily series, {@code [day][Metric.ordinal()]}, or null unless {@link #recordDaily()} was called.
     */
    public double[][] dailySeries()
    {
        return record.dailySeries();
    }

    /**
     * Runs every remaining day.
     *
     * @return the monthly series, {@code [month][Metric.ordinal()]}.
     * @throws StockFlowViolation if an accounting identity breaks.
     */
    public double[][] run()
    {
        while (day < days)
        {
            step();
        }
        return record.series();
    }

    /**
     * Advances one day: exports, household purchases, firm inputs, and at the end of a month the monthly rules;
     * then checks the stock-flow identities.
     */
    public void step()
    {
        day++;
        if ((day - 1) % DAYS_PER_MONTH == 0)
        {
            startMonth();
        }
        firms.openDay(drought);
        firms.export(cashShortage);
        spendHouseholds();
        firms.buyInputs(random);
        record.addStocks(this);
        if (day % DAYS_PER_MONTH == 0)
        {
            endMonth();
        }
        record.endDay(this);
        sheets.check(day, book.openTotal());
    }

    private void startMonth()
    {
        month++;
        final int year = (month - 1) / MONTHS_PER_YEAR + 1;
        drought = p.droughtYear > 0 && year == p.droughtYear;
        cashShortage = p.cashShockStartMonth > 0 && month >= p.cashShockStartMonth &&
            month < p.cashShockStartMonth + p.cashShockMonths;
        record.startMonth(month - 1, drought || cashShortage);
    }

    private void spendHouseholds()
    {
        final long[] cash = sheets.balance[CASH];
        final long[] vouchers = sheets.balance[VOUCHER];
        final long[] savings = sheets.balance[SAVINGS];
        final long need = p.dailyNeed;
        final long spendRate = p.spendRatePpm;
        final long importShare = p.householdImportSharePpm;
        final int restOfWorld = names.restOfWorld;
        long outsideTotal = 0;   // cash turnover: spending outside and cash purchases
        long unmet = 0;
        long consumption = 0;
        for (int h = 0, households = names.households; h < households; h++)
        {
            long means = cash[h] + vouchers[h];
            if (means < need && savings[h] > 0)
            {
                sheets.save(h, -Math.min(savings[h], need - means));
                means = cash[h] + vouchers[h];
            }
            final long budget = Math.min(need, share(means, spendRate));
            if (budget <= 0)
            {
                continue;
            }
            final long outside = Math.min(cash[h], share(budget, importShare));
            sheets.move(CASH, h, restOfWorld, outside);
            outsideTotal += outside;
            final long local = budget - outside;
            final int firm = firms.shopFor(community[h], random);
            final long bought = Math.min(local, firms.remaining(firm));
            unmet += local - bought;
            if (bought > 0)
            {
                if (vouchers[h] == 0)
                {
                    // the common case, without the choice of means in pay(): cash only (households hold no credit)
                    sheets.move(CASH, h, firm, bought);
                    outsideTotal += bought;
                }
                else
                {
                    pay(h, firm, bought);
                }
                firms.sell(firm, bought);
                consumption += bought;
            }
        }
        record.add(Metric.CASH_TURNOVER, outsideTotal);
        record.add(Metric.UNMET_DEMAND, unmet);
        record.add(Metric.CONSUMPTION, consumption);
    }

    /**
     * @return how much {@code payer} can pay {@code payee} now with all its means of payment.
     */
    long affordable(final int payer, final int payee)
    {
        long means = sheets.balance[CASH][payer];
        if (p.vouchers)
        {
            means += sheets.balance[VOUCHER][payer];
        }
        if (usesCredit(payer, payee))
        {
            means += toNational(payer, creditAvailable(payer));
        }
        return means;
    }

    private boolean usesCredit(final int payer, final int payee)
    {
        return creditLimit[payer] > 0 && creditLimit[payee] > 0 && community[payer] == community[payee];
    }

    private long creditAvailable(final int agent)
    {
        return sheets.balance[CREDIT][agent] + creditLimit[agent];
    }

    /**
     * Pays {@code amount} (at most {@link #affordable}): vouchers first when they bear demurrage (else pro rata
     * with cash), positive mutual credit first when it bears demurrage, then cash, then the credit line. Vouchers
     * paid to their issuer are cancelled.
     *
     * @return the part paid in mutual credit, in national money.
     */
    long pay(final int payer, final int payee, final long amount)
    {
        long rest = amount;
        final long[] cash = sheets.balance[CASH];
        if (p.vouchers && sheets.balance[VOUCHER][payer] > 0)
        {
            final long held = sheets.balance[VOUCHER][payer];
            long voucherPart = p.voucherDemurragePpm > 0 ? Math.min(held, rest) :
                Math.min(held, Math.max(rest - cash[payer], proRata(rest, held, cash[payer])));
            payVouchers(payer, payee, voucherPart);
            rest -= voucherPart;
        }
        long creditPart = 0;
        final boolean credit = usesCredit(payer, payee);
        if (credit && p.creditDemurragePpm > 0 && sheets.balance[CREDIT][payer] > 0 && rest > 0)
        {
            creditPart += payCredit(payer, payee, Math.min(rest, toNational(payer, sheets.balance[CREDIT][payer])));
            rest -= creditPart;
        }
        final long cashPart = Math.min(cash[payer], rest);
        sheets.move(CASH, payer, payee, cashPart);
        record.add(Metric.CASH_TURNOVER, cashPart);
        rest -= cashPart;
        if (rest > 0 && credit)
        {
            final long more = payCredit(payer, payee, Math.min(rest, toNational(payer, creditAvailable(payer))));
            creditPart += more;
            rest -= more;
        }
        if (rest != 0)
        {
            throw new StockFlowViolation("day " + day + ", " + names.name(payer) + ": asked to pay " + amount +
                " to " + names.name(payee) + " but could pay only " + (amount - rest));
        }
        return creditPart;
    }

    private static long proRata(final long amount, final long part, final long other)
    {
        return EconomyParameters.mulDiv(amount, part, Math.addExact(part, other));
    }

    private void payVouchers(final int payer, final int payee, final long amount)
    {
        if (amount <= 0)
        {
            return;
        }
        if (payee == issuer)
        {
            sheets.cancelVouchers(payer, amount);
            record.add(Metric.VOUCHERS_RETURNED, amount);
        }
        else
        {
            sheets.move(VOUCHER, payer, payee, amount);
        }
        record.add(Metric.VOUCHER_TURNOVER, amount);
    }

    private long payCredit(final int payer, final int payee, final long national)
    {
        if (national <= 0)
        {
            return 0;
        }
        final long units = toUnits(payer, national);
        sheets.move(CREDIT, payer, payee, units);
        record.add(Metric.CREDIT_TURNOVER, national);
        return national;
    }

    /**
     * @return mutual credit units of the agent's community in national money, rounded down.
     */
    long toNational(final int agent, final long units)
    {
        final long ratePpm = p.ratesPpm[community[agent]];
        if (ratePpm == EconomyParameters.PPM)
        {
            return units;
        }
        return units >= 0 ? EconomyParameters.mulDiv(units, EconomyParameters.PPM, ratePpm) :
            -EconomyParameters.mulDiv(-units, EconomyParameters.PPM, ratePpm);
    }

    /**
     * @return national money in mutual credit units of the agent's community, rounded down.
     */
    long toUnits(final int agent, final long national)
    {
        final long ratePpm = p.ratesPpm[community[agent]];
        return ratePpm == EconomyParameters.PPM ? national : EconomyParameters.mulDiv(national, ratePpm,
            EconomyParameters.PPM);
    }

    private void endMonth()
    {
        final long cashFactor = cashShortage ? p.cashShockFactorPpm : EconomyParameters.PPM;
        for (int h = 0; h < names.households; h++)
        {
            final long transfer = share(p.transferMonth, cashFactor);
            sheets.move(CASH, names.restOfWorld, h, transfer);
            saveFrom(h, transfer);
        }
        workforce.payWages();
        MonthlyRules.collectTaxes(this);
        MonthlyRules.chargeDemurrage(this);
        MonthlyRules.redeemVouchers(this);
        firms.invoicePending(day);
        monthsSinceClearing++;
        if (p.clearingIntervalDays > 0 && monthsSinceClearing * DAYS_PER_MONTH >= p.clearingIntervalDays)
        {
            monthsSinceClearing = 0;
            MonthlyRules.clear(this);
        }
        MonthlyRules.payDueInvoices(this);
        MonthlyRules.payOutExcessCash(this);
        book.compact();
        workforce.adjust();
        record.endMonth(this);
        firms.startMonth();
    }

    /**
     * A household puts the saving share of a cash income into savings.
     */
    void saveFrom(final int household, final long cashIncome)
    {
        final long saved = share(cashIncome, p.savingRatePpm);
        if (saved > 0)
        {
            sheets.save(household, saved);
        }
    }

    /**
     * A uniform draw in {@code [0, bound)} by multiplying 32 random bits (Lemire), without the rejection step: the
     * bias is below bound / 2^32, far under anything the model resolves, and the draw is cheaper than
     * {@link SplittableRandom#nextInt(int)} in the inner loop.
     */
    static int below(final SplittableRandom random, final int bound)
    {
        return (int)(((random.nextInt() & 0xFFFF_FFFFL) * bound) >>> 32);
    }

    int day()
    {
        return day;
    }

    int month()
    {
        return month;
    }

    int issuer()
    {
        return issuer;
    }

    int community(final int agent)
    {
        return community[agent];
    }

    long creditLimit(final int agent)
    {
        return creditLimit[agent];
    }

    boolean cashShortage()
    {
        return cashShortage;
    }

    Firms firms()
    {
        return firms;
    }

    Workforce workforce()
    {
        return workforce;
    }

    MonthlyRecord record()
    {
        return record;
    }
}

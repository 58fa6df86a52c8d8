package io.clearing.simulations.model;

import java.util.Arrays;

/**
 * The stock-flow ledger: every agent's holdings of each instrument, changed only by double-entry operations that
 * record a flow on both balance sheets, and checked after every step.
 * <p>
 * Instruments: cash (national money), savings (cash set aside; no demurrage), vouchers (local notes, liabilities of
 * the issuer), mutual credit (balances that sum to zero in each community), and invoices (a payable of the debtor
 * equal to a receivable of the creditor). The rest of the world is an agent too, so cash is conserved: it only moves.
 * Vouchers are created and destroyed only by {@link #issueVouchers} and {@link #cancelVouchers}, which keep the count
 * of vouchers outstanding that {@link #check(int)} compares with the holdings.
 * <p>
 * Arrays are indexed by agent; all arithmetic is checked ({@link Math#addExact}). Not thread-safe: one per run.
 */
final class BalanceSheets
{
    static final int CASH = 0;
    static final int SAVINGS = 1;
    static final int VOUCHER = 2;
    static final int CREDIT = 3;
    static final int PAYABLE = 4;
    static final int RECEIVABLE = 5;
    static final String[] INSTRUMENT_NAMES = {"cash", "savings", "voucher", "mutual credit", "payable", "receivable"};
    private static final int INSTRUMENTS = 6;

    final int agents;
    final long[][] balance = new long[INSTRUMENTS][];
    /** What each balance must be according to the flows recorded since the start: a shadow ledger. */
    private final long[][] recorded = new long[INSTRUMENTS][];
    private final int[] community;
    private final int communities;
    private final long[] creditLimit;
    private final AgentNames names;
    private final long[] creditSums;
    private long cashTotal;
    private long vouchersOutstanding;

    BalanceSheets(final int agents, final int[] community, final int communities, final long[] creditLimit,
        final AgentNames names)
    {
        this.agents = agents;
        this.community = community;
        this.communities = communities;
        this.creditLimit = creditLimit;
        this.names = names;
        this.creditSums = new long[communities];
        for (int i = 0; i < INSTRUMENTS; i++)
        {
            balance[i] = new long[agents];
            recorded[i] = new long[agents];
        }
    }

    /**
     * Endows an agent with cash at initialisation (before the first check): the economy's initial money stock.
     */
    void endowCash(final int agent, final long amount)
    {
        balance[CASH][agent] = Math.addExact(balance[CASH][agent], amount);
        recorded[CASH][agent] = balance[CASH][agent];
        cashTotal = Math.addExact(cashTotal, amount);
    }

    /**
     * Moves an amount of one instrument from one agent to another: the one double entry every payment is.
     */
    void move(final int instrument, final int from, final int to, final long amount)
    {
        if (amount == 0)
        {
            return;
        }
        final long[] held = balance[instrument];
        final long[] shadow = recorded[instrument];
        held[from] = Math.subtractExact(held[from], amount);
        held[to] = Math.addExact(held[to], amount);
        shadow[from] -= amount;
        shadow[to] += amount;
    }

    /**
     * Moves cash between the settlement account and savings of one agent.
     */
    void save(final int agent, final long amount)
    {
        balance[CASH][agent] = Math.subtractExact(balance[CASH][agent], amount);
        recorded[CASH][agent] -= amount;
        balance[SAVINGS][agent] = Math.addExact(balance[SAVINGS][agent], amount);
        recorded[SAVINGS][agent] += amount;
    }

    /**
     * Issues new vouchers to a holder: a scenario rule (wages, public works).
     */
    void issueVouchers(final int holder, final long amount)
    {
        add(VOUCHER, holder, amount);
        vouchersOutstanding = Math.addExact(vouchersOutstanding, amount);
    }

    /**
     * Cancels vouchers a holder gives back to the issuer: a scenario rule (demurrage, taxes, redemption).
     */
    void cancelVouchers(final int holder, final long amount)
    {
        add(VOUCHER, holder, -amount);
        vouchersOutstanding = Math.subtractExact(vouchersOutstanding, amount);
    }

    /**
     * Records a debt (an invoice): a payable of the debtor and an equal receivable of the creditor.
     */
    void recordDebt(final int debtor, final int creditor, final long amount)
    {
        add(PAYABLE, debtor, amount);
        add(RECEIVABLE, creditor, amount);
    }

    /**
     * Discharges part of a debt, by payment or by set-off, on both balance sheets.
     */
    void dischargeDebt(final int debtor, final int creditor, final long amount)
    {
        add(PAYABLE, debtor, -amount);
        add(RECEIVABLE, creditor, -amount);
    }

    private void add(final int instrument, final int agent, final long amount)
    {
        balance[instrument][agent] = Math.addExact(balance[instrument][agent], amount);
        recorded[instrument][agent] += amount;
    }

    long vouchersOutstanding()
    {
        return vouchersOutstanding;
    }

    /**
     * Checks every identity after a step: each balance equals the sum of the flows recorded for it (the balance
     * arrays are written only by the operations of this class, which record every flow in a shadow ledger, so a
     * write that bypasses them shows); cash is conserved; vouchers held equal vouchers outstanding; mutual credit sums to zero
     * in each community and no balance is below its limit; payables equal receivables and the open invoices.
     *
     * @param day           the step, for the message.
     * @param openInvoices  the sum of the open invoices in the invoice book.
     * @throws StockFlowViolation naming the day, the agent and the amounts.
     */
    void check(final int day, final long openInvoices)
    {
        final long cash = Math.addExact(checkFlows(day, CASH), checkFlows(day, SAVINGS));
        final long vouchers = checkFlows(day, VOUCHER);
        checkFlows(day, CREDIT);
        final long payables = checkFlows(day, PAYABLE);
        final long receivables = checkFlows(day, RECEIVABLE);
        checkCredit(day);
        checkTotals(day, cash, vouchers, payables, receivables, openInvoices, creditSums);
    }

    /**
     * Each balance of one instrument against the sum of the flows recorded for it (the shadow ledger), and no
     * negative holding (but of mutual credit, and of the rest of the world's cash).
     *
     * @return the sum of the balances.
     */
    private long checkFlows(final int day, final int instrument)
    {
        final long[] held = balance[instrument];
        final long[] shadow = recorded[instrument];
        final boolean mayBeNegative = instrument == CREDIT;
        long sum = 0;
        long lowest = 0;
        for (int agent = 0; agent < agents; agent++)
        {
            final long value = held[agent];
            if (value != shadow[agent])
            {
                throw new StockFlowViolation("day " + day + ", " + names.name(agent) + ": " +
                    INSTRUMENT_NAMES[instrument] + " balance " + value + " but the recorded flows give " +
                    shadow[agent]);
            }
            sum = Math.addExact(sum, value);
            lowest = Math.min(lowest, agent == names.restOfWorld ? 0 : value);
        }
        if (lowest < 0 && !mayBeNegative)
        {
            for (int agent = 0; agent < names.restOfWorld; agent++)
            {
                if (held[agent] < 0)
                {
                    throw new StockFlowViolation("day " + day + ", " + names.name(agent) + ": negative " +
                        INSTRUMENT_NAMES[instrument] + " holding " + held[agent]);
                }
            }
        }
        return sum;
    }

    /**
     * Mutual credit: no balance below its limit, and balances summing to zero in each community.
     */
    private void checkCredit(final int day)
    {
        Arrays.fill(creditSums, 0L);
        final long[] credit = balance[CREDIT];
        for (int agent = 0; agent < agents; agent++)
        {
            final long value = credit[agent];
            if (value == 0)
            {
                continue;
            }
            if (value < -creditLimit[agent])
            {
                throw new StockFlowViolation("day " + day + ", " + names.name(agent) + ": mutual credit balance " +
                    value + " is below its limit -" + creditLimit[agent]);
            }
            creditSums[community[agent]] = Math.addExact(creditSums[community[agent]], value);
        }
    }

    private void checkTotals(final int day, final long cash, final long vouchers, final long payables,
        final long receivables, final long openInvoices, final long[] creditSums)
    {
        if (cash != cashTotal)
        {
            throw new StockFlowViolation("day " + day + ": cash held by all agents and the rest of the world is " +
                cash + " but " + cashTotal + " exists: cash was created or destroyed");
        }
        if (vouchers != vouchersOutstanding)
        {
            throw new StockFlowViolation("day " + day + ": vouchers held are " + vouchers + " but the issuer has " +
                vouchersOutstanding + " outstanding: vouchers created or destroyed outside the rules");
        }
        if (payables != receivables || payables != openInvoices)
        {
            throw new StockFlowViolation("day " + day + ": payables " + payables + ", receivables " + receivables +
                ", open invoices " + openInvoices + ": a debt is not on two balance sheets");
        }
        for (int c = 0; c < communities; c++)
        {
            if (creditSums[c] != 0)
            {
                throw new StockFlowViolation("day " + day + ": mutual credit balances of community " + (c + 1) +
                    " sum to " + creditSums[c] + ", not 0");
            }
        }
    }
}

package io.clearing.simulations.model;

import static io.clearing.simulations.model.BalanceSheets.CASH;
import static io.clearing.simulations.model.BalanceSheets.CREDIT;
import static io.clearing.simulations.model.BalanceSheets.VOUCHER;
import static io.clearing.simulations.model.EconomyParameters.share;

/**
 * The rules applied at the end of each month: taxes, demurrage, voucher redemption, clearing and the payment of due
 * invoices. Each moves balances only through the double-entry operations of {@link BalanceSheets}; vouchers are
 * cancelled only here (and when paid to their issuer).
 */
final class MonthlyRules
{
    private MonthlyRules()
    {
    }

    /**
     * Households pay the household tax, firms the tax on the month's sales, to their community's fund: in vouchers
     * first when the fund accepts them (the vouchers are cancelled), else in cash, as far as they can.
     */
    static void collectTaxes(final Economy economy)
    {
        final EconomyParameters p = economy.p;
        if (p.taxHouseholdMonth == 0 && p.taxFirmSalesPpm == 0)
        {
            return;
        }
        final AgentNames names = economy.names;
        for (int h = 0; h < names.households; h++)
        {
            payTax(economy, h, p.taxHouseholdMonth);
        }
        final Firms firms = economy.firms();
        for (int f = 0; f < firms.count(); f++)
        {
            payTax(economy, firms.agent(f), share(firms.salesMonth[f], p.taxFirmSalesPpm));
        }
    }

    private static void payTax(final Economy economy, final int payer, final long tax)
    {
        if (tax <= 0)
        {
            return;
        }
        final BalanceSheets sheets = economy.sheets;
        long rest = tax;
        if (economy.p.voucherTaxes)
        {
            final long vouchers = Math.min(rest, sheets.balance[VOUCHER][payer]);
            if (vouchers > 0)
            {
                sheets.cancelVouchers(payer, vouchers);
                economy.record().add(Metric.VOUCHERS_RETURNED, vouchers);
                economy.record().add(Metric.VOUCHER_TURNOVER, vouchers);
                rest -= vouchers;
            }
        }
        final long cash = Math.min(rest, sheets.balance[CASH][payer]);
        sheets.move(CASH, payer, economy.names.firstFund + economy.community(payer), cash);
        economy.record().add(Metric.CASH_TURNOVER, cash);
    }

    /**
     * Demurrage on settlement balances: a share of every voucher balance is cancelled, and a share of every positive
     * mutual credit balance goes to the community's fund. Savings bear none.
     */
    static void chargeDemurrage(final Economy economy)
    {
        final EconomyParameters p = economy.p;
        final BalanceSheets sheets = economy.sheets;
        final AgentNames names = economy.names;
        if (p.vouchers && p.voucherDemurragePpm > 0)
        {
            final long[] vouchers = sheets.balance[VOUCHER];
            for (int agent = 0; agent < names.restOfWorld; agent++)
            {
                final long charge = share(vouchers[agent], p.voucherDemurragePpm);
                if (charge > 0)
                {
                    sheets.cancelVouchers(agent, charge);
                    economy.record().add(Metric.VOUCHERS_DEMURRAGE, charge);
                }
            }
        }
        if (p.creditDemurragePpm > 0)
        {
            final long[] credit = sheets.balance[CREDIT];
            for (int agent = 0; agent < names.firstFund; agent++)
            {
                final long charge = credit[agent] > 0 ? share(credit[agent], p.creditDemurragePpm) : 0;
                if (charge > 0)
                {
                    sheets.move(CREDIT, agent, names.firstFund + economy.community(agent), charge);
                }
            }
        }
    }

    /**
     * On redemption months, firms hand their vouchers back to the issuer for cash, less the fee, as far as the
     * issuer's cash goes.
     */
    static void redeemVouchers(final Economy economy)
    {
        final EconomyParameters p = economy.p;
        final int month = economy.month();
        if (!p.vouchers || p.redeemEveryMonths == 0 || month < p.redeemMonth ||
            (month - p.redeemMonth) % p.redeemEveryMonths != 0)
        {
            return;
        }
        final BalanceSheets sheets = economy.sheets;
        final Firms firms = economy.firms();
        final int issuer = economy.issuer();
        for (int f = 0; f < firms.count(); f++)
        {
            final int holder = firms.agent(f);
            final long held = sheets.balance[VOUCHER][holder];
            if (holder == issuer || held == 0)
            {
                continue;
            }
            final long fee = share(held, p.redeemFeePpm);
            final long cash = Math.min(held - fee, sheets.balance[CASH][issuer]);
            final long redeemed = cash == held - fee ? held : cash;
            sheets.cancelVouchers(holder, redeemed);
            sheets.move(CASH, issuer, holder, cash);
            economy.record().add(Metric.VOUCHERS_RETURNED, redeemed);
        }
    }

    /**
     * Firms pay out the cash they hold beyond {@code firm.max_cash_months} of the month's sales as dividends to the
     * households of their community (their owners), in equal parts; a community without households pays them to
     * the rest of the world. Money keeps circulating instead of piling up in firms.
     */
    static void payOutExcessCash(final Economy economy)
    {
        final Firms firms = economy.firms();
        final BalanceSheets sheets = economy.sheets;
        final AgentNames names = economy.names;
        final long[] excessByCommunity = new long[economy.p.communities];
        for (int f = 0; f < firms.count(); f++)
        {
            final int agent = firms.agent(f);
            final long keep = share(firms.salesMonth[f], economy.p.maxCashMonthsPpm);
            final long excess = sheets.balance[CASH][agent] - keep;
            if (excess > 0)
            {
                excessByCommunity[economy.community(agent)] += excess;
                sheets.move(CASH, agent, names.restOfWorld, excess);
            }
        }
        // the dividends pass through the rest-of-world account only within this method, as one move per household
        for (int c = 0; c < excessByCommunity.length; c++)
        {
            final int owners = (names.households - c + economy.p.communities - 1) / economy.p.communities;
            if (owners <= 0 || excessByCommunity[c] == 0)
            {
                continue;
            }
            final long each = excessByCommunity[c] / owners;
            long left = excessByCommunity[c] - each * owners;
            for (int h = c; h < names.households; h += economy.p.communities)
            {
                final long dividend = each + left;
                left = 0;
                sheets.move(CASH, names.restOfWorld, h, dividend);
                economy.saveFrom(h, dividend);
                economy.record().add(Metric.CASH_TURNOVER, dividend);
            }
        }
    }

    /**
     * An optimal clearing run over all open invoices with the real solver.
     */
    static void clear(final Economy economy)
    {
        final InvoiceBook book = economy.book;
        economy.record().add(Metric.DEBT_AT_CLEARING, book.openTotal());
        final long crossBefore = crossOpen(economy);
        final long cleared = book.clear(economy.day());
        economy.record().add(Metric.DEBT_CLEARED, cleared);
        economy.record().add(Metric.CROSS_DEBT_CLEARED, crossBefore - crossOpen(economy));
    }

    private static long crossOpen(final Economy economy)
    {
        final InvoiceBook book = economy.book;
        if (economy.p.communities == 1)
        {
            return 0;
        }
        long sum = 0;
        for (int i = 0; i < book.count(); i++)
        {
            if (economy.community(book.debtor(i)) != economy.community(book.creditor(i)))
            {
                sum += book.open(i);
            }
        }
        return sum;
    }

    /**
     * Debtors pay their due invoices, oldest first, in cash, then in mutual credit when creditor and debtor share a
     * community; what they cannot pay stays open (overdue).
     */
    static void payDueInvoices(final Economy economy)
    {
        final InvoiceBook book = economy.book;
        final BalanceSheets sheets = economy.sheets;
        final int day = economy.day();
        for (int i = 0; i < book.count(); i++)
        {
            final long open = book.open(i);
            if (open == 0 || !book.isDue(i, day))
            {
                continue;
            }
            final int debtor = book.debtor(i);
            final int creditor = book.creditor(i);
            final long cash = Math.min(open, sheets.balance[CASH][debtor]);
            sheets.move(CASH, debtor, creditor, cash);
            long credit = 0;
            if (cash < open && economy.creditLimit(debtor) > 0 && economy.creditLimit(creditor) > 0 &&
                economy.community(debtor) == economy.community(creditor))
            {
                final long available = economy.toNational(debtor,
                    sheets.balance[CREDIT][debtor] + economy.creditLimit(debtor));
                credit = Math.max(0, Math.min(open - cash, available));
                sheets.move(CREDIT, debtor, creditor, economy.toUnits(debtor, credit));
            }
            book.discharge(i, cash + credit);
            final MonthlyRecord record = economy.record();
            record.add(Metric.DEBT_PAID_CASH, cash);
            record.add(Metric.DEBT_PAID_CREDIT, credit);
            record.add(Metric.CASH_TURNOVER, cash);
            record.add(Metric.CREDIT_TURNOVER, credit);
            record.add(Metric.FIRM_PAYMENTS, cash + credit);
            record.add(Metric.FIRM_CREDIT_PAYMENTS, credit);
        }
    }
}

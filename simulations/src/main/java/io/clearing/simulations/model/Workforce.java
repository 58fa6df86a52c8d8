package io.clearing.simulations.model;

import static io.clearing.simulations.model.BalanceSheets.CASH;
import static io.clearing.simulations.model.BalanceSheets.VOUCHER;
import static io.clearing.simulations.model.EconomyParameters.share;

/**
 * Who works where: each household has one worker, employed by a firm, by the municipality's public works, or
 * unemployed in its community's pool. Firms hire for last month's sales plus a slack, as far as they can pay; wages
 * are paid monthly in cash and vouchers, pro rata when a firm cannot pay them all.
 */
final class Workforce
{
    private static final int NOBODY = -1;

    private final Economy economy;
    private final EconomyParameters p;
    private final AgentNames names;
    private final Firms firms;
    private final int[] employer;
    private final int[][] staff;
    private final int[] staffCount;
    private final int[][] pool;
    private final int[] poolCount;
    private final int publicWorks;
    private final long[] wagesPaid;
    private int employed;

    Workforce(final Economy economy, final Firms firms)
    {
        this.economy = economy;
        this.p = economy.p;
        this.names = economy.names;
        this.firms = firms;
        this.employer = new int[names.households];
        this.publicWorks = firms.count();
        this.wagesPaid = new long[firms.count()];
        this.staff = new int[firms.count() + 1][];
        this.staffCount = new int[firms.count() + 1];
        for (int f = 0; f < firms.count(); f++)
        {
            staff[f] = new int[Math.min(firms.maxWorkers[f], names.households) + 1];
        }
        staff[publicWorks] = new int[Math.min(p.publicWorksWorkers, names.households) + 1];
        this.pool = new int[p.communities][];
        this.poolCount = new int[p.communities];
        for (int c = 0; c < p.communities; c++)
        {
            pool[c] = new int[names.households / p.communities + 1];
        }
        for (int h = names.households - 1; h >= 0; h--)
        {
            employer[h] = NOBODY;
            final int c = economy.community(h);
            pool[c][poolCount[c]++] = h;
        }
    }

    /**
     * Initial employment: the enterprise at full strength, local firms at half their capacity, then public works.
     */
    void hireInitial()
    {
        for (int f = 0; f < firms.count(); f++)
        {
            final boolean enterprise = f < names.enterprises;
            hireUpTo(f, enterprise ? firms.maxWorkers[f] : Math.max(1, (firms.maxWorkers[f] + 1) / 2));
        }
        hirePublicWorks();
        copyWorkers();
    }

    int employed()
    {
        return employed;
    }

    private void hireUpTo(final int f, final int target)
    {
        final int c = f == publicWorks ? 0 : economy.community(firms.agent(f));
        while (staffCount[f] < target)
        {
            final int h = takeFromPool(c);
            if (h == NOBODY)
            {
                return;
            }
            employer[h] = f;
            staff[f][staffCount[f]++] = h;
            employed++;
        }
    }

    private int takeFromPool(final int community)
    {
        return poolCount[community] > 0 ? pool[community][--poolCount[community]] : NOBODY;
    }

    private void fireDownTo(final int f, final int target)
    {
        while (staffCount[f] > target)
        {
            final int h = staff[f][--staffCount[f]];
            employer[h] = NOBODY;
            final int c = economy.community(h);
            pool[c][poolCount[c]++] = h;
            employed--;
        }
    }

    private void hirePublicWorks()
    {
        hireUpTo(publicWorks, p.publicWorksWorkers);
    }

    /**
     * Pays the month's wages: issued vouchers for the issuer's voucher share (within the issue cap) and for all of
     * public works; other firms pay the voucher share from the vouchers they hold; the rest in cash. A firm short of
     * means pays every worker the same part.
     */
    void payWages()
    {
        long issueRoom = Long.MAX_VALUE;
        if (p.vouchers)
        {
            final long cap = share(firms.localSalesMonth(), p.issueCapSharePpm);
            issueRoom = Math.max(0, cap - economy.sheets.vouchersOutstanding());
        }
        final long monthWage = p.wage * Economy.DAYS_PER_MONTH;
        for (int f = 0; f < firms.count(); f++)
        {
            issueRoom = payFirmWages(f, monthWage, issueRoom);
        }
        final long publicWage = p.publicWorksWage * Economy.DAYS_PER_MONTH;
        for (int i = 0; i < staffCount[publicWorks]; i++)
        {
            final int h = staff[publicWorks][i];
            economy.sheets.issueVouchers(h, publicWage);
            economy.record().add(Metric.VOUCHERS_ISSUED, publicWage);
        }
    }

    private long payFirmWages(final int f, final long monthWage, final long issueRoomBefore)
    {
        final int n = staffCount[f];
        wagesPaid[f] = 0;
        if (n == 0)
        {
            return issueRoomBefore;
        }
        long issueRoom = issueRoomBefore;
        final int payer = firms.agent(f);
        final boolean issuer = p.vouchers && payer == economy.issuer();
        final long voucherWage = p.vouchers ? share(monthWage, p.voucherWageSharePpm) : 0;
        final long[] cash = economy.sheets.balance[CASH];
        final long[] vouchers = economy.sheets.balance[VOUCHER];
        final long voucherBill = Math.multiplyExact(voucherWage, n);
        final long issuable = issuer ? Math.min(issueRoom, voucherBill) : 0;
        final long means = Math.addExact(cash[payer], issuer ? issuable : Math.min(vouchers[payer], voucherBill));
        final long each = Math.min(monthWage, means / n);
        economy.record().add(Metric.WAGE_SHORTFALL, Math.multiplyExact(monthWage - each, n));
        for (int i = 0; i < n; i++)
        {
            final int h = staff[f][i];
            long voucherPart;
            if (issuer)
            {
                voucherPart = Math.min(Math.min(voucherWage, each), issueRoom);
                economy.sheets.issueVouchers(h, voucherPart);
                economy.record().add(Metric.VOUCHERS_ISSUED, voucherPart);
                issueRoom -= voucherPart;
            }
            else
            {
                voucherPart = Math.min(Math.min(voucherWage, each), vouchers[payer]);
                economy.sheets.move(VOUCHER, payer, h, voucherPart);
                economy.record().add(Metric.VOUCHER_TURNOVER, voucherPart);
            }
            long cashPart = Math.min(each - voucherPart, cash[payer]);
            if (cashPart < each - voucherPart && !issuer && vouchers[payer] > 0)
            {
                final long extra = Math.min(vouchers[payer], each - voucherPart - cashPart);
                economy.sheets.move(VOUCHER, payer, h, extra);
                economy.record().add(Metric.VOUCHER_TURNOVER, extra);
            }
            economy.sheets.move(CASH, payer, h, cashPart);
            economy.record().add(Metric.CASH_TURNOVER, cashPart);
            economy.saveFrom(h, cashPart);
            wagesPaid[f] += each;
        }
        return issueRoom;
    }

    /**
     * Monthly hiring and firing: public works release their workers, firms set their workforce to last month's
     * sales plus the slack (the enterprise to its capacity), as far as the wages they just paid plus their means
     * would pay a month of wages (at least one worker, the owner), then public works hire from who is left.
     */
    void adjust()
    {
        fireDownTo(publicWorks, 0);
        for (int f = 0; f < firms.count(); f++)
        {
            fireDownTo(f, target(f));
        }
        for (int f = 0; f < firms.count(); f++)
        {
            hireUpTo(f, target(f));
        }
        hirePublicWorks();
        copyWorkers();
    }

    private int target(final int f)
    {
        final int agent = firms.agent(f);
        final long monthWage = Math.max(1, p.wage * Economy.DAYS_PER_MONTH);
        // what it paid this month plus what it has left: the wages it could pay next month on this month's income
        final long payable = (economy.sheets.balance[CASH][agent] + economy.sheets.balance[VOUCHER][agent] +
            wagesPaid[f]) / monthWage;
        final int wanted;
        if (f < names.enterprises)
        {
            wanted = firms.maxWorkers[f];
        }
        else
        {
            final double perDay = firms.salesMonth[f] / (double)Economy.DAYS_PER_MONTH;
            wanted = (int)Math.min(Integer.MAX_VALUE, Math.ceil(perDay * (1 + p.hiringSlack) / p.productivity));
        }
        return (int)Math.max(1, Math.min(Math.min(wanted, firms.maxWorkers[f]), payable));
    }

    private void copyWorkers()
    {
        for (int f = 0; f < firms.count(); f++)
        {
            firms.workers[f] = staffCount[f];
        }
    }
}

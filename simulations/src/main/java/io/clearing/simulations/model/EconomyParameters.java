package io.clearing.simulations.model;

import io.clearing.simulations.scenario.Scenario;

/**
 * The scenario's parameters read once into fields for the inner loop. Shares and rates are kept as parts per
 * million (integers) where they multiply money, so that amounts stay exact integers: {@code amount * ppm / 1e6},
 * rounded down.
 */
final class EconomyParameters
{
    static final long PPM = 1_000_000L;

    final int years;
    final int households;
    final int communities;
    final long[] ratesPpm;
    final int firms;
    final int firmMaxWorkers;
    final long productivity;
    final long inputSharePpm;
    final long firmImportSharePpm;
    final int suppliers;
    final double crossCommunityShare;
    final double hiringSlack;
    final long maxCashMonthsPpm;
    final long firmInitialCash;
    final int enterpriseWorkers;
    final long enterpriseProductivity;
    final long exportPerWorker;
    final long enterpriseInitialCash;
    final long wage;
    final long dailyNeed;
    final long spendRatePpm;
    final long householdImportSharePpm;
    final long savingRatePpm;
    final long transferMonth;
    final long householdInitialCash;
    final boolean vouchers;
    final long voucherWageSharePpm;
    final long voucherDemurragePpm;
    final long issueCapSharePpm;
    final int redeemEveryMonths;
    final int redeemMonth;
    final long redeemFeePpm;
    final boolean voucherTaxes;
    final int publicWorksWorkers;
    final long publicWorksWage;
    final long taxHouseholdMonth;
    final long taxFirmSalesPpm;
    final long creditLimit;
    final long creditDemurragePpm;
    final int invoiceTermDays;
    final int clearingIntervalDays;
    final int droughtYear;
    final long droughtFactorPpm;
    final int cashShockStartMonth;
    final int cashShockMonths;
    final long cashShockFactorPpm;

    EconomyParameters(final Scenario s)
    {
        years = s.integer("years");
        households = s.integer("households");
        communities = s.integer("communities");
        final double[] rates = s.decimals("community.rates");
        ratesPpm = new long[rates.length];
        for (int c = 0; c < rates.length; c++)
        {
            ratesPpm[c] = ppm(rates[c]);
        }
        firms = s.integer("firms");
        firmMaxWorkers = s.integer("firm.max_workers");
        productivity = s.amount("firm.productivity");
        inputSharePpm = ppm(s.decimal("firm.input_share"));
        firmImportSharePpm = ppm(s.decimal("firm.import_share"));
        suppliers = s.integer("firm.suppliers");
        crossCommunityShare = s.decimal("firm.cross_community_share");
        hiringSlack = s.decimal("firm.hiring_slack");
        maxCashMonthsPpm = ppm(s.decimal("firm.max_cash_months"));
        firmInitialCash = s.amount("firm.initial_cash");
        enterpriseWorkers = s.integer("enterprise.workers");
        enterpriseProductivity = s.amount("enterprise.productivity");
        exportPerWorker = s.amount("enterprise.export_per_worker");
        enterpriseInitialCash = s.amount("enterprise.initial_cash");
        wage = s.amount("household.wage");
        dailyNeed = s.amount("household.daily_need");
        spendRatePpm = ppm(s.decimal("household.spend_rate"));
        householdImportSharePpm = ppm(s.decimal("household.import_share"));
        savingRatePpm = ppm(s.decimal("household.saving_rate"));
        transferMonth = s.amount("household.transfer_month");
        householdInitialCash = s.amount("household.initial_cash");
        vouchers = s.bool("voucher.enabled");
        voucherWageSharePpm = ppm(s.decimal("voucher.wage_share"));
        voucherDemurragePpm = ppm(s.decimal("voucher.demurrage_month"));
        issueCapSharePpm = ppm(s.decimal("voucher.issue_cap_share"));
        redeemEveryMonths = s.integer("voucher.redeem_every_months");
        redeemMonth = s.integer("voucher.redeem_month");
        redeemFeePpm = ppm(s.decimal("voucher.redeem_fee"));
        voucherTaxes = s.bool("voucher.taxes");
        publicWorksWorkers = s.integer("public_works.workers");
        publicWorksWage = s.amount("public_works.wage");
        taxHouseholdMonth = s.amount("tax.household_month");
        taxFirmSalesPpm = ppm(s.decimal("tax.firm_sales_share"));
        creditLimit = s.amount("credit.limit");
        creditDemurragePpm = ppm(s.decimal("credit.demurrage_month"));
        invoiceTermDays = s.integer("invoice.term_days");
        clearingIntervalDays = s.integer("clearing.interval_days");
        droughtYear = s.integer("shock.drought_year");
        droughtFactorPpm = ppm(s.decimal("shock.drought_factor"));
        cashShockStartMonth = s.integer("shock.cash_start_month");
        cashShockMonths = s.integer("shock.cash_months");
        cashShockFactorPpm = ppm(s.decimal("shock.cash_factor"));
    }

    static long ppm(final double share)
    {
        return Math.round(share * PPM);
    }

    /**
     * @return {@code amount * ppm / 1e6}, rounded down, with overflow checked.
     */
    static long share(final long amount, final long ppm)
    {
        if (amount >= 0 && amount <= FAST_LIMIT && ppm <= PPM)
        {
            return amount * ppm / PPM;   // cannot overflow: both factors are bounded
        }
        return Math.addExact(Math.multiplyExact(amount / PPM, ppm), (amount % PPM) * ppm / PPM);
    }

    /**
     * @return {@code floor(a * b / c)} for non-negative values, exact (128-bit product when needed).
     */
    static long mulDiv(final long a, final long b, final long c)
    {
        if (Math.multiplyHigh(a, b) == 0 && a * b >= 0)
        {
            return a * b / c;
        }
        return java.math.BigInteger.valueOf(a).multiply(java.math.BigInteger.valueOf(b))
            .divide(java.math.BigInteger.valueOf(c)).longValueExact();
    }

    /** Largest amount whose product with a ppm of at most 1e6 fits a long. */
    private static final long FAST_LIMIT = Long.MAX_VALUE / PPM;
}

package io.clearing.simulations.model;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DemurrageTest
{
    /**
     * Vouchers enter only as public works wages (a constant inflow) and leave only through demurrage: no taxes, no
     * redemption, no issuer among the firms. The stock must settle at inflow x (1 - d) / d.
     */
    @Test
    void shouldSettleTheVoucherStockAtInflowOverTheDemurrageRate()
    {
        final double rate = 0.05;
        final long workers = 40;
        final long wage = 500;
        final Economy economy = new Economy(Scenarios.load("worgl",
            "years=10", "households=400", "firms=5", "voucher.demurrage_month=" + rate, "voucher.taxes=false",
            "voucher.redeem_every_months=0", "public_works.workers=" + workers, "public_works.wage=" + wage,
            "shock.cash_start_month=0"), new SplittableRandom(5));

        final double[][] series = economy.run();

        final double inflow = workers * wage * Economy.DAYS_PER_MONTH;
        final double theory = inflow * (1 - rate) / rate;
        final double[] last = series[series.length - 1];
        assertThat(last[Metric.VOUCHERS_ISSUED.ordinal()]).isEqualTo(inflow);
        assertThat(last[Metric.VOUCHERS_RETURNED.ordinal()]).isZero();
        assertThat(last[Metric.VOUCHER_STOCK.ordinal()] / theory).isCloseTo(1.0, within(0.01));
    }

    @Test
    void shouldChargeNoDemurrageOnSavings()
    {
        final Economy economy = new Economy(Scenarios.load("worgl", "years=1", "voucher.demurrage_month=0.5"),
            new SplittableRandom(5));
        for (int day = 0; day < Economy.DAYS_PER_MONTH - 1; day++)
        {
            economy.step();
        }
        final long savings = economy.sheets.balance[BalanceSheets.SAVINGS][3];
        final long vouchers = economy.sheets.balance[BalanceSheets.VOUCHER][3];

        MonthlyRules.chargeDemurrage(economy);

        assertThat(economy.sheets.balance[BalanceSheets.SAVINGS][3]).isEqualTo(savings);
        assertThat(economy.sheets.balance[BalanceSheets.VOUCHER][3]).isEqualTo(vouchers - vouchers / 2);
    }
}

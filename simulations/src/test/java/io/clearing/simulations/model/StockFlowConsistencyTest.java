package io.clearing.simulations.model;

import io.clearing.simulations.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static io.clearing.simulations.model.BalanceSheets.CASH;
import static io.clearing.simulations.model.BalanceSheets.PAYABLE;
import static io.clearing.simulations.model.BalanceSheets.VOUCHER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StockFlowConsistencyTest
{
    @Test
    void shouldKeepEveryIdentityInEveryShippedScenario()
    {
        for (final String name : ScenarioLoader.SHIPPED)
        {
            final Economy economy = new Economy(Scenarios.load(name, "years=1"), new SplittableRandom(7));

            assertThatCode(economy::run).as(name).doesNotThrowAnyException();
        }
    }

    @Test
    void shouldStopWhenARuleCreatesCashWithoutAnEntry()
    {
        final Economy economy = new Economy(Scenarios.load("village", "years=1"), new SplittableRandom(3));
        for (int day = 0; day < 10; day++)
        {
            economy.step();
        }

        economy.sheets.balance[CASH][5] += 1_000;   // a broken rule: money printed into household 6's account

        assertThatThrownBy(economy::step)
            .isInstanceOf(StockFlowViolation.class)
            .hasMessageStartingWith("day 11, household 6: cash balance ")
            .hasMessageContaining("but the recorded flows give");
    }

    @Test
    void shouldStopWhenARulePaysWithVouchersNobodyHolds()
    {
        final Economy economy = new Economy(Scenarios.load("village", "years=1"), new SplittableRandom(3));
        economy.step();

        economy.sheets.move(VOUCHER, economy.names.firstFirm, 0, 500);   // both sides recorded, but never issued

        assertThatThrownBy(economy::step)
            .isInstanceOf(StockFlowViolation.class)
            .hasMessage("day 2, firm 1: negative voucher holding -500");
    }

    @Test
    void shouldStopWhenADebtIsOnlyOnOneBalanceSheet()
    {
        final Economy economy = new Economy(Scenarios.load("mutual-credit", "years=1"), new SplittableRandom(3));
        economy.step();

        economy.sheets.balance[PAYABLE][economy.names.firstFirm + 2] += 250;

        assertThatThrownBy(economy::step)
            .isInstanceOf(StockFlowViolation.class)
            .hasMessage("day 2, firm 3: payable balance 250 but the recorded flows give 0");
    }

    @Test
    void shouldConserveVouchersThroughIssueDemurrageAndRedemption()
    {
        for (final String name : new String[]{"shaymuratovo", "worgl"})
        {
            final double[][] series = new Economy(Scenarios.load(name, "years=2"), new SplittableRandom(11)).run();

            double issued = 0;
            double cancelled = 0;
            for (final double[] month : series)
            {
                issued += month[Metric.VOUCHERS_ISSUED.ordinal()];
                cancelled += month[Metric.VOUCHERS_DEMURRAGE.ordinal()] + month[Metric.VOUCHERS_RETURNED.ordinal()];
            }
            assertThat(issued).as(name).isPositive();
            assertThat(series[series.length - 1][Metric.VOUCHER_STOCK.ordinal()]).as(name)
                .isEqualTo(issued - cancelled);
        }
    }
}

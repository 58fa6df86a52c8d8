package io.clearing.simulations.model;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ShockTest
{
    @Test
    void shouldCutTheEnterprisesExportsInTheDroughtYearOnly()
    {
        final double[][] normal = new Economy(Scenarios.load("village", "years=3"), new SplittableRandom(9)).run();
        final double[][] drought = new Economy(Scenarios.load("village", "years=3", "shock.drought_year=2",
            "shock.drought_factor=0.5"), new SplittableRandom(9)).run();

        assertThat(exports(drought, 0)).isEqualTo(exports(normal, 0));
        assertThat(exports(drought, 1)).isLessThan(0.9 * exports(normal, 1));
        assertThat(drought[12][Metric.SHOCK.ordinal()]).isEqualTo(1);
        assertThat(drought[24][Metric.SHOCK.ordinal()]).isZero();
    }

    @Test
    void shouldCutCashInflowsDuringTheCashShortage()
    {
        final double[][] normal = new Economy(Scenarios.load("village", "years=2"), new SplittableRandom(9)).run();
        final double[][] shortage = new Economy(Scenarios.load("village", "years=2", "shock.cash_start_month=13",
            "shock.cash_months=6", "shock.cash_factor=0.2"), new SplittableRandom(9)).run();

        assertThat(shortage[14][Metric.EXPORTS.ordinal()]).isLessThan(0.3 * normal[14][Metric.EXPORTS.ordinal()]);
        // after it, exports recover as the enterprise can pay for its workers again (slowly: it laid some off)
        assertThat(shortage[23][Metric.EXPORTS.ordinal()]).isGreaterThan(shortage[16][Metric.EXPORTS.ordinal()]);
        assertThat(shortage[14][Metric.SHOCK.ordinal()]).isEqualTo(1);
        assertThat(shortage[18][Metric.SHOCK.ordinal()]).isZero();
    }

    private static double exports(final double[][] series, final int year)
    {
        double sum = 0;
        for (int m = year * Economy.MONTHS_PER_YEAR; m < (year + 1) * Economy.MONTHS_PER_YEAR; m++)
        {
            sum += series[m][Metric.EXPORTS.ordinal()];
        }
        return sum;
    }
}

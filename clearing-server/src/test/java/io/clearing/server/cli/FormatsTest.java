package io.clearing.server.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsTest
{
    @Test
    void shouldWriteExactMajorUnitsWhenGivenMinorUnitsAndAScale()
    {
        assertThat(Formats.money(123456, 2)).isEqualTo("1234.56");
        assertThat(Formats.money(5, 3)).isEqualTo("0.005");
        assertThat(Formats.money(Long.MAX_VALUE, 0)).isEqualTo("9223372036854775807");
        assertThat(Formats.money(Long.MAX_VALUE, 18)).isEqualTo("9.223372036854775807");
    }

    @Test
    void shouldGroupThousandsWhenFormattingForPeople()
    {
        assertThat(Formats.moneyGrouped(123456789, 2)).isEqualTo("1,234,567.89");
        assertThat(Formats.moneyGrouped(99, 2)).isEqualTo("0.99");
        assertThat(Formats.grouped(1000)).isEqualTo("1,000");
        assertThat(Formats.grouped(999)).isEqualTo("999");
        assertThat(Formats.grouped(1234567)).isEqualTo("1,234,567");
    }

    @Test
    void shouldRoundPercentagesToTwoDecimalsWhenFormatting()
    {
        assertThat(Formats.percent(1, 3)).isEqualTo("33.33");
        assertThat(Formats.percent(2, 3)).isEqualTo("66.67");
        assertThat(Formats.percent(1, 20)).isEqualTo("5.00");
        assertThat(Formats.percent(7, 0)).isEqualTo("0.00");
        assertThat(Formats.percent(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo("100.00");
    }

    @Test
    void shouldShowMillisecondsWithOneDecimalWhenGivenNanoseconds()
    {
        assertThat(Formats.millis(1_234_567)).isEqualTo("1.2");
        assertThat(Formats.millis(1_250_000)).isEqualTo("1.3");
        assertThat(Formats.millis(0)).isEqualTo("0.0");
        assertThat(Formats.millis(987_654_321_000L)).isEqualTo("987654.3");
    }
}

package io.clearing.simulations.scenario;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioLoaderTest
{
    @Test
    void shouldLoadEveryShippedScenarioByName() throws Exception
    {
        for (final String name : ScenarioLoader.SHIPPED)
        {
            final Scenario scenario = ScenarioLoader.load(name);

            assertThat(scenario.text("name")).isEqualTo(name);
            assertThat(scenario.origin("years")).startsWith(name + ".yml:");
        }
    }

    @Test
    void shouldReadNestedAndDottedKeysAndKeepDefaultsForTheRest()
    {
        final Scenario scenario = ScenarioLoader.parse("voucher:\n  enabled: true\n  demurrage_month: 0.01\n" +
            "household.wage: 700\n", "s.yml");

        assertThat(scenario.bool("voucher.enabled")).isTrue();
        assertThat(scenario.decimal("voucher.demurrage_month")).isEqualTo(0.01);
        assertThat(scenario.amount("household.wage")).isEqualTo(700);
        assertThat(scenario.origin("household.wage")).isEqualTo("s.yml:4");
        assertThat(scenario.integer("households")).isEqualTo(700);
        assertThat(scenario.origin("households")).isEqualTo("default");
    }

    @Test
    void shouldNameFileLineAndKeyWhenAKeyIsUnknown()
    {
        assertThatThrownBy(() -> ScenarioLoader.parse("years: 2\nvoucher:\n  demurage_month: 0.02\n", "w.yml"))
            .isInstanceOf(ScenarioException.class)
            .hasMessage("w.yml:3: voucher.demurage_month: unknown parameter (see docs/simulations.md for the list)");
    }

    @Test
    void shouldSuggestTheFullKeyWhenASectionIsMissing()
    {
        assertThatThrownBy(() -> ScenarioLoader.parse("demurrage_month: 0.02\n", "w.yml"))
            .hasMessage("w.yml:1: demurrage_month: unknown parameter (did you mean voucher.demurrage_month or " +
                "credit.demurrage_month?)");
    }

    @Test
    void shouldRefuseValuesOutOfRangeOrOfTheWrongKind()
    {
        assertThatThrownBy(() -> ScenarioLoader.parse("years: 2\nvoucher:\n  demurrage_month: 0.9\n", "w.yml"))
            .hasMessage("w.yml:3: voucher.demurrage_month: 0.9 is outside the allowed range [0.0, 0.5]");
        assertThatThrownBy(() -> ScenarioLoader.parse("households: many\n", "w.yml"))
            .hasMessage("w.yml:1: households: 'many' is not a whole number");
        assertThatThrownBy(() -> ScenarioLoader.parse("household:\n  wage: -5\n", "w.yml"))
            .hasMessage("w.yml:2: household.wage: -5.0 is outside the allowed range [0, 1000000000000000]");
        assertThatThrownBy(() -> ScenarioLoader.parse("voucher:\n  enabled: yes please\n", "w.yml"))
            .hasMessage("w.yml:2: voucher.enabled: 'yes please' is not true or false");
    }

    @Test
    void shouldRefuseBrokenYamlDuplicatesListsAndEmptyValuesWithTheirLine()
    {
        assertThatThrownBy(() -> ScenarioLoader.parse("years: 2\nfirms: \"unclosed\n", "b.yml"))
            .hasMessageStartingWith("b.yml:").hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> ScenarioLoader.parse("years: 2\nyears: 3\n", "b.yml"))
            .hasMessage("b.yml:2: years: set twice");
        assertThatThrownBy(() -> ScenarioLoader.parse("years: 2\nfirms: [1, 2]\n", "b.yml"))
            .hasMessage("b.yml:2: firms: lists are not used; write several values as comma-separated text");
        assertThatThrownBy(() -> ScenarioLoader.parse("years:\n", "b.yml"))
            .hasMessage("b.yml:1: years: no value");
    }

    @Test
    void shouldRefuseParametersThatContradictEachOther()
    {
        assertThatThrownBy(() -> ScenarioLoader.parse("communities: 2\ncommunity.rates: \"1, 2, 3\"\n", "c.yml"))
            .hasMessage("c.yml:2: community.rates: has 3 rate(s) but communities is 2");
        assertThatThrownBy(() -> ScenarioLoader.parse("public_works:\n  workers: 5\n", "c.yml"))
            .hasMessage("c.yml:2: public_works.workers: public works are paid in vouchers: set voucher.enabled: true");
    }

    @Test
    void shouldApplyOverridesAndNameTheOptionWhenOneIsBad() throws Exception
    {
        final Scenario base = ScenarioLoader.load("village");

        assertThat(ScenarioLoader.override(base, List.of("years=1", "voucher.enabled=true")).integer("years"))
            .isEqualTo(1);
        assertThatThrownBy(() -> ScenarioLoader.override(base, List.of("yeers=1")))
            .hasMessageStartingWith("--set: yeers: unknown parameter");
        assertThatThrownBy(() -> ScenarioLoader.override(base, List.of("years=0")))
            .hasMessage("--set: years: 0.0 is outside the allowed range [1, 100]");
        assertThatThrownBy(() -> ScenarioLoader.override(base, List.of("years")))
            .hasMessage("--set years: expected key=value");
    }

    @Test
    void shouldRefuseAMissingFileThatIsNotAShippedName()
    {
        assertThatThrownBy(() -> ScenarioLoader.load("no-such-scenario.yml"))
            .hasMessageStartingWith("no-such-scenario.yml: no such file, and not a shipped scenario");
    }

    @Test
    void shouldWriteAScenarioThatLoadsBackToTheSameValues() throws Exception
    {
        final Scenario original = ScenarioLoader.override(ScenarioLoader.load("communities"),
            List.of("title=A \"quoted\" title", "years=2"));

        final Scenario reloaded = ScenarioLoader.parse(original.toYaml(List.of("seed: 3")), "scenario.yml");

        assertThat(reloaded.values()).isEqualTo(original.values());
    }
}

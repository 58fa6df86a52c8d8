package io.clearing.core.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NovatedLayoutTest
{
    @Test
    void shouldNumberParticipantsFirstThenOneAccountPerGroupLevelByLevel()
    {
        // five participants in communities 0, 0, 2, 1, 2 (three groups), then regions 0, 0, 1, 0, 1 (two groups)
        final NovatedLayout layout = NovatedLayout.of(5, new int[][]{{0, 0, 2, 1, 2}, {0, 0, 1, 0, 1}});

        assertThat(layout.levels()).isEqualTo(2);
        assertThat(layout.groupCount(0)).isEqualTo(3);
        assertThat(layout.groupCount(1)).isEqualTo(2);
        assertThat(layout.nodeCount()).isEqualTo(5 + 3 + 2);
        assertThat(layout.accountNode(0, 0)).isEqualTo(5);
        assertThat(layout.accountNode(0, 2)).isEqualTo(7);
        assertThat(layout.accountNode(1, 0)).isEqualTo(8);
        for (int node = 0; node < 5; node++)
        {
            assertThat(layout.accountLevel(node)).as("participant %d", node).isEqualTo(-1);
        }
        for (int level = 0; level < 2; level++)
        {
            for (int group = 0; group < layout.groupCount(level); group++)
            {
                final int node = layout.accountNode(level, group);
                assertThat(layout.accountLevel(node)).isEqualTo(level);
                assertThat(layout.accountGroup(node)).isEqualTo(group);
            }
        }
    }

    @Test
    void shouldRefuseGroupsThatDoNotPlaceEveryParticipantOrAreNegative()
    {
        assertThatThrownBy(() -> NovatedLayout.of(3, new int[][]{{0, 1}}))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("level 0 places 2 of 3 participants");
        assertThatThrownBy(() -> NovatedLayout.of(3, new int[][]{{0, 0, 0}, {0, -1, 0}}))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("level 1: negative group -1");
        assertThatThrownBy(() -> NovatedLayout.of(3, new int[][]{{0, Integer.MAX_VALUE, 0}}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than an int numbers");
    }
}

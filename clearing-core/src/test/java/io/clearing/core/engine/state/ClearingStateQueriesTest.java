package io.clearing.core.engine.state;

import io.clearing.core.api.CertificateVerifier;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.engine.api.ClearingCertificate;
import io.clearing.core.engine.api.ObligationState;
import io.clearing.core.engine.api.ObligationStatus;
import io.clearing.core.engine.api.ParticipantPosition;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.api.SetOffNotice;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.channels.Channels;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClearingStateQueriesTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandCodec.MAX_COMMAND_BYTES]);
    private final ClearingStateMachine machine = new ClearingStateMachine(4, 4);

    private void accept(final TestCommand command)
    {
        assertThat(ResultCode.of(machine.apply(buffer, 0, command.encode(buffer)))).as(command.toString())
            .isEqualTo(ResultCode.ACCEPTED);
    }

    /**
     * A-B-C cycle of 50, D owed 20 by C; then a payment closes "da" wholly.
     */
    private void twoRuns()
    {
        for (final String id : new String[]{"A", "B", "C", "D"})
        {
            accept(new TestCommand.Register(1, id, "Firm " + id));
        }
        accept(new TestCommand.Submit(2, "ab", "A", "B", 100));
        accept(new TestCommand.Submit(2, "bc", "B", "C", 70));
        accept(new TestCommand.Submit(2, "ca", "C", "A", 50));
        accept(new TestCommand.Submit(2, "cd", "C", "D", 20));
        accept(new TestCommand.RunClearing(10, 1));
        accept(new TestCommand.Submit(11, "da", "D", "A", 30));
        accept(new TestCommand.Pay(12, "pay-1", "da", 30));
        accept(new TestCommand.Submit(13, "ba", "B", "A", 10));
        accept(new TestCommand.RunClearing(14, 5));
    }

    @Test
    void shouldPageParticipantsInRegistrationOrder()
    {
        twoRuns();
        assertThat(machine.participants(0, 10)).extracting(ParticipantPosition::participantId)
            .containsExactly("A", "B", "C", "D");
        assertThat(machine.participants(1, 2)).extracting(ParticipantPosition::participantId)
            .containsExactly("B", "C");
        assertThat(machine.participants(4, 2)).isEmpty();
        assertThat(machine.participants(3, Integer.MAX_VALUE)).hasSize(1);
        assertThatThrownBy(() -> machine.participants(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldFilterObligationsByParticipantAndStatusWhenPaging()
    {
        twoRuns();
        assertThat(machine.obligations(null, ObligationStatus.ANY, 0, 100)).extracting(ObligationState::obligationId)
            .containsExactly("ab", "bc", "ca", "cd", "da", "ba");
        assertThat(machine.obligations(null, ObligationStatus.DISCHARGED, 0, 100))
            .extracting(ObligationState::obligationId).containsExactly("ca", "da", "ba");
        assertThat(machine.obligations(null, ObligationStatus.OPEN, 0, 100))
            .extracting(ObligationState::obligationId).containsExactly("ab", "bc", "cd");
        assertThat(machine.obligations("A", ObligationStatus.ANY, 1, 2))
            .extracting(ObligationState::obligationId).containsExactly("ca", "da");
        assertThat(machine.obligations("D", ObligationStatus.OPEN, 0, 100))
            .extracting(ObligationState::obligationId).containsExactly("cd");
        assertThat(machine.obligations("nobody", ObligationStatus.ANY, 0, 100)).isEmpty();
    }

    @Test
    void shouldKeepEveryRunWithNoticesAndCertificate()
    {
        twoRuns();
        assertThat(machine.clearingRuns()).extracting(r -> r.runId()).containsExactly(1L, 5L);
        assertThat(machine.clearingRun(1).clearedMinor()).isEqualTo(150);
        assertThat(machine.clearingRun(5).clearedMinor()).isEqualTo(20);
        assertThat(machine.clearingRun(3)).isNull();
        assertThat(machine.lastClearingRun()).isEqualTo(machine.clearingRun(5));

        assertThat(machine.setOffNotices(1, null, 0, 100)).extracting(SetOffNotice::obligationId)
            .containsExactly("ab", "bc", "ca", "cd");
        assertThat(machine.setOffNotices(1, "D", 0, 100)).containsExactly(
            new SetOffNotice("cd", "C", "D", 20, 0, 20));
        assertThat(machine.setOffNotices(1, null, 2, 1)).extracting(SetOffNotice::obligationId).containsExactly("ca");
        assertThat(machine.setOffNotices(5, null, 0, 100)).extracting(SetOffNotice::obligationId)
            .containsExactly("ab", "bc", "cd", "ba");
        assertThat(machine.setOffNotices(2, null, 0, 100)).isNull();
        assertThat(machine.clearingCertificate(2)).isNull();

        for (final long runId : new long[]{1, 5})
        {
            assertThat(verify(machine.clearingCertificate(runId), machine.setOffNotices(runId, null, 0, 100)))
                .as("run " + runId).isTrue();
        }
    }

    @Test
    void shouldKeepRunHistoryAndHashThroughSnapshot()
    {
        twoRuns();
        final ClearingStateMachine restored = new ClearingStateMachine(1, 1);
        restored.loadSnapshot(new SnapshotInput(Channels.newChannel(
            new ByteArrayInputStream(ClearingStateMachineTest.snapshotOf(machine)))));

        assertThat(restored.stateHash()).isEqualTo(machine.stateHash());
        assertThat(restored.clearingRuns()).isEqualTo(machine.clearingRuns());
        assertThat(restored.setOffNotices(1, null, 0, 100)).isEqualTo(machine.setOffNotices(1, null, 0, 100));
        assertThat(restored.clearingCertificate(1).potentials())
            .containsExactly(machine.clearingCertificate(1).potentials());
    }

    @Test
    void shouldChangeHashWhenAnEarlierRunDiffers()
    {
        twoRuns();
        final ClearingStateMachine other = new ClearingStateMachine(4, 4);
        final UnsafeBuffer otherBuffer = new UnsafeBuffer(new byte[CommandCodec.MAX_COMMAND_BYTES]);
        final List<TestCommand> commands = List.of(
            new TestCommand.Register(1, "A", "Firm A"), new TestCommand.Register(1, "B", "Firm B"),
            new TestCommand.Register(1, "C", "Firm C"), new TestCommand.Register(1, "D", "Firm D"),
            new TestCommand.Submit(2, "ab", "A", "B", 100), new TestCommand.Submit(2, "bc", "B", "C", 70),
            new TestCommand.Submit(2, "ca", "C", "A", 50), new TestCommand.Submit(2, "cd", "C", "D", 20),
            new TestCommand.Submit(11, "da", "D", "A", 30), new TestCommand.Pay(12, "pay-1", "da", 30),
            new TestCommand.Submit(13, "ba", "B", "A", 10), new TestCommand.RunClearing(10, 1),
            new TestCommand.RunClearing(14, 5));
        for (final TestCommand command : commands)
        {
            other.apply(otherBuffer, 0, command.encode(otherBuffer));
        }
        assertThat(other.clearingRuns()).hasSize(2);
        assertThat(other.stateHash()).isNotEqualTo(machine.stateHash());
    }

    private static boolean verify(final ClearingCertificate certificate, final List<SetOffNotice> notices)
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        for (final String participant : certificate.participantIds())
        {
            builder.participant(participant);
        }
        final long[] setOff = new long[notices.size()];
        for (int i = 0; i < notices.size(); i++)
        {
            final SetOffNotice notice = notices.get(i);
            builder.add(notice.debtorId(), notice.creditorId(), notice.openMinor());
            setOff[i] = notice.setOffMinor();
        }
        return CertificateVerifier.verifyOptimal(builder.build(), setOff, certificate.potentials()).ok();
    }
}

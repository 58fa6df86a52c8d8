package io.clearing.core.engine.state;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ledger keeps what was set off on an obligation as {@code amount - open - paid}, not in an array of its own:
 * payments, batch, continuous and novated set-offs must each leave it right, snapshots still carry it, and a
 * snapshot whose set-off column disagrees with the other columns is refused as damaged.
 */
class LedgerSetOffTest
{
    private static final long AMOUNT = 1_000_000;
    private static final long PAID = 111_111;
    private static final long BATCH = 777_777;
    private static final long CONTINUOUS = 5_555;

    @Test
    void shouldDeriveWhatWasSetOffFromEveryKindOfDischarge()
    {
        final Ledger ledger = ledger();
        assertThat(ledger.setOffMinor(0)).isEqualTo(BATCH + CONTINUOUS);
        assertThat(ledger.paidMinor[0]).isEqualTo(PAID);
        assertThat(ledger.openMinor[0]).isEqualTo(AMOUNT - PAID - BATCH - CONTINUOUS);
        assertThat(ledger.batchSetOffMinor).isEqualTo(BATCH);
        assertThat(ledger.continuousSetOffMinor).isEqualTo(CONTINUOUS);

        assertThat(ledger.setOffMinor(1)).isZero();
        ledger.novate(1, 5);
        assertThat(ledger.setOffMinor(1)).isEqualTo(AMOUNT);
        assertThat(ledger.openMinor[1]).isZero();
        assertThat(ledger.closedAtMs[1]).isEqualTo(5);
    }

    @Test
    void shouldCarryWhatWasSetOffThroughASnapshot()
    {
        final Ledger ledger = ledger();
        final Ledger loaded = new Ledger(4, 16);
        loaded.readFrom(input(SnapshotCompatibilityTest.sectionOf(ledger)), 16, 16);
        assertThat(loaded.setOffMinor(0)).isEqualTo(BATCH + CONTINUOUS);
        assertThat(loaded.hash(1)).isEqualTo(ledger.hash(1));
    }

    @Test
    void shouldRefuseASnapshotWhoseSetOffDisagreesWithAmountOpenAndPaid()
    {
        final byte[] bytes = SnapshotCompatibilityTest.sectionOf(ledger());
        final int at = indexOf(bytes, BATCH + CONTINUOUS);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(at, BATCH + CONTINUOUS + 1);

        assertThatThrownBy(() -> new Ledger(4, 16).readFrom(input(bytes), 16, 16))
            .isInstanceOf(SnapshotDamagedException.class)
            .hasMessageContaining("obligation 0");
    }

    /**
     * Two participants and two obligations of {@link #AMOUNT} between them; the first partly paid and partly set
     * off by a batch run and by continuous clearing.
     */
    private static Ledger ledger()
    {
        final Ledger ledger = new Ledger(4, 16);
        final UnsafeBuffer a = bytes("A");
        final UnsafeBuffer b = bytes("B");
        final int debtor = ledger.addParticipant(a, 0, 1, "a", 1);
        final int creditor = ledger.addParticipant(b, 0, 1, "b", 1);
        ledger.addObligation(bytes("o1"), 0, 2, debtor, creditor, AMOUNT, 2);
        ledger.addObligation(bytes("o2"), 0, 2, debtor, creditor, AMOUNT, 2);
        ledger.pay(0, PAID, 3);
        ledger.setOff(0, BATCH, 4, false);
        ledger.setOff(0, CONTINUOUS, 4, true);
        return ledger;
    }

    private static UnsafeBuffer bytes(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static SnapshotInput input(final byte[] bytes)
    {
        return new SnapshotInput(Channels.newChannel(new ByteArrayInputStream(bytes)));
    }

    /**
     * Where the only little-endian occurrence of {@code value} is.
     */
    private static int indexOf(final byte[] bytes, final long value)
    {
        final ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int found = -1;
        for (int i = 0; i + Long.BYTES <= bytes.length; i++)
        {
            if (buffer.getLong(i) == value)
            {
                assertThat(found).as("a second occurrence at %d", i).isEqualTo(-1);
                found = i;
            }
        }
        assertThat(found).as("the value in the snapshot").isNotNegative();
        return found;
    }
}

package io.clearing.core.engine.state;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory layout of the id indexes may change for speed; the bytes the ledger writes into a snapshot and its
 * part of the state hash may not. The ledger's section (participants, obligations, their ids and lists) is written
 * and hashed by the ledger alone, so these pins hold while other sections are added to snapshots. They were printed
 * by the ledger and the index as they were before the indexes placed keys by prefix and the participants' index held
 * short keys inline, on the same seeded ledger: ids of 2 to 21 bytes, payments and set-offs that close obligations,
 * capacities small enough that every array grows. Whole snapshots, loaded and written again, give the same bytes.
 */
class SnapshotCompatibilityTest
{
    private static final long SEED = 42L;
    private static final int LEDGER_SECTION_LENGTH = 549_196;
    private static final String LEDGER_SECTION_SHA256 =
        "12dd133717833bf55d82847fc45951a569528a74b30d5845ecaba196e18cec15";
    private static final long LEDGER_HASH = 0x9e3a063130af75caL;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandCodec.MAX_COMMAND_BYTES]);

    @Test
    void shouldWriteAndHashTheLedgerAsBeforeWhenIdsAreShortAndLong()
    {
        final Ledger ledger = seededLedger();
        final byte[] section = sectionOf(ledger);

        assertThat(section.length).isEqualTo(LEDGER_SECTION_LENGTH);
        assertThat(sha256(section)).isEqualTo(LEDGER_SECTION_SHA256);
        assertThat(ledger.hash(0x5EED)).isEqualTo(LEDGER_HASH);

        final Ledger loaded = new Ledger(4, 16);
        loaded.readFrom(new SnapshotInput(Channels.newChannel(new ByteArrayInputStream(section))), 16, 16);
        assertThat(sectionOf(loaded)).isEqualTo(section);
        assertThat(loaded.hash(0x5EED)).isEqualTo(LEDGER_HASH);
        for (int p = 0; p < loaded.participantCount; p++)
        {
            assertThat(find(loaded.participantIds, loaded.participantIdText[p])).isEqualTo(p);
        }
        for (int o = 0; o < loaded.obligationCount; o++)
        {
            assertThat(find(loaded.obligationIds, loaded.obligationIds.keyString(o))).isEqualTo(o);
        }
    }

    @Test
    void shouldWriteTheSameSnapshotAgainWhenLoaded()
    {
        for (final List<TestCommand> commands : List.of(Workloads.withPolicies(17, 4_000, 60, true),
            Workloads.mixed(23, 4_000, 300)))
        {
            final ClearingStateMachine machine = new ClearingStateMachine(4, 16);
            for (final TestCommand command : commands)
            {
                machine.apply(buffer, 0, command.encode(buffer));
            }
            final byte[] snapshot = ClearingStateMachineTest.snapshotOf(machine);
            final ClearingStateMachine loaded = new ClearingStateMachine(4, 16);
            loaded.loadSnapshot(new SnapshotInput(Channels.newChannel(new ByteArrayInputStream(snapshot))));

            assertThat(ClearingStateMachineTest.snapshotOf(loaded)).isEqualTo(snapshot);
            assertThat(loaded.stateHash()).isEqualTo(machine.stateHash());
        }
    }

    /**
     * 300 participants and 6,000 obligations; after each obligation, sometimes a payment or a set-off of part or all
     * of an open one.
     */
    private Ledger seededLedger()
    {
        final Random random = new Random(SEED);
        final Ledger ledger = new Ledger(4, 16);
        final int participants = 300;
        long time = 1_700_000_000_000L;
        for (int p = 0; p < participants; p++)
        {
            final int length = put(p % 2 == 0 ? "P" + p : "PARTICIPANT-" + p);
            ledger.addParticipant(buffer, 0, length, "Firm " + p, time++);
        }
        for (int i = 0; i < 6_000; i++)
        {
            final int d = random.nextInt(participants);
            final int c = (d + 1 + random.nextInt(participants - 1)) % participants;
            final int length = put(random.nextInt(3) == 0 ? "OBLIGATION-NUMBER-" + i : "O-" + i);
            ledger.addObligation(buffer, 0, length, d, c, 1 + random.nextInt(1_000), time++);
            final int o = random.nextInt(ledger.obligationCount);
            final long open = ledger.openMinor[o];
            if (open > 0 && random.nextInt(3) == 0)
            {
                final long amount = random.nextBoolean() ? open : 1 + random.nextInt((int)open);
                if (random.nextBoolean())
                {
                    ledger.pay(o, amount, time);
                }
                else
                {
                    ledger.setOff(o, amount, time, random.nextBoolean());
                }
            }
        }
        return ledger;
    }

    private int put(final String id)
    {
        final byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        buffer.putBytes(0, bytes);
        return bytes.length;
    }

    private int find(final ByteKeyIndex index, final String id)
    {
        return index.find(buffer, 0, put(id));
    }

    /**
     * The ledger's snapshot section, as {@link Ledger#writeTo} writes it, with its checksum.
     */
    static byte[] sectionOf(final Ledger ledger)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final SnapshotOutput out = new SnapshotOutput(Channels.newChannel(bytes));
        ledger.writeTo(out);
        out.finish();
        return bytes.toByteArray();
    }

    /**
     * SHA-256 in hex (not a CRC: the section ends with its own CRC32C, and the CRC of data followed by its CRC is the
     * same for all data).
     */
    private static String sha256(final byte[] bytes)
    {
        try
        {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}

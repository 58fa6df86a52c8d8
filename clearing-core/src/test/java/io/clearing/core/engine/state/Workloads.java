package io.clearing.core.engine.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random command streams mixing valid commands with every kind of rejection: unknown participants, bad
 * amounts, self-debts, duplicates, id conflicts, payments beyond what is open or on closed obligations, stale
 * clearing runs, bad continuous settings, and snapshots.
 */
final class Workloads
{
    private Workloads()
    {
    }

    static List<TestCommand> mixed(final long seed, final int count, final int participants)
    {
        final Random random = new Random(seed);
        final List<TestCommand> commands = new ArrayList<>(count);
        final List<TestCommand.Submit> submitted = new ArrayList<>();
        final List<TestCommand.Pay> paid = new ArrayList<>();
        long time = 1_700_000_000_000L;
        long runId = 0;
        int obligationSeq = 0;
        int paymentSeq = 0;
        for (int i = 0; i < participants / 2; i++)
        {
            commands.add(new TestCommand.Register(time++, "P" + i, "Firm " + i));
        }
        while (commands.size() < count)
        {
            time += random.nextInt(3);
            final int roll = random.nextInt(1000);
            if (roll < 600)
            {
                final String debtor = "P" + random.nextInt(participants);
                String creditor = "P" + random.nextInt(participants);
                if (random.nextInt(50) != 0 && creditor.equals(debtor))
                {
                    creditor = "P" + ((Integer.parseInt(debtor.substring(1)) + 1) % participants);
                }
                final long amount = random.nextInt(40) == 0 ? -random.nextInt(5) : 1 + random.nextInt(1000);
                final TestCommand.Submit submit = new TestCommand.Submit(time, "O" + obligationSeq++, debtor, creditor,
                    amount);
                commands.add(submit);
                submitted.add(submit);
            }
            else if (roll < 650 && !submitted.isEmpty())
            {
                final TestCommand.Submit earlier = submitted.get(random.nextInt(submitted.size()));
                final long amount = random.nextBoolean() ? earlier.amountMinor() : earlier.amountMinor() + 1;
                commands.add(new TestCommand.Submit(time, earlier.id(), earlier.debtor(), earlier.creditor(), amount));
            }
            else if (roll < 700)
            {
                final int p = random.nextInt(participants + 2);
                commands.add(new TestCommand.Register(time, "P" + p, random.nextInt(4) == 0 ? "Other " + p : "Firm " + p));
            }
            else if (roll < 850 && !submitted.isEmpty())
            {
                final TestCommand.Submit target = submitted.get(random.nextInt(submitted.size()));
                final long amount = random.nextInt(30) == 0 ? 0 : 1 + random.nextInt(1200);
                final String obligationId = random.nextInt(40) == 0 ? "missing" : target.id();
                final TestCommand.Pay pay = new TestCommand.Pay(time, "Y" + paymentSeq++, obligationId, amount);
                commands.add(pay);
                paid.add(pay);
            }
            else if (roll < 870 && !paid.isEmpty())
            {
                final TestCommand.Pay earlier = paid.get(random.nextInt(paid.size()));
                final long amount = random.nextBoolean() ? earlier.amountMinor() : earlier.amountMinor() + 1;
                commands.add(new TestCommand.Pay(time, earlier.paymentId(), earlier.obligationId(), amount));
            }
            else if (roll < 890)
            {
                final boolean stale = runId > 0 && random.nextInt(4) == 0;
                commands.add(new TestCommand.RunClearing(time, stale ? runId - random.nextInt((int)runId) : ++runId));
            }
            else if (roll < 950)
            {
                commands.add(new TestCommand.Snapshot(time, random.nextInt(1000)));
            }
            else if (roll < 970)
            {
                final boolean bad = random.nextInt(5) == 0;
                commands.add(new TestCommand.Configure(time, random.nextBoolean(), bad ? 1 : 2 + random.nextInt(8),
                    1 + random.nextInt(bad ? 1 : 64), 1 + random.nextInt(256)));
            }
            else if (roll < 975)
            {
                commands.add(new TestCommand.Submit(time, "", "P1", "P2", 5));
            }
        }
        return commands;
    }
}

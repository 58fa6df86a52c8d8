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

    /**
     * The {@link #mixed} stream interleaved with the community-policy commands, good and bad: units (one national,
     * one community with demurrage), submissions in units with due dates, disputes by parties and non-parties,
     * exclusion rules, opt-outs, proposals with answers before and after their deadlines and commits, demurrage
     * periods (some stale) and savings; with {@code runLimits} also receivable caps and liquidity commitments.
     */
    static List<TestCommand> withPolicies(final long seed, final int count, final int participants,
        final boolean runLimits)
    {
        final Random random = new Random(seed * 31 + 7);
        final List<TestCommand> base = mixed(seed, count, participants);
        final List<TestCommand> commands = new ArrayList<>(count * 2);
        final List<String> obligationIds = new ArrayList<>();
        final String[] units = {"", "EUR", "TALER", "NOPE"};
        long time = 1_700_000_000_000L;
        long runId = 10_000;
        long proposal = 0;
        long deadline = 0;
        long period = 0;
        int unitSeq = 0;
        for (final TestCommand command : base)
        {
            if (command instanceof TestCommand.Register r)
            {
                time = Math.max(time, r.timestampMs());
            }
            if (commands.size() == participants / 2)
            {
                commands.add(new TestCommand.DefineUnit(time, "EUR", false, 0, ""));
                commands.add(new TestCommand.DefineUnit(time, "TALER", true, 1 + random.nextInt(300), "P0"));
            }
            if (command instanceof TestCommand.Submit s && random.nextInt(3) == 0)
            {
                final String unit = units[random.nextInt(20) == 0 ? 3 : random.nextInt(3)];
                final long due = random.nextInt(3) == 0 ? 0 : s.timestampMs() + random.nextInt(400) -
                    (random.nextInt(60) == 0 ? 2_000_000_000_000L : 0);
                commands.add(new TestCommand.SubmitInUnit(s.timestampMs(), s.id(), s.debtor(), s.creditor(),
                    s.amountMinor(), unit, due));
            }
            else if (command instanceof TestCommand.RunClearing c && proposal == 0 && random.nextBoolean())
            {
                proposal = ++runId;
                deadline = c.timestampMs() + random.nextInt(40);
                commands.add(new TestCommand.Propose(c.timestampMs(), proposal, deadline, random.nextBoolean()));
            }
            else if (command instanceof TestCommand.RunClearing c)
            {
                commands.add(new TestCommand.RunClearing(c.timestampMs(), ++runId - random.nextInt(2)));
            }
            else
            {
                commands.add(command);
            }
            if (command instanceof TestCommand.Submit s)
            {
                obligationIds.add(s.id());
                time = Math.max(time, s.timestampMs());
            }
            final int roll = random.nextInt(100);
            final String p = "P" + random.nextInt(participants);
            final String q = "P" + random.nextInt(participants);
            if (roll < 6 && !obligationIds.isEmpty())
            {
                final String o = obligationIds.get(random.nextInt(obligationIds.size()));
                commands.add(new TestCommand.Dispute(time, o, p, random.nextInt(3) != 0));
            }
            else if (roll < 9)
            {
                final int kind = random.nextInt(12) == 0 ? 7 : 1 + random.nextInt(5);
                final long value = kind == 3 ? random.nextInt(600) - 20 : random.nextInt(300) - 10;
                commands.add(new TestCommand.Rule(time, p, kind, value, kind <= 2 || random.nextInt(10) == 0 ? q : ""));
            }
            else if (roll < 12)
            {
                commands.add(new TestCommand.OptOut(time, p, random.nextInt(10) == 0 ? 5 : random.nextInt(3)));
            }
            else if (roll < 20 && proposal != 0)
            {
                commands.add(new TestCommand.Respond(time, random.nextInt(8) == 0 ? proposal + 1 : proposal, p,
                    random.nextInt(4) != 0));
            }
            else if (roll < 24 && proposal != 0)
            {
                commands.add(new TestCommand.Commit(time, proposal));
                if (time > deadline || random.nextInt(3) == 0)
                {
                    commands.add(new TestCommand.Commit(time + 50, proposal));
                    time += 50;
                    proposal = 0;
                }
            }
            else if (roll < 27)
            {
                final String unit = random.nextInt(5) == 0 ? "EUR" : "TALER";
                period += random.nextInt(6) == 0 ? 0 : 1;
                commands.add(new TestCommand.Demurrage(time, unit, Math.max(1, period - random.nextInt(2))));
            }
            else if (roll < 29)
            {
                commands.add(new TestCommand.Savings(time, p, random.nextInt(8) == 0 ? "EUR" : "TALER",
                    random.nextInt(10) == 0 ? -1 : random.nextInt(800)));
            }
            else if (roll < 30)
            {
                commands.add(new TestCommand.DefineUnit(time, "U" + (unitSeq++ % 3), random.nextBoolean(),
                    random.nextInt(4) * 10, random.nextBoolean() ? p : ""));
            }
            else if (roll < 33 && runLimits)
            {
                final int kind = 1 + random.nextInt(random.nextInt(6) == 0 ? 5 : 2);
                commands.add(new TestCommand.RunLimit(time, p, units[random.nextInt(random.nextInt(10) == 0 ? 4 : 3)],
                    kind, kind > 2 ? 0 : random.nextInt(400) - 20));
            }
        }
        return commands;
    }
}

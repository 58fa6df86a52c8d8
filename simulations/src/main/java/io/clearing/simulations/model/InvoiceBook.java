package io.clearing.simulations.model;

import io.clearing.core.api.AddResult;
import io.clearing.core.api.ClearingResult;
import io.clearing.core.api.ClearingSolver;
import io.clearing.core.api.ObligationNetwork;

import java.util.Arrays;

/**
 * Open firm-to-firm invoices (trade credit), in national money minor units, each recorded on both balance sheets.
 * Invoices are discharged by payment or by set-off in an optimal clearing run of the real solver
 * ({@link ClearingSolver} on an {@link ObligationNetwork} of the open invoices, in book order), which never changes
 * a net position; {@link #clear(int)} checks that it did not.
 */
final class InvoiceBook
{
    private final BalanceSheets sheets;
    private final AgentNames names;
    private final String[] participantIds;
    private final ClearingSolver solver = new ClearingSolver(() -> 0L);
    private int[] debtor = new int[1024];
    private int[] creditor = new int[1024];
    private long[] amount = new long[1024];
    private int[] dueDay = new int[1024];
    private int count;
    private long openTotal;

    InvoiceBook(final BalanceSheets sheets, final AgentNames names)
    {
        this.sheets = sheets;
        this.names = names;
        this.participantIds = new String[names.agents];
        for (int agent = 0; agent < names.agents; agent++)
        {
            participantIds[agent] = Integer.toString(agent);
        }
    }

    /**
     * Records a new invoice: the debtor owes the creditor {@code amountMinor} from {@code due}.
     */
    void add(final int debtorAgent, final int creditorAgent, final long amountMinor, final int due)
    {
        if (count == debtor.length)
        {
            final int length = count * 2;
            debtor = Arrays.copyOf(debtor, length);
            creditor = Arrays.copyOf(creditor, length);
            amount = Arrays.copyOf(amount, length);
            dueDay = Arrays.copyOf(dueDay, length);
        }
        debtor[count] = debtorAgent;
        creditor[count] = creditorAgent;
        amount[count] = amountMinor;
        dueDay[count] = due;
        count++;
        openTotal = Math.addExact(openTotal, amountMinor);
        sheets.recordDebt(debtorAgent, creditorAgent, amountMinor);
    }

    int count()
    {
        return count;
    }

    int debtor(final int invoice)
    {
        return debtor[invoice];
    }

    int creditor(final int invoice)
    {
        return creditor[invoice];
    }

    long open(final int invoice)
    {
        return amount[invoice];
    }

    boolean isDue(final int invoice, final int day)
    {
        return dueDay[invoice] <= day;
    }

    long openTotal()
    {
        return openTotal;
    }

    /**
     * Discharges part of an invoice: the payment itself (cash or credit) is recorded by the caller.
     */
    void discharge(final int invoice, final long amountMinor)
    {
        amount[invoice] = Math.subtractExact(amount[invoice], amountMinor);
        openTotal = Math.subtractExact(openTotal, amountMinor);
        sheets.dischargeDebt(debtor[invoice], creditor[invoice], amountMinor);
    }

    /**
     * Drops fully discharged invoices, keeping the order of the others.
     */
    void compact()
    {
        int kept = 0;
        for (int i = 0; i < count; i++)
        {
            if (amount[i] > 0)
            {
                debtor[kept] = debtor[i];
                creditor[kept] = creditor[i];
                amount[kept] = amount[i];
                dueDay[kept] = dueDay[i];
                kept++;
            }
        }
        count = kept;
    }

    /**
     * Builds the network of open invoices, in book order (participant ids are agent indices).
     */
    ObligationNetwork network()
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder(Math.max(16, count));
        for (int i = 0; i < count; i++)
        {
            if (amount[i] > 0)
            {
                final AddResult result = builder.add(participantIds[debtor[i]], participantIds[creditor[i]], amount[i]);
                if (result != AddResult.ACCEPTED)
                {
                    throw new IllegalStateException("invoice " + i + " refused by the network: " + result.reason());
                }
            }
        }
        return builder.build();
    }

    /**
     * An optimal clearing run over every open invoice: each invoice is discharged by its set-off.
     *
     * @param day the step, for messages.
     * @return the amount set off (the optimum).
     * @throws StockFlowViolation if a net position changed.
     */
    long clear(final int day)
    {
        compact();
        if (count == 0)
        {
            return 0;
        }
        final long[] netBefore = netPositions();
        final ClearingResult result = solver.solve(network());
        for (int i = 0; i < count; i++)
        {
            final long setOff = result.setOffMinor(i);
            if (setOff > 0)
            {
                discharge(i, setOff);
            }
        }
        final long[] netAfter = netPositions();
        for (int agent = 0; agent < netBefore.length; agent++)
        {
            if (netBefore[agent] != netAfter[agent])
            {
                throw new StockFlowViolation("day " + day + ", " + names.name(agent) + ": clearing changed the net " +
                    "position from " + netBefore[agent] + " to " + netAfter[agent]);
            }
        }
        compact();
        return result.clearedMinor();
    }

    private long[] netPositions()
    {
        final long[] receivable = sheets.balance[BalanceSheets.RECEIVABLE];
        final long[] payable = sheets.balance[BalanceSheets.PAYABLE];
        final long[] net = new long[names.agents];
        for (int agent = 0; agent < net.length; agent++)
        {
            net[agent] = receivable[agent] - payable[agent];
        }
        return net;
    }
}

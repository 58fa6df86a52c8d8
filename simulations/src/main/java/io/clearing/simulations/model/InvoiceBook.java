package io.clearing.simulations.model;

import io.clearing.core.engine.api.ClearingStateView;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.api.SetOffNotice;
import io.clearing.core.engine.state.ClearingStateMachine;
import io.clearing.core.engine.state.CommandCodec;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;
import java.util.List;

/**
 * Open firm-to-firm invoices (trade credit), in national money minor units, each recorded on both balance sheets and
 * as an obligation in the clearing engine's state machine ({@link ClearingStateMachine}, in memory: the same
 * deterministic logic the journaled engine runs, without the journal): every invoice is a submitted obligation,
 * every payment of one a recorded payment, every clearing a batch run of the engine (the optimal solver), whose
 * set-off notices discharge the invoices here. The book keeps its own arrays as the fast index the model works on;
 * after each command it checks that the engine agrees (open amount of a paid invoice, open total after a run), and a
 * clearing run never changes a net position, which {@link #clear(int)} checks too.
 */
final class InvoiceBook
{
    private final BalanceSheets sheets;
    private final AgentNames names;
    private final String[] participantIds;
    private final ClearingStateMachine engine;
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[CommandCodec.MAX_COMMAND_BYTES]);
    private final StringBuilder obligationText = new StringBuilder(20);
    private final StringBuilder paymentText = new StringBuilder(20);
    private long[] obligationNumber = new long[1024];
    private long obligationsSubmitted;
    private long paymentsRecorded;
    private long runs;
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
        this.engine = new ClearingStateMachine(names.agents, 1024);
        for (int agent = 0; agent < names.agents; agent++)
        {
            participantIds[agent] = Integer.toString(agent);
            expectAccepted(CommandCodec.encodeRegisterParticipant(command, 0, 0, participantIds[agent],
                participantIds[agent]), "register agent " + agent);
        }
    }

    private void expectAccepted(final int length, final String what)
    {
        final int code = engine.apply(command, 0, length);
        if (code != ResultCode.ACCEPTED.code())
        {
            throw new IllegalStateException("the clearing engine refused to " + what + ": " +
                ResultCode.of(code).reason());
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
            obligationNumber = Arrays.copyOf(obligationNumber, length);
        }
        obligationNumber[count] = ++obligationsSubmitted;
        obligationText.setLength(0);
        obligationText.append(obligationsSubmitted);
        expectAccepted(CommandCodec.encodeSubmitObligation(command, 0, 0, obligationText, participantIds[debtorAgent],
            participantIds[creditorAgent], amountMinor), "submit an invoice");
        debtor[count] = debtorAgent;
        creditor[count] = creditorAgent;
        amount[count] = amountMinor;
        dueDay[count] = due;
        count++;
        openTotal = Math.addExact(openTotal, amountMinor);
        sheets.recordDebt(debtorAgent, creditorAgent, amountMinor);
    }

    /**
     * @return the clearing engine's view of the invoices: obligations, payments, clearing runs.
     */
    ClearingStateView engine()
    {
        return engine;
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
        if (amountMinor == 0)
        {
            return;
        }
        obligationText.setLength(0);
        obligationText.append(obligationNumber[invoice]);
        paymentText.setLength(0);
        paymentText.append(++paymentsRecorded);
        expectAccepted(CommandCodec.encodeRecordPayment(command, 0, 0, paymentText, obligationText, amountMinor),
            "record a payment");
        dischargeHere(invoice, amountMinor);
        if (engine.lastResultValue() != amount[invoice])
        {
            throw new StockFlowViolation("invoice " + obligationNumber[invoice] + ": " + amount[invoice] +
                " open in the book, " + engine.lastResultValue() + " in the clearing engine");
        }
    }

    private void dischargeHere(final int invoice, final long amountMinor)
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
                obligationNumber[kept] = obligationNumber[i];
                kept++;
            }
        }
        count = kept;
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
        expectAccepted(CommandCodec.encodeRunClearing(command, 0, day, ++runs), "run a clearing");
        final long cleared = engine.lastResultValue();
        // One notice per open obligation in submission order: the book's open invoices, in the same order.
        final List<SetOffNotice> notices = engine.lastSetOffNotices();
        if (notices.size() != count)
        {
            throw new StockFlowViolation("day " + day + ": the clearing engine has " + notices.size() +
                " open invoices, the book " + count);
        }
        for (int i = 0; i < count; i++)
        {
            final SetOffNotice notice = notices.get(i);
            if (notice.openMinor() != amount[i])
            {
                throw new StockFlowViolation("day " + day + ", invoice " + obligationNumber[i] + ": " + amount[i] +
                    " open in the book, " + notice.openMinor() + " in the clearing engine");
            }
            if (notice.setOffMinor() > 0)
            {
                dischargeHere(i, notice.setOffMinor());
            }
        }
        if (engine.totals().totalDebtMinor() != openTotal)
        {
            throw new StockFlowViolation("day " + day + ": open invoices " + openTotal + " in the book, " +
                engine.totals().totalDebtMinor() + " in the clearing engine");
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
        return cleared;
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

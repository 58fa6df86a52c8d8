package io.clearing.simulations.model;

/**
 * A broken accounting identity: a balance that moved without a recorded flow, money or vouchers created outside the
 * scenario's rules, debts that are not equal on both sides. It stops the run; the message names the step (day), the
 * agent and the amounts.
 */
public final class StockFlowViolation extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message step, agent and amounts, ready to print.
     */
    public StockFlowViolation(final String message)
    {
        super(message);
    }
}

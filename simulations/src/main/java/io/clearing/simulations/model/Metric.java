package io.clearing.simulations.model;

/**
 * The monthly time series of a run: one row per month (30 daily steps), flows summed over the month, stocks at its
 * end. Amounts in national money minor units (mutual credit converted at the community's rate).
 */
public enum Metric
{
    OUTPUT("output", "sales of all firms and the enterprise (to households, to firms, exports) in the month"),
    CONSUMPTION("consumption", "household purchases from local firms in the month"),
    EXPORTS("exports", "enterprise sales outside in the month"),
    EMPLOYMENT("employment", "share of households employed at the end of the month"),
    IDLE_CAPACITY("idle_capacity", "share of the local firms' capacity (all workers they could employ) unused"),
    UNMET_DEMAND("unmet_demand", "household spending refused because the chosen firm had no capacity left"),
    CASH_STOCK("cash_stock", "cash held by households, firms and funds (settlement accounts, not savings)"),
    SAVINGS("savings", "household savings"),
    VOUCHER_STOCK("voucher_stock", "vouchers outstanding"),
    CREDIT_POSITIVE("credit_positive", "sum of positive mutual credit balances"),
    CASH_TURNOVER("cash_turnover", "payments made in cash in the month"),
    VOUCHER_TURNOVER("voucher_turnover", "payments made in vouchers in the month"),
    CREDIT_TURNOVER("credit_turnover", "payments made in mutual credit in the month"),
    CASH_VELOCITY("cash_velocity", "cash turnover per year over the average cash stock (annualised)"),
    VOUCHER_VELOCITY("voucher_velocity", "voucher turnover per year over the average voucher stock (annualised)"),
    FIRM_PAYMENTS("firm_payments", "firm-to-firm payments (inputs and invoices) in the month, any means"),
    FIRM_CREDIT_PAYMENTS("firm_credit_payments", "of which in mutual credit"),
    DEBT_INVOICED("debt_invoiced", "new invoices in the month"),
    DEBT_OPEN("debt_open", "open invoices at the end of the month"),
    DEBT_AT_CLEARING("debt_at_clearing", "open invoices when the clearing runs of the month started"),
    DEBT_CLEARED("debt_cleared", "invoices discharged by set-off in clearing runs in the month"),
    DEBT_PAID_CASH("debt_paid_cash", "invoices paid in cash in the month"),
    DEBT_PAID_CREDIT("debt_paid_credit", "invoices paid in mutual credit in the month"),
    CROSS_DEBT_CLEARED("cross_debt_cleared", "cross-community invoices discharged by set-off in the month"),
    CROSS_DEBT_INVOICED("cross_debt_invoiced", "new cross-community invoices in the month"),
    VOUCHERS_ISSUED("vouchers_issued", "vouchers issued in the month"),
    VOUCHERS_DEMURRAGE("vouchers_demurrage", "vouchers cancelled as demurrage in the month"),
    VOUCHERS_RETURNED("vouchers_returned", "vouchers cancelled by redemption or taxes in the month"),
    WAGE_SHORTFALL("wage_shortfall", "wages firms could not pay in the month"),
    SHOCK("shock", "1 in a month of drought or cash shortage, else 0");

    private final String column;
    private final String description;

    Metric(final String column, final String description)
    {
        this.column = column;
        this.description = description;
    }

    /**
     * @return the CSV column name.
     */
    public String column()
    {
        return column;
    }

    /**
     * @return what it measures, with its unit.
     */
    public String description()
    {
        return description;
    }
}

package io.clearing.simulations.scenario;

import io.clearing.simulations.scenario.Parameter.Kind;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every parameter a scenario may set, with its default, range and meaning: the one list that the loader checks
 * against, that the written scenario echoes and that docs/simulations.md describes. Amounts are integer minor units
 * of the national currency (kopecks, groschen, cents); a day is the step, a month is 30 days, a year 12 months.
 */
public final class Parameters
{
    private static final double NO_LIMIT = 1e15;
    private static final Map<String, Parameter> ALL = new LinkedHashMap<>();

    static
    {
        text("name", "custom", "short name of the scenario, used in file names and the report");
        text("title", "", "one line saying what the scenario models");
        integer("years", "3", 1, 100, "length of a run in years of 360 days (one step is a day)");

        integer("households", "700", 0, 5_000_000, "number of households, each with one worker");
        integer("communities", "1", 1, 16, "communities; agents are assigned round-robin, each has its own " +
            "mutual credit unit and fund");
        list("community.rates", "1", 0.001, 1000, "units of each community's mutual credit per unit of national " +
            "money, one per community (comma-separated)");

        integer("firms", "20", 1, 1_000_000, "local firms (shops, services, crafts) that sell to households and " +
            "to each other");
        integer("firm.max_workers", "10", 1, 1_000_000, "capacity of a local firm in workers");
        amount("firm.productivity", "60000", 1, NO_LIMIT, "output a worker can produce in a day, at a firm");
        decimal("firm.input_share", "0.3", 0, 0.9, "share of a firm's sales it buys as inputs from its suppliers " +
            "(other local firms or the enterprise)");
        decimal("firm.import_share", "0.2", 0, 0.9, "share of a firm's sales it spends outside the economy " +
            "(cash only)");
        integer("firm.suppliers", "3", 1, 50, "suppliers each firm buys from, fixed at the start");
        decimal("firm.cross_community_share", "0", 0, 1, "share of a firm's suppliers drawn from other communities");
        decimal("firm.hiring_slack", "0.1", 0, 2, "workers hired beyond last month's sales, as a share");
        decimal("firm.max_cash_months", "2", 0.1, 1000, "a firm keeps at most this many months of its sales in " +
            "cash; the excess is paid out as dividends to the households of its community");
        amount("firm.initial_cash", "2000000", 0, NO_LIMIT, "cash of each firm at the start");

        integer("enterprise.workers", "0", 0, 5_000_000, "capacity in workers of the one large enterprise " +
            "(farm) that exports and supplies the local firms; 0 = no enterprise");
        amount("enterprise.productivity", "100000", 1, NO_LIMIT, "output an enterprise worker can produce in a " +
            "day (exports first, the rest sold to local firms)");
        amount("enterprise.export_per_worker", "0", 0, NO_LIMIT, "exports sold outside per enterprise worker " +
            "and day, paid in cash");
        amount("enterprise.initial_cash", "20000000", 0, NO_LIMIT, "cash of the enterprise at the start");

        amount("household.wage", "50000", 0, NO_LIMIT, "wage of a worker per day, paid monthly");
        amount("household.daily_need", "40000", 0, NO_LIMIT, "what a household would like to spend in a day");
        decimal("household.spend_rate", "0.1", 0.001, 1, "share of its means of payment a household is " +
            "willing to spend in a day (capped by its need)");
        decimal("household.import_share", "0.1", 0, 1, "share of household spending that goes outside " +
            "(cash only)");
        decimal("household.saving_rate", "0.05", 0, 1, "share of cash income put into savings, which bear " +
            "no demurrage and are spent only when the household runs out of means");
        amount("household.transfer_month", "0", 0, NO_LIMIT, "cash each household receives from outside per " +
            "month (pensions, remittances)");
        amount("household.initial_cash", "500000", 0, NO_LIMIT, "cash of each household at the start");

        bool("voucher.enabled", "false", "whether local vouchers (notes) exist");
        decimal("voucher.wage_share", "0.2", 0, 1, "share of wages paid in vouchers: newly issued by the " +
            "issuer, paid from holdings by other firms");
        decimal("voucher.demurrage_month", "0.02", 0, 0.5, "demurrage per month on voucher balances (settlement " +
            "balances, not savings); the charge is cancelled by the issuer");
        decimal("voucher.issue_cap_share", "0.25", 0, 100, "vouchers outstanding at most this share of last " +
            "month's sales of the local firms");
        integer("voucher.redeem_every_months", "12", 0, 120, "firms redeem their vouchers for cash at the issuer " +
            "every so many months; 0 = never");
        integer("voucher.redeem_month", "10", 1, 12, "month of the year of the first redemption (after the " +
            "harvest)");
        decimal("voucher.redeem_fee", "0", 0, 0.5, "fee the issuer keeps on redemption, as a share");
        bool("voucher.taxes", "false", "whether the municipality accepts vouchers for taxes (and cancels them)");

        integer("public_works.workers", "0", 0, 5_000_000, "unemployed hired by the municipality for public " +
            "works, paid entirely in vouchers (issued)");
        amount("public_works.wage", "0", 0, NO_LIMIT, "public works wage per worker and day");
        amount("tax.household_month", "0", 0, NO_LIMIT, "tax per household per month, paid to the municipality");
        decimal("tax.firm_sales_share", "0", 0, 0.5, "tax on a firm's monthly sales, paid to the municipality");

        amount("credit.limit", "0", 0, NO_LIMIT, "mutual credit limit of each firm, in its community's units; " +
            "0 = no mutual credit");
        decimal("credit.demurrage_month", "0", 0, 0.5, "demurrage per month on positive mutual credit balances, " +
            "paid to the community fund");
        integer("invoice.term_days", "0", 0, 3600, "payment term of firm-to-firm invoices in days; 0 = inputs " +
            "paid at once (cross-community purchases are always invoiced, with at least 30 days)");
        integer("clearing.interval_days", "0", 0, 3600, "days between optimal clearing runs over all open " +
            "invoices (the exact solver); 0 = never");

        integer("shock.drought_year", "0", 0, 100, "year (1-based) in which a drought cuts the enterprise's " +
            "productivity and exports; 0 = none");
        decimal("shock.drought_factor", "0.5", 0, 1, "what remains of the enterprise's productivity in the " +
            "drought year");
        integer("shock.cash_start_month", "0", 0, 1200, "first month (1-based) of a cash shortage: inflows of " +
            "cash from outside are cut; 0 = none");
        integer("shock.cash_months", "12", 1, 1200, "length of the cash shortage in months");
        decimal("shock.cash_factor", "0.3", 0, 1, "what remains of the cash inflows (exports, transfers, " +
            "outside sales) during the shortage");
    }

    private Parameters()
    {
    }

    /**
     * @return every parameter by key, in documentation order.
     */
    public static Map<String, Parameter> all()
    {
        return Collections.unmodifiableMap(ALL);
    }

    /**
     * @return the parameter with this key, or null.
     */
    public static Parameter find(final String key)
    {
        return ALL.get(key);
    }

    private static void text(final String key, final String value, final String doc)
    {
        ALL.put(key, new Parameter(key, Kind.TEXT, value, 0, 0, doc));
    }

    private static void bool(final String key, final String value, final String doc)
    {
        ALL.put(key, new Parameter(key, Kind.BOOLEAN, value, 0, 1, doc));
    }

    private static void integer(final String key, final String value, final double min, final double max,
        final String doc)
    {
        ALL.put(key, new Parameter(key, Kind.INTEGER, value, min, max, doc));
    }

    private static void amount(final String key, final String value, final double min, final double max,
        final String doc)
    {
        ALL.put(key, new Parameter(key, Kind.AMOUNT, value, min, max, doc));
    }

    private static void decimal(final String key, final String value, final double min, final double max,
        final String doc)
    {
        ALL.put(key, new Parameter(key, Kind.DECIMAL, value, min, max, doc));
    }

    private static void list(final String key, final String value, final double min, final double max,
        final String doc)
    {
        ALL.put(key, new Parameter(key, Kind.DECIMAL_LIST, value, min, max, doc));
    }
}

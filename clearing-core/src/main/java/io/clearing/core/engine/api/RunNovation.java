package io.clearing.core.engine.api;

import java.util.List;

/**
 * What a batch run cleared by novation through community and region accounts: per obligation both firm-facing sides
 * (what the debtor no longer owes, what the creditor is no longer owed, and whom the rest is now owed to / by), the
 * legs between accounts per ordered pair (netted, cleared, left), each stage's figures, every account's receivable
 * and payable after the run, and beside it the flat optimum and level-by-level clearing of the same obligations.
 * Amounts in minor units of the default unit.
 *
 * @param runId                    the run.
 * @param levels                   levels of accounts: 1 (communities) or 2 (communities and regions).
 * @param notices                  one per obligation of the run's network, in obligation order.
 * @param legs                     legs between accounts, by stage, then debtor account, then creditor account.
 * @param stages                   stages 1 to {@code levels}: debt between accounts, netted, cleared, left.
 * @param accounts                 every account the run involved, in account order (communities, then regions).
 * @param firmDebtDischargedMinor  the debtors' sides discharged: the run's cleared figure.
 * @param firmClaimsDischargedMinor the creditors' sides discharged (equal to the debtors' sides).
 * @param flatClearedMinor         what one flat run of the same obligations would set off.
 * @param levelByLevelClearedMinor what clearing level by level (community, region, top) would set off.
 */
public record RunNovation(
    long runId,
    int levels,
    List<Notice> notices,
    List<Leg> legs,
    List<Stage> stages,
    List<Account> accounts,
    long firmDebtDischargedMinor,
    long firmClaimsDischargedMinor,
    long flatClearedMinor,
    long levelByLevelClearedMinor)
{
    /**
     * One obligation of a novated run. Inside one community both sides are the plain set-off and the rest stays
     * owed between the firms ({@code debtorNowOwes} is the creditor); between communities the rest of each side is
     * owed to / by the community account, as the obligation {@code debtorLegId} / {@code creditorLegId} the run
     * recorded (empty when nothing is left on that side).
     *
     * @param obligationId          the obligation.
     * @param debtorId              who owed.
     * @param creditorId            who was owed.
     * @param openMinor             open before the run.
     * @param debtorDischargedMinor what the debtor no longer owes.
     * @param debtorRemainderMinor  what the debtor still owes.
     * @param debtorNowOwes         to whom: the creditor inside a community, else its community account.
     * @param debtorLegId           the obligation that now carries the debtor's remainder ("" if none or inside).
     * @param creditorDischargedMinor what the creditor is no longer owed.
     * @param creditorRemainderMinor  what the creditor is still owed.
     * @param creditorNowOwedBy     by whom: the debtor inside a community, else its community account.
     * @param creditorLegId         the obligation that now carries the creditor's remainder ("" if none or inside).
     */
    public record Notice(
        String obligationId,
        String debtorId,
        String creditorId,
        long openMinor,
        long debtorDischargedMinor,
        long debtorRemainderMinor,
        String debtorNowOwes,
        String debtorLegId,
        long creditorDischargedMinor,
        long creditorRemainderMinor,
        String creditorNowOwedBy,
        String creditorLegId)
    {
        /**
         * @return whether the obligation was between members of one community (a plain set-off).
         */
        public boolean insideCommunity()
        {
            return debtorNowOwes.equals(creditorId);
        }
    }

    /**
     * The legs from one account to another, added up.
     *
     * @param stage          1 between community accounts (of one region, or to / from the region account), 2 between
     *                       region accounts.
     * @param fromAccount    the account that owes.
     * @param toAccount      the account that is owed.
     * @param amountMinor    the legs' sum.
     * @param nettedMinor    discharged by netting against the opposite pair.
     * @param clearedMinor   discharged by the stage's exact clearing of what netting left.
     * @param remainderMinor what stays owed, as the obligation {@code legId} ("" when nothing is left).
     * @param legId          the obligation the run recorded for the remainder.
     */
    public record Leg(int stage, String fromAccount, String toAccount, long amountMinor, long nettedMinor,
        long clearedMinor, long remainderMinor, String legId)
    {
    }

    /**
     * One stage between accounts.
     *
     * @param stage        1 (regions, or the top with one level) or 2 (the top).
     * @param debtMinor    debt between accounts before it.
     * @param nettedMinor  discharged by bilateral netting per pair.
     * @param clearedMinor discharged by exact clearing after netting.
     * @param leftMinor    what stays owed between the accounts.
     */
    public record Stage(int stage, long debtMinor, long nettedMinor, long clearedMinor, long leftMinor)
    {
    }

    /**
     * A clearing account after the run: what it is owed and owes (equal: an account's net position is zero).
     *
     * @param accountId        {@code community:NAME} or {@code region:NAME}.
     * @param receivableMinor  what firms and other accounts owe it.
     * @param payableMinor     what it owes firms and other accounts.
     */
    public record Account(String accountId, long receivableMinor, long payableMinor)
    {
    }
}

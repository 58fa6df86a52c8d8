package io.clearing.core.engine.state;

import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.policy.ClearingPolicy;
import io.clearing.core.policy.PriorityRule;
import org.agrona.DirectBuffer;

import static io.clearing.core.engine.state.CommandCodec.*;

/**
 * The commands of {@link RunRules}: treasury, conversion rates, urgent marks, priority rule, communities and regions.
 * Each validates everything before it changes anything, so a rejection leaves the state (and its hash) as it was;
 * saying again what is in effect answers {@code DUPLICATE}. The treasury, the rates and the priority rule shape the
 * set-offs a pending proposal holds, so they cannot change while one is pending. Single-threaded.
 */
final class RunRuleCommands
{
    private static final int ACCEPTED = ResultCode.ACCEPTED.code();
    private static final int DUPLICATE = ResultCode.DUPLICATE.code();
    private static final int INVALID_ID = ResultCode.INVALID_ID.code();
    private static final int UNKNOWN_PARTICIPANT = ResultCode.UNKNOWN_PARTICIPANT.code();
    private static final int UNKNOWN_OBLIGATION = ResultCode.UNKNOWN_OBLIGATION.code();
    private static final int OBLIGATION_CLOSED = ResultCode.OBLIGATION_CLOSED.code();
    private static final int MALFORMED = ResultCode.MALFORMED.code();
    private static final int UNKNOWN_UNIT = ResultCode.UNKNOWN_UNIT.code();
    private static final int NOT_A_PARTY = ResultCode.NOT_A_PARTY.code();
    private static final int INVALID_POLICY = ResultCode.INVALID_POLICY.code();
    private static final int PROPOSAL_PENDING = ResultCode.PROPOSAL_PENDING.code();

    private final Ledger ledger;
    private final Policies policies;
    private final RunRules rules;
    long resultValue;

    RunRuleCommands(final Ledger ledger, final Policies policies, final RunRules rules)
    {
        this.ledger = ledger;
        this.policies = policies;
        this.rules = rules;
    }

    /**
     * @return the result code of a command of types {@code TYPE_SET_TREASURY} to {@code TYPE_SET_REGION}.
     */
    int apply(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        resultValue = 0;
        final int code;
        switch (type)
        {
            case TYPE_SET_TREASURY:
                code = setTreasury(buffer, offset, length);
                break;
            case TYPE_SET_RATE:
                code = setRate(buffer, offset, length);
                break;
            case TYPE_SET_URGENT:
                code = setUrgent(buffer, offset, length);
                break;
            case TYPE_SET_PRIORITY:
                code = length == PRIORITY_COMMAND_LENGTH ? setPriority(buffer, offset) : MALFORMED;
                break;
            case TYPE_SET_COMMUNITY:
                code = setCommunity(buffer, offset, length);
                break;
            case TYPE_SET_REGION:
                code = setRegion(buffer, offset, length);
                break;
            default:
                code = MALFORMED;
        }
        if (code == ACCEPTED)
        {
            rules.used = true;
        }
        return code;
    }

    private int setTreasury(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!keysFit(buffer, offset, length, TREASURY_LENGTHS_OFFSET, 1, TREASURY_KEYS_OFFSET))
        {
            return MALFORMED;
        }
        final int participantLength = buffer.getShort(offset + TREASURY_LENGTHS_OFFSET);
        final int p = participantLength == 0 ? RunRules.NONE :
            ledger.participantIds.find(buffer, offset + TREASURY_KEYS_OFFSET, participantLength);
        if (p == ByteKeyIndex.MISSING && participantLength > 0)
        {
            return UNKNOWN_PARTICIPANT;
        }
        if (p == rules.treasury)
        {
            return DUPLICATE;
        }
        if (policies.proposalRunId != 0)
        {
            return PROPOSAL_PENDING;
        }
        rules.treasury = p;
        resultValue = p;
        return ACCEPTED;
    }

    private int setRate(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!keysFit(buffer, offset, length, RATE_LENGTHS_OFFSET, 1, RATE_KEYS_OFFSET))
        {
            return MALFORMED;
        }
        final long numerator = buffer.getLong(offset + RATE_NUMERATOR_OFFSET);
        final long denominator = buffer.getLong(offset + RATE_DENOMINATOR_OFFSET);
        final int unitLength = buffer.getShort(offset + RATE_LENGTHS_OFFSET);
        final int u = policies.findUnit(buffer, offset + RATE_KEYS_OFFSET, unitLength);
        if (u == Policies.NONE)
        {
            return UNKNOWN_UNIT;
        }
        final boolean withdraw = numerator == 0 && denominator == 0;
        if (!withdraw && (numerator <= 0 || denominator <= 0))
        {
            return INVALID_POLICY;
        }
        final long gcd = withdraw ? 1 : ClearingPolicy.gcd(numerator, denominator);
        final long n = numerator / gcd;
        final long d = denominator / gcd;
        final boolean present = rules.hasRate(u);
        if (withdraw ? !present : present && rules.rateNumerator[u] == n && rules.rateDenominator[u] == d)
        {
            return DUPLICATE;
        }
        if (policies.proposalRunId != 0)
        {
            return PROPOSAL_PENDING;
        }
        rules.setRate(u, n, d);
        resultValue = u;
        return ACCEPTED;
    }

    private int setUrgent(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!keysFit(buffer, offset, length, URGENT_LENGTHS_OFFSET, 2, URGENT_KEYS_OFFSET))
        {
            return MALFORMED;
        }
        final int flag = buffer.getInt(offset + URGENT_FLAG_OFFSET);
        final int obligationLength = buffer.getShort(offset + URGENT_LENGTHS_OFFSET);
        final int participantLength = buffer.getShort(offset + URGENT_LENGTHS_OFFSET + 2);
        if (flag != 0 && flag != 1)
        {
            return MALFORMED;
        }
        if (obligationLength == 0)
        {
            return INVALID_ID;
        }
        final int keys = offset + URGENT_KEYS_OFFSET;
        final int o = ledger.obligationIds.find(buffer, keys, obligationLength);
        if (o == ByteKeyIndex.MISSING)
        {
            return UNKNOWN_OBLIGATION;
        }
        if (participantLength > 0)
        {
            final int p = ledger.participantIds.find(buffer, keys + obligationLength, participantLength);
            if (p == ByteKeyIndex.MISSING)
            {
                return UNKNOWN_PARTICIPANT;
            }
            if (p != ledger.debtor[o] && p != ledger.creditor[o])
            {
                return NOT_A_PARTY;
            }
        }
        final boolean mark = flag == 1;
        if (rules.isUrgent(o) == mark)
        {
            return DUPLICATE;
        }
        if (mark && ledger.openMinor[o] == 0)
        {
            return OBLIGATION_CLOSED;
        }
        rules.setUrgent(o, mark);
        resultValue = o;
        return ACCEPTED;
    }

    private int setPriority(final DirectBuffer buffer, final int offset)
    {
        final int rule = buffer.getInt(offset + PRIORITY_RULE_OFFSET);
        final int scope = buffer.getInt(offset + PRIORITY_SCOPE_OFFSET);
        if (scope != PRIORITY_NEXT_RUN && scope != PRIORITY_STANDING)
        {
            return MALFORMED;
        }
        if (rule < 0 || rule >= PriorityRule.values().length)
        {
            return INVALID_POLICY;
        }
        final int current = scope == PRIORITY_STANDING ? rules.standingPriority : rules.nextRunPriority;
        if (current == rule)
        {
            return DUPLICATE;
        }
        if (policies.proposalRunId != 0)
        {
            return PROPOSAL_PENDING;
        }
        if (scope == PRIORITY_STANDING)
        {
            rules.standingPriority = rule;
        }
        else
        {
            rules.nextRunPriority = rule;
        }
        resultValue = rule;
        return ACCEPTED;
    }

    private int setCommunity(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!keysFit(buffer, offset, length, COMMUNITY_LENGTHS_OFFSET, 2, COMMUNITY_KEYS_OFFSET))
        {
            return MALFORMED;
        }
        final int participantLength = buffer.getShort(offset + COMMUNITY_LENGTHS_OFFSET);
        final int communityLength = buffer.getShort(offset + COMMUNITY_LENGTHS_OFFSET + 2);
        if (participantLength == 0)
        {
            return INVALID_ID;
        }
        final int keys = offset + COMMUNITY_KEYS_OFFSET;
        final int p = ledger.participantIds.find(buffer, keys, participantLength);
        if (p == ByteKeyIndex.MISSING)
        {
            return UNKNOWN_PARTICIPANT;
        }
        final int existing = communityLength == 0 ? RunRules.NONE :
            rules.communityIds.find(buffer, keys + participantLength, communityLength);
        if (communityLength > 0 && existing == ByteKeyIndex.MISSING)
        {
            if (rules.communityIds.size() >= RunRules.MAX_COMMUNITIES)
            {
                return INVALID_POLICY;
            }
        }
        else if (existing == rules.communityOf(p))
        {
            return DUPLICATE;
        }
        final int community = communityLength > 0 && existing == ByteKeyIndex.MISSING ?
            rules.communityIds.add(buffer, keys + participantLength, communityLength) : existing;
        rules.setCommunity(p, community);
        resultValue = community;
        return ACCEPTED;
    }

    private int setRegion(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!keysFit(buffer, offset, length, REGION_LENGTHS_OFFSET, 2, REGION_KEYS_OFFSET))
        {
            return MALFORMED;
        }
        final int communityLength = buffer.getShort(offset + REGION_LENGTHS_OFFSET);
        final int regionLength = buffer.getShort(offset + REGION_LENGTHS_OFFSET + 2);
        if (communityLength == 0)
        {
            return INVALID_ID;
        }
        final int keys = offset + REGION_KEYS_OFFSET;
        final int foundCommunity = rules.communityIds.find(buffer, keys, communityLength);
        final int foundRegion = regionLength == 0 ? RunRules.NONE :
            rules.regionIds.find(buffer, keys + communityLength, regionLength);
        final boolean newCommunity = foundCommunity == ByteKeyIndex.MISSING;
        final boolean newRegion = regionLength > 0 && foundRegion == ByteKeyIndex.MISSING;
        if (!newCommunity && !newRegion && rules.regionOf(foundCommunity) == foundRegion)
        {
            return DUPLICATE;
        }
        if (newCommunity && regionLength == 0)
        {
            // nothing to take out of a region: the community does not exist
            return DUPLICATE;
        }
        if ((newCommunity && rules.communityIds.size() >= RunRules.MAX_COMMUNITIES) ||
            (newRegion && rules.regionIds.size() >= RunRules.MAX_COMMUNITIES))
        {
            return INVALID_POLICY;
        }
        final int community = newCommunity ? rules.communityIds.add(buffer, keys, communityLength) : foundCommunity;
        final int region = newRegion ? rules.regionIds.add(buffer, keys + communityLength, regionLength) :
            foundRegion;
        rules.setRegion(community, region);
        resultValue = region;
        return ACCEPTED;
    }
}

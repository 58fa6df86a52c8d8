package io.clearing.server.http;

import io.clearing.core.engine.api.ResultCode;

import java.util.Locale;

/**
 * The one place where engine result codes become HTTP statuses and error codes. The error code is the result
 * code's name in lower case ({@code UNKNOWN_PARTICIPANT} -> {@code unknown_participant}).
 */
public final class ResultCodes
{
    private ResultCodes()
    {
    }

    /**
     * @return the HTTP status for a command that ended with {@code code}: 2xx when it took effect (or had taken
     * effect before), 4xx when the caller's command was refused with the state unchanged, 5xx when the server
     * could not process it.
     */
    public static int status(final ResultCode code)
    {
        return switch (code)
        {
            case ACCEPTED -> 201;
            case DUPLICATE -> 200;
            case ID_CONFLICT, OBLIGATION_CLOSED, PAYMENT_EXCEEDS_OPEN -> 409;
            case INVALID_ID, INVALID_AMOUNT, SAME_PARTICIPANT, INVALID_SETTING, TOO_LONG, MALFORMED -> 400;
            case UNKNOWN_PARTICIPANT, TOTAL_DEBT_OVERFLOW -> 422;
            case UNKNOWN_OBLIGATION -> 404;
            case ENGINE_CLOSED, JOURNAL_FAILED -> 503;
            case INTERNAL_ERROR -> 500;
            case UNKNOWN_UNIT, NO_PENDING_PROPOSAL -> 404;
            case NOT_A_PARTY -> 403;
            case INVALID_POLICY, NO_DEMURRAGE -> 400;
            case PROPOSAL_PENDING, CUT_OFF_PASSED, AWAITING_ACCEPTANCE, ALREADY_ANSWERED, INSUFFICIENT_BALANCE,
                HIERARCHY_WITH_LIQUIDITY, NOVATION_ACCOUNT_TAKEN -> 409;
            case NOVATION_UNSUPPORTED -> 422;
            case POLICY_OVERFLOW -> 422;
        };
    }

    /**
     * @return the error code for a refused command.
     */
    public static String errorCode(final ResultCode code)
    {
        return code.name().toLowerCase(Locale.ROOT);
    }

    /**
     * @return an exception for a refused command, its message saying what and where.
     */
    public static ApiException refused(final ResultCode code, final String where)
    {
        return new ApiException(status(code), errorCode(code), where + ": " + code.reason());
    }
}

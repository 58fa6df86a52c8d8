package io.clearing.server.auth;

/**
 * What a key may do. Role names in JSON and in {@code @RolesAllowed} are the lower-case constant names.
 */
public enum Role
{
    /**
     * Everything: participants, obligations of anyone, clearing runs, snapshots, keys.
     */
    OPERATOR,

    /**
     * One participant's accounting system: submits obligations it is debtor or creditor of, records payments
     * received as creditor, and reads only its own obligations, set-offs and position.
     */
    PARTICIPANT,

    /**
     * Auditors and regulators: read everything, change nothing.
     */
    AUDITOR;

    public static final String OPERATOR_NAME = "operator";
    public static final String PARTICIPANT_NAME = "participant";
    public static final String AUDITOR_NAME = "auditor";

    /**
     * @return the lower-case name used in JSON, configuration and role checks.
     */
    public String roleName()
    {
        return switch (this)
        {
            case OPERATOR -> OPERATOR_NAME;
            case PARTICIPANT -> PARTICIPANT_NAME;
            case AUDITOR -> AUDITOR_NAME;
        };
    }

    /**
     * @return the role of that lower-case name, or null when there is none.
     */
    public static Role ofName(final String name)
    {
        for (final Role role : values())
        {
            if (role.roleName().equals(name))
            {
                return role;
            }
        }
        return null;
    }
}

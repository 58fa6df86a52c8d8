package io.clearing.core.policy;

/**
 * Secondary objective of a policy run. A priority never lowers the total set-off: among all set-offs of the largest
 * total, the run picks one that favours the preferred obligations (lexicographic costs; see docs/policies.md).
 */
public enum PriorityRule
{
    /**
     * Any optimal set-off.
     */
    NONE,

    /**
     * Obligations with earlier due days first.
     */
    OLDER_FIRST,

    /**
     * Obligations marked urgent first.
     */
    URGENT_FIRST
}

package io.clearing.core.policy;

import java.util.Locale;

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
    URGENT_FIRST;

    /**
     * @return the name files and requests use: {@code none}, {@code older_first}, {@code urgent_first}.
     */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @return the rule with this {@link #label()}, in any case, or null when there is none.
     */
    public static PriorityRule ofLabel(final String label)
    {
        for (final PriorityRule rule : values())
        {
            if (rule.name().equalsIgnoreCase(label))
            {
                return rule;
            }
        }
        return null;
    }
}

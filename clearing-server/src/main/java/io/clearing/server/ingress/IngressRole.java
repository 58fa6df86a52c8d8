package io.clearing.server.ingress;

/**
 * What a connecting system may do through the ingress.
 */
public enum IngressRole
{
    /**
     * Every command: register participants, submit obligations between any participants, record payments.
     */
    OPERATOR,
    /**
     * Submits obligations in which its own participant id is the debtor or the creditor; nothing else.
     */
    PARTICIPANT,
    /**
     * Reads everything elsewhere and changes nothing: every ingress command is refused as forbidden.
     */
    AUDITOR
}

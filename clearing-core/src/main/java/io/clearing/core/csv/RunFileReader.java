package io.clearing.core.csv;

import io.clearing.core.api.AddResult;
import io.clearing.core.api.ObligationNetwork;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the readers of run certificate files ({@link RunCertificateCsv}, {@link NovatedRunCertificateCsv}) share:
 * participant and obligation rows build the network first; the other rows are deferred and resolved once it is built
 * ({@link #at} points errors at the deferred row's line); numbers and field counts are checked, and every refusal is
 * a {@link CsvFormatException} naming {@code FILE:LINE}.
 */
abstract class RunFileReader
{
    final CsvLines lines;
    final String name;
    final Map<String, Integer> participants = new HashMap<>();
    final Map<String, Integer> obligations = new HashMap<>();
    final ObligationNetwork.Builder network = ObligationNetwork.builder(64);
    final List<List<String>> later = new ArrayList<>();
    final List<Long> laterLine = new ArrayList<>();
    long deferredLine = -1;

    RunFileReader(final CsvLines lines, final String name)
    {
        this.lines = lines;
        this.name = name;
    }

    /**
     * Keeps a row to resolve after the network is built.
     */
    final void defer(final List<String> fields)
    {
        later.add(fields);
        laterLine.add(lines.lineNumber());
    }

    final void participant(final List<String> fields) throws CsvFormatException
    {
        fieldCount(fields, 2);
        if (!obligations.isEmpty())
        {
            throw error("participants come before the obligations");
        }
        final String id = fields.get(1);
        if (id.isEmpty() || participants.containsKey(id))
        {
            throw error(id.isEmpty() ? "empty participant id" : "participant '" + id + "' given twice");
        }
        participants.put(id, participants.size());
        network.participant(id);
    }

    /**
     * Adds an obligation row's obligation to the network (its parties checked by the caller).
     */
    final void addObligation(final String id, final String debtor, final String creditor, final long amount)
        throws CsvFormatException
    {
        if (obligations.containsKey(id))
        {
            throw error("obligation '" + id + "' given twice");
        }
        final AddResult added = network.add(id, debtor, creditor, amount);
        if (added != AddResult.ACCEPTED)
        {
            throw error("obligation '" + id + "' refused: " + added);
        }
        obligations.put(id, obligations.size());
    }

    final int participantIndex(final String id) throws CsvFormatException
    {
        final Integer p = participants.get(id);
        if (p == null)
        {
            throw error("participant '" + id + "' is not listed");
        }
        return p;
    }

    /**
     * Errors from now on name the line of deferred row {@code laterRow}.
     */
    final void at(final int laterRow)
    {
        deferredLine = laterLine.isEmpty() ? -1 : laterLine.get(laterRow);
    }

    /**
     * An error on the row being read, or on the deferred row being resolved.
     */
    final CsvFormatException error(final String reason)
    {
        return new CsvFormatException(name, deferredLine >= 0 ? deferredLine : Math.max(1, lines.lineNumber()),
            reason);
    }

    final void fieldCount(final List<String> fields, final int count) throws CsvFormatException
    {
        if (fields.size() != count)
        {
            throw error(fields.get(0) + " has " + count + " fields, found " + fields.size());
        }
    }

    final long number(final String text, final String what) throws CsvFormatException
    {
        final long value = signed(text, what);
        if (value < 0)
        {
            throw error(what + " is negative");
        }
        return value;
    }

    final long signed(final String text, final String what) throws CsvFormatException
    {
        try
        {
            if (text.isEmpty() || text.charAt(0) == '+')
            {
                throw new NumberFormatException(text);
            }
            return Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw error(what + " '" + text + "' is not a 64-bit integer");
        }
    }
}

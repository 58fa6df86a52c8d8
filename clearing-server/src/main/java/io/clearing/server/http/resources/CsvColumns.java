package io.clearing.server.http.resources;

import io.clearing.server.http.ApiException;

/**
 * Where the obligation fields are in an uploaded CSV, from its header (columns in any order, others ignored, the
 * id column required: the server needs obligation ids to make uploads idempotent), and the line splitting and
 * amount parsing of that format (no quoting: ids never contain commas or quotes).
 *
 * @param count    columns in the header.
 * @param id       index of the id column.
 * @param debtor   index of the debtor column.
 * @param creditor index of the creditor column.
 * @param amount   index of the amount column.
 */
record CsvColumns(int count, int id, int debtor, int creditor, int amount)
{
    static CsvColumns of(final String header)
    {
        if (header == null)
        {
            throw ApiException.badRequest("line 1: body is empty: expected the header id,debtor,creditor,amount");
        }
        final String[] names = header.replace("\uFEFF", "").split(",", -1);
        int id = -1;
        int debtor = -1;
        int creditor = -1;
        int amount = -1;
        for (int i = 0; i < names.length; i++)
        {
            final String name = names[i].trim();
            switch (name)
            {
                case "id" -> id = i;
                case "debtor" -> debtor = i;
                case "creditor" -> creditor = i;
                case "amount" -> amount = i;
                default ->
                {
                }
            }
        }
        if (id < 0 || debtor < 0 || creditor < 0 || amount < 0)
        {
            throw ApiException.badRequest("line 1: the header must name the columns id, debtor, creditor and " +
                "amount (the server needs obligation ids): " + header);
        }
        return new CsvColumns(names.length, id, debtor, creditor, amount);
    }

    /**
     * Splits on commas into {@code fields}, dropping a trailing carriage return.
     *
     * @return the number of fields found (may exceed {@code fields.length}, then the rest are not stored).
     */
    static int split(final String line, final String[] fields)
    {
        final int end = line.endsWith("\r") ? line.length() - 1 : line.length();
        int count = 0;
        int start = 0;
        for (int i = 0; i <= end; i++)
        {
            if (i == end || line.charAt(i) == ',')
            {
                if (count < fields.length)
                {
                    fields[count] = line.substring(start, i).trim();
                }
                count++;
                start = i + 1;
            }
        }
        return count;
    }

    /**
     * @return the amount, or -1 when it is not a positive decimal integer that fits in a long.
     */
    static long parseAmount(final String text)
    {
        if (text.isEmpty() || text.length() > 19)
        {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c < '0' || c > '9')
            {
                return -1;
            }
            value = value * 10 + (c - '0');
            if (value < 0)
            {
                return -1;
            }
        }
        return value;
    }
}

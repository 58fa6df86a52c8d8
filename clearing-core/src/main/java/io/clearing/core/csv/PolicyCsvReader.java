package io.clearing.core.csv;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.policy.ClearingPolicy;
import io.clearing.core.policy.PolicyRuleResult;
import io.clearing.core.policy.PriorityRule;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the rules of a policy run: the optional {@code unit}, {@code due} and {@code urgent} columns of the
 * obligations CSV, and a policy file of one rule a line ({@code #} starts a comment line; blank lines are skipped):
 * <pre>
 * dispute,OBLIGATION_ID                    urgent,OBLIGATION_ID            due,OBLIGATION_ID,YYYY-MM-DD
 * opt_out,PARTICIPANT                      related,PARTICIPANT,PARTICIPANT
 * minimum,PARTICIPANT,AMOUNT               due_window,PARTICIPANT,YYYY-MM-DD,YYYY-MM-DD
 * cap,PARTICIPANT,UNIT,AMOUNT              liquidity,PARTICIPANT,UNIT,AMOUNT
 * priority,none|older_first|urgent_first   treasury,PARTICIPANT      rate,UNIT,NUMERATOR,DENOMINATOR
 * </pre>
 * Participants and obligation ids must exist in the network; amounts follow the obligations' {@code --scale};
 * {@code rate,U,n,d} says one minor unit of U is worth n/d of the treasury's reference value. Any problem stops the
 * read with a {@link CsvFormatException} naming file, line and what is wrong; nothing partial is returned.
 */
public final class PolicyCsvReader
{
    /**
     * Policy files are read whole: rules are few (one line per dispute, cap, commitment, ...).
     */
    private static final int MAX_FILE_BYTES = 64 << 20;

    private final int scale;

    /**
     * @param scale decimals allowed in amounts, as for the obligations file.
     */
    public PolicyCsvReader(final int scale)
    {
        this.scale = scale;
    }

    /**
     * @param policyFile      the rules.
     * @param obligationsFile the file the network was read from (for its unit, due and urgent columns).
     * @param network         the obligations read from it.
     * @return the policy.
     */
    public ClearingPolicy read(final Path policyFile, final Path obligationsFile, final ObligationNetwork network)
        throws IOException, CsvFormatException
    {
        final ClearingPolicy.Builder builder = ClearingPolicy.builder(network);
        final Map<String, Integer> obligationIndex = new HashMap<>();
        for (int i = 0; i < network.obligationCount(); i++)
        {
            obligationIndex.put(network.obligationId(i), i);
        }
        final Map<String, Integer> participantIndex = new HashMap<>();
        for (int p = 0; p < network.participantCount(); p++)
        {
            participantIndex.put(network.participantId(p), p);
        }
        readObligationColumns(obligationsFile, builder);
        final Context context = new Context(policyFile.toString(), builder, obligationIndex, participantIndex);
        final String[] lines = lines(policyFile);
        for (int n = 0; n < lines.length; n++)
        {
            final String line = lines[n].strip();
            if (!line.isEmpty() && line.charAt(0) != '#')
            {
                context.line = n + 1;
                context.rule(fields(line));
            }
        }
        return builder.build();
    }

    /**
     * Streams the obligations file again for its optional columns; the obligations reader has already checked its
     * structure, encoding and line lengths, so only the new columns' values can be wrong here.
     */
    private void readObligationColumns(final Path file, final ClearingPolicy.Builder builder)
        throws IOException, CsvFormatException
    {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            String line = reader.readLine();
            long lineNumber = 1;
            while (line != null && line.isBlank())
            {
                line = reader.readLine();
                lineNumber++;
            }
            if (line == null)
            {
                return;
            }
            final String[] header = fields(line.replace("\uFEFF", ""));
            final int unitColumn = column(header, "unit");
            final int dueColumn = column(header, "due");
            final int urgentColumn = column(header, "urgent");
            if (unitColumn < 0 && dueColumn < 0 && urgentColumn < 0)
            {
                return;
            }
            final String where = file.toString();
            int obligation = 0;
            while ((line = reader.readLine()) != null)
            {
                lineNumber++;
                if (line.isBlank())
                {
                    continue;
                }
                final String[] row = fields(line);
                if (row.length != header.length)
                {
                    throw new CsvFormatException(where, lineNumber, row.length + " columns, the header has " +
                        header.length);
                }
                if (unitColumn >= 0 && !row[unitColumn].isEmpty())
                {
                    builder.unit(obligation, row[unitColumn]);
                }
                if (dueColumn >= 0 && !row[dueColumn].isEmpty())
                {
                    builder.dueDay(obligation, day(where, lineNumber, row[dueColumn]));
                }
                if (urgentColumn >= 0 && !row[urgentColumn].isEmpty() && urgent(where, lineNumber, row[urgentColumn]))
                {
                    builder.urgent(obligation);
                }
                obligation++;
            }
        }
    }

    private static int column(final String[] header, final String name)
    {
        for (int c = 0; c < header.length; c++)
        {
            if (header[c].toLowerCase(Locale.ROOT).equals(name))
            {
                return c;
            }
        }
        return -1;
    }

    private static boolean urgent(final String file, final long line, final String text) throws CsvFormatException
    {
        switch (text.toLowerCase(Locale.ROOT))
        {
            case "yes", "true", "1":
                return true;
            case "no", "false", "0":
                return false;
            default:
                throw new CsvFormatException(file, line, "urgent '" + text + "' is not yes/no, true/false or 1/0");
        }
    }

    private static String[] lines(final Path file) throws IOException, CsvFormatException
    {
        if (Files.size(file) > MAX_FILE_BYTES)
        {
            throw new CsvFormatException(file.toString(), 1, "file is larger than " + (MAX_FILE_BYTES >> 20) + " MiB");
        }
        final byte[] bytes = Files.readAllBytes(file);
        try
        {
            final String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
            return text.split("\r?\n", -1);
        }
        catch (final CharacterCodingException ex)
        {
            int line = 1;
            final String prefix = new String(bytes, StandardCharsets.UTF_8);
            for (int i = 0; i < prefix.length() && prefix.charAt(i) != '\uFFFD'; i++)
            {
                line += prefix.charAt(i) == '\n' ? 1 : 0;
            }
            throw new CsvFormatException(file.toString(), line, "invalid UTF-8");
        }
    }

    private static String[] fields(final String line)
    {
        final String[] fields = line.split(",", -1);
        for (int f = 0; f < fields.length; f++)
        {
            String field = fields[f].strip();
            if (field.length() >= 2 && field.charAt(0) == '"' && field.charAt(field.length() - 1) == '"')
            {
                field = field.substring(1, field.length() - 1);
            }
            fields[f] = field;
        }
        return fields;
    }

    private static long day(final String file, final long line, final String text) throws CsvFormatException
    {
        try
        {
            return LocalDate.parse(text).toEpochDay();
        }
        catch (final DateTimeParseException ex)
        {
            throw new CsvFormatException(file, line, "date '" + text + "' is not YYYY-MM-DD");
        }
    }

    private final class Context
    {
        private final String file;
        private final ClearingPolicy.Builder builder;
        private final Map<String, Integer> obligationIndex;
        private final Map<String, Integer> participantIndex;
        private boolean prioritySet;
        private long line;

        Context(
            final String file, final ClearingPolicy.Builder builder, final Map<String, Integer> obligationIndex,
            final Map<String, Integer> participantIndex)
        {
            this.file = file;
            this.builder = builder;
            this.obligationIndex = obligationIndex;
            this.participantIndex = participantIndex;
        }

        void rule(final String[] f) throws CsvFormatException
        {
            final String rule = f[0].toLowerCase(Locale.ROOT);
            switch (rule)
            {
                case "dispute" -> builder.dispute(obligation(f, 1, "dispute,OBLIGATION_ID"));
                case "urgent" -> builder.urgent(obligation(f, 1, "urgent,OBLIGATION_ID"));
                case "due" ->
                {
                    final int obligation = obligation(f, 2, "due,OBLIGATION_ID,YYYY-MM-DD");
                    builder.dueDay(obligation, day(file, line, f[2]));
                }
                case "opt_out" -> builder.optOut(participant(f, 1, "opt_out,PARTICIPANT", 1));
                case "related" -> check(builder.related(
                    participant(f, 2, "related,PARTICIPANT,PARTICIPANT", 1),
                    participant(f, 2, "related,PARTICIPANT,PARTICIPANT", 2)));
                case "minimum" -> check(builder.minimumAmount(
                    participant(f, 2, "minimum,PARTICIPANT,AMOUNT", 1), amount(f[2])));
                case "due_window" ->
                {
                    final int participant = participant(f, 3, "due_window,PARTICIPANT,FROM,TO", 1);
                    check(builder.dueWindow(participant, day(file, line, f[2]), day(file, line, f[3])));
                }
                case "cap" -> check(builder.receivableCap(
                    participant(f, 3, "cap,PARTICIPANT,UNIT,AMOUNT", 1), f[2], amount(f[3])));
                case "liquidity" -> check(builder.liquidity(
                    participant(f, 3, "liquidity,PARTICIPANT,UNIT,AMOUNT", 1), f[2], amount(f[3])));
                case "treasury" -> check(builder.treasury(participant(f, 1, "treasury,PARTICIPANT", 1)));
                case "rate" ->
                {
                    arity(f, 3, "rate,UNIT,NUMERATOR,DENOMINATOR");
                    if (f[1].isEmpty())
                    {
                        throw error("unit is empty");
                    }
                    check(builder.rate(f[1], integer(f[2], "numerator"), integer(f[3], "denominator")));
                }
                case "priority" ->
                {
                    arity(f, 1, "priority,none|older_first|urgent_first");
                    if (prioritySet)
                    {
                        throw error("priority is already set");
                    }
                    builder.priority(priority(f[1]));
                    prioritySet = true;
                }
                default -> throw error("unknown rule '" + f[0] + "': expected dispute, urgent, due, opt_out, related, " +
                    "minimum, due_window, cap, liquidity, priority, treasury or rate");
            }
        }

        private PriorityRule priority(final String text) throws CsvFormatException
        {
            final PriorityRule rule = PriorityRule.ofLabel(text);
            if (rule == null)
            {
                throw error("priority '" + text + "': expected none, older_first or urgent_first");
            }
            return rule;
        }

        private void arity(final String[] f, final int arguments, final String usage) throws CsvFormatException
        {
            if (f.length != arguments + 1)
            {
                throw error("rule " + f[0] + " takes " + arguments + " field(s): " + usage);
            }
        }

        private int obligation(final String[] f, final int arguments, final String usage) throws CsvFormatException
        {
            arity(f, arguments, usage);
            final Integer index = obligationIndex.get(f[1]);
            if (index == null)
            {
                throw error("unknown obligation id '" + f[1] + "'");
            }
            return index;
        }

        private int participant(final String[] f, final int arguments, final String usage, final int field)
            throws CsvFormatException
        {
            arity(f, arguments, usage);
            final Integer index = participantIndex.get(f[field]);
            if (index == null)
            {
                throw error("unknown participant '" + f[field] + "'");
            }
            return index;
        }

        private long amount(final String text) throws CsvFormatException
        {
            final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            final long amount = AmountParser.parse(bytes, 0, bytes.length, scale);
            if (amount == AmountParser.NEGATIVE)
            {
                throw error("amount is negative");
            }
            if (amount == AmountParser.OVERFLOW)
            {
                throw error("amount '" + text + "' exceeds " + Long.MAX_VALUE + " minor units");
            }
            if (amount == AmountParser.TOO_MANY_DECIMALS)
            {
                throw error("amount '" + text + "' has more than " + scale + " decimals");
            }
            if (amount < 0)
            {
                throw error("amount '" + text + "' is not a number");
            }
            return amount;
        }

        private long integer(final String text, final String what) throws CsvFormatException
        {
            try
            {
                return Long.parseLong(text);
            }
            catch (final NumberFormatException ex)
            {
                throw error(what + " '" + text + "' is not an integer");
            }
        }

        private void check(final PolicyRuleResult result) throws CsvFormatException
        {
            if (result != PolicyRuleResult.ACCEPTED)
            {
                throw error(result.message());
            }
        }

        private CsvFormatException error(final String reason)
        {
            return new CsvFormatException(file, line, reason);
        }
    }
}

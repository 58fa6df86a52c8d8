package io.clearing.simulations.report;

/**
 * Escaping for the HTML report.
 */
final class Html
{
    private Html()
    {
    }

    static String escape(final String text)
    {
        final StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static final String STYLE = "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}" +
        "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;font-size:90%;" +
        "vertical-align:top}th{background:#f0f3f8;text-align:left}.ok{color:#1a7f37}.bad{color:#b42318}" +
        ".na{color:#777}img{margin:4px;border:1px solid #eee}code{background:#f4f4f4}</style>";
}

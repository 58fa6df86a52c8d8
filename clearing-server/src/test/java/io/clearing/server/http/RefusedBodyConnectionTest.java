package io.clearing.server.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request refused before its body was read (401, 403) must not cost the client its connection: the server reads
 * and discards the small body that is still arriving, instead of closing the connection under a client that is still
 * writing it (which that client sees as a broken pipe, or as a dropped connection on its next request).
 */
@ExtendWith(TestServer.class)
class RefusedBodyConnectionTest
{
    private static final String BODY = "{\"participant\":\"someone\"}";

    private final TestServer server;

    RefusedBodyConnectionTest(final TestServer server)
    {
        this.server = server;
    }

    @Test
    void shouldKeepTheConnectionWhenARequestIsRefusedBeforeItsBodyArrived() throws Exception
    {
        try (Socket socket = new Socket("127.0.0.1", server.api("/").getPort()))
        {
            socket.setSoTimeout(10_000);
            final OutputStream out = socket.getOutputStream();
            final InputStream in = socket.getInputStream();

            out.write(("PUT /api/v1/treasury HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
                "Content-Length: " + BODY.length() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300);
            out.write(BODY.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final String refused = readResponse(in);

            out.write("GET /api/v1/treasury HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final String second = readResponse(in);

            assertThat(refused).startsWith("HTTP/1.1 401").doesNotContainIgnoringCase("connection: close");
            assertThat(second).startsWith("HTTP/1.1 401");
        }
    }

    /**
     * @return status line and headers of one response, its body skipped by Content-Length.
     */
    private static String readResponse(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4)
        {
            final int b = in.read();
            if (b < 0)
            {
                return head.size() == 0 ? "(connection closed)" : head.toString(StandardCharsets.US_ASCII);
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ?
                matched + 1 : 0;
        }
        final String headers = head.toString(StandardCharsets.US_ASCII);
        for (final String line : headers.split("\r\n"))
        {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15))
            {
                in.readNBytes(Integer.parseInt(line.substring(15).trim()));
            }
        }
        return headers;
    }
}

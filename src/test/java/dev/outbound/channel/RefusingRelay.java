package dev.outbound.channel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A line proxy in front of a real SMTP server (GreenMail), which accepts every recipient, that
 * answers RCPT TO itself for two test domains: {@code @refused.test} gets {@code 550 5.1.1} (no
 * such user) and {@code @later.test} gets {@code 451 4.3.0} (try again later). Everything else
 * passes through unchanged. Angus Mail waits for each reply (GreenMail offers no PIPELINING), so
 * replies never interleave.
 */
final class RefusingRelay implements AutoCloseable {
    private final ServerSocket server;
    private final int upstreamPort;

    RefusingRelay(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> relay(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client;
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            OutputStream toClient = client.getOutputStream();
            Thread back = Thread.ofVirtual().start(() -> copy(upstream, toClient));
            var fromClient =
                    new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream toUpstream = upstream.getOutputStream();
            for (String line = fromClient.readLine(); line != null; line = fromClient.readLine()) {
                String reply = reply(line);
                if (reply != null) {
                    synchronized (toClient) {
                        toClient.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        toClient.flush();
                    }
                } else {
                    toUpstream.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    toUpstream.flush();
                }
            }
            back.join(1000);
        } catch (IOException | InterruptedException ignored) {
            // the client or the server hung up
        }
    }

    private static @org.jspecify.annotations.Nullable String reply(String line) {
        String l = line.toLowerCase(Locale.ROOT);
        if (!l.startsWith("rcpt to:")) {
            return null;
        }
        if (l.contains("@refused.test>")) {
            return "550 5.1.1 No such user here";
        }
        if (l.contains("@later.test>")) {
            return "451 4.3.0 Mailbox temporarily unavailable";
        }
        return null;
    }

    private static void copy(Socket from, OutputStream to) {
        byte[] buffer = new byte[8192];
        try {
            var in = from.getInputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (to) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            }
        } catch (IOException ignored) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}

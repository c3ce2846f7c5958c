package dev.outbound.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A webhook receiver on loopback that records every call and answers with the next status of
 * its script (200 once the script is used up). {@link #down()} closes the port, {@link #up()}
 * listens on the same port again.
 */
final class Receiver implements AutoCloseable {
    record Call(String method, String path, Map<String, String> headers, String body) {
        String header(String name) {
            String v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? "" : v;
        }
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Queue<Integer> script = new ConcurrentLinkedQueue<>();
    private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean hang;
    private int port;
    private @Nullable HttpServer server;

    Receiver() {
        up();
    }

    void answer(int... statuses) {
        for (int s : statuses) {
            script.add(s);
        }
    }

    /** From now on, calls are received but never answered (until {@link #close()}). */
    void hang() {
        hang = true;
    }

    synchronized void up() {
        try {
            var s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            s.createContext("/", this::handle);
            s.start();
            port = s.getAddress().getPort();
            server = s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    int port() {
        return port;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    List<Call> calls() {
        return new ArrayList<>(calls);
    }

    private void handle(HttpExchange x) throws IOException {
        var headers = new TreeMap<String, String>();
        x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        calls.add(new Call(x.getRequestMethod(), x.getRequestURI().getPath(), headers, body));
        if (hang) {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Integer status = script.poll();
        byte[] answer = "ok".getBytes(StandardCharsets.UTF_8);
        int code = status == null ? 200 : status;
        if (code >= 300 && code < 400) {
            x.getResponseHeaders().add("Location", url("/redirected"));
        }
        x.sendResponseHeaders(code, answer.length);
        x.getResponseBody().write(answer);
        x.close();
    }

    @Override
    public void close() {
        released.countDown();
        down();
    }
}

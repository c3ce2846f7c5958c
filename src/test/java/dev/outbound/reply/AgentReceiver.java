package dev.outbound.reply;

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
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An agent's SMS URL on loopback: records every call and answers the next scripted status, else 200. */
final class AgentReceiver implements AutoCloseable {
    record Call(String path, Map<String, String> headers, String body) {
        String header(String name) {
            String v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? "" : v;
        }
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final java.util.Queue<Integer> script = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final HttpServer server;

    AgentReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", x -> {
            var headers = new TreeMap<String, String>();
            x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(new Call(x.getRequestURI().getPath(), headers, body));
            Integer status = script.poll();
            x.sendResponseHeaders(status == null ? 200 : status, -1);
            x.close();
        });
        server.start();
    }

    void answer(int... statuses) {
        for (int s : statuses) {
            script.add(s);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Call> calls() {
        return new ArrayList<>(calls);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package dev.outbound.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * A local stand-in for Twilio's REST API (2010-04-01): creates calls (Calls.json) and messages
 * (Messages.json), lists them by {@code To}, counts what was created per number, and sends signed
 * status callbacks as their scripted outcome plays out on its own time source ({@link
 * #deliverDue()} sends what is due; a test moves time, or {@link #runInRealTime} does).
 *
 * <p>The outcome is chosen by the number's last digit, like the simulator: voice 0–6 a person
 * answers (talk time {@link #talkTime}), 7 busy, 8 no answer, 9 an answering machine; SMS 0–6
 * delivered, 7–8 undelivered, 9 failed. Numbers can be made to be refused ({@link #refuse}), or
 * to have opted out of messages ({@link #unsubscribed}); the next requests can be made to fail
 * ({@link #failNext}).
 */
public final class TwilioStandIn implements AutoCloseable {
    public static final String ACCOUNT = "AC00000000000000000000000000000001";
    public static final String TOKEN = "stand-in-auth-token";
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    /** Sends one signed callback; the default posts it over HTTP. */
    @FunctionalInterface
    public interface CallbackSink {
        void send(String url, Map<String, String> params, String signature);
    }

    /** A call or message as created. */
    public record Created(String sid, String kind, Map<String, String> form, Instant at) {}

    private record Due(Instant at, long seq, String url, Map<String, String> params) {}

    private final HttpServer server;
    private final Supplier<Instant> now;
    private final HttpClient http = HttpClient.newHttpClient();
    private volatile CallbackSink sink = this::post;
    private final Map<String, AtomicInteger> callsByNumber = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> messagesByNumber = new ConcurrentHashMap<>();
    private final List<Created> created = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, String>> state = new ConcurrentHashMap<>();
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    private final java.util.Set<String> optedOut = ConcurrentHashMap.newKeySet();
    private final List<Integer> failures = new CopyOnWriteArrayList<>();
    /** Number → how its messages end after "sent": [status, error code], or empty for never. */
    private final Map<String, List<String>> messageEndings = new ConcurrentHashMap<>();

    private volatile boolean down;
    private final PriorityQueue<Due> queue =
            new PriorityQueue<>(Comparator.comparing(Due::at).thenComparingLong(Due::seq));
    private final AtomicLong seq = new AtomicLong();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger failAfterCreating = new AtomicInteger();
    private volatile boolean dropCallbacks;
    private volatile boolean callBackBeforeAnswering;
    private volatile Duration talkTime = Duration.ofSeconds(5);
    private volatile @Nullable Thread realTime;

    public TwilioStandIn(Supplier<Instant> now) {
        this.now = now;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /**
     * Points voice and SMS at this stand-in for a service that Twilio reaches at {@code
     * publicUrl}, with a default agent URL and a short timeout.
     */
    public void register(org.springframework.test.context.DynamicPropertyRegistry r, String publicUrl) {
        r.add("outbound.channels.voice", () -> "twilio");
        r.add("outbound.channels.sms", () -> "twilio");
        r.add("outbound.twilio.account-sid", () -> ACCOUNT);
        r.add("outbound.twilio.auth-token", () -> TOKEN);
        r.add("outbound.twilio.api-base-url", this::baseUrl);
        r.add("outbound.twilio.public-url", () -> publicUrl);
        r.add("outbound.twilio.voice-url", () -> "https://agent.example/default");
        r.add("outbound.twilio.timeout", () -> "2s");
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public TwilioStandIn sink(CallbackSink sink) {
        this.sink = sink;
        return this;
    }

    /**
     * Posts callbacks for {@code publicUrl} to {@code localBase} instead, signed over the public
     * URL, as a proxy in front of the service would.
     */
    public TwilioStandIn forward(String publicUrl, String localBase) {
        this.sink = (url, params, signature) -> post(url.replace(publicUrl, localBase), params, signature);
        return this;
    }

    public TwilioStandIn talkTime(Duration talkTime) {
        this.talkTime = talkTime;
        return this;
    }

    /** Callbacks are dropped from now on (Twilio could not reach us). */
    /**
     * Sends what is due as soon as a call or message is created, before answering the create:
     * Twilio's first callback can overtake its answer.
     */
    public void callBackBeforeAnswering(boolean early) {
        callBackBeforeAnswering = early;
    }

    public void dropCallbacks(boolean drop) {
        this.dropCallbacks = drop;
    }

    /** Creating a call or message to {@code number} answers 400 with Twilio's error 21211. */
    public void refuse(String number) {
        refused.put(number, "The 'To' number " + number + " is not a valid phone number.");
    }

    /**
     * Creating a message to {@code number} answers 400 with Twilio's error 21610: the person
     * replied STOP to the sender.
     */
    public void unsubscribed(String number) {
        optedOut.add(number);
    }

    /**
     * Messages to {@code number} end with {@code status} and Twilio's {@code errorCode} after
     * "sent", in the callback's {@code ErrorCode} and the resource's {@code error_code}.
     */
    public void endMessages(String number, String status, String errorCode) {
        messageEndings.put(number, List.of(status, errorCode));
    }

    /** Messages to {@code number} stay "sent": the carrier never reports. */
    public void neverReport(String number) {
        messageEndings.put(number, List.of());
    }

    /** While down, every request answers 503 (Twilio cannot be reached). */
    public void down(boolean down) {
        this.down = down;
    }

    /** The next creates do create the call or message but answer 500, as after a lost response. */
    public void failAfterCreating(int n) {
        failAfterCreating.addAndGet(n);
    }

    /** The next requests (any resource) answer these HTTP statuses, in order. */
    public void failNext(int... statuses) {
        for (int s : statuses) {
            failures.add(s);
        }
    }

    public int calls(String number) {
        AtomicInteger n = callsByNumber.get(number);
        return n == null ? 0 : n.get();
    }

    public int messages(String number) {
        AtomicInteger n = messagesByNumber.get(number);
        return n == null ? 0 : n.get();
    }

    public Map<String, Integer> callsByNumber() {
        var out = new TreeMap<String, Integer>();
        callsByNumber.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public List<Created> created() {
        return List.copyOf(created);
    }

    /** HTTP requests received, answered or not. */
    public int requests() {
        return requests.get();
    }

    /** Sends every callback due by now, in order. */
    public void deliverDue() {
        Instant t = now.get();
        while (true) {
            Due due;
            synchronized (queue) {
                Due head = queue.peek();
                if (head == null || head.at().isAfter(t)) {
                    return;
                }
                due = queue.poll();
            }
            if (!dropCallbacks) {
                sink.send(due.url(), due.params(), sign(due.url(), due.params()));
            }
        }
    }

    /** Delivers what is due every 20 ms on a daemon thread, for tests on the wall clock. */
    public void runInRealTime() {
        Thread t = Thread.ofPlatform().daemon().name("twilio-stand-in").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    deliverDue();
                    Thread.sleep(20); // the stand-in's own clock tick, not test synchronisation
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // a node that is down misses its callback, as with Twilio
                }
            }
        });
        realTime = t;
    }

    @Override
    public void close() {
        Thread t = realTime;
        if (t != null) {
            t.interrupt();
        }
        server.stop(0);
    }

    /** Twilio's signature: Base64 HMAC-SHA1 of the URL and the sorted parameters, keyed by the token. */
    public static String sign(String url, Map<String, String> params) {
        var data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void post(String url, Map<String, String> params, String signature) {
        var request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(encode(params)))
                .build();
        try {
            http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // the node is down: Twilio gives up too
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String prefix = "/2010-04-01/Accounts/" + ACCOUNT + "/";
            String auth = "Basic "
                    + Base64.getEncoder().encodeToString((ACCOUNT + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
            if (!auth.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                answer(ex, 401, "{\"code\": 20003, \"message\": \"Authenticate\", \"status\": 401}");
                return;
            }
            if (down) {
                answer(ex, 503, "{\"code\": 20503, \"message\": \"Service unavailable\"}");
                return;
            }
            if (!failures.isEmpty()) {
                int status = failures.remove(0);
                if (status == 429) {
                    ex.getResponseHeaders().add("Retry-After", "2");
                }
                answer(ex, status, "{\"code\": 20429, \"message\": \"Stand-in failure " + status + "\"}");
                return;
            }
            if (!path.startsWith(prefix)) {
                answer(ex, 404, "{\"code\": 20404, \"message\": \"Not found\", \"status\": 404}");
                return;
            }
            String resource = path.substring(prefix.length());
            boolean post = ex.getRequestMethod().equals("POST");
            if (resource.equals("Calls.json") && post) {
                create(ex, "call", form(ex.getRequestBody()));
            } else if (resource.equals("Messages.json") && post) {
                create(ex, "message", form(ex.getRequestBody()));
            } else if (resource.equals("Calls.json") || resource.equals("Messages.json")) {
                list(
                        ex,
                        resource.equals("Calls.json") ? "call" : "message",
                        ex.getRequestURI().getRawQuery());
            } else {
                answer(ex, 404, "{\"code\": 20404, \"message\": \"Not found\", \"status\": 404}");
            }
        }
    }

    private void create(HttpExchange ex, String kind, Map<String, String> form) throws IOException {
        String to = form.getOrDefault("To", "");
        String callback = form.get("StatusCallback");
        if (to.isBlank() || form.getOrDefault("From", "").isBlank() || callback == null) {
            answer(ex, 400, "{\"code\": 21201, \"message\": \"To, From and StatusCallback are required\"}");
            return;
        }
        String refusal = refused.get(to);
        if (refusal != null) {
            answer(ex, 400, "{\"code\": 21211, \"message\": \"" + refusal + "\", \"status\": 400}");
            return;
        }
        if (kind.equals("message") && optedOut.contains(to)) {
            answer(
                    ex,
                    400,
                    "{\"code\": 21610, \"message\": \"Attempt to send to unsubscribed recipient\", "
                            + "\"status\": 400}");
            return;
        }
        Instant at = now.get();
        String sid = (kind.equals("call") ? "CA" : "SM")
                + java.util.UUID.randomUUID().toString().replace("-", "");
        (kind.equals("call") ? callsByNumber : messagesByNumber)
                .computeIfAbsent(to, k -> new AtomicInteger())
                .incrementAndGet();
        created.add(new Created(sid, kind, Map.copyOf(form), at));
        var item = new LinkedHashMap<String, String>();
        item.put("sid", sid);
        item.put("to", to);
        item.put("from", form.get("From"));
        item.put("status", "queued");
        item.put("date_created", RFC_1123.format(at));
        item.put("status_callback", callback);
        item.put("kind", kind);
        state.put(sid, item);
        schedule(kind, sid, to, callback, form.containsKey("MachineDetection"), at);
        if (callBackBeforeAnswering) {
            deliverDue();
        }
        if (failAfterCreating.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            answer(ex, 500, "{\"code\": 20500, \"message\": \"Internal Server Error\"}");
            return;
        }
        answer(ex, 201, json(item));
    }

    private void schedule(String kind, String sid, String to, String url, boolean amd, Instant start) {
        char last = to.isEmpty() ? '0' : to.charAt(to.length() - 1);
        int digit = Character.isDigit(last) ? last - '0' : 0;
        if (kind.equals("call")) {
            String human = amd ? "human" : null;
            later(sid, url, start, 0, "initiated", null);
            if (digit == 7) {
                later(sid, url, start, 1000, "busy", null);
            } else if (digit == 8) {
                later(sid, url, start, 1000, "ringing", null);
                later(sid, url, start, 30_000, "no-answer", null);
            } else if (digit == 9) {
                later(sid, url, start, 1000, "ringing", null);
                later(sid, url, start, 2000, "in-progress", amd ? "machine_end_beep" : null);
                later(sid, url, start, 3000, "completed", amd ? "machine_end_beep" : null);
            } else {
                later(sid, url, start, 1000, "ringing", null);
                later(sid, url, start, 2000, "in-progress", human);
                later(sid, url, start, 2000 + talkTime.toMillis(), "completed", human);
            }
        } else if (messageEndings.containsKey(to)) {
            List<String> ending = messageEndings.get(to);
            later(sid, url, start, 1000, "sent", null);
            if (!ending.isEmpty()) {
                later(sid, url, start, 2000, ending.get(0), null, ending.get(1));
            }
        } else {
            if (digit == 9) {
                later(sid, url, start, 1000, "failed", null);
            } else if (digit >= 7) {
                later(sid, url, start, 1000, "sent", null);
                later(sid, url, start, 2000, "undelivered", null);
            } else {
                later(sid, url, start, 1000, "sent", null);
                later(sid, url, start, 2000, "delivered", null);
            }
        }
    }

    private void later(String sid, String url, Instant start, long millis, String status, @Nullable String by) {
        later(sid, url, start, millis, status, by, null);
    }

    private void later(
            String sid,
            String url,
            Instant start,
            long millis,
            String status,
            @Nullable String by,
            @Nullable String errorCode) {
        Instant at = start.plusMillis(millis);
        Map<String, String> item = state.get(sid);
        boolean call = item != null && "call".equals(item.get("kind"));
        var params = new LinkedHashMap<String, String>();
        params.put("AccountSid", ACCOUNT);
        params.put(call ? "CallSid" : "MessageSid", sid);
        params.put(call ? "CallStatus" : "MessageStatus", status);
        params.put("To", item == null ? "" : item.get("to"));
        params.put("Timestamp", RFC_1123.format(at));
        params.put("ApiVersion", "2010-04-01");
        if (by != null) {
            params.put("AnsweredBy", by);
        }
        if (errorCode != null) {
            params.put("ErrorCode", errorCode);
        }
        synchronized (queue) {
            queue.add(new Due(at, seq.incrementAndGet(), url, params));
        }
        // The resource's own status moves when the callback is due, whether or not it is delivered.
        statusChanges.add(new StatusChange(sid, at, status, by, errorCode));
    }

    private record StatusChange(
            String sid,
            Instant at,
            String status,
            @Nullable String answeredBy,
            @Nullable String errorCode) {}

    private final List<StatusChange> statusChanges = new CopyOnWriteArrayList<>();

    private void list(HttpExchange ex, String kind, @Nullable String rawQuery) throws IOException {
        Map<String, String> query = form(rawQuery == null ? "" : rawQuery);
        String to = query.getOrDefault("To", "");
        Instant t = now.get();
        var items = new ArrayList<String>();
        var byCreation = new ArrayList<Created>(created);
        byCreation.sort(Comparator.comparing(Created::at).reversed());
        for (Created c : byCreation) {
            Map<String, String> item = state.get(c.sid());
            if (!c.kind().equals(kind) || item == null || !to.equals(item.get("to"))) {
                continue;
            }
            var copy = new LinkedHashMap<>(item);
            copy.remove("kind");
            for (StatusChange change : statusChanges) {
                if (change.sid().equals(c.sid()) && !change.at().isAfter(t)) {
                    copy.put("status", change.status());
                    if (change.answeredBy() != null) {
                        copy.put("answered_by", change.answeredBy());
                    }
                    if (change.errorCode() != null) {
                        copy.put("error_code", change.errorCode());
                    }
                }
            }
            items.add(json(copy));
        }
        answer(ex, 200, "{\"" + kind + "s\": [" + String.join(",", items) + "]}");
    }

    private static String json(Map<String, String> item) {
        var out = new StringBuilder("{");
        item.forEach((k, v) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append('"').append(k).append("\": ");
            out.append(v == null ? "null" : '"' + v.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
        });
        return out.append('}').toString();
    }

    private static Map<String, String> form(InputStream body) throws IOException {
        return form(new String(body.readAllBytes(), StandardCharsets.UTF_8));
    }

    static Map<String, String> form(String encoded) {
        var out = new LinkedHashMap<String, String>();
        if (encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private static String encode(Map<String, String> params) {
        var parts = new ArrayList<String>();
        params.forEach((k, v) -> parts.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return String.join("&", parts);
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}

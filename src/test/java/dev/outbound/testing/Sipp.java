package dev.outbound.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real SIPp (Debian package sip-tester) playing one side of a SIP call from a scenario under
 * src/test/resources/sip, logging every message it sends and receives ({@code -trace_msg}) so a
 * test can check what went over the wire. {@code @NAME@} placeholders in the scenario are filled
 * in first (SIPp reads response codes before its own keywords are replaced).
 */
public final class Sipp implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/bin/sipp");
    /**
     * Fills a scenario gets unless told otherwise: its Contact and the Via of the requests it sends
     * say where SIPp listens, except behind a TLS terminator, where they must name the terminator.
     */
    private static final Map<String, String> DEFAULTS = Map.of(
            "CONTACT", "[local_ip]:[local_port];transport=[transport]", "VIA", "[transport] [local_ip]:[local_port]");

    private final Process process;
    private final Path messages;
    private final Path output;

    private Sipp(Process process, Path messages, Path output) {
        this.process = process;
        this.messages = messages;
        this.output = output;
    }

    /** True when SIPp can run here (bin/lib-setup.sh installs it). */
    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Starts SIPp as a server (it answers calls) on 127.0.0.1:{@code port} for {@code calls}
     * calls, then it exits.
     */
    public static Sipp serve(
            String scenario, int port, int calls, Map<String, String> fill, Path dir, String... extra) {
        try {
            String text;
            try (InputStream in = Sipp.class.getResourceAsStream("/sip/" + scenario)) {
                if (in == null) {
                    throw new IllegalArgumentException("no scenario " + scenario);
                }
                text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
            var all = new java.util.HashMap<>(DEFAULTS);
            all.putAll(fill);
            for (var e : all.entrySet()) {
                text = text.replace("@" + e.getKey() + "@", e.getValue());
            }
            String name = scenario.replace(".xml", "") + "-" + port;
            dir = dir.toAbsolutePath();
            Path file = dir.resolve(name + ".xml");
            Files.writeString(file, text, StandardCharsets.ISO_8859_1);
            Path messages = dir.resolve(name + "-messages.log");
            Path output = dir.resolve(name + "-out.log");
            List<String> command = new ArrayList<>(List.of(
                    BINARY.toString(),
                    "-sf",
                    file.toString(),
                    "-i",
                    "127.0.0.1",
                    "-p",
                    String.valueOf(port),
                    "-m",
                    String.valueOf(calls),
                    "-nostdin",
                    "-timeout",
                    "30s",
                    "-timeout_error",
                    "-trace_msg",
                    "-message_file",
                    messages.toString(),
                    "-trace_err",
                    "-error_file",
                    dir.resolve(name + "-errors.log").toString()));
            command.addAll(List.of(extra));
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            return new Sipp(p, messages, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for SIPp to finish its calls: 0 when every call followed the scenario. */
    public int exitCode(Duration within) {
        try {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                throw new AssertionError("sipp did not finish within " + within + "; messages:\n" + messages());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every message SIPp sent or received so far, as it logged them. */
    public String messages() {
        try {
            return Files.exists(messages) ? Files.readString(messages, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIPp's own output (its statistics, errors). */
    public String output() {
        try {
            return Files.exists(output) ? Files.readString(output, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

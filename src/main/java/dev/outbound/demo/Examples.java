package dev.outbound.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The files of the repository's {@code examples/} directory, which the build copies into the jar
 * unchanged: the README pastes the same files, so the demo and the README cannot drift apart.
 */
final class Examples {
    static final String CAMPAIGN = "examples/campaign.json";
    static final String CALL_LIST = "examples/calllist.csv";

    private Examples() {}

    static InputStream open(String name) {
        InputStream in = Examples.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the jar; the build copies it from examples/");
        }
        return in;
    }

    static String text(String name) {
        try (InputStream in = open(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

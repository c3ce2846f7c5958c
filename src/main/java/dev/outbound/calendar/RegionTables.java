package dev.outbound.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads a region table under {@code src/main/resources/calendar/}: its lines, without comments and blanks. */
final class RegionTables {
    private RegionTables() {}

    static List<String> lines(String name) {
        try (InputStream in = RegionTables.class.getResourceAsStream("/calendar/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the region table calendar/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

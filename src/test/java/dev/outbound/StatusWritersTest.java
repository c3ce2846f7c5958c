package dev.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One writer per lifecycle: only a lifecycle's writer issues SQL that sets the {@code status} of
 * its table. The SQL lives in the sources as text, so the rule reads the text: every
 * {@code UPDATE <table> SET ...} (or {@code MERGE INTO <table> ... UPDATE SET ...}) whose
 * assignments, up to the clause or string that ends them, include {@code status =}.
 */
class StatusWritersTest {
    private static final Path MAIN = Path.of("src", "main", "java");

    /**
     * Each lifecycle table and the source files allowed to change its status. The request writer
     * keeps its claims in a class of their own that only it calls ({@code ClaimRounds}).
     */
    private static final Map<String, Set<String>> WRITERS = Map.of(
            "batch",
            Set.of("dev/outbound/batch/BatchStatusWriter.java"),
            "webhook_event",
            Set.of("dev/outbound/webhook/EventStatusWriter.java"),
            "request",
            Set.of("dev/outbound/request/RequestStatusWriter.java", "dev/outbound/request/ClaimRounds.java"));

    // The assignments run to WHERE, FROM or RETURNING, or to the end of the string or statement.
    private static final String ASSIGNMENTS = "(?<set>(?:(?!\\b(?:WHERE|FROM|RETURNING|WHEN)\\b)[^\";])*)";
    private static final Pattern UPDATE = Pattern.compile(
            "\\bUPDATE\\s+(?<table>\\w+)(?:\\s+(?:AS\\s+)?(?!SET\\b)\\w+)?\\s+SET\\b" + ASSIGNMENTS,
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern MERGE = Pattern.compile(
            "\\bMERGE\\s+INTO\\s+(?<table>\\w+)\\b[^\";]*?\\bUPDATE\\s+SET\\b" + ASSIGNMENTS,
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    // "status" on its own: not channel_manager_status, insights_status or a status_code.
    private static final Pattern SETS_STATUS = Pattern.compile("(?:^|[\\s,.(])status\\s*=", Pattern.CASE_INSENSITIVE);
    // The dialect builds set-based updates around a capability's SET clause: calling it with a
    // lifecycle table counts as changing that table's status.
    private static final Pattern DIALECT_UPDATE =
            Pattern.compile("\\.(?:countedUpdate|updatePicked)\\(\\s*\"(?<table>\\w+)\"");

    @Test
    void only_a_lifecycles_writer_sets_the_status_of_its_table() {
        var offences = new ArrayList<String>();
        statusWrites().forEach((file, tables) -> {
            for (String table : tables) {
                Set<String> writers = WRITERS.getOrDefault(table, Set.of());
                if (!writers.contains(file)) {
                    offences.add(file + " sets " + table + ".status; only " + writers + " may");
                }
            }
        });
        assertThat(offences).isEmpty();
    }

    @Test
    void every_registered_writer_still_writes_its_table() {
        var writes = statusWrites();
        WRITERS.forEach((table, files) -> {
            for (String file : files) {
                assertThat(writes.getOrDefault(file, Set.of()))
                        .as(file + " is registered as a writer of " + table + ".status but writes none")
                        .contains(table);
            }
        });
    }

    @Test
    void the_scan_tells_status_from_columns_and_tables_that_end_in_it() {
        assertThat(tablesWhoseStatusIsSet("UPDATE batch SET paused = :p, status = :to WHERE pk = :pk"))
                .containsExactly("batch");
        assertThat(tablesWhoseStatusIsSet("UPDATE request r SET status = 'INITIATED' FROM picked"))
                .containsExactly("request");
        assertThat(tablesWhoseStatusIsSet("MERGE INTO webhook_event t USING s ON t.id = s.id "
                        + "WHEN MATCHED THEN UPDATE SET status = s.status"))
                .containsExactly("webhook_event");
        assertThat(tablesWhoseStatusIsSet("UPDATE request SET channel_manager_status = :c, insights_status = :i"))
                .isEmpty();
        assertThat(tablesWhoseStatusIsSet("UPDATE request_attempt SET status = :s"))
                .isEmpty();
        assertThat(tablesWhoseStatusIsSet("UPDATE batch SET next_attempt_at = :n WHERE pk = :pk AND status = :s"))
                .as("status in the WHERE clause is a guard, not a change")
                .isEmpty();
        assertThat(tablesWhoseStatusIsSet("UPDATE webhook_event SET last_status_code = :code"))
                .isEmpty();
        assertThat(DIALECT_UPDATE
                        .matcher("dialect.countedUpdate(\"request\", set, where, COUNTED)")
                        .find())
                .as("a set-based update the dialect builds")
                .isTrue();
    }

    /** Each main source file that changes a lifecycle table's status, with those tables. */
    private static Map<String, Set<String>> statusWrites() {
        var writes = new TreeMap<String, Set<String>>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                var tables = new java.util.TreeSet<>(tablesWhoseStatusIsSet(source));
                Matcher dialectUpdate = DIALECT_UPDATE.matcher(source);
                while (dialectUpdate.find()) {
                    if (WRITERS.containsKey(dialectUpdate.group("table"))) {
                        tables.add(dialectUpdate.group("table"));
                    }
                }
                if (!tables.isEmpty()) {
                    writes.put(MAIN.relativize(file).toString().replace('\\', '/'), tables);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(writes).as("the scan found the SQL at all").isNotEmpty();
        return writes;
    }

    private static List<String> tablesWhoseStatusIsSet(String source) {
        var tables = new ArrayList<String>();
        for (Pattern statement : List.of(UPDATE, MERGE)) {
            Matcher m = statement.matcher(source);
            while (m.find()) {
                String table = m.group("table").toLowerCase(java.util.Locale.ROOT);
                if (WRITERS.containsKey(table)
                        && SETS_STATUS.matcher(m.group("set")).find()) {
                    tables.add(table);
                }
            }
        }
        return tables;
    }
}

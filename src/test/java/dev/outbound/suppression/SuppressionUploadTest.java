package dev.outbound.suppression;

import static dev.outbound.suppression.SuppressionCsv.aSuppressionList;
import static dev.outbound.suppression.SuppressionCsv.numbers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.testing.Api;
import dev.outbound.testing.StoreTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Uploads and exports of suppression lists; each test works in an organization of its own. */
@StoreTest
class SuppressionUploadTest {
    private static final String LIST = SuppressionApiTest.LIST;
    private static final String UPLOAD = LIST + "/upload";

    @LocalServerPort
    int port;

    Api anOrganization() {
        String name = "org-" + UUID.randomUUID().toString().substring(0, 8);
        var r = Api.at(port)
                .post("/api/v1/outbound/organizations", Map.of("name", name, "admin_email", "admin@" + name + ".test"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return Api.at(port).withKey(r.json().path("admin_key").path("api_key").asString());
    }

    private static JsonNode counts(Api.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().propertyNames()).containsExactlyInAnyOrder("added", "already", "invalid");
        return r.json();
    }

    private static long total(Api api) {
        return api.get(LIST).json().path("total_count").asLong();
    }

    @Test
    void an_upload_counts_new_existing_and_invalid_rows_and_stores_the_new_ones_as_uploaded() {
        var api = anOrganization();
        api.post(LIST, Map.of("target", "+15125551000", "kind", "bounced"));
        String csv = aSuppressionList()
                .row("+15125551000", "spam_report", "already there")
                .row("(512) 555-1001", "", "")
                .row("Someone@Example.com", "BOUNCED", "hard bounce")
                .row("+15125551002", "dropped", "")
                .row("not a target", "", "")
                .row("+15125551003", "angry", "")
                .row("+15125551001", "bounced", "second row of one target")
                .build();

        JsonNode counts = counts(api.upload(UPLOAD, "list.csv", csv));

        assertThat(counts.path("added").asLong()).isEqualTo(3);
        assertThat(counts.path("already").asLong()).isEqualTo(2);
        assertThat(counts.path("invalid").asLong()).isEqualTo(2);
        assertThat(total(api)).isEqualTo(4);
        assertThat(api.get(LIST + "/%2B15125551000").json().path("kind").asString())
                .isEqualTo("bounced");
        var first = api.get(LIST + "/%2B15125551001").json();
        assertThat(first.path("kind").asString()).isEqualTo("unsubscribed");
        assertThat(first.path("source").asString()).isEqualTo("upload");
        var email = api.get(LIST + "/someone@example.com").json();
        assertThat(email.path("kind").asString()).isEqualTo("bounced");
        assertThat(email.path("reason").asString()).isEqualTo("hard bounce");
    }

    @Test
    void a_target_column_alone_is_enough_and_other_columns_are_ignored() {
        var api = anOrganization();
        String csv = aSuppressionList()
                .withHeader("\uFEFFName", " TARGET ")
                .raw("Jane,+15125551000")
                .raw("John,+15125551001")
                .build();
        assertThat(counts(api.upload(UPLOAD, "list.csv", csv)).path("added").asLong())
                .isEqualTo(2);
    }

    @Test
    void a_file_without_a_target_column_is_a_422_and_stores_nothing() {
        var api = anOrganization();
        var r = api.upload(
                UPLOAD,
                "list.csv",
                aSuppressionList().withHeader("phone").raw("+15125551000").build());
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("detail").get(0).path("msg").asString()).contains("target");
        assertThat(api.upload(UPLOAD, "empty.csv", "").status()).isEqualTo(422);
        assertThat(api.upload(UPLOAD, "latin1.csv", new byte[] {'t', 'a', 'r', 'g', 'e', 't', '\n', (byte) 0xE9, '\n'})
                        .status())
                .isEqualTo(422);
        assertThat(api.send("POST", UPLOAD, "multipart/form-data; boundary=x", "--x--\r\n".getBytes())
                        .status())
                .isEqualTo(422);
        assertThat(total(api)).isZero();
    }

    @Test
    void a_header_without_rows_adds_nothing_and_says_so() {
        var api = anOrganization();
        JsonNode counts = counts(api.upload(UPLOAD, "header.csv", "target,kind,reason\n"));
        assertThat(counts.path("added").asLong()
                        + counts.path("already").asLong()
                        + counts.path("invalid").asLong())
                .isZero();
    }

    @Test
    void hostile_files_answer_422_or_skip_their_bad_rows_and_never_store_half() {
        var api = anOrganization();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, (byte) 0xff};
        byte[] utf16 = "target\n+15125551000\n".getBytes(java.nio.charset.StandardCharsets.UTF_16);
        String huge = "target\n+1512555" + "1".repeat(2 << 20) + "\n";
        for (byte[] file : List.of(png, utf16, huge.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            var r = api.upload(UPLOAD, "hostile.csv", file);
            assertThat(r.status()).as(r.body()).isEqualTo(422);
        }
        JsonNode skipped = counts(api.upload(
                UPLOAD,
                "nul.csv",
                aSuppressionList()
                        .row("+15125551000\0", "", "")
                        .row("+15125551001", "", "a\0b")
                        .row("+15125551002", "bounced\0", "")
                        .row("+15125551003", "", "x".repeat(1001))
                        .row("=HYPERLINK(\"http://evil\")", "", "")
                        .row("+15125551004", "", "kept")
                        .build()));
        assertThat(skipped.path("invalid").asLong()).isEqualTo(5);
        assertThat(skipped.path("added").asLong()).isEqualTo(1);
        assertThat(total(api)).isEqualTo(1);
    }

    @Test
    void an_upload_that_fails_late_stores_none_of_its_rows() {
        var api = anOrganization();
        var list = aSuppressionList().rows(numbers(1000, 3000));
        list.raw("+15125554999,bounced,a reason,and a fourth field that breaks the table");
        var r = api.upload(UPLOAD, "broken.csv", list.build());
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("detail").get(0).path("msg").asString()).startsWith("Invalid file format");
        assertThat(total(api)).isZero();
        // The store is not left holding anything of it: the same list, fixed, goes through whole.
        var fixed = counts(api.upload(
                UPLOAD,
                "fixed.csv",
                aSuppressionList().rows(numbers(1000, 3000)).build()));
        assertThat(fixed.path("added").asLong()).isEqualTo(3000);
    }

    @Test
    void the_export_lists_every_entry_and_uploads_again_unchanged() {
        var api = anOrganization();
        api.post(LIST, Map.of("target", "+15125551000", "kind", "bounced", "reason", "said \"never\", twice"));
        api.post(LIST, Map.of("target", "jane@example.com", "kind", "spam_report", "reason", "=HYPERLINK(1)"));
        api.upload(
                UPLOAD, "list.csv", aSuppressionList().rows(numbers(2000, 50)).build());

        var export = api.get(LIST + ".csv");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Type")).startsWith("text/csv");
        assertThat(export.header("Content-Disposition")).contains("suppressions.csv");
        List<String> lines = export.body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("target,kind,source,reason,added_by,created_at");
        assertThat(lines).hasSize(53);
        assertThat(lines)
                .anySatisfy(l -> assertThat(l).startsWith("+15125551000,bounced,api,\"said \"\"never\"\", twice\","));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("jane@example.com,spam_report,api,'=HYPERLINK(1),"));

        var other = anOrganization();
        var again = counts(other.upload(UPLOAD, "export.csv", export.body()));
        assertThat(again.path("added").asLong()).isEqualTo(52);
        assertThat(again.path("invalid").asLong()).isZero();
        var copy = other.get(LIST + "/%2B15125551000").json();
        assertThat(copy.path("kind").asString()).isEqualTo("bounced");
        assertThat(copy.path("reason").asString()).isEqualTo("said \"never\", twice");
        assertThat(copy.path("source").asString()).isEqualTo("upload");
    }

    @Test
    void two_concurrent_uploads_to_one_organization_add_each_target_once() throws Exception {
        var api = anOrganization();
        // Overlapping lists in opposite orders: the worst case for row locks.
        var a = aSuppressionList().rows(numbers(1000, 2000)).build();
        var reversed = new ArrayList<>(numbers(2000, 2000));
        java.util.Collections.reverse(reversed);
        var b = aSuppressionList().rows(reversed).build();
        var barrier = new CyclicBarrier(2);
        var first = CompletableFuture.supplyAsync(() -> {
            await(barrier);
            return api.upload(UPLOAD, "a.csv", a);
        });
        var second = CompletableFuture.supplyAsync(() -> {
            await(barrier);
            return api.upload(UPLOAD, "b.csv", b);
        });
        JsonNode one = counts(first.get());
        JsonNode two = counts(second.get());

        assertThat(one.path("added").asLong() + two.path("added").asLong()).isEqualTo(3000);
        assertThat(one.path("already").asLong() + two.path("already").asLong()).isEqualTo(1000);
        assertThat(total(api)).isEqualTo(3000);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

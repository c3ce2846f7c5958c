package dev.outbound.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.outbound.testing.Api;
import dev.outbound.testing.BatchResults;
import dev.outbound.testing.Fixtures;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** The batch page's "Call back" form: a local time in a zone, the API's checks and messages. */
@dev.outbound.testing.StoreTest
@AutoConfigureMockMvc
class ConsoleCallbackTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Test
    void a_callback_set_on_the_batch_page_is_read_in_the_zone_given_and_shows_in_the_reason_column() throws Exception {
        MockHttpSession session = signedIn();
        String id = Fixtures.dialableBatch(Api.at(port), Map.of("timezone", "America/New_York"), "+15125550800");
        mvc.perform(get("/console/batches/" + id).session(session).param("callback", "r0"))
                .andExpect(content().string(Matchers.containsString("id=\"callback_reference_id\"")))
                .andExpect(content().string(Matchers.containsString("value=\"r0\"")))
                .andExpect(content().string(Matchers.containsString("value=\"America/New_York\"")));
        LocalDateTime local = LocalDateTime.now(NEW_YORK).plusDays(2).truncatedTo(ChronoUnit.HOURS);

        mvc.perform(post("/console/batches/" + id + "/callback")
                        .session(session)
                        .param("_csrf", csrf(session))
                        .param("reference_id", "r0")
                        .param("at", local.toString())
                        .param("zone", "America/New_York")
                        .param("note", "after the school run"))
                .andExpect(redirectedUrl("/console/batches/" + id + "?reference_id=r0"));

        var r0 = BatchResults.of(Api.at(port), id).get("r0");
        assertThat(r0.path("reason").asString()).isEqualTo("CALLBACK_SCHEDULED");
        assertThat(r0.path("reason_detail").asString()).isEqualTo("after the school run");
        assertThat(dueAt(id)).isEqualTo(local.atZone(NEW_YORK).toInstant());
        mvc.perform(get("/console/batches/" + id).session(session))
                .andExpect(content().string(Matchers.containsString("after the school run")));
    }

    @Test
    void a_wrong_zone_or_an_unknown_reference_is_shown_as_the_console_shows_other_errors() throws Exception {
        MockHttpSession session = signedIn();
        String id = Fixtures.dialableBatch(Api.at(port), Map.of(), "+15125550810");
        String tomorrow =
                LocalDateTime.now().plusDays(1).truncatedTo(ChronoUnit.MINUTES).toString();

        mvc.perform(post("/console/batches/" + id + "/callback")
                        .session(session)
                        .param("_csrf", csrf(session))
                        .param("reference_id", "r0")
                        .param("at", tomorrow)
                        .param("zone", "Mars/Olympus"))
                .andExpect(status().is(422))
                .andExpect(content().string(Matchers.containsString("IANA time zone")));
        mvc.perform(post("/console/batches/" + id + "/callback")
                        .session(session)
                        .param("_csrf", csrf(session))
                        .param("reference_id", "nope")
                        .param("at", tomorrow)
                        .param("zone", "UTC"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(Matchers.containsString("Request nope not found")));
    }

    private Instant dueAt(String batchId) {
        return jdbc.sql("SELECT r.due_at FROM request r JOIN batch b ON b.pk = r.batch_pk WHERE b.batch_id = :b")
                .param("b", batchId)
                .query(java.time.OffsetDateTime.class)
                .single()
                .toInstant();
    }

    private MockHttpSession signedIn() throws Exception {
        var session = ConsoleSignIn.superuser(mvc);
        mvc.perform(get("/console/campaigns").session(session)).andExpect(status().isOk());
        return session;
    }

    private static String csrf(MockHttpSession session) {
        return ConsoleSignIn.csrf(session);
    }
}

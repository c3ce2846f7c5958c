package dev.outbound.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outbound.testing.MutableClock;
import dev.outbound.testing.TwilioStandIn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the Twilio channel does with Twilio's answers, refusals, failures and callbacks. */
class TwilioChannelBehaviourTest {
    private static final AtomicLong IDS = new AtomicLong(5000);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final TwilioStandIn standIn = new TwilioStandIn(clock::instant);
    private final List<Instant> holds = new ArrayList<>();
    private boolean slots = true;
    private final TwilioPace pace = new TwilioPace() {
        @Override
        public boolean take(Instant now) {
            return slots;
        }

        @Override
        public void holdUntil(Instant until) {
            holds.add(until);
        }
    };
    private final RecordingListener listener = new RecordingListener();
    private final TwilioChannel channel = TwilioTesting.channel(standIn, clock, pace, listener);

    @AfterEach
    void stop() {
        standIn.close();
    }

    private static ChannelAttempt voice(String to, CampaignDelivery campaign) {
        long id = IDS.incrementAndGet();
        return new ChannelAttempt(id, 1, id + "-1", Mode.VOICE, to, campaign.from(), Map.of("name", "Ada"), campaign);
    }

    private static ChannelAttempt voice(String to) {
        return voice(to, CampaignDelivery.NONE);
    }

    private void advance(Duration by) {
        clock.advance(by);
        standIn.deliverDue();
    }

    @Test
    void a_callback_that_overtakes_twilios_answer_still_reaches_the_attempts_listener() {
        var elsewhere = new RecordingListener();
        TwilioChannel early = TwilioTesting.channel(standIn, clock, pace, elsewhere);
        standIn.callBackBeforeAnswering(true);
        var mine = new RecordingListener();

        String sid = early.start(voice("+14155550101"), mine);

        assertThat(mine.of(sid))
                .as("the initiated callback came before start() returned")
                .isNotEmpty();
        assertThat(elsewhere.of(sid)).isEmpty();
    }

    @Test
    void a_number_twilio_refuses_is_refused_for_good_with_twilios_message() {
        standIn.refuse("+14155550120");

        assertThatThrownBy(() -> channel.start(voice("+14155550120"), listener))
                .isInstanceOf(ChannelRefused.class)
                .hasMessageContaining("21211")
                .hasMessageContaining("is not a valid phone number");
        assertThat(standIn.calls("+14155550120")).isZero();
    }

    @Test
    void a_message_to_someone_who_replied_stop_is_refused_as_unsubscribed_not_as_a_bad_number() {
        standIn.unsubscribed("+14155550121");
        long id = IDS.incrementAndGet();
        var a = new ChannelAttempt(
                id, 1, id + "-1", Mode.SMS, "+14155550121", "+14155550198", Map.of("message", "Hi Ada"));

        assertThatThrownBy(() -> channel.start(a, listener))
                .isInstanceOf(RecipientUnsubscribed.class)
                .hasMessageContaining("21610");
        assertThat(standIn.messages("+14155550121")).isZero();
    }

    @Test
    void a_429_holds_every_node_back_and_leaves_the_attempt_for_later() {
        standIn.failNext(429);

        assertThatThrownBy(() -> channel.start(voice("+14155550121"), listener)).isInstanceOf(ChannelUnavailable.class);
        assertThat(holds).containsExactly(clock.instant().plusSeconds(2));
        assertThat(standIn.calls("+14155550121")).isZero();
    }

    @Test
    void a_500_is_retried_and_the_call_placed_once() {
        standIn.failNext(500);

        String sid = channel.start(voice("+14155550122"), listener);

        assertThat(sid).startsWith("CA");
        assertThat(standIn.calls("+14155550122")).isEqualTo(1);
    }

    @Test
    void a_create_whose_answer_was_lost_is_found_instead_of_sent_again() {
        standIn.failAfterCreating(1);

        String sid = channel.start(voice("+14155550123"), listener);

        assertThat(standIn.calls("+14155550123")).isEqualTo(1);
        assertThat(standIn.created()).extracting(TwilioStandIn.Created::sid).containsExactly(sid);
    }

    @Test
    void when_twilio_keeps_failing_after_a_create_was_sent_the_outcome_is_left_to_reconciliation() {
        standIn.failNext(500, 500, 500);

        assertThatThrownBy(() -> channel.start(voice("+14155550124"), listener))
                .isInstanceOf(ChannelOutcomeUnknown.class);
    }

    @Test
    void without_a_calls_per_second_slot_nothing_is_sent() {
        slots = false;
        int before = standIn.requests();

        assertThatThrownBy(() -> channel.start(voice("+14155550125"), listener)).isInstanceOf(ChannelUnavailable.class);
        assertThat(standIn.requests()).isEqualTo(before);
    }

    @Test
    void voicemail_detection_v1_asks_for_twilio_amd_with_the_campaigns_timeouts() {
        var vm = new CampaignDelivery.VoicemailDetection("v1", 30.0, 3.5, 1.75, 2.4, null);
        var campaign = new CampaignDelivery(
                "+14155550199", "https://agent.example/twiml", vm, null, Map.of("clinic", "North", "name", "x"));

        channel.start(voice("+14155550126", campaign), listener);

        Map<String, String> form = standIn.created().getFirst().form();
        assertThat(form)
                .containsEntry("From", "+14155550199")
                .containsEntry("MachineDetection", "DetectMessageEnd")
                .containsEntry("MachineDetectionTimeout", "30")
                .containsEntry("MachineDetectionSilenceTimeout", "3500")
                .containsEntry("MachineDetectionSpeechEndThreshold", "1750")
                .containsEntry("MachineDetectionSpeechThreshold", "2400")
                .containsEntry("StatusCallbackEvent", "initiated ringing answered completed");
        assertThat(form.get("Url")).isEqualTo("https://agent.example/twiml?clinic=North&name=Ada");
        assertThat(form.get("StatusCallback")).startsWith(TwilioTesting.PUBLIC_URL + "/twilio/voice/status?r=");
    }

    @Test
    void an_agent_url_whose_host_was_removed_from_the_list_falls_back_to_the_default_voice_url() {
        var elsewhere = TwilioTesting.channel(standIn, clock, pace, listener, AgentHosts.of("other.example"));
        var campaign =
                new CampaignDelivery("+14155550199", "https://agent.example/twiml?token=s3cret", null, null, Map.of());
        var warnings = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        var logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(TwilioForms.class);
        warnings.start();
        logger.addAppender(warnings);
        try {
            elsewhere.start(voice("+14155550128", campaign), listener);
        } finally {
            logger.detachAppender(warnings);
        }

        assertThat(standIn.created().getFirst().form().get("Url")).isEqualTo("https://agent.test/twiml?name=Ada");
        assertThat(warnings.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
            assertThat(e.getFormattedMessage()).contains("agent.example").doesNotContain("s3cret");
        });
    }

    @Test
    void an_allowed_agent_url_is_the_one_twilio_fetches() {
        var campaign = new CampaignDelivery("+14155550199", "https://agent.example/twiml", null, null, Map.of());

        channel.start(voice("+14155550129", campaign), listener);

        assertThat(standIn.created().getFirst().form().get("Url")).isEqualTo("https://agent.example/twiml?name=Ada");
    }

    @Test
    void voicemail_detection_v2_uses_fast_amd_and_its_own_pre_speech_timeout() {
        var vm = new CampaignDelivery.VoicemailDetection("v2", null, 3.5, null, null, 6.0);
        var campaign = new CampaignDelivery(null, null, vm, null, Map.of());

        channel.start(voice("+14155550127", campaign), listener);

        assertThat(standIn.created().getFirst().form())
                .containsEntry("MachineDetection", "Enable")
                .containsEntry("MachineDetectionSilenceTimeout", "6000")
                .containsEntry("From", "+14155550100");
    }

    @Test
    void amd_answers_become_human_and_machine() {
        var vm = new CampaignDelivery.VoicemailDetection("v1", null, null, null, null, null);
        var campaign = new CampaignDelivery(null, null, vm, null, Map.of());
        String human = channel.start(voice("+14155550131", campaign), listener);
        String machine = channel.start(voice("+14155550139", campaign), listener);

        advance(Duration.ofSeconds(60));

        assertThat(listener.of(human)).extracting(ChannelEvent::status).contains(ChannelManagerStatus.HUMAN);
        assertThat(listener.of(human).getLast().status()).isEqualTo(ChannelManagerStatus.COMPLETED);
        assertThat(listener.of(machine)).extracting(ChannelEvent::status).doesNotContain(ChannelManagerStatus.HUMAN);
        assertThat(listener.of(machine).getLast().status()).isEqualTo(ChannelManagerStatus.MACHINE);
        assertThat(listener.of(machine).getLast().ended()).isTrue();
    }

    @Test
    void a_repeated_or_late_callback_is_passed_on_once_and_never_moves_back() {
        ChannelAttempt a = voice("+14155550132");
        String sid = channel.start(a, listener);
        String url =
                TwilioTesting.PUBLIC_URL + "/twilio/voice/status?r=" + a.requestId() + "&a=1&k=" + a.idempotencyKey();

        callback(url, sid, "completed");
        callback(url, sid, "completed");
        callback(url, sid, "ringing");
        callback(url, sid, "in-progress");

        assertThat(listener.of(sid)).extracting(ChannelEvent::status).containsExactly(ChannelManagerStatus.COMPLETED);
    }

    @Test
    void a_forged_callback_is_refused_and_changes_nothing() {
        ChannelAttempt a = voice("+14155550133");
        String sid = channel.start(a, listener);
        String path = "/twilio/voice/status";
        String query = "r=" + a.requestId() + "&a=1&k=" + a.idempotencyKey();
        Map<String, String> params = Map.of("CallSid", sid, "CallStatus", "completed");
        String signedForOtherRequest =
                TwilioStandIn.sign(TwilioTesting.PUBLIC_URL + path + "?r=" + (a.requestId() + 1) + "&a=1&k=x", params);

        boolean accepted =
                channel.callbacks().receive(TwilioCallbacks.Kind.CALL, path, query, params, signedForOtherRequest);

        assertThat(accepted).isFalse();
        assertThat(listener.of(sid)).isEmpty();
    }

    @Test
    void a_lookup_finds_the_call_placed_for_the_attempt_and_its_state() {
        standIn.dropCallbacks(true);
        Instant started = clock.instant();
        ChannelAttempt a = voice("+14155550134");
        String sid = channel.start(a, listener);
        advance(Duration.ofMinutes(1));

        ChannelEvent latest = channel.lookup(a, started).orElseThrow().latest();

        assertThat(latest).isNotNull();
        assertThat(java.util.Objects.requireNonNull(latest))
                .extracting(ChannelEvent::channelSid, ChannelEvent::status, ChannelEvent::ended)
                .containsExactly(sid, ChannelManagerStatus.COMPLETED, true);
    }

    @Test
    void a_lookup_for_an_attempt_never_placed_says_so() {
        ChannelLookup found =
                channel.lookup(voice("+14155550135"), clock.instant()).orElseThrow();

        assertThat(found.placed()).isFalse();
    }

    @Test
    void an_sms_is_sent_with_its_text_and_reports_delivery() {
        long id = IDS.incrementAndGet();
        var campaign = new CampaignDelivery("+14155550198", null, null, 720, Map.of("message", "Campaign text"));
        var a = new ChannelAttempt(
                id, 1, id + "-1", Mode.SMS, "+14155550136", "+14155550198", Map.of("message", "Hi Ada"), campaign);

        String sid = channel.start(a, listener);
        advance(Duration.ofSeconds(5));

        assertThat(standIn.messages("+14155550136")).isEqualTo(1);
        assertThat(standIn.created().getFirst().form()).containsEntry("Body", "Hi Ada");
        assertThat(listener.of(sid))
                .extracting(ChannelEvent::status)
                .containsExactly(ChannelManagerStatus.SENT, ChannelManagerStatus.DELIVERED);
    }

    private void callback(String url, String sid, String status) {
        var params = new LinkedHashMap<String, String>();
        params.put("CallSid", sid);
        params.put("CallStatus", status);
        int q = url.indexOf('?');
        channel.callbacks()
                .receive(
                        TwilioCallbacks.Kind.CALL,
                        url.substring(TwilioTesting.PUBLIC_URL.length(), q),
                        url.substring(q + 1),
                        params,
                        TwilioStandIn.sign(url, params));
    }
}

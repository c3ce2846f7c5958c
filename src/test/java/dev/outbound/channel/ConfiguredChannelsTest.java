package dev.outbound.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outbound.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfiguredChannelsTest {
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    private final SimulatorChannel simulator =
            new SimulatorChannel(new MutableClock(NOW), new SimulatorProperties(Duration.ofSeconds(5)));
    private final FakeChannel texts = new FakeChannel("texter", Set.of(Mode.SMS));

    @Test
    void by_default_the_simulator_serves_every_mode() {
        var channels = new ConfiguredChannels(List.of(simulator, texts), defaults());

        for (Mode mode : Mode.values()) {
            assertThat(channels.forMode(mode)).isSameAs(simulator);
        }
    }

    @Test
    void each_mode_gets_the_channel_it_names() {
        var channels = new ConfiguredChannels(
                List.of(simulator, texts), new ChannelProperties("simulator", " Texter ", "simulator"));

        assertThat(channels.forMode(Mode.VOICE)).isSameAs(simulator);
        assertThat(channels.forMode(Mode.SMS)).isSameAs(texts);
        assertThat(channels.forMode(Mode.EMAIL)).isSameAs(simulator);
    }

    @Test
    void an_unknown_name_fails_naming_the_variable_and_the_known_channels() {
        assertThatThrownBy(() -> new ConfiguredChannels(
                        List.of(simulator, texts), new ChannelProperties("simulator", "simulator", "smtp")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OUTBOUND_CHANNELS_EMAIL=\"smtp\"")
                .hasMessageContaining("names no known channel")
                .hasMessageContaining("known channels: simulator, texter");
    }

    @Test
    void an_empty_name_fails_naming_the_variable() {
        assertThatThrownBy(() ->
                        new ConfiguredChannels(List.of(simulator), new ChannelProperties("", "simulator", "simulator")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OUTBOUND_CHANNELS_VOICE=\"\"")
                .hasMessageContaining("known channels: simulator");
    }

    @Test
    void a_channel_that_does_not_serve_the_mode_fails_naming_the_variable_and_the_channels_that_do() {
        assertThatThrownBy(() -> new ConfiguredChannels(
                        List.of(simulator, texts), new ChannelProperties("texter", "simulator", "simulator")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OUTBOUND_CHANNELS_VOICE=\"texter\"")
                .hasMessageContaining("does not serve voice")
                .hasMessageContaining("channels that do: simulator")
                .hasMessageContaining("known channels: simulator, texter");
    }

    @Test
    void two_channels_with_one_name_fail() {
        assertThatThrownBy(() -> new ConfiguredChannels(
                        List.of(simulator, new FakeChannel("simulator", Set.of(Mode.SMS))), defaults()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Two channels are named \"simulator\"");
    }

    @Test
    void a_poll_reaches_each_configured_channel_once() {
        var voice = new FakeChannel("dialer", Set.of(Mode.VOICE));
        var unused = new FakeChannel("unused", Set.of(Mode.VOICE, Mode.SMS, Mode.EMAIL));
        var channels = new ConfiguredChannels(
                List.of(voice, texts, unused), new ChannelProperties("dialer", "texter", "unused"));

        channels.poll(NOW);

        assertThat(voice.polls).containsExactly(NOW);
        assertThat(texts.polls).containsExactly(NOW);
        assertThat(unused.polls).containsExactly(NOW);
    }

    @Test
    void a_channel_serving_several_modes_is_polled_once_and_others_are_not_polled() {
        var unused = new FakeChannel("unused", Set.of(Mode.SMS));
        var everything = new FakeChannel("everything", Set.of(Mode.values()));
        var channels = new ConfiguredChannels(
                List.of(everything, unused), new ChannelProperties("everything", "everything", "everything"));

        channels.poll(NOW);

        assertThat(everything.polls).containsExactly(NOW);
        assertThat(unused.polls).isEmpty();
    }

    @Test
    void a_channel_failing_its_poll_does_not_keep_the_others_from_being_polled() {
        var failing = new FakeChannel("failing", Set.of(Mode.VOICE)) {
            @Override
            public void poll(Instant now) {
                super.poll(now);
                throw new IllegalStateException("provider down");
            }
        };
        var channels = new ConfiguredChannels(
                List.of(failing, texts, simulator), new ChannelProperties("failing", "texter", "simulator"));

        assertThatThrownBy(() -> channels.poll(NOW)).hasMessage("provider down");

        assertThat(failing.polls).containsExactly(NOW);
        assertThat(texts.polls).containsExactly(NOW);
    }

    private static ChannelProperties defaults() {
        return new ChannelProperties("simulator", "simulator", "simulator");
    }

    private static class FakeChannel implements Channel {
        final String name;
        final Set<Mode> modes;
        final List<Instant> polls = new ArrayList<>();

        FakeChannel(String name, Set<Mode> modes) {
            this.name = name;
            this.modes = modes;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<Mode> modes() {
            return modes;
        }

        @Override
        public String start(ChannelAttempt attempt, ChannelListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void poll(Instant now) {
            polls.add(now);
        }
    }
}

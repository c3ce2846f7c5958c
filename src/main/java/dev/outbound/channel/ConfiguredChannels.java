package dev.outbound.channel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The channel of each mode, chosen by name among the {@link Channel} beans from {@link
 * ChannelProperties}. A name that matches no channel, or a channel that does not serve the mode,
 * fails startup with a message naming the environment variable and the known channels.
 */
@Component
final class ConfiguredChannels implements Channels {

    private final Map<Mode, Channel> byMode = new EnumMap<>(Mode.class);
    /** Each configured channel once, in mode order. */
    private final List<Channel> distinct;

    ConfiguredChannels(List<Channel> channels, ChannelProperties properties) {
        Map<String, Channel> byName = new TreeMap<>();
        for (Channel c : channels) {
            Channel clash = byName.put(key(c.name()), c);
            if (clash != null) {
                throw new IllegalStateException("Two channels are named \"" + c.name() + "\": "
                        + clash.getClass().getName() + " and " + c.getClass().getName());
            }
        }
        Set<Channel> used = new LinkedHashSet<>();
        for (Mode mode : Mode.values()) {
            Channel c = pick(mode, configured(properties, mode), byName);
            byMode.put(mode, c);
            if (used.add(c)) {
                c.checkConfigured();
            }
        }
        this.distinct = List.copyOf(used);
    }

    @Override
    public Channel forMode(Mode mode) {
        Channel c = byMode.get(mode);
        if (c == null) {
            throw new IllegalStateException("No channel for " + mode);
        }
        return c;
    }

    /**
     * Polls each configured channel once, even when one serves several modes. A channel that throws
     * does not keep the others from being polled; the first failure is rethrown afterwards.
     */
    @Override
    public void poll(Instant now) {
        RuntimeException failure = null;
        for (Channel c : distinct) {
            try {
                c.poll(now);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The environment variable that names the channel of {@code mode}. */
    static String variable(Mode mode) {
        return "OUTBOUND_CHANNELS_" + mode.name();
    }

    private static @Nullable String configured(ChannelProperties p, Mode mode) {
        return switch (mode) {
            case VOICE -> p.voice();
            case SMS -> p.sms();
            case EMAIL -> p.email();
        };
    }

    private static Channel pick(Mode mode, @Nullable String name, Map<String, Channel> byName) {
        String wanted = name == null ? "" : name.trim();
        Channel c = byName.get(key(wanted));
        if (c == null) {
            throw new IllegalStateException(variable(mode) + "=\"" + wanted
                    + "\" names no known channel; known channels: " + names(byName.values()));
        }
        if (!c.modes().contains(mode)) {
            List<Channel> serving = byName.values().stream()
                    .filter(x -> x.modes().contains(mode))
                    .toList();
            throw new IllegalStateException(variable(mode) + "=\"" + wanted + "\": channel " + c.name()
                    + " does not serve " + mode.wire() + "; channels that do: " + names(serving)
                    + "; known channels: " + names(byName.values()));
        }
        return c;
    }

    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    private static String names(Iterable<Channel> channels) {
        List<String> names = new ArrayList<>();
        channels.forEach(c -> names.add(c.name()));
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }
}

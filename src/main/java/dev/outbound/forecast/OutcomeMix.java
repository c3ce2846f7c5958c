package dev.outbound.forecast;

import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.channel.Mode;
import dev.outbound.request.read.EndedAttempt;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How attempts end, as shares of all attempts (each attempt ends with one channel status), and how
 * long one lasts on average; where the figures come from is part of the answer.
 *
 * @param attemptDuration mean time from the start of an attempt to its end
 * @param observed how many attempts the figures come from (0 for the default)
 */
public record OutcomeMix(
        Map<ChannelManagerStatus, Double> shares, Duration attemptDuration, Source source, long observed) {

    /** Where the mix was read. */
    public enum Source {
        /** The batch's own finished attempts. */
        BATCH,
        /** The finished attempts of the campaign's other batches. */
        CAMPAIGN,
        /** Nothing finished yet: {@link #byDefault}. */
        DEFAULT
    }

    /** Mean attempt length assumed for a call when none has ended yet: a short conversation. */
    public static final Duration DEFAULT_CALL = Duration.ofSeconds(60);

    /** Mean attempt length assumed for a message when none has ended yet. */
    public static final Duration DEFAULT_MESSAGE = Duration.ofSeconds(1);

    public OutcomeMix {
        double total = shares.values().stream().mapToDouble(Double::doubleValue).sum();
        if (!(total > 0)) {
            throw new IllegalArgumentException("an outcome mix needs at least one outcome");
        }
        var normalized = new EnumMap<ChannelManagerStatus, Double>(ChannelManagerStatus.class);
        shares.forEach((s, v) -> normalized.put(s, v / total));
        shares = Map.copyOf(normalized);
    }

    /**
     * The mix assumed before any attempt has ended: the simulator's split (a target's last digit
     * 0-6 reached, 7, 8 and 9 not reached in three ways), which is what a fresh installation dials
     * into and a plain guess for a real list.
     */
    public static OutcomeMix byDefault(Mode mode) {
        return switch (mode) {
            case VOICE ->
                new OutcomeMix(
                        Map.of(
                                ChannelManagerStatus.COMPLETED, 0.7,
                                ChannelManagerStatus.BUSY, 0.1,
                                ChannelManagerStatus.NO_ANSWER, 0.1,
                                ChannelManagerStatus.MACHINE, 0.1),
                        DEFAULT_CALL,
                        Source.DEFAULT,
                        0);
            case SMS ->
                new OutcomeMix(
                        Map.of(
                                ChannelManagerStatus.DELIVERED,
                                0.7,
                                ChannelManagerStatus.UNDELIVERED,
                                0.2,
                                ChannelManagerStatus.FAILED,
                                0.1),
                        DEFAULT_MESSAGE,
                        Source.DEFAULT,
                        0);
            case EMAIL ->
                new OutcomeMix(
                        Map.of(
                                ChannelManagerStatus.DELIVERED,
                                0.7,
                                ChannelManagerStatus.BOUNCED,
                                0.2,
                                ChannelManagerStatus.DROPPED,
                                0.1),
                        DEFAULT_MESSAGE,
                        Source.DEFAULT,
                        0);
        };
    }

    /** The mix of these attempts, or null when there are none. */
    public static @org.jspecify.annotations.Nullable OutcomeMix of(List<EndedAttempt> attempts, Source source) {
        if (attempts.isEmpty()) {
            return null;
        }
        var counts = new EnumMap<ChannelManagerStatus, Double>(ChannelManagerStatus.class);
        Duration total = Duration.ZERO;
        for (EndedAttempt a : attempts) {
            counts.merge(ChannelManagerStatus.of(a.channelStatus()), 1.0, Double::sum);
            total = total.plus(a.took().isNegative() ? Duration.ZERO : a.took());
        }
        return new OutcomeMix(counts, total.dividedBy(attempts.size()), source, attempts.size());
    }
}

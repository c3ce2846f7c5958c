package dev.outbound.channel;

import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Twilio's call and message statuses as channel statuses (the README has the table). A machine
 * or an undecided answer is only reported when the call ends, so the request is not retried
 * while the agent is still leaving a message.
 */
final class TwilioStatuses {
    private TwilioStatuses() {}

    /** A channel status and whether the attempt is over. */
    record Mapped(ChannelManagerStatus status, boolean ended) {}

    /**
     * @param callStatus Twilio's {@code CallStatus} / {@code status}
     * @param answeredBy Twilio's {@code AnsweredBy}; null when the call had no answering machine
     *     detection
     * @return null for a status that tells nothing new
     */
    static @Nullable Mapped call(String callStatus, @Nullable String answeredBy) {
        String by = answeredBy == null || answeredBy.isBlank() ? null : answeredBy.toLowerCase(Locale.ROOT);
        return switch (callStatus.toLowerCase(Locale.ROOT)) {
            case "queued", "initiated" -> new Mapped(ChannelManagerStatus.QUEUED, false);
            case "ringing" -> new Mapped(ChannelManagerStatus.IN_PROGRESS, false);
            case "in-progress", "answered" ->
                by == null || by.equals("human")
                        ? new Mapped(ChannelManagerStatus.HUMAN, false)
                        : new Mapped(ChannelManagerStatus.IN_PROGRESS, false);
            case "completed" -> {
                if (by == null || by.equals("human")) {
                    yield new Mapped(ChannelManagerStatus.COMPLETED, true);
                }
                yield by.equals("unknown")
                        ? new Mapped(ChannelManagerStatus.UNKNOWN, true)
                        : new Mapped(ChannelManagerStatus.MACHINE, true);
            }
            case "busy" -> new Mapped(ChannelManagerStatus.BUSY, true);
            case "no-answer" -> new Mapped(ChannelManagerStatus.NO_ANSWER, true);
            case "failed" -> new Mapped(ChannelManagerStatus.FAILED, true);
            case "canceled" -> new Mapped(ChannelManagerStatus.CANCELED, true);
            default -> null;
        };
    }

    /**
     * Twilio's error codes that say a message can never reach this number as it is: the
     * handset or number does not exist or takes no texts (30005, 30006, 21211, 21614), the
     * carrier blocked or filtered it (30004, 30007), or the person unsubscribed (21610). An
     * undelivered or failed message with one of them is DELIVERY_FAILED, which is not retried;
     * 30003 (handset off or out of range) and 30008 (unknown) may well pass later, so they are not.
     */
    static final Set<String> FINAL_CARRIER_ERRORS =
            Set.of("30004", "30005", "30006", "30007", "21211", "21610", "21614");

    /** @param messageStatus Twilio's {@code MessageStatus} / {@code status} */
    static @Nullable Mapped message(String messageStatus) {
        return message(messageStatus, null);
    }

    /**
     * @param messageStatus Twilio's {@code MessageStatus} / {@code status}
     * @param errorCode Twilio's {@code ErrorCode} / {@code error_code}, null or blank when none
     */
    static @Nullable Mapped message(String messageStatus, @Nullable String errorCode) {
        String status = messageStatus.toLowerCase(Locale.ROOT);
        if ((status.equals("undelivered") || status.equals("failed"))
                && errorCode != null
                && FINAL_CARRIER_ERRORS.contains(errorCode.strip())) {
            return new Mapped(ChannelManagerStatus.DELIVERY_FAILED, true);
        }
        return switch (status) {
            case "accepted", "scheduled" -> new Mapped(ChannelManagerStatus.ACCEPTED, false);
            case "queued" -> new Mapped(ChannelManagerStatus.QUEUED, false);
            case "sending" -> new Mapped(ChannelManagerStatus.SENDING, false);
            case "sent" -> new Mapped(ChannelManagerStatus.SENT, false);
            case "delivered", "read" -> new Mapped(ChannelManagerStatus.DELIVERED, true);
            case "undelivered" -> new Mapped(ChannelManagerStatus.UNDELIVERED, true);
            case "failed" -> new Mapped(ChannelManagerStatus.FAILED, true);
            case "canceled" -> new Mapped(ChannelManagerStatus.CANCELED, true);
            default -> null;
        };
    }

    /** How far along an attempt a status is, so a late or repeated callback never moves it back. */
    static int rank(ChannelManagerStatus status, boolean ended) {
        if (ended) {
            return 100;
        }
        return switch (status) {
            case QUEUED -> 1;
            case ACCEPTED -> 2;
            case SENDING -> 3;
            case SENT, IN_PROGRESS -> 4;
            case HUMAN -> 5;
            default -> 0;
        };
    }
}

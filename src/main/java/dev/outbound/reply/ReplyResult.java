package dev.outbound.reply;

/** What became of a reply that is no keyword; the {@code result} tag of {@code outbound.sms.replies}. */
enum ReplyResult {
    /** Queued for the campaign's agent SMS URL. */
    FORWARDED("forwarded"),
    /** The last text to the number is older than the session TTL. */
    EXPIRED("expired"),
    /** No SMS request of the organization was sent to the number. */
    NO_SESSION("no_session"),
    /** The session's campaign has no agent SMS URL (or is gone). */
    NO_AGENT("no_agent"),
    /** The agent SMS URL is on a host {@code OUTBOUND_AGENT_HOSTS} no longer lists. */
    HOST_NOT_ALLOWED("host_not_allowed");

    private final String tag;

    ReplyResult(String tag) {
        this.tag = tag;
    }

    String tag() {
        return tag;
    }
}

package dev.outbound.request;

/** One counter cell: a request status and a channel status ('' when none). */
public record CountKey(String requestStatus, String channelStatus) {
    public static CountKey of(RequestStatus status, String channelStatus) {
        return new CountKey(status.name(), channelStatus);
    }
}

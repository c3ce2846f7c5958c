package dev.outbound.channel;

/**
 * What a final SIP response to the INVITE means for the attempt. Busy everywhere (486, 600) is
 * BUSY; the person's refusal (603) is DECLINED; the codes the contract names keep their own
 * status; any other failure is FAILED, and the code with its reason goes into the attempt's
 * detail so the operator can see what the trunk said.
 */
final class SipResponses {
    private SipResponses() {}

    /** The status of an attempt that ended with {@code code} (300-699). */
    static ChannelManagerStatus refusal(int code) {
        return switch (code) {
            case 486, 600 -> ChannelManagerStatus.BUSY;
            case 603 -> ChannelManagerStatus.DECLINED;
            case 404 -> ChannelManagerStatus.SIP_NOT_FOUND;
            case 480 -> ChannelManagerStatus.SIP_TEMPORARILY_UNAVAILABLE;
            case 482 -> ChannelManagerStatus.SIP_LOOP_DETECTED;
            case 604 -> ChannelManagerStatus.SIP_DOES_NOT_EXIST_ANYWHERE;
            default -> ChannelManagerStatus.FAILED;
        };
    }

    /** The attempt's detail: "SIP 503 Service Unavailable". */
    static String detail(int code, String reason) {
        return "SIP " + code + (reason.isBlank() ? "" : " " + reason);
    }
}

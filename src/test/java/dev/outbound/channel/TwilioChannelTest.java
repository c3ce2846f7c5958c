package dev.outbound.channel;

import dev.outbound.testing.MutableClock;
import dev.outbound.testing.TwilioStandIn;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;

/** The Twilio channel against the local stand-in keeps the contract of every channel. */
class TwilioChannelTest extends ChannelContractTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final TwilioStandIn standIn = new TwilioStandIn(clock::instant);

    @Override
    protected Channel newChannel() {
        return TwilioTesting.channel(standIn, clock, TwilioPace.UNLIMITED, null);
    }

    @AfterEach
    void stopStandIn() {
        standIn.close();
    }

    @Override
    protected void advance(Duration by) {
        clock.advance(by);
        standIn.deliverDue();
    }

    @Override
    protected String connectingTarget(Mode mode) {
        return "+14155550101";
    }

    @Override
    protected String notConnectingTarget(Mode mode) {
        return "+14155550107";
    }
}

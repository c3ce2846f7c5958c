package dev.outbound.channel;

import dev.outbound.testing.Sipp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * bench/sip-cps.sh: how many calls per second one node's SIP channel sets up through a SIPp trunk
 * with the CPS limit off. Each call is the whole 3PCC set-up: INVITE to the callee, its 200, the
 * agent's INVITE and 200, both ACKs; then the callee hangs up. Starts CALLS calls as fast as
 * {@link SipChannel#start} returns and times until every call is joined to the agent.
 */
final class SipCpsBench {
    private SipCpsBench() {}

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int ours = 15070;
        int trunk = 15071;
        int agent = 15072;
        Path dir = Files.createTempDirectory("sip-cps");
        var props = new SipProperties(
                "sip:127.0.0.1:" + trunk,
                "",
                "",
                false,
                0,
                0,
                "3pcc",
                "sip:agent@127.0.0.1:" + agent,
                Duration.ofSeconds(30),
                "127.0.0.1",
                ours,
                Duration.ZERO);
        var joined = new CountDownLatch(calls);
        var ended = new CountDownLatch(calls);
        var outcomes = new ConcurrentHashMap<ChannelManagerStatus, Integer>();
        ChannelListener listener = e -> {
            if (!e.ended() && e.detail() != null && e.detail().startsWith("joined")) {
                joined.countDown();
            }
            if (e.ended()) {
                outcomes.merge(e.status(), 1, Integer::sum);
                ended.countDown();
            }
        };
        var channel = new SipChannel(props, SipPace.UNLIMITED, Clock.systemUTC());
        try (Sipp t = Sipp.serve("callee-answers.xml", trunk, calls, Map.of(), dir, "-timeout", "120s");
                Sipp a = Sipp.serve("agent.xml", agent, calls, Map.of(), dir, "-timeout", "120s")) {
            channel.endpoint();
            Thread.sleep(500); // let both SIPp bind their ports before the first INVITE
            long began = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                var campaign = new CampaignDelivery("+14155550100", null, null, null, Map.of());
                channel.start(
                        new ChannelAttempt(
                                i + 1,
                                1,
                                "bench-" + i,
                                Mode.VOICE,
                                "+1415555" + String.format("%04d", i),
                                "+14155550100",
                                Map.of(),
                                campaign),
                        listener);
            }
            long started = System.nanoTime();
            boolean all = joined.await(120, TimeUnit.SECONDS);
            long setUp = System.nanoTime();
            ended.await(60, TimeUnit.SECONDS);
            double startS = (started - began) / 1e9;
            double setUpS = (setUp - began) / 1e9;
            System.out.printf("calls: %d, INVITEs sent in %.2f s (%.0f/s)%n", calls, startS, calls / startS);
            System.out.printf(
                    "joined to the agent: %d in %.2f s -> %.1f calls set up per second%s%n",
                    calls - joined.getCount(),
                    setUpS,
                    (calls - joined.getCount()) / setUpS,
                    all ? "" : " (some never)");
            System.out.println("outcomes: " + outcomes);
        } finally {
            channel.destroy();
        }
    }
}

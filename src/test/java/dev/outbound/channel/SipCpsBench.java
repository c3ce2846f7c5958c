package dev.outbound.channel;

import dev.outbound.testing.Sipp;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * bench/sip-cps.sh: how many calls per second one node's SIP channel sets up through a SIPp trunk
 * with the CPS limit off. Each call is the whole 3PCC set-up: INVITE to the callee, 180, its 200
 * with an offer, the agent's INVITE and 200, both ACKs; the callee hangs up 300 ms later. Calls
 * are offered paced at each rate of a rising series for a few seconds; per step it reports the
 * set-up rate achieved (calls joined to the agent per second), the set-up latency (start → joined)
 * and the calls that failed or never joined, and this JVM's CPU per call. The ceiling is the first
 * rate whose achieved rate falls short of the offered one, whose p99 latency passes 1 s, or that
 * loses calls.
 *
 * <p>SIPp is told to take the load: no simultaneous-call limit ({@code -l}; its default, 3 × call
 * duration × its own {@code -r} of 10, is what refused a burst before), 4 MiB socket buffers
 * ({@code -buff_size}, the host's {@code net.core.rmem_max}) and more reads per loop; its message
 * log goes to /dev/null; its watchdog does not end the run when the loaded machine stalls it (its
 * default gives up after 120 stalls of 0.5 s, which a shared machine reaches). SIPp's own CPU per call (both SIPp processes) is reported too: on a
 * shared machine SIPp, single-threaded, may be the limit before the channel is.
 */
final class SipCpsBench {
    private static final int OURS = 16070;
    private static final int TRUNK = 16071;
    private static final int AGENT = 16072;
    private static final String[] SIPP_LOAD = {
        "-l",
        "10000",
        "-buff_size",
        "4194304",
        "-max_recv_loops",
        "10000",
        "-max_sched_loops",
        "10000",
        "-timeout",
        "3600s",
        "-message_file",
        "/dev/null",
        "-rtcheck",
        "loose",
        "-watchdog_minor_maxtriggers",
        "1000000",
        "-watchdog_major_maxtriggers",
        "1000000"
    };

    private SipCpsBench() {}

    /** One offered call: when it was started, and when it was joined (0: not yet). */
    private static final class Offered {
        final long startedNanos = System.nanoTime();
        volatile long joinedNanos;
        volatile boolean failed;
    }

    public static void main(String[] args) throws Exception {
        int[] rates = Arrays.stream((args.length > 0 ? args[0] : "50,100,200,300,400,600,800").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("sip-cps");
        var props = new SipProperties(
                "sip:127.0.0.1:" + TRUNK,
                "",
                "",
                false,
                0,
                0,
                "3pcc",
                "sip:agent@127.0.0.1:" + AGENT,
                Duration.ofSeconds(30),
                "127.0.0.1",
                OURS,
                Duration.ZERO);
        var calls = new ConcurrentHashMap<Long, Offered>();
        ChannelListener listener = e -> {
            Offered o = calls.get(e.requestId());
            if (o == null) {
                return;
            }
            if (!e.ended() && e.detail() != null && e.detail().startsWith("joined")) {
                o.joinedNanos = System.nanoTime();
            }
            if (e.ended() && e.status() != ChannelManagerStatus.COMPLETED) {
                o.failed = true;
            }
        };
        var channel = new SipChannel(props, SipPace.UNLIMITED, Clock.systemUTC());
        var cpu = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var ids = new AtomicInteger();
        try (Sipp t = Sipp.serve("trunk-cps.xml", TRUNK, 100_000_000, Map.of(), dir, SIPP_LOAD);
                Sipp a = Sipp.serve("agent-cps.xml", AGENT, 100_000_000, Map.of(), dir, SIPP_LOAD)) {
            channel.endpoint();
            Thread.sleep(500); // let both SIPp bind their ports before the first INVITE
            step(channel, listener, calls, ids, 50, 3, cpu); // warm-up (JIT), not reported
            System.out.println(
                    "| offered calls/s | calls | set up per s | p50 ms | p99 ms | max ms | lost | JVM CPU ms per call | SIPp CPU ms per call |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            for (int rate : rates) {
                Step s = step(channel, listener, calls, ids, rate, seconds, cpu);
                System.out.printf(
                        "| %d | %d | %.0f | %.0f | %.0f | %.0f | %d | %.2f | %.2f |%n",
                        rate, s.offered, s.achieved, s.p50, s.p99, s.max, s.lost, s.cpuMsPerCall, s.sippCpuMsPerCall);
                if (s.lost > 0 || s.p99 > 1000 || s.achieved < 0.9 * rate) {
                    System.out.println("ceiling: " + rate + " calls/s offered"
                            + (s.lost > 0
                                    ? " loses calls"
                                    : s.p99 > 1000 ? " puts p99 set-up over 1 s" : " is not kept up with"));
                    break;
                }
            }
        } finally {
            channel.destroy();
        }
        System.out.println("SIPp logs: " + dir);
        // The SIP stack leaves non-daemon threads behind after destroy(): without this the
        // benchmark printed its table and then never returned (seen in the quiet re-run).
        System.exit(0);
    }

    record Step(
            int offered,
            double achieved,
            double p50,
            double p99,
            double max,
            int lost,
            double cpuMsPerCall,
            double sippCpuMsPerCall) {}

    private static Step step(
            SipChannel channel,
            ChannelListener listener,
            Map<Long, Offered> calls,
            AtomicInteger ids,
            int rate,
            int seconds,
            com.sun.management.OperatingSystemMXBean cpu)
            throws InterruptedException {
        int n = rate * seconds;
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long cpuBefore = cpu.getProcessCpuTime();
        long sippBefore = sippCpuNanos();
        long began = System.nanoTime();
        List<Offered> mine = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long due = began + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait); // pacing the offered load, not synchronising a test
            }
            long id = ids.incrementAndGet();
            var o = new Offered();
            calls.put(id, o);
            mine.add(o);
            var campaign = new CampaignDelivery("+14155550100", null, null, null, Map.of());
            try {
                channel.start(
                        new ChannelAttempt(
                                id,
                                1,
                                "bench-" + id,
                                Mode.VOICE,
                                "+1415" + String.format("%07d", id % 10_000_000),
                                "+14155550100",
                                Map.of(),
                                campaign),
                        listener);
            } catch (RuntimeException e) {
                o.failed = true;
            }
        }
        // Wait for the step's calls to be joined or to fail (30 s at most), then for the hang-ups.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && mine.stream().anyMatch(o -> o.joinedNanos == 0 && !o.failed)) {
            Thread.sleep(20);
        }
        long lastJoined = mine.stream().mapToLong(o -> o.joinedNanos).max().orElse(began);
        Thread.sleep(1000); // the callee's BYE comes 300 ms after the join
        long cpuUsed = cpu.getProcessCpuTime() - cpuBefore;
        long sippUsed = sippCpuNanos() - sippBefore;
        long[] latencies = mine.stream()
                .filter(o -> o.joinedNanos != 0)
                .mapToLong(o -> o.joinedNanos - o.startedNanos)
                .sorted()
                .toArray();
        int joined = latencies.length;
        double achieved = joined / ((lastJoined - began) / 1e9);
        return new Step(
                n,
                achieved,
                percentile(latencies, 0.50),
                percentile(latencies, 0.99),
                latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6,
                n - joined,
                cpuUsed / 1e6 / n,
                sippUsed / 1e6 / n);
    }

    /** CPU time of the SIPp processes this JVM started. */
    private static long sippCpuNanos() {
        return ProcessHandle.current()
                .children()
                .filter(p -> p.info().command().orElse("").endsWith("sipp"))
                .mapToLong(
                        p -> p.info().totalCpuDuration().orElse(Duration.ZERO).toNanos())
                .sum();
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}

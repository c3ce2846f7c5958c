package dev.outbound.ingest;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;

/**
 * Measures the heap an upload's indexes hold per row: builds a {@link ReferenceIndex} (and a
 * {@link PersonIndex}, as a campaign that skips duplicate people does) of N distinct ids and
 * compares the used heap after a full collection before and after. Run by
 * {@code bench/index-memory.sh}; the README's per-row figures come from it.
 */
final class IndexMemory {
    private IndexMemory() {}

    public static void main(String[] args) {
        for (String arg : args.length == 0 ? new String[] {"100000", "1000000", "5000000"} : args) {
            int n = Integer.parseInt(arg);
            long before = used();
            var references = new ReferenceIndex();
            for (int i = 0; i < n; i++) {
                references.add("ref-" + i);
            }
            long afterReferences = used();
            var people = new PersonIndex();
            for (int i = 0; i < n; i++) {
                people.seenBefore("+1512" + (1_000_000 + i), "ref-" + i);
            }
            long afterPeople = used();
            System.out.printf(
                    Locale.ROOT,
                    "%,d ids: ReferenceIndex %.1f bytes/id, PersonIndex %.1f bytes/person (%d, %s)%n",
                    n,
                    (afterReferences - before) / (double) n,
                    (afterPeople - afterReferences) / (double) n,
                    references.size(),
                    people.seenBefore("+15121000000", "x"));
        }
    }

    private static long used() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}

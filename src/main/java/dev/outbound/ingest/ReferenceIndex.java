package dev.outbound.ingest;

/**
 * Counts reference ids seen in one upload in 40 to 80 bytes per id (20 bytes a slot, the table
 * at most half full; 120 for a moment while it doubles: see bench/index-memory.sh), so a
 * million-row file fits easily in a small heap: ids are kept as two independent 64-bit hashes
 * (a false "seen" needs both to collide, about 1 in 10^25 for a million ids) in an
 * open-addressing table. {@code OUTBOUND_MAX_UPLOAD_ROWS} bounds the total.
 */
final class ReferenceIndex {
    private long[] high = new long[1024];
    private long[] low = new long[1024];
    private int[] counts = new int[1024];
    private int size;

    /** Records one more occurrence of {@code id}; answers how many times it was seen before. */
    int add(String id) {
        return add(id, 1);
    }

    /** Records {@code times} occurrences at once (ids already stored); answers the previous count. */
    int add(String id, int times) {
        if ((size + 1) * 2 > high.length) {
            grow();
        }
        // Both hashes in one pass over the characters: no byte copy of the id per row (this
        // table is on the uploading thread's path; the hashes are never stored outside it).
        long h = HIGH_SEED ^ id.length();
        long l = LOW_SEED ^ id.length();
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            h = Long.rotateLeft((h ^ c) * 0x100000001B3L, 31) * HIGH_SEED;
            l = Long.rotateLeft((l ^ c) * 0x100000001B3L, 31) * LOW_SEED;
        }
        h = mix(h);
        l = mix(l);
        int slot = slot(h, l);
        int before = counts[slot];
        if (before == 0) {
            high[slot] = h;
            low[slot] = l;
            size++;
        }
        counts[slot] = before + times;
        return before;
    }

    private int slot(long h, long l) {
        int mask = high.length - 1;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (counts[i] != 0 && (high[i] != h || low[i] != l)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] oldHigh = high;
        long[] oldLow = low;
        int[] oldCounts = counts;
        high = new long[oldHigh.length * 2];
        low = new long[oldHigh.length * 2];
        counts = new int[oldHigh.length * 2];
        for (int i = 0; i < oldHigh.length; i++) {
            if (oldCounts[i] != 0) {
                int s = slot(oldHigh[i], oldLow[i]);
                high[s] = oldHigh[i];
                low[s] = oldLow[i];
                counts[s] = oldCounts[i];
            }
        }
    }

    static final long HIGH_SEED = 0x9E3779B97F4A7C15L;
    static final long LOW_SEED = 0xC2B2AE3D27D4EB4FL;

    /** A seeded 64-bit hash over bytes with MurmurHash3's finaliser. */
    static long hash(byte[] bytes, long seed) {
        long h = seed ^ bytes.length;
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * 0x100000001B3L;
            h = Long.rotateLeft(h, 31) * seed;
        }
        return mix(h);
    }

    /** MurmurHash3's finaliser. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    int size() {
        return size;
    }
}

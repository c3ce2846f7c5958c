package dev.outbound.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The people already seen in one upload, for campaigns that skip duplicate targets: each person
 * (a normalised target or a {@code contact_id}) is kept as two 64-bit hashes, like
 * {@link ReferenceIndex}, plus the reference id of its first row (at most {@link #MAX_NAMED}
 * UTF-8 bytes) so a later row can name it. 40 to 80 bytes and the id per person: a million-row
 * list stays well under 100 MB, and an upload that allows duplicates builds none of it.
 */
final class PersonIndex {
    /** The first row's id is named in a detail of at most 500 characters; longer ids are cut. */
    static final int MAX_NAMED = 200;

    private long[] high = new long[1024];
    private long[] low = new long[1024];
    /** Offset + 1 into {@link #names} of the first row's reference id; 0 for a free slot. */
    private int[] first = new int[1024];

    private byte[] names = new byte[1 << 14];
    private int namesEnd;
    private int size;

    /**
     * Records {@code person} with {@code referenceId} when it is new and answers null; answers
     * the reference id of its first row when it was seen before.
     */
    @Nullable
    String seenBefore(String person, String referenceId) {
        if ((size + 1) * 2 > high.length) {
            grow();
        }
        byte[] bytes = person.getBytes(StandardCharsets.UTF_8);
        long h = ReferenceIndex.hash(bytes, 0x9E3779B97F4A7C15L);
        long l = ReferenceIndex.hash(bytes, 0xC2B2AE3D27D4EB4FL);
        int slot = slot(h, l);
        if (first[slot] != 0) {
            return name(first[slot] - 1);
        }
        high[slot] = h;
        low[slot] = l;
        first[slot] = store(referenceId) + 1;
        size++;
        return null;
    }

    int size() {
        return size;
    }

    private int store(String referenceId) {
        byte[] id = referenceId.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(id.length, MAX_NAMED);
        if (namesEnd + length + 1 > names.length) {
            names = Arrays.copyOf(names, Math.max(names.length * 2, namesEnd + length + 1));
        }
        int at = namesEnd;
        names[at] = (byte) length;
        System.arraycopy(id, 0, names, at + 1, length);
        namesEnd += length + 1;
        return at;
    }

    private String name(int at) {
        int length = names[at] & 0xff;
        // A cut may split a multi-byte character; the decoder replaces the broken tail.
        return new String(names, at + 1, length, StandardCharsets.UTF_8);
    }

    private int slot(long h, long l) {
        int mask = high.length - 1;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (first[i] != 0 && (high[i] != h || low[i] != l)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] oldHigh = high;
        long[] oldLow = low;
        int[] oldFirst = first;
        high = new long[oldHigh.length * 2];
        low = new long[oldHigh.length * 2];
        first = new int[oldHigh.length * 2];
        for (int i = 0; i < oldHigh.length; i++) {
            if (oldFirst[i] != 0) {
                int s = slot(oldHigh[i], oldLow[i]);
                high[s] = oldHigh[i];
                low[s] = oldLow[i];
                first[s] = oldFirst[i];
            }
        }
    }
}

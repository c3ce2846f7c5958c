package dev.outbound.api;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem in one input, so a caller fixes them all in one round trip. */
public final class Violations {
    private final List<Violation> found = new ArrayList<>();

    public void add(List<Object> loc, String msg, String type) {
        found.add(new Violation(loc, msg, type));
    }

    /** How many were found so far: a part of the input is valid when reading it added none. */
    public int size() {
        return found.size();
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidInput(found);
        }
    }
}

package dev.outbound.api;

import java.util.List;

/**
 * One entry of the contract's 422 body: where ({@code loc}, e.g. {@code ["body","campaign_id"]}),
 * what is wrong ({@code msg}) and a machine-readable {@code type}.
 */
public record Violation(List<Object> loc, String msg, String type) {
    public Violation {
        loc = List.copyOf(loc);
    }
}

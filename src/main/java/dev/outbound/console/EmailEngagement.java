package dev.outbound.console;

import dev.outbound.request.read.StatusCounts;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An email batch's engagement, from its requests' channel statuses. A status keeps only the
 * furthest event, so a clicked email was opened and delivered too: each figure counts the
 * requests that got at least that far.
 */
record EmailEngagement(long delivered, long opened, long clicked, long bounced) {
    private static final Set<String> DELIVERED = Set.of("DELIVERED", "OPENED", "CLICKED");
    private static final Set<String> OPENED = Set.of("OPENED", "CLICKED");

    /** Null unless the batch's campaign sends email. */
    static @Nullable EmailEngagement of(String mode, Map<String, StatusCounts.Breakdown> detailed) {
        if (!"email".equalsIgnoreCase(mode)) {
            return null;
        }
        long delivered = 0;
        long opened = 0;
        long clicked = 0;
        long bounced = 0;
        for (StatusCounts.Breakdown b : detailed.values()) {
            if (b.counts() == null) {
                continue;
            }
            for (Map.Entry<String, Long> e : b.counts().entrySet()) {
                long n = e.getValue();
                delivered += DELIVERED.contains(e.getKey()) ? n : 0;
                opened += OPENED.contains(e.getKey()) ? n : 0;
                clicked += "CLICKED".equals(e.getKey()) ? n : 0;
                bounced += "BOUNCED".equals(e.getKey()) ? n : 0;
            }
        }
        return new EmailEngagement(delivered, opened, clicked, bounced);
    }
}

package dev.outbound.dispatch;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The requests this node handed to a channel whose attempt has not ended yet: only their leases
 * are renewed. A claim that was committed but never delivered (the database failing between the
 * two) is then taken back when its lease runs out, instead of being renewed for ever.
 */
@Component
class InFlight {
    private final Set<Long> ids = ConcurrentHashMap.newKeySet();

    void started(long requestId) {
        ids.add(requestId);
    }

    void ended(long requestId) {
        ids.remove(requestId);
    }

    Set<Long> ids() {
        return Set.copyOf(ids);
    }

    /** Forgets ids that ended elsewhere (an outcome recorded by another node, say). */
    void retainOnly(java.util.Collection<Long> stillInFlight, Set<Long> checked) {
        var keep = Set.copyOf(stillInFlight);
        for (Long id : checked) {
            if (!keep.contains(id)) {
                ids.remove(id);
            }
        }
    }
}

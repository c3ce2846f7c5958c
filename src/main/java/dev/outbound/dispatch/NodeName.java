package dev.outbound.dispatch;

import java.util.UUID;
import org.springframework.stereotype.Component;

/** This node's name in leases: configured, or random per start (a restarted node is a new node). */
@Component
class NodeName {
    private final String name;

    NodeName(DispatchProperties properties) {
        this.name = properties.nodeId().isBlank()
                ? "node-" + UUID.randomUUID().toString().substring(0, 8)
                : properties.nodeId();
    }

    String get() {
        return name;
    }
}

package dev.outbound.contact;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code {"max_attempts": 7, "days": 7, "after_conversation_days": 7}}, each part optional. */
public final class ContactLimitJson {
    private ContactLimitJson() {}

    public static String write(JsonMapper json, ContactLimit limit) {
        return node(limit).toString();
    }

    /** The limit as a JSON object, for documents that embed one (an organization's recipient rules). */
    public static ObjectNode node(ContactLimit limit) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("max_attempts", limit.maxAttempts());
        node.put("days", limit.days());
        node.put("after_conversation_days", limit.afterConversationDays());
        return node;
    }

    public static ContactLimit read(JsonMapper json, String stored) {
        return read(json.readTree(stored));
    }

    public static ContactLimit read(JsonNode node) {
        return new ContactLimit(
                integer(node, "max_attempts"), integer(node, "days"), integer(node, "after_conversation_days"));
    }

    private static @Nullable Integer integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asInt();
    }
}

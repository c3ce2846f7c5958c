package dev.outbound.contact;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who a request reaches, for counting contacts: its {@code contact_id} variable when the call list
 * has one (a debtor with several numbers is one person), otherwise its target. The two kinds
 * never collide: an id key starts {@code id:}, a target key {@code to:}.
 */
public final class ContactKey {
    private static final String FIELD = "contact_id";

    private final JsonMapper json;

    ContactKey(JsonMapper json) {
        this.json = json;
    }

    public String of(String target, String variablesJson) {
        String id = variablesJson.contains("\"" + FIELD + "\"") ? contactId(variablesJson) : null;
        if (id != null) {
            return "id:" + id;
        }
        return "to:" + (target.indexOf('@') >= 0 ? target.toLowerCase(Locale.ROOT) : target);
    }

    private @Nullable String contactId(String variablesJson) {
        JsonNode v = json.readTree(variablesJson).get(FIELD);
        if (v == null || v.isNull() || v.isContainer()) {
            return null;
        }
        String id = v.asString().strip();
        return id.isEmpty() ? null : id;
    }
}

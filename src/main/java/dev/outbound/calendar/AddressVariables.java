package dev.outbound.calendar;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The address a request's variables give: its {@code state} (or {@code province}) and its
 * {@code zip} / {@code postal_code} (or {@code zip_code}, {@code zipcode}, {@code postalcode},
 * {@code postcode}), names matched in any case and with spaces or hyphens for underscores, the
 * first non-blank value of each kind. The variables are a JSON object of strings (numbers are
 * read as their text); anything else, or text that is not JSON, gives no address.
 *
 * <p>It is read for every claimed request of an organization with recipient rules, so the
 * variables are parsed only when their text mentions one of the names, and then by streaming.
 */
record AddressVariables(@Nullable String state, @Nullable String postalCode) {
    static final AddressVariables NONE = new AddressVariables(null, null);

    private static final JsonFactory JSON = new JsonFactory();

    static AddressVariables of(@Nullable String variablesJson) {
        if (variablesJson == null || !mayName(variablesJson)) {
            return NONE;
        }
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), variablesJson)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return NONE;
            }
            String state = null;
            String postal = null;
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                JsonToken value = p.nextToken();
                if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NUMBER_INT) {
                    p.skipChildren();
                    continue;
                }
                Kind kind = kind(name);
                if (kind == Kind.STATE && state == null) {
                    state = nonBlank(p.getString());
                } else if (kind == Kind.POSTAL && postal == null) {
                    postal = nonBlank(p.getString());
                }
            }
            return new AddressVariables(state, postal);
        } catch (JacksonException e) {
            return NONE;
        }
    }

    private enum Kind {
        STATE,
        POSTAL,
        OTHER
    }

    private static Kind kind(String name) {
        return switch (key(name)) {
            case "state", "province" -> Kind.STATE;
            case "zip", "zip_code", "zipcode", "postal_code", "postalcode", "postcode" -> Kind.POSTAL;
            default -> Kind.OTHER;
        };
    }

    /** "Postal Code", " ZIP-code " read "postal_code", "zip_code". */
    private static String key(String name) {
        String key = name.strip();
        if (key.length() > 11) {
            return "";
        }
        var b = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            b.append(c == ' ' || c == '-' ? '_' : Character.toLowerCase(c));
        }
        return b.toString();
    }

    private static @Nullable String nonBlank(String value) {
        return value.isBlank() ? null : value;
    }

    /**
     * Whether the text holds "state", "province", "zip" or "post" in any case: a cheap pass that
     * spares the parse for the variables of most call lists.
     */
    static boolean mayName(String text) {
        for (int i = 0; i < text.length(); i++) {
            boolean found = switch (text.charAt(i)) {
                case 's', 'S' -> text.regionMatches(true, i, "state", 0, 5);
                case 'p', 'P' ->
                    text.regionMatches(true, i, "post", 0, 4) || text.regionMatches(true, i, "province", 0, 8);
                case 'z', 'Z' -> text.regionMatches(true, i, "zip", 0, 3);
                default -> false;
            };
            if (found) {
                return true;
            }
        }
        return false;
    }
}

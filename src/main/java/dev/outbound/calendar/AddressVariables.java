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
 * {@code postcode}), names matched in any case, trimmed, with spaces or hyphens for underscores;
 * the first non-blank value of each kind. The variables are a JSON object of strings (numbers are
 * read as their text); anything else, or text that is not JSON, gives no address.
 *
 * <p>It is read for every claimed request of an organization with recipient rules, so the text
 * is read only when it mentions one of the names, and then by {@link FlatJson} when it can.
 */
record AddressVariables(@Nullable String state, @Nullable String postalCode) {
    static final AddressVariables NONE = new AddressVariables(null, null);

    private static final JsonFactory JSON = new JsonFactory();
    /** Longer names are none of ours ("postal_code" and some spaces at most), so they are not even copied. */
    private static final int LONGEST_NAME = 16;

    static AddressVariables of(@Nullable String variablesJson) {
        if (variablesJson == null || !mayName(variablesJson)) {
            return NONE;
        }
        var found = new Found();
        if (FlatJson.read(variablesJson, found)) {
            return found.address();
        }
        return parsed(variablesJson);
    }

    private static AddressVariables parsed(String variablesJson) {
        var found = new Found();
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), variablesJson)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return NONE;
            }
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT) {
                    found.accept(name, p.getString());
                } else {
                    p.skipChildren();
                }
            }
            return p.nextToken() == null ? found.address() : NONE;
        } catch (JacksonException e) {
            return NONE;
        }
    }

    /** The first non-blank state and postal code among the pairs it is given. */
    private static final class Found implements FlatJson.Pairs {
        private @Nullable String state;
        private @Nullable String postal;

        @Override
        public void accept(String text, int nameFrom, int nameTo, int valueFrom, int valueTo) {
            if (nameTo - nameFrom <= LONGEST_NAME) {
                Kind kind = kind(text.substring(nameFrom, nameTo));
                if (kind != Kind.OTHER) {
                    put(kind, text.substring(valueFrom, valueTo));
                }
            }
        }

        void accept(String name, String value) {
            put(kind(name), value);
        }

        private void put(Kind kind, String value) {
            if (value.isBlank()) {
                return;
            }
            if (kind == Kind.STATE && state == null) {
                state = value;
            } else if (kind == Kind.POSTAL && postal == null) {
                postal = value;
            }
        }

        AddressVariables address() {
            return state == null && postal == null ? NONE : new AddressVariables(state, postal);
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
        var b = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            b.append(c == ' ' || c == '-' ? '_' : Character.toLowerCase(c));
        }
        return b.toString();
    }

    /**
     * Whether the text holds "state", "province", "zip" or "post" in any case, or an escape: a
     * cheap pass that spares the parse for the variables of most call lists.
     */
    static boolean mayName(String text) {
        for (int i = 0; i < text.length(); i++) {
            boolean found = switch (text.charAt(i)) {
                case 's', 'S' -> text.regionMatches(true, i, "state", 0, 5);
                case 'p', 'P' ->
                    text.regionMatches(true, i, "post", 0, 4) || text.regionMatches(true, i, "province", 0, 8);
                case 'z', 'Z' -> text.regionMatches(true, i, "zip", 0, 3);
                case '\\' -> true; // an escape may spell a name ("st\\u0061te")
                default -> false;
            };
            if (found) {
                return true;
            }
        }
        return false;
    }
}

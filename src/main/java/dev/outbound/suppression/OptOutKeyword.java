package dev.outbound.suppression;

import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What an SMS reply asks for, by the carriers' and Twilio's standard keywords. Only a body that
 * is one keyword (surrounding spaces and case ignored) counts: "Stop by at 5" is a message, not
 * an opt-out.
 */
enum OptOutKeyword {
    /** Stop texting me: the number is suppressed. */
    OPT_OUT(Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT")),
    /** Text me again: lifts an opt-out made by SMS, never an entry added by the API or an upload. */
    OPT_IN(Set.of("START", "UNSTOP", "YES")),
    /** Who are you: answered with {@code OUTBOUND_SMS_HELP_TEXT}. */
    HELP(Set.of("HELP", "INFO"));

    private final Set<String> words;

    OptOutKeyword(Set<String> words) {
        this.words = words;
    }

    /** The keyword {@code body} is, or null for any other message. */
    static @Nullable OptOutKeyword of(@Nullable String body) {
        if (body == null) {
            return null;
        }
        String word = body.strip().toUpperCase(Locale.ROOT);
        for (OptOutKeyword k : values()) {
            if (k.words.contains(word)) {
                return k;
            }
        }
        return null;
    }
}

package dev.outbound.contact;

import org.jspecify.annotations.Nullable;

/**
 * How often one person may be contacted: at most {@code maxAttempts} attempts in any rolling
 * {@code days}, and nothing for {@code afterConversationDays} after a conversation. Each part is
 * optional; null means no limit of that kind (an attempt count needs both of its parts). A
 * campaign's limit and its organization's both apply, each in its own window, so the stricter
 * one holds a person back first.
 */
public record ContactLimit(
        @Nullable Integer maxAttempts,
        @Nullable Integer days,
        @Nullable Integer afterConversationDays) {

    public static final ContactLimit NONE = new ContactLimit(null, null, null);

    /** Whether the attempt-count part limits anything. */
    public boolean countsAttempts() {
        return maxAttempts != null && days != null;
    }

    /** Whether any part limits anything. */
    public boolean limits() {
        return countsAttempts() || afterConversationDays != null;
    }
}

package dev.outbound.request;

import org.jspecify.annotations.Nullable;

/**
 * A target as stored: normalised (E.164 or lower-cased email domain) when valid, as given when not.
 *
 * @param lineType libphonenumber's type of a valid phone number in Twilio Lookup's vocabulary
 *     ({@link LineTypes}), null when libphonenumber cannot tell (or for email)
 */
public record Target(String value, boolean valid, @Nullable String lineType) {

    public Target(String value, boolean valid) {
        this(value, valid, null);
    }
}

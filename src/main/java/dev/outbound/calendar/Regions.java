package dev.outbound.calendar;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * A recipient's region ({@code US-FL}, or a country such as {@code GB}) from its request
 * variables {@code state} or {@code zip}/{@code postal_code} when the call list has them, else
 * from its number.
 *
 * <p>Regions are ISO 3166-2 subdivisions for the US (states, DC and the territories PR, GU, VI,
 * AS, MP) and Canada, ISO 3166-1 countries otherwise or when only the country is known. Sources,
 * first that answers wins: the {@code state} variable (code or name), the postal code (a US ZIP
 * by its three-digit prefix, a Canadian one by its first letter), the number (a +1 number by its
 * area code, any other by its country). A value that names nothing falls through to the next
 * source; an email target with no usable variable has no region. The tables are under {@code
 * src/main/resources/calendar/}, loaded once.
 */
@Component
public class Regions {
    /** The region of a request to {@code target} with these variables (JSON object text); null when unknown. */
    public @Nullable String of(String target, @Nullable String variablesJson) {
        AddressVariables address = AddressVariables.of(variablesJson);
        String state = address.state();
        String region = state == null ? null : Subdivisions.named(state);
        if (region == null && address.postalCode() != null) {
            region = PostalCodes.of(address.postalCode());
        }
        return region != null ? region : PhoneRegions.of(target);
    }
}

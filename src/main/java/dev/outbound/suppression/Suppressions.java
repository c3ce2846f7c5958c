package dev.outbound.suppression;

import dev.outbound.api.InvalidInput;
import dev.outbound.api.NotFound;
import dev.outbound.channel.Mode;
import dev.outbound.request.Target;
import dev.outbound.request.Targets;
import java.time.Clock;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An organization's suppression list: what other capabilities and the endpoints call. Targets
 * are normalised like call-list targets, so an entry matches the requests it must stop.
 */
@Service
public class Suppressions {
    /** Longest reason stored (the column's width). */
    static final int MAX_REASON = 1000;

    private final SuppressionRepository entries;
    private final Targets targets;
    private final Clock clock;

    Suppressions(SuppressionRepository entries, Targets targets, Clock clock) {
        this.entries = entries;
        this.targets = targets;
        this.clock = clock;
    }

    /** An entry and whether this call added it (false: the target was already there). */
    public record Added(Suppression entry, boolean created) {}

    /**
     * Adds {@code rawTarget} unless it is already suppressed; either way answers the stored entry.
     * Throws {@link InvalidInput} (422) for a target that is neither a phone number nor an email
     * address, or a reason longer than 1000 characters.
     */
    @Transactional
    public Added add(
            long organizationId,
            String rawTarget,
            SuppressionKind kind,
            SuppressionSource source,
            @Nullable String reason,
            String addedBy) {
        String target = keyOrThrow(rawTarget, "body");
        if (reason != null && reason.length() > MAX_REASON) {
            throw InvalidInput.of(
                    "String should have at most " + MAX_REASON + " characters", "string_too_long", "body", "reason");
        }
        var entry = new Suppression(target, kind, source, reason, addedBy, clock.instant());
        boolean created = entries.insertIfAbsent(organizationId, entry);
        return new Added(entries.find(organizationId, target).orElse(entry), created);
    }

    /**
     * The entry of a target named in a URL: {@link InvalidInput} (422) for a target that cannot be
     * one, {@link NotFound} (404) when it is not listed.
     */
    public Suppression get(long organizationId, String rawTarget) {
        return entries.find(organizationId, keyOrThrow(rawTarget, "path")).orElseThrow(() -> notListed(rawTarget));
    }

    /** Removes a target named in a URL, whatever its source; 422 or 404 like {@link #get}. */
    @Transactional
    public void delete(long organizationId, String rawTarget) {
        if (!entries.delete(organizationId, keyOrThrow(rawTarget, "path"))) {
            throw notListed(rawTarget);
        }
    }

    private static NotFound notListed(String rawTarget) {
        return new NotFound("Target " + rawTarget.strip() + " is not on the suppression list");
    }

    public Optional<Suppression> find(long organizationId, String rawTarget) {
        String target = key(rawTarget);
        return target == null ? Optional.empty() : entries.find(organizationId, target);
    }

    /** Removes the entry of {@code rawTarget} only if it came from {@code source} (START lifts only SMS opt-outs). */
    @Transactional
    public boolean removeFromSource(long organizationId, String rawTarget, SuppressionSource source) {
        String target = key(rawTarget);
        return target != null && entries.deleteFromSource(organizationId, target, source);
    }

    /**
     * The kinds of those of {@code targetKeys} (as stored on requests) that are suppressed, in one
     * indexed lookup; call inside the claiming transaction.
     */
    public Map<String, SuppressionKind> suppressed(long organizationId, Collection<String> targetKeys) {
        return entries.kinds(
                organizationId,
                targetKeys.stream().map(Suppressions::keyOfStored).toList());
    }

    /** The key of a target as requests store it: email addresses are compared lower-cased. */
    public static String keyOfStored(String target) {
        return target.indexOf('@') >= 0 ? target.toLowerCase(Locale.ROOT) : target;
    }

    /** The normalised key of a target as a user typed it; null when it is neither a number nor an address. */
    public @Nullable String key(String rawTarget) {
        String raw = rawTarget.strip();
        Target t = targets.normalize(raw, raw.indexOf('@') >= 0 ? Mode.EMAIL : Mode.VOICE);
        return t.valid() ? keyOfStored(t.value()) : null;
    }

    private String keyOrThrow(String rawTarget, String where) {
        String target = key(rawTarget);
        if (target == null) {
            throw InvalidInput.of(
                    "target must be a phone number (E.164, or national in the default region) or an email address",
                    "value_error",
                    where,
                    "target");
        }
        return target;
    }
}

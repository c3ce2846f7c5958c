package dev.outbound.suppression;

import dev.outbound.channel.UnsubscribeToken;
import dev.outbound.channel.UnsubscribeTokens;
import dev.outbound.request.Outcomes;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A recipient's one-click unsubscribe from an email (RFC 8058). The link's token is signed by
 * {@link UnsubscribeTokens}, so it alone names the organization, request and address; nothing is
 * stored per email sent.
 */
@Service
public class EmailUnsubscribe {
    static final String REASON = "unsubscribed with the link in an email";
    private final UnsubscribeTokens tokens;
    private final Suppressions suppressions;
    private final Outcomes outcomes;
    private final Clock clock;

    EmailUnsubscribe(UnsubscribeTokens tokens, Suppressions suppressions, Outcomes outcomes, Clock clock) {
        this.tokens = tokens;
        this.suppressions = suppressions;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /** Whom the link is for, when we signed it; changes nothing. */
    public Optional<UnsubscribeToken> check(String token) {
        return tokens.verify(token).filter(t -> t.organizationId() > 0);
    }

    /**
     * Suppresses the address in its organization (source {@code email}) and sets the request's
     * channel status UNSUBSCRIBED; a second time changes nothing. Answers false, changing
     * nothing, for a token we did not sign.
     */
    @Transactional
    public boolean unsubscribe(String token) {
        Optional<UnsubscribeToken> checked = check(token);
        if (checked.isEmpty()) {
            return false;
        }
        UnsubscribeToken t = checked.get();
        suppressions.add(
                t.organizationId(),
                t.target(),
                SuppressionKind.UNSUBSCRIBED,
                SuppressionSource.EMAIL,
                REASON,
                "email:request-" + t.requestId());
        outcomes.markUnsubscribed(t.requestId(), clock.instant(), REASON);
        return true;
    }
}

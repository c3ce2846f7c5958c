package dev.outbound.suppression;

import dev.outbound.batch.BatchDispatch;
import dev.outbound.campaign.SmsSenders;
import dev.outbound.request.Outcomes;
import dev.outbound.request.SentRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * STOP and START replies to our text messages. A reply names only the person's number and ours,
 * so the organizations it concerns are found from what was sent: those whose SMS campaigns
 * attempted a request to that number (an opt-out applies to whoever texted the person); if none
 * did, those with a campaign sending from the number that was replied to ({@code caller_id} or
 * {@code source}); if still none, nothing changes and the reply is logged.
 */
@Service
public class SmsOptOut {
    private static final Logger log = LoggerFactory.getLogger(SmsOptOut.class);
    private static final Comparator<SentRequest> LATEST =
            Comparator.comparing(SentRequest::sentAt).thenComparingLong(SentRequest::id);
    private final Suppressions suppressions;
    private final SmsSenders senders;
    private final BatchDispatch batches;
    private final Outcomes outcomes;
    private final Clock clock;

    SmsOptOut(Suppressions suppressions, SmsSenders senders, BatchDispatch batches, Outcomes outcomes, Clock clock) {
        this.suppressions = suppressions;
        this.senders = senders;
        this.batches = batches;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /**
     * The person at {@code from} replied {@code word} (an opt-out keyword) to {@code to}: each
     * organization concerned suppresses the number (source {@code sms}), and its latest SMS
     * request to the number gets channel status UNSUBSCRIBED. Answers how many organizations.
     */
    @Transactional
    public int optOut(String from, String to, String word, @Nullable String messageSid) {
        String person = suppressions.key(from);
        if (person == null || person.indexOf('@') >= 0) {
            log.info("SMS opt-out from {} ignored: not a phone number", masked(from));
            return 0;
        }
        Instant now = clock.instant();
        Map<Long, Optional<SentRequest>> concerned = concerned(person, to);
        String by = messageSid == null || messageSid.isBlank() ? "twilio-inbound" : cut("sms:" + messageSid, 320);
        String reason = cut("replied " + word + " to " + to, 500);
        concerned.forEach((org, latest) -> {
            suppressions.add(org, person, SuppressionKind.UNSUBSCRIBED, SuppressionSource.SMS, reason, by);
            latest.ifPresent(r -> outcomes.markUnsubscribed(r.id(), now, reason));
        });
        return concerned.size();
    }

    /**
     * The person at {@code from} replied START (or UNSTOP, YES): each organization concerned lifts
     * its entry for the number if, and only if, it came from an SMS opt-out. Answers how many
     * entries were lifted.
     */
    @Transactional
    public int optIn(String from, String to) {
        String person = suppressions.key(from);
        if (person == null || person.indexOf('@') >= 0) {
            return 0;
        }
        int lifted = 0;
        for (long org : concerned(person, to).keySet()) {
            if (suppressions.removeFromSource(org, person, SuppressionSource.SMS)) {
                lifted++;
            }
        }
        return lifted;
    }

    /** organization → its latest attempted SMS request to {@code person}, in organization order. */
    private Map<Long, Optional<SentRequest>> concerned(String person, String to) {
        Map<Long, Long> orgOfBatch = batches.batchesOf(senders.smsCampaigns().keySet());
        var latest = new TreeMap<Long, Optional<SentRequest>>();
        if (!orgOfBatch.isEmpty()) {
            for (SentRequest r : outcomes.sentTo(person, orgOfBatch.keySet())) {
                latest.merge(
                        java.util.Objects.requireNonNull(orgOfBatch.get(r.batchPk())),
                        Optional.of(r),
                        SmsOptOut::later);
            }
        }
        if (latest.isEmpty()) {
            String ours = suppressions.key(to);
            for (Map.Entry<Long, String> sender : senders.senderNumbers()) {
                if (ours != null && ours.equals(suppressions.key(sender.getValue()))) {
                    latest.put(sender.getKey(), Optional.empty());
                }
            }
        }
        if (latest.isEmpty()) {
            log.info(
                    "SMS reply from {} to {}: no organization texted the number or sends from ours",
                    masked(person),
                    to);
        }
        return new LinkedHashMap<>(latest);
    }

    private static Optional<SentRequest> later(Optional<SentRequest> a, Optional<SentRequest> b) {
        return LATEST.compare(a.orElseThrow(), b.orElseThrow()) >= 0 ? a : b;
    }

    /** Signed by Twilio, but still no longer than the columns it goes to. */
    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    /** The last 4 digits only: a phone number is personal data. */
    static String masked(String number) {
        String s = number.strip();
        return s.length() <= 4 ? "****" : "***" + s.substring(s.length() - 4);
    }
}

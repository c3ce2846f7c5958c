package dev.outbound.reply;

import dev.outbound.batch.BatchDispatch;
import dev.outbound.campaign.SmsSenders;
import dev.outbound.request.Outcomes;
import dev.outbound.request.SentRequest;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The conversation a reply belongs to: the latest SMS request sent to the person by the
 * organization that owns the number replied to (a campaign of it sends from that number, as
 * {@code caller_id} or {@code source}). When no campaign sends from it (campaigns that text from
 * the account's default number), the organizations that texted the person are asked instead, as
 * the opt-out does.
 */
@Component
class SmsSessions {
    private static final Comparator<SentRequest> LATEST =
            Comparator.comparing(SentRequest::sentAt).thenComparingLong(SentRequest::id);
    private final SmsSenders senders;
    private final BatchDispatch batches;
    private final Outcomes outcomes;

    SmsSessions(SmsSenders senders, BatchDispatch batches, Outcomes outcomes) {
        this.senders = senders;
        this.batches = batches;
        this.outcomes = outcomes;
    }

    /**
     * The latest SMS request sent to {@code person} (normalised, E.164).
     *
     * @param isOurs whether a campaign's sender number, as typed, is the number replied to
     */
    Optional<SentRequest> latest(String person, Predicate<String> isOurs) {
        Map<Long, Long> orgOfCampaign = senders.smsCampaigns();
        Set<Long> owners = senders.senderNumbers().stream()
                .filter(s -> isOurs.test(s.getValue()))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        Set<Long> campaigns = orgOfCampaign.entrySet().stream()
                .filter(c -> owners.isEmpty() || owners.contains(c.getValue()))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        if (campaigns.isEmpty()) {
            return Optional.empty();
        }
        Set<Long> batchPks = batches.batchesOf(campaigns).keySet();
        if (batchPks.isEmpty()) {
            return Optional.empty();
        }
        return outcomes.sentTo(person, batchPks).stream().max(LATEST);
    }
}

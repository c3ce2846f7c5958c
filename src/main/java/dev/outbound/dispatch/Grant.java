package dev.outbound.dispatch;

import dev.outbound.batch.DialableBatch;
import dev.outbound.campaign.CampaignRules;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * Slots a batch may take this tick, and what its claim needs to know. The slots are won only
 * when the claim moves the batch's next slot to {@code next} (see {@link ClaimStep}).
 *
 * @param capDay the campaign day whose daily cap reserved the slots, if the campaign has one
 */
record Grant(
        DialableBatch batch,
        CampaignRules rules,
        int slots,
        @Nullable Collection<String> zones,
        @Nullable LocalDate capDay,
        Instant next) {}

package dev.outbound.dispatch;

import dev.outbound.batch.DialableBatch;
import dev.outbound.campaign.CampaignRules;
import java.time.LocalDate;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/** Slots a batch won this tick, and what its claim needs to know. */
record Grant(
        DialableBatch batch,
        CampaignRules rules,
        int slots,
        @Nullable Collection<String> zones,
        @Nullable LocalDate capDay) {}

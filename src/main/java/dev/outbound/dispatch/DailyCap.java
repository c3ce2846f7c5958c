package dev.outbound.dispatch;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The day {@code max_daily_calls} counts in: always the campaign's own calendar day, even when the
 * hours are read on recipients' clocks, so one counter covers every recipient.
 */
public final class DailyCap {

    private DailyCap() {}

    /** The campaign-local date of {@code at}. */
    public static LocalDate campaignDay(Instant at, ZoneId campaignZone) {
        return LocalDate.ofInstant(at, campaignZone);
    }
}

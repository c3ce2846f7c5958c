package dev.outbound.dispatch;

import java.time.LocalDate;
import org.springframework.stereotype.Component;

/** How many attempts a campaign made on a campaign-local day, as {@code max_daily_calls} counts them. */
@Component
public class DailyCalls {
    private final DailyCapRepository caps;

    DailyCalls(DailyCapRepository caps) {
        this.caps = caps;
    }

    public int madeOn(long campaignId, LocalDate day) {
        return caps.used(campaignId, day);
    }
}

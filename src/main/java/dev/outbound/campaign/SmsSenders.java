package dev.outbound.campaign;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who sends text messages, across organizations: for an SMS reply, which carries only the
 * person's number and ours, to find the organizations it concerns.
 */
@Service
public class SmsSenders {
    private final CampaignRepository campaigns;

    SmsSenders(CampaignRepository campaigns) {
        this.campaigns = campaigns;
    }

    /** campaign id → organization id of every SMS campaign, deleted ones included. */
    @Transactional(readOnly = true)
    public Map<Long, Long> smsCampaigns() {
        return campaigns.smsCampaigns();
    }

    /** (organization id, number as typed) of every campaign's caller_id and source. */
    @Transactional(readOnly = true)
    public List<Map.Entry<Long, String>> senderNumbers() {
        return campaigns.senderNumbers();
    }
}

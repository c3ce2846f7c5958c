package dev.outbound.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecipientZonesTest {
    static final ZoneId CAMPAIGN_ZONE = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void a_new_york_number_is_in_new_york() {
        assertThat(RecipientZones.zonesFor("+12125550100", CAMPAIGN_ZONE)).containsExactly(NEW_YORK);
    }

    @Test
    void a_london_number_is_in_london() {
        assertThat(RecipientZones.zonesFor("+442079460000", CAMPAIGN_ZONE)).containsExactly(LONDON);
    }

    @Test
    void a_us_toll_free_number_may_be_in_any_of_many_zones() {
        Set<ZoneId> zones = RecipientZones.zonesFor("+18002752273", CAMPAIGN_ZONE);
        assertThat(zones).hasSizeGreaterThan(10).contains(NEW_YORK, LOS_ANGELES, ZoneId.of("Pacific/Honolulu"));
        assertThat(zones).doesNotContain(CAMPAIGN_ZONE);
    }

    @Test
    void a_number_whose_zone_is_unknown_falls_back_to_the_campaign_zone() {
        // International freephone (+800): valid, but in no particular zone.
        assertThat(RecipientZones.zonesFor("+80012345678", CAMPAIGN_ZONE)).containsExactly(CAMPAIGN_ZONE);
    }

    @Test
    void an_invalid_number_falls_back_to_the_campaign_zone() {
        assertThat(RecipientZones.zonesFor("+447700900123", CAMPAIGN_ZONE)).containsExactly(CAMPAIGN_ZONE);
    }

    @Test
    void an_unparseable_number_falls_back_to_the_campaign_zone() {
        assertThat(RecipientZones.zonesFor("not a number", CAMPAIGN_ZONE)).containsExactly(CAMPAIGN_ZONE);
        assertThat(RecipientZones.zonesFor("+999123456", CAMPAIGN_ZONE)).containsExactly(CAMPAIGN_ZONE);
        assertThat(RecipientZones.zonesFor("", CAMPAIGN_ZONE)).containsExactly(CAMPAIGN_ZONE);
    }

    @Test
    void zones_are_answered_in_order_of_their_ids() {
        assertThat(RecipientZones.zonesFor("+18002752273", CAMPAIGN_ZONE))
                .extracting(ZoneId::getId)
                .isSorted();
    }

    @Test
    void the_column_holds_the_ids_sorted_and_comma_separated() {
        assertThat(RecipientZones.zonesColumn(Set.of(NEW_YORK, LONDON, LOS_ANGELES)))
                .isEqualTo("America/Los_Angeles,America/New_York,Europe/London");
        assertThat(RecipientZones.zonesColumn(Set.of(NEW_YORK))).isEqualTo("America/New_York");
        assertThat(RecipientZones.zonesColumn(Set.of())).isEmpty();
    }

    @Test
    void the_column_reads_back_to_the_same_zones() {
        Set<ZoneId> tollFree = RecipientZones.zonesFor("+18002752273", CAMPAIGN_ZONE);
        assertThat(RecipientZones.parseZones(RecipientZones.zonesColumn(tollFree)))
                .isEqualTo(tollFree);
        assertThat(RecipientZones.parseZones("America/New_York")).containsExactly(NEW_YORK);
    }

    @Test
    void reading_the_column_skips_blanks_and_unknown_ids() {
        assertThat(RecipientZones.parseZones("")).isEmpty();
        assertThat(RecipientZones.parseZones(" America/New_York , ,Mars/Olympus_Mons,Etc/Unknown"))
                .containsExactly(NEW_YORK);
    }
}
